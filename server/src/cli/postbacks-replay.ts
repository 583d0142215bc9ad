import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { Mailer } from '../platform/mail/mailer.js';

/**
 * `npm run postbacks:replay -- --since 2026-11-01T00:00:00Z [--network awin]`: processes stored
 * postbacks again, oldest first. Idempotent: what was applied before is reported as a duplicate and
 * changes nothing; what failed (e.g. before a fix) is applied now.
 */
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const { values } = parseArgs({
  options: { since: { type: 'string' }, network: { type: 'string' } },
  strict: true,
});
const since = values.since ? new Date(values.since) : undefined;
if (!since || Number.isNaN(since.getTime())) {
  process.stderr.write('Usage: npm run postbacks:replay -- --since 2026-11-01T00:00:00Z [--network slug]\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const logger = createLogger('warn');
const database = await openDatabase(config.database, logger);
const mailer = new Mailer(config.mail, logger);
try {
  await migrate(database);
  const app = createApp({ config, database, logger, clock: systemClock, mailer });
  const { postbacks } = app.services;
  const networkId = values.network ? await postbacks.networkIdOf(values.network) : null;
  if (values.network && networkId === null) throw new Error(`no network ${values.network}`);
  const outcomes = new Map<string, number>();
  let lastId = '0';
  for (;;) {
    const batch = await postbacks.storedSince({ since, networkId, afterId: lastId, limit: 500 });
    if (batch.length === 0) break;
    for (const row of batch) {
      lastId = row.id;
      try {
        const outcome = await postbacks.replay(row);
        outcomes.set(outcome.kind, (outcomes.get(outcome.kind) ?? 0) + 1);
      } catch (error) {
        outcomes.set('failed', (outcomes.get('failed') ?? 0) + 1);
        logger.error({ err: error, inboxId: row.id }, 'replay failed');
      }
    }
    if (batch.length < 500) break;
  }
  const summary = [...outcomes].map(([kind, count]) => `${kind}: ${count}`).join(', ') || 'nothing to replay';
  process.stdout.write(`Replayed postbacks since ${since.toISOString()}: ${summary}\n`);
  process.exitCode = outcomes.has('failed') ? 1 : 0;
} finally {
  mailer.close();
  await database.close();
}
