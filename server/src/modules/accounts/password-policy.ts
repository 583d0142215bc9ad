import fs from 'node:fs';
import path from 'node:path';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@shared/contracts/accounts.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * NIST SP 800-63B style: a length range and a check against passwords known from breaches, no
 * composition rules. The list ships with the server (`server/data/common-passwords.txt`: every
 * entry of at least 8 characters among the ~49,000 most common passwords of the zxcvbn-ts
 * dictionary, plus common Czech and Slovak ones), compared case-insensitively.
 */
let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const file = path.resolve('server/data/common-passwords.txt');
    commonPasswords = new Set(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
  }
  return commonPasswords;
}

export function commonPasswordCount(): number {
  return loadCommonPasswords().size;
}

export function assertAcceptablePassword(password: string, email: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      'PASSWORD_LENGTH',
      400,
      `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
  const lowered = password.toLowerCase();
  const localPart = email.split('@')[0]?.toLowerCase();
  if (loadCommonPasswords().has(lowered) || lowered === email.toLowerCase() || lowered === localPart) {
    throw new AppError(
      'PASSWORD_TOO_COMMON',
      400,
      'This password is among the most common or leaked ones, or it is your e-mail. Choose another.',
      { errors: [{ path: 'password', message: 'too common' }] },
    );
  }
}
