import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EmailSchema } from '@shared/contracts/accounts.js';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { sqlDateTime } from '../platform/db/sql-time.js';
import { createLogger } from '../platform/logger.js';
import { hashPassword } from '../platform/security/passwords.js';
import { DatabaseSessionStore } from '../modules/accounts/index.js';
import { AuditService } from '../modules/audit/index.js';
import { DEMO_EMAILS } from '../../../db/seeds/demo.js';

/**
 * `npm run demo:password`: new random passwords for the demo shopper and the demo admin (their
 * first ones are printed only once, at the first start), printed once more. `-- --email <address>`
 * does the same for that one account (an operator's way back in). Each change is audited as a
 * system action and ends the account's sessions, as a password reset does.
 */
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const { values } = parseArgs({ options: { email: { type: 'string' } }, strict: true });
let emails: string[];
if (values.email === undefined) {
  emails = [DEMO_EMAILS.shopper, DEMO_EMAILS.admin];
} else {
  const parsed = EmailSchema.safeParse(values.email);
  if (!parsed.success) {
    process.stderr.write('Usage: npm run demo:password [-- --email someone@example.com]\n');
    process.exit(2);
  }
  emails = [parsed.data];
}
const config = loadConfig(process.env);
const logger = createLogger('warn');
const database = await openDatabase(config.database, logger);
let missing = 0;
try {
  await migrate(database);
  const audit = new AuditService(database, systemClock);
  const sessions = new DatabaseSessionStore(database, systemClock);
  for (const email of emails) {
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    // Two statements on the users table, written out here: the accounts module offers no
    // "set a password without the old one" to other code, and should not.
    const user = await database.transaction(async (manager) => {
      const [found] = await manager.query<Array<{ id: string | number; role: string }>>(
        'SELECT id, role FROM users WHERE email = ?',
        [email],
      );
      if (!found) return null;
      const id = String(found.id);
      await manager.query('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?', [
        passwordHash,
        sqlDateTime(systemClock.now()),
        id,
      ]);
      await audit.record(
        {
          action: 'password_reset',
          actor: { kind: 'system' },
          subjectUserId: id,
          client: { ip: null, userAgent: 'demo:password' },
        },
        manager,
      );
      return { id, role: found.role };
    });
    if (!user) {
      missing++;
      process.stderr.write(`${email}: there is no such account (npm run db:seed creates the demo ones).\n`);
      continue;
    }
    await sessions.destroyAllForUser(user.id);
    process.stdout.write(`${email} (${user.role}): new password (shown only now): ${password}\n`);
  }
} finally {
  await database.close();
}
if (missing > 0) process.exitCode = 1;
