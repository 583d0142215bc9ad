import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EmailSchema } from '@shared/contracts/accounts.js';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { hashPassword } from '../platform/security/passwords.js';
import { AccountsRepository } from '../modules/accounts/index.js';
import { AuditService } from '../modules/audit/index.js';

/**
 * `npm run admin:create -- --email admin@example.com`: makes that account an admin, creating it
 * (with a random password printed once) when it does not exist. Audited as a system action.
 */
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const { values } = parseArgs({ options: { email: { type: 'string' } }, strict: true });
const parsedEmail = EmailSchema.safeParse(values.email ?? '');
if (!parsedEmail.success) {
  process.stderr.write('Usage: npm run admin:create -- --email admin@example.com\n');
  process.exit(2);
}
const email = parsedEmail.data;
const config = loadConfig(process.env);
const logger = createLogger('warn');
const database = await openDatabase(config.database, logger);
try {
  await migrate(database);
  const audit = new AuditService(database, systemClock);
  const accounts = new AccountsRepository(database);
  const system = { kind: 'system' as const };
  const client = { ip: null, userAgent: 'admin:create' };
  const now = systemClock.now();
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  const outcome = await database.transaction(async (manager) => {
    const existing = await accounts.findUserByEmail(email, manager);
    if (existing) {
      if (existing.role === 'admin') return 'already an admin';
      await accounts.updateUser(existing.id, { role: 'admin', updatedAt: now }, manager);
      await audit.record(
        {
          action: 'role_changed',
          actor: system,
          subjectUserId: existing.id,
          client,
          before: { role: existing.role },
          after: { role: 'admin' },
        },
        manager,
      );
      return 'promoted to admin';
    }
    const created = await accounts.insertUser(
      {
        email,
        emailVerifiedAt: null,
        passwordHash,
        role: 'admin',
        marketCode: 'cz',
        language: 'cs',
        displayName: null,
        adultConfirmedAt: null,
        termsVersion: null,
        termsAcceptedAt: null,
        privacyVersion: null,
        privacyAcceptedAt: null,
        createdAt: now,
        updatedAt: now,
      },
      manager,
    );
    await audit.record(
      { action: 'register', actor: system, subjectUserId: created.id, client, after: { email } },
      manager,
    );
    await audit.record(
      {
        action: 'role_changed',
        actor: system,
        subjectUserId: created.id,
        client,
        before: { role: 'shopper' },
        after: { role: 'admin' },
      },
      manager,
    );
    return 'created';
  });
  process.stdout.write(
    outcome === 'created'
      ? `Admin ${email} created. One-time password (shown only now; change it after logging in): ${password}\n`
      : `${email}: ${outcome}.\n`,
  );
} finally {
  await database.close();
}
