import fs from 'node:fs';
import http from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate, openDatabase } from './database.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';
import { Mailer } from './platform/mail/mailer.js';
import { CatalogueWatch } from './modules/shops/index.js';
import { ReportPuller } from './modules/reconciliation/index.js';
import { seedDemoData } from '../../db/seeds/demo.js';

/** Time given to in-flight requests after SIGTERM/SIGINT before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

if (fs.existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database, logger);
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  if (config.seedDemo) await seedDemoData(database, logger, systemClock, { publicUrl: config.publicUrl });

  const mailer = new Mailer(config.mail, logger);
  const app = createApp({ config, database, logger, clock: systemClock, mailer });
  app.outbox.start();
  // Catalogue changes made through other processes (see modules/shops/README.md).
  const catalogueWatch = new CatalogueWatch({ database, shops: app.services.shops, logger });
  catalogueWatch.start();
  // Networks' reports through their APIs, as dry runs for finance (modules/reconciliation).
  const reportPull = new ReportPuller({
    config: config.reportPull,
    reconciliation: app.services.reconciliation,
    clock: systemClock,
    logger,
  });
  reportPull.start();
  const sessionPurge = setInterval(() => {
    app.services.sessions
      .purgeExpired()
      .catch((error: unknown) => logger.warn({ err: error }, 'session purge failed'));
  }, 3600_000);
  sessionPurge.unref();
  const server = http.createServer(app.listener);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(
      { url: config.publicUrl, database: config.database.type, port },
      `Vratka is listening on http://${config.host}:${port}`,
    );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const forceTimer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    forceTimer.unref();
    server.close(() => {
      clearInterval(sessionPurge);
      catalogueWatch.stop();
      app.clickWriter
        .drain()
        .then(() => reportPull.stop())
        .then(() => app.outbox.stop())
        .then(() => mailer.close())
        .then(() => database.close())
        .then(() => {
          logger.info('shutdown complete');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'error while closing the database');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Vratka failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
