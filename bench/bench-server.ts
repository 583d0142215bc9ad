/**
 * The app server for a benchmark, in its own process: a fresh database (MariaDB when
 * DATABASE_URL is set, else a temporary SQLite file), migrated and seeded, one registered
 * shopper logged in. Prints one JSON line `{port, cookie, userId, databaseUrl}` when ready.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { randomId128 } from '../shared/src/ids.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { migrate, openDatabase } from '../server/src/database.js';
import { systemClock } from '../server/src/platform/clock.js';
import { createLogger } from '../server/src/platform/logger.js';
import { Mailer } from '../server/src/platform/mail/mailer.js';
import { seedDemoData } from '../db/seeds/demo.js';

async function freshDatabase(): Promise<{ type: 'sqlite' | 'mariadb'; url: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-bench-'));
    return { type: 'sqlite', url: path.join(directory, 'bench.sqlite') };
  }
  const url = new URL(base);
  const name = `vratka_bench_${Date.now().toString(36)}`;
  const server = new URL(url);
  server.pathname = '/';
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  return { type: 'mariadb', url: url.toString() };
}

const target = await freshDatabase();
const config = loadConfig({
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DB_TYPE: target.type,
  DATABASE_URL: target.url,
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-bench-data-')),
  AUTH_RATE_LIMIT_PER_IP: '100000',
  AUTH_RATE_LIMIT_PER_ACCOUNT: '100000',
  // The benchmark is one network sending as fast as it can; the limit guards against floods.
  POSTBACK_RATE_LIMIT_PER_MINUTE: '10000000',
});
const logger = createLogger('warn');
const database = await openDatabase(config.database, logger);
await migrate(database);
await seedDemoData(database, logger, systemClock, { publicUrl: 'http://127.0.0.1:3000', announce: false });
const app = createApp({
  config,
  database,
  logger,
  clock: systemClock,
  mailer: new Mailer(config.mail, logger),
});
// Counts the 302 answers the server wrote (a few go to clients that autocannon already hung up on
// at the end of a run), for the rows-written = redirects-answered check.
let redirects = 0;
const server = http.createServer({ keepAlive: true }, (req, res) => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied to res below
  const originalWriteHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
    if (args[0] === 302) redirects += 1;
    return originalWriteHead.apply(this, args);
  } as typeof res.writeHead;
  app.listener(req, res);
});
process.on('message', () =>
  process.send?.({ redirects, cpuMs: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 }),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

// Log a shopper in through the real API, as a browser would.
const base = `http://127.0.0.1:${port}`;
const csrf = await fetch(`${base}/api/v1/auth/csrf`);
const anonymousCookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!;
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const email = `bench-${Date.now()}@example.test`;
const password = 'benchmark passphrase 2026';
const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, Cookie: anonymousCookie };
const registration = await fetch(`${base}/api/v1/auth/register`, {
  method: 'POST',
  headers,
  body: JSON.stringify({
    email,
    password,
    market: 'cz',
    language: 'cs',
    adultConfirmed: true,
    termsVersion: '2026-01',
    privacyVersion: '2026-01',
  }),
});
if (registration.status !== 202) throw new Error(`register: ${registration.status}`);
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ email, password }),
});
if (login.status !== 200) throw new Error(`login: ${login.status}`);
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
const { user } = (await login.json()) as { user: { id: string } };

// For the postback benchmark: the demo network's signing secret and clicks on a demo-network shop.
const demo = await database.manager.query<Array<{ id: string | number }>>(
  "SELECT id FROM networks WHERE slug = 'demo'",
);
const demoNetworkId = String(demo[0]!.id);
const webhookSecret = (await app.services.networkSecrets.create(demoNetworkId, 'hmac', 'benchmark', null))
  .secret;
// Postbacks land on many shoppers, as in life: 500 shoppers with one click each on a demo-network
// shop, written straight to the tables (their sign-up is not what is measured).
const shopperIds: string[] = [];
const clickIds: string[] = [];
const [shop] = await database.manager.query<Array<{ id: string | number; network_id: string | number }>>(
  "SELECT id, network_id FROM shops WHERE slug = 'dobrovsky-cz'",
);
const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
for (let index = 0; index < 500; index++) {
  await database.manager.query(
    "INSERT INTO users (email, role, market_code, language, created_at, updated_at) VALUES (?, 'shopper', 'cz', 'cs', ?, ?)",
    [`bench-shopper-${index}-${Date.now()}@example.test`, now, now],
  );
}
const shoppers = await database.manager.query<Array<{ id: string | number }>>(
  "SELECT id FROM users WHERE email LIKE 'bench-shopper-%' ORDER BY id",
);
for (const row of shoppers) {
  const clickId = randomId128();
  await database.manager.query(
    'INSERT INTO clicks (id, user_id, visitor_id, shop_id, network_id, created_at, ip_trunc, user_agent) VALUES (?, ?, NULL, ?, ?, ?, NULL, NULL)',
    [clickId, row.id, shop!.id, shop!.network_id, now],
  );
  shopperIds.push(String(row.id));
  clickIds.push(clickId);
}

process.stdout.write(
  `${JSON.stringify({ port, cookie, userId: user.id, databaseUrl: target.url, type: target.type, webhookSecret, clickIds, shopperIds, demoNetworkId })}\n`,
);
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
