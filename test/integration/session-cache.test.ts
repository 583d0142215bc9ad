import assert from 'node:assert/strict';
import request from 'supertest';
import { DatabaseSessionStore } from '../../server/src/modules/accounts/session-store.js';
import { SessionUserCache } from '../../server/src/modules/accounts/session-user-cache.js';
import { SessionRecord } from '../../server/src/modules/accounts/session.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { SESSION_LIFETIMES } from '../../server/src/modules/accounts/session.js';
import { Browser, GOOD_PASSWORD, signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

/**
 * The shopper's hot reads (/me/balance, /me/purchases) take a session the full check accepted in
 * the last 30 s from an in-process cache, both through the server's listener (the hot path in
 * front of Express) and through the Express application. These tests pin what that may and may
 * not change.
 */
const CACHED_READS = ['/api/v1/me/balance', '/api/v1/me/purchases'];
const entryPoints = () => [ctx().app.listener, ctx().app.express];

/** The status of each cached read through each entry point: 4 answers. */
async function statuses(cookie: string): Promise<number[]> {
  const answers = [];
  for (const entry of entryPoints()) {
    for (const path of CACHED_READS)
      answers.push((await request(entry).get(path).set('Cookie', cookie)).status);
  }
  return answers;
}

const all = (status: number) => [status, status, status, status];

/** Runs `work` with the shared test clock moved by `ms`, then puts it back. */
async function later(ms: number, work: () => Promise<void>): Promise<void> {
  const { clock } = ctx();
  const now = clock.now();
  clock.set(new Date(now.getTime() + ms));
  try {
    await work();
  } finally {
    clock.set(now);
  }
}

describe('cached session on the shopper’s reads', () => {
  it('when the session row disappears behind this process’s back, then cached reads last at most 30 s and every other route refuses at once', async () => {
    const { browser, userId } = await signedUpShopper('cache-bound');
    const cookie = browser.sessionCookie!;
    assert.deepEqual(await statuses(cookie), all(200));
    // As if another instance had ended the session: the row goes, this process is not told.
    await ctx().database.manager.delete(SessionRecord, { userId });
    assert.deepEqual(await statuses(cookie), all(200), 'served from the cache');
    assert.equal((await browser.get('/api/v1/me')).status, 401, 'a route without the cache checks the row');
    await later(30_001, async () => {
      assert.deepEqual(await statuses(cookie), all(401));
    });
  });

  it('when the shopper logs out, then replaying the cookie on a cached read gets 401 at once', async () => {
    const { browser } = await signedUpShopper('cache-logout');
    const cookie = browser.sessionCookie!;
    assert.deepEqual(await statuses(cookie), all(200));
    await browser.post('/api/v1/auth/logout').expect(204);
    assert.deepEqual(await statuses(cookie), all(401));
  });

  it('when a session is ended from another device or by a password change, then its cached reads get 401 at once', async () => {
    const { email, browser } = await signedUpShopper('cache-revoke');
    const phone = await new Browser().start();
    await phone.login(email);
    const laptop = await new Browser().start();
    await laptop.login(email);
    for (const device of [phone, laptop]) assert.deepEqual(await statuses(device.sessionCookie!), all(200));

    // End one of the two other sessions by id, then the rest by a password change.
    const sessions = await browser.get('/api/v1/me/sessions').expect(200);
    const other = (sessions.body.items as Array<{ id: string; current: boolean }>).find(
      (item) => !item.current,
    )!;
    await browser.delete(`/api/v1/me/sessions/${other.id}`).expect(204);
    const refused = [];
    for (const device of [phone, laptop]) refused.push((await statuses(device.sessionCookie!))[0]);
    assert.deepEqual([...refused].sort(), [200, 401], 'exactly the ended session is refused');

    await browser
      .post('/api/v1/me/password', {
        currentPassword: GOOD_PASSWORD,
        newPassword: 'nové heslo pro vratku 9',
        endOtherSessions: true,
      })
      .expect(200);
    for (const device of [phone, laptop]) assert.deepEqual(await statuses(device.sessionCookie!), all(401));
    assert.deepEqual(await statuses(browser.sessionCookie!), all(200), 'the current session stays');
  });

  it('when the session reaches its absolute end, then a cached read is refused even within 30 s of the last check', async () => {
    const { browser, userId } = await signedUpShopper('cache-absolute');
    const record = await ctx().database.manager.findOneByOrFail(SessionRecord, { userId });
    const absoluteEnd = record.createdAt.getTime() + SESSION_LIFETIMES.browser.absoluteMs;
    const justBefore = absoluteEnd - 10_000 - ctx().clock.now().getTime();
    await later(justBefore, async () => {
      // The row's idle expiry would have passed by then; keep it alive as an active shopper would.
      await ctx().database.manager.update(SessionRecord, { userId }, { expiresAt: new Date(absoluteEnd) });
      assert.deepEqual(await statuses(browser.sessionCookie!), all(200));
    });
    await later(justBefore + 10_001, async () => {
      assert.deepEqual(await statuses(browser.sessionCookie!), all(401));
    });
  });

  it('when a request carries a Bearer token, then the cookie’s cached session is not used', async () => {
    const { browser } = await signedUpShopper('cache-bearer');
    assert.deepEqual(await statuses(browser.sessionCookie!), all(200));
    for (const entry of entryPoints()) {
      const response = await request(entry)
        .get('/api/v1/me/balance')
        .set('Cookie', browser.sessionCookie!)
        .set('Authorization', 'Bearer not-a-token');
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'INVALID_TOKEN');
    }
  });

  it('when a hot read is served by the listener, then it answers exactly as the Express application does', async () => {
    const { browser } = await signedUpShopper('cache-same');
    const cookie = browser.sessionCookie!;
    const [hot, full] = await Promise.all(
      entryPoints().map((entry) => request(entry).get('/api/v1/me/purchases?limit=5').set('Cookie', cookie)),
    );
    assert.equal(hot!.status, 200);
    assert.deepEqual(hot!.body, full!.body);
    const comparable = (headers: Record<string, string>) => {
      const { date: _date, 'x-request-id': requestId, connection: _connection, ...rest } = headers;
      assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
      return rest;
    };
    assert.deepEqual(comparable(hot!.headers), comparable(full!.headers));
    assert.ok(hot!.headers['content-security-policy']?.includes("frame-ancestors 'none'"));
    assert.equal(
      hot!.headers['set-cookie'],
      undefined,
      'a cached read neither rolls nor rewrites the session',
    );

    const revalidated = await request(ctx().app.listener)
      .get('/api/v1/me/purchases?limit=5')
      .set('Cookie', cookie)
      .set('If-None-Match', hot!.headers.etag!);
    assert.equal(revalidated.status, 304);
    const head = await request(ctx().app.listener).head('/api/v1/me/balance').set('Cookie', cookie);
    assert.equal(head.status, 200);

    const invalid = await request(ctx().app.listener)
      .get('/api/v1/me/purchases?cursor=forged')
      .set('Cookie', cookie)
      .set('X-Request-Id', 'trace-hot-path-1');
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(invalid.body.code, 'INVALID_CURSOR');
    assert.equal(invalid.body.requestId, 'trace-hot-path-1');
    const unknown = await request(ctx().app.listener)
      .get('/api/v1/me/purchases?page=2')
      .set('Cookie', cookie);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.code, 'VALIDATION_FAILED');
  });

  it('when a cookie is tampered with, then it is never served from the cache', async () => {
    const { browser } = await signedUpShopper('cache-tamper');
    const cookie = browser.sessionCookie!;
    assert.deepEqual(await statuses(cookie), all(200));
    // Another session id under the same signature.
    const tampered = cookie.replace(/s%3A(.)/, (_match, first: string) => `s%3A${first === 'A' ? 'B' : 'A'}`);
    assert.notEqual(tampered, cookie);
    assert.deepEqual(await statuses(tampered), all(401));
  });

  it('when two shoppers read at the same time, then each cookie reads its own balance', async () => {
    const a = await signedUpShopper('cache-owner-a');
    const b = await signedUpShopper('cache-owner-b');
    for (let round = 0; round < 2; round++) {
      for (const shopper of [a, b]) {
        const me = await request(ctx().app.express)
          .get('/api/v1/me')
          .set('Cookie', shopper.browser.sessionCookie!);
        assert.equal(me.body.id, shopper.userId);
        const purchases = await request(ctx().app.express)
          .get('/api/v1/me/purchases')
          .set('Cookie', shopper.browser.sessionCookie!)
          .expect(200);
        assert.deepEqual(purchases.body.items, []);
      }
    }
  });

  it('when a request read the session just before it was destroyed, then it cannot put it back into the cache', async () => {
    const { browser, userId } = await signedUpShopper('cache-race');
    const cookieValue = decodeURIComponent(browser.sessionCookie!.split('=')[1]!);
    const sessionId = cookieValue.slice(2, cookieValue.lastIndexOf('.'));
    const user = await ctx().database.manager.findOneByOrFail(User, { id: userId });
    const { database, config, clock } = ctx();
    const cache = new SessionUserCache(database, ctx().app.services.sessions, config.sessionSecret, clock);

    cache.remember(cookieValue, sessionId, user, Infinity);
    assert.equal(cache.cachedUser(cookieValue)?.id, userId, 'a live session is cached');
    await ctx().app.services.sessions.destroyByHashes([DatabaseSessionStore.hash(sessionId)]);
    assert.equal(cache.cachedUser(cookieValue), undefined, 'destroying it evicts it');
    // The in-flight request that loaded the session before the logout now finishes its check.
    cache.remember(cookieValue, sessionId, user, Infinity);
    assert.equal(cache.cachedUser(cookieValue), undefined);
    assert.equal(await cache.userIdFor(cookieValue), null);
  });
});
