import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { seedDemoData } from '../../../db/seeds/demo.js';

/**
 * `npm run db:seed`: applies pending migrations, then the demo data (networks, shops, a demo shopper
 * and a demo admin, whose passwords are printed once). Idempotent: a database that already has a
 * network is left as it is — `npm run demo:password` gives the demo accounts new passwords.
 * `npm start` does the same in development on its own.
 */
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig(process.env);
// Warnings at least: the seed prints the demo credentials as one.
const logger = createLogger(config.logLevel === 'silent' ? 'warn' : config.logLevel);
const database = await openDatabase(config.database, logger);
try {
  await migrate(database);
  const seeded = await seedDemoData(database, logger, systemClock, {
    publicUrl: config.publicUrl,
    announce: true,
  });
  process.stdout.write(
    seeded
      ? 'Demo data seeded (the demo passwords are in the line above).\n'
      : 'The database already has data; nothing was seeded. New demo passwords: npm run demo:password\n',
  );
} finally {
  await database.close();
}
