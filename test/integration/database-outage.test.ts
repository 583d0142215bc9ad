import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { createApp, type App } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/database.js';
import type { Database } from '../../server/src/platform/db/database.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { BROWSER_UA, demoNetwork, orderId } from '../helpers/money-path.js';

/** A network's signed postback (Standard Webhooks) about a new order, to the given app. */
async function postback(app: App) {
  const { secret } = await demoNetwork();
  const payload = JSON.stringify({
    id: `evt_${randomBytes(6).toString('hex')}`,
    click_id: null,
    order_id: orderId('OUTAGE'),
    order_amount: '1000.00',
    commission: '50.00',
    currency: 'CZK',
    status: 'pending',
  });
  const messageId = `msg_${randomBytes(8).toString('hex')}`;
  const at = ctx().clock.now();
  return request(app.listener)
    .post('/postback/demo')
    .set('Content-Type', 'application/json')
    .set('webhook-id', messageId)
    .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
    .set('webhook-signature', new Webhook(secret).sign(messageId, at, payload))
    .send(payload);
}

function click(app: App, cookie: string) {
  return request(app.listener)
    .get('/go/alza-cz')
    .set('User-Agent', BROWSER_UA)
    .set('Cookie', cookie)
    .redirects(0);
}

/** 503 with `Retry-After`, as a problem document when `problem` (an HTML page for the redirect). */
function assertUnavailable(response: request.Response, what: string, problem = true): void {
  assert.equal(response.status, 503, `${what}: ${response.status} ${response.text}`);
  assert.equal(response.headers['retry-after'], '5', `${what}: Retry-After`);
  if (!problem) return;
  assert.match(response.headers['content-type'] as string, /^application\/problem\+json/, what);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  assert.equal(body.status, 503, what);
  assert.equal(body.code, 'SERVICE_UNAVAILABLE', what);
  assert.doesNotMatch(response.text, /stack|ECONNREFUSED|SQLITE_|at \//, `${what}: no internals`);
}

/** A TCP proxy in front of the database server that can be closed (connections cut, port refused) and reopened. */
class DatabaseProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Cuts every connection and stops listening: new connections are refused. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('when the database is unavailable', () => {
  const dialect = process.env.DB_TYPE ?? 'sqlite';

  if (dialect === 'mariadb' || dialect === 'mysql') {
    describe('MySQL/MariaDB: the connection to the server is cut and refused', () => {
      let proxy: DatabaseProxy;
      let database: Database | undefined;
      let app: App;

      before(async function () {
        this.timeout(60_000);
        const target = new URL(ctx().target.url);
        proxy = new DatabaseProxy(target.hostname, Number(target.port || 3306));
        await proxy.open();
        target.host = `127.0.0.1:${proxy.port}`;
        database = await openDatabase(
          { type: ctx().config.database.type, url: target.toString(), poolSize: 4 },
          ctx().logger,
        );
        // A second app on the same database, through the proxy (the suite's app stays direct).
        app = createApp({
          config: ctx().config,
          database,
          logger: ctx().logger,
          clock: ctx().clock,
          mailer: ctx().mailer,
          clientDirectory: path.resolve('test/fixtures/client'),
        });
      });

      after(async () => {
        await database?.close();
        await proxy?.close();
      });

      it('then postbacks, API reads, clicks and /healthz answer 503 with Retry-After; once it is back, the same requests succeed without a restart', async function () {
        this.timeout(60_000);
        const cached = await signedUpShopper('outage-cached');
        const uncached = await signedUpShopper('outage-uncached');
        const cachedCookie = cached.browser.sessionCookie!;
        const uncachedCookie = uncached.browser.sessionCookie!;

        // Before: everything works through the proxy, and the catalogue, the network and the
        // first shopper's session are in this app's caches.
        await request(app.listener).get('/api/v1/shops').expect(200);
        await request(app.listener).get('/api/v1/me/balance').set('Cookie', cachedCookie).expect(200);
        assert.equal((await postback(app)).status, 202);
        assert.equal((await click(app, cachedCookie)).status, 302);

        await proxy.close();
        const started = Date.now();
        assertUnavailable(await postback(app), 'postback');
        // The cached session's read is answered in front of Express; the other one goes through it.
        assertUnavailable(
          await request(app.listener).get('/api/v1/me/balance').set('Cookie', cachedCookie),
          'balance, cached session',
        );
        assertUnavailable(
          await request(app.listener).get('/api/v1/me/balance').set('Cookie', uncachedCookie),
          'balance, session from the database',
        );
        assertUnavailable(await click(app, cachedCookie), 'click', false);
        const health = await request(app.listener).get('/healthz');
        assert.equal(health.status, 503);
        assert.equal(health.headers['retry-after'], '5');
        assert.equal(health.body.database.status, 'down');
        // What is in memory keeps being served.
        await request(app.listener).get('/api/v1/shops').expect(200);
        assert.ok(
          Date.now() - started < 15_000,
          'refused connections are answered at once, not after a hang',
        );

        await proxy.open();
        await request(app.listener).get('/healthz').expect(200);
        assert.equal((await postback(app)).status, 202);
        await request(app.listener).get('/api/v1/me/balance').set('Cookie', cachedCookie).expect(200);
        await request(app.listener).get('/api/v1/me/balance').set('Cookie', uncachedCookie).expect(200);
        assert.equal((await click(app, cachedCookie)).status, 302);
      });
    });
  }

  if (dialect === 'sqlite') {
    describe('SQLite: another process holds the write lock past the busy timeout', () => {
      let locker: BetterSqlite3.Database | undefined;

      afterEach(async () => {
        locker?.close();
        locker = undefined;
        await ctx().database.dataSource.query('PRAGMA busy_timeout = 5000');
      });

      it('then postbacks, API writes and clicks answer 503 with Retry-After while reads go on; once it is released, the same requests succeed', async function () {
        this.timeout(60_000);
        const shopper = await signedUpShopper('outage-sqlite');
        const cookie = shopper.browser.sessionCookie!;
        const { app } = ctx();
        assert.equal((await postback(app)).status, 202);
        await request(app.listener).get('/api/v1/me/balance').set('Cookie', cookie).expect(200);
        assert.equal((await click(app, cookie)).status, 302);

        // Another connection (as another process would) takes the write lock and keeps it; the
        // app's wait for it is cut from 5 s to 0.2 s to keep the test short.
        await ctx().database.dataSource.query('PRAGMA busy_timeout = 200');
        locker = new BetterSqlite3(ctx().target.url);
        locker.exec('BEGIN IMMEDIATE');

        assertUnavailable(await postback(app), 'postback');
        assertUnavailable(await shopper.browser.post('/api/v1/auth/logout'), 'logout (writes)');
        assertUnavailable(await click(app, cookie), 'click', false);
        // WAL: readers do not wait for the writer.
        await request(app.listener).get('/api/v1/me/balance').set('Cookie', cookie).expect(200);
        await request(app.listener).get('/healthz').expect(200);

        locker.exec('ROLLBACK');
        assert.equal((await postback(app)).status, 202);
        assert.equal((await click(app, cookie)).status, 302);
        await shopper.browser.post('/api/v1/auth/logout').expect(204);
      });
    });
  }
});
