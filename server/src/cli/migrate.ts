import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { createLogger } from '../platform/logger.js';

/** `npm run db:migrate`: applies pending migrations of the configured dialect and exits. */
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const database = await openDatabase(config.database, logger);
try {
  const applied = await migrate(database);
  logger.info(
    { applied },
    applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database is up to date',
  );
} finally {
  await database.close();
}
