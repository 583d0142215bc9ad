import { createHash } from 'node:crypto';
import type { StatementImportCreate } from '@shared/contracts/payout-statements.js';
import { parseCamt053Statement } from './camt053-statement.js';
import { parseCsvStatement } from './csv-statement.js';
import { parseGpcStatement } from './gpc-statement.js';
import { decodeStatement, invalidStatement, statementBytes, type StatementLine } from './statement-line.js';

export interface ParsedStatement {
  /** SHA-256 of the file's bytes: the same file is the same statement, however it was sent. */
  sha256: string;
  lines: StatementLine[];
}

/** Reads an uploaded statement in its format; anything unreadable is a 400, never a throw that becomes a 5xx. */
export function parseStatement(input: StatementImportCreate): ParsedStatement {
  const base64 = input.base64 ?? false;
  const encoding = input.encoding ?? (input.format === 'gpc' ? 'windows-1250' : 'utf-8');
  if (encoding === 'windows-1250' && !base64)
    throw invalidStatement(
      'Send a windows-1250 file base64-encoded (`base64: true`): its bytes are not JSON text.',
    );
  const bytes = statementBytes(input.content, base64);
  if (bytes.length === 0) throw invalidStatement('The file is empty.');
  const text = decodeStatement(bytes, encoding);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  switch (input.format) {
    case 'csv':
      return {
        sha256,
        lines: parseCsvStatement(text, {
          ...(input.delimiter ? { delimiter: input.delimiter } : {}),
          ...(input.currency ? { currency: input.currency } : {}),
        }),
      };
    case 'camt053':
      return { sha256, lines: parseCamt053Statement(text) };
    case 'gpc':
      return { sha256, lines: parseGpcStatement(text, input.currency ? { currency: input.currency } : {}) };
  }
}
