import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { migrate, openDatabase } from '../../server/src/database.js';
import { fixedClock } from '../../server/src/platform/clock.js';
import type { Database } from '../../server/src/platform/db/database.js';
import { createLogger, type Logger } from '../../server/src/platform/logger.js';
import { Mailer } from '../../server/src/platform/mail/mailer.js';
import { seedDemoData } from '../../db/seeds/demo.js';
import { SmtpCatcher } from './smtp-catcher.js';
import { createTestDatabase, type TestDatabaseTarget } from './test-database.js';

export interface TestContext {
  config: Config;
  database: Database;
  logger: Logger;
  clock: ReturnType<typeof fixedClock>;
  mailer: Mailer;
  smtp: SmtpCatcher;
  app: App;
  /** The test database's target, e.g. to open a second connection in a migration test. */
  target: TestDatabaseTarget;
  mail(to: string): Promise<ParsedMail>;
}

let context: TestContext | undefined;

/** Environment for a test configuration: the per-run database and the SMTP catcher. */
export function testEnvironment(target: TestDatabaseTarget, smtpUrl: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DB_TYPE: target.type,
    DATABASE_URL: target.url,
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: smtpUrl,
    PUBLIC_URL: 'http://localhost:3000',
    // Claims' proofs of purchase go to a directory of this run's own.
    CLAIM_PROOF_DIR: path.join(os.tmpdir(), `vratka-claim-proofs-${process.pid}-${Date.now()}`),
    // Tests log in many times from one address; the limits themselves are tested on their own app.
    AUTH_RATE_LIMIT_PER_IP: '100000',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '100000',
  };
}

/**
 * Started once per mocha run by the root hooks: one database, migrated and seeded. Server tests
 * use a stand-in web client (`test/fixtures/client`) so they do not depend on a client build;
 * browser tests pass the built one.
 */
export async function startTestContext(
  clientDirectory = path.resolve('test/fixtures/client'),
): Promise<TestContext> {
  const target = await createTestDatabase();
  const smtp = new SmtpCatcher();
  const smtpUrl = await smtp.start();
  const config = loadConfig(testEnvironment(target, smtpUrl));
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database, logger);
  await migrate(database);
  const clock = fixedClock(new Date());
  await seedDemoData(database, logger, clock, { publicUrl: config.publicUrl, announce: false });
  const mailer = new Mailer(config.mail, logger);
  const app = createApp({ config, database, logger, clock, mailer, clientDirectory });
  context = { config, database, logger, clock, mailer, smtp, app, target, mail: (to) => smtp.waitFor(to) };
  return context;
}

export async function stopTestContext(): Promise<void> {
  if (!context) return;
  await context.app.outbox.stop();
  context.mailer.close();
  await context.database.close();
  await context.smtp.stop();
  await context.target.drop();
  await fs.rm(context.config.claimProofDirectory, { recursive: true, force: true });
  context = undefined;
}

export function ctx(): TestContext {
  if (!context) throw new Error('test context not started (root hooks missing?)');
  return context;
}
