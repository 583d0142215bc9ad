import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EmailSchema } from '@shared/contracts/accounts.js';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { hashPassword } from '../platform/security/passwords.js';
import { AccountsRepository, DatabaseSessionStore } from '../modules/accounts/index.js';
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
  const users = new AccountsRepository(database);
  for (const email of emails) {
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const user = await database.transaction(async (manager) => {
      const found = await users.findUserByEmail(email, manager);
      if (!found) return null;
      await users.updateUser(found.id, { passwordHash, updatedAt: systemClock.now() }, manager);
      await audit.record(
        {
          action: 'password_reset',
          actor: { kind: 'system' },
          subjectUserId: found.id,
          client: { ip: null, userAgent: 'demo:password' },
        },
        manager,
      );
      return found;
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
