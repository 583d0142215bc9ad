import assert from 'node:assert/strict';
import http from 'node:http';
import request from 'supertest';
import { ID128_PATTERN, randomId128 } from '../../shared/src/ids.js';
import { Click } from '../../server/src/modules/clicks/click.entity.js';
import { Shop } from '../../server/src/modules/shops/shop.entity.js';
import { Browser, signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const clicks = () => ctx().database.manager.getRepository(Click);

/** A request through the production listener (fast path first), as a browser navigating. */
function go(path: string, cookie?: string) {
  const req = request(ctx().app.listener).get(path).set('User-Agent', BROWSER_UA).redirects(0);
  return cookie ? req.set('Cookie', cookie) : req;
}

async function loggedIn(label: string) {
  const shopper = await signedUpShopper(label);
  return { ...shopper, cookie: shopper.browser.sessionCookie! };
}

function locationOf(response: request.Response): URL {
  return new URL(response.headers.location as string);
}

describe('the click: GET /go/:shop', () => {
  it('when a logged-in shopper clicks, then a click row is committed and the 302 carries its id', async () => {
    const { cookie, userId, email } = await loggedIn('click');
    const response = await go('/go/alza-cz', cookie).set('X-Forwarded-For', '198.51.100.77');
    assert.equal(response.status, 302);
    const location = locationOf(response);
    assert.equal(location.origin + location.pathname, 'http://localhost:3000/demo-shop/alza-cz');
    const clickId = location.searchParams.get('subid')!;
    assert.match(clickId, ID128_PATTERN);
    assert.equal(location.searchParams.get('url'), '');

    const row = await clicks().findOneByOrFail({ id: clickId });
    const shop = await ctx().database.manager.findOneByOrFail(Shop, { slug: 'alza-cz' });
    assert.equal(row.userId, userId);
    assert.equal(row.shopId, shop.id);
    assert.equal(row.networkId, shop.networkId);
    assert.equal(row.visitorId, null);
    assert.equal(row.userAgent, BROWSER_UA);
    // No trusted proxy: the socket address counts, truncated to its /24 (or /48).
    assert.match(row.ipTruncated ?? '', /^(127\.0\.0\.0|::)$/);
    // Nothing personal leaves with the shopper: no user id, no e-mail, only the random click id.
    assert.ok(![...location.searchParams.values()].includes(userId), 'no user id in the URL');
    assert.ok(!decodeURIComponent(location.href).includes(email), 'no e-mail in the URL');
  });

  it('sets the pseudonymous visitor cookie: HttpOnly, SameSite=Lax, 30 days, not the user id', async () => {
    const { cookie, userId } = await loggedIn('cookie');
    const response = await go('/go/notino-cz', cookie);
    const visitor = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((value) => value.startsWith('vratka_ref='))!;
    assert.ok(visitor, 'cookie set');
    const value = /^vratka_ref=([^;]+)/.exec(visitor)![1]!;
    assert.match(value, ID128_PATTERN);
    assert.notEqual(value, userId);
    assert.match(visitor, /HttpOnly/);
    assert.match(visitor, /SameSite=Lax/);
    assert.match(visitor, /Max-Age=2592000/);
    assert.match(visitor, /Path=\//);
    assert.doesNotMatch(visitor, /Secure/, 'Secure only in production');
  });

  it('generates 128-bit ids: 26 chars of [a-z2-7], no collision in 100,000', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 100_000; index++) {
      const id = randomId128();
      assert.match(id, ID128_PATTERN);
      seen.add(id);
    }
    assert.equal(seen.size, 100_000);
  });

  it('when a visitor is not logged in, then the interstitial page shows and no click is written', async () => {
    const before = await clicks().count();
    const response = await go('/go/alza-cz');
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'] ?? '', /text\/html/);
    assert.match(response.text, /id="root"/);
    assert.equal(await clicks().count(), before);
    assert.ok(
      ([] as string[])
        .concat(response.headers['set-cookie'] ?? [])
        .some((value) => value.startsWith('vratka_ref=')),
    );
  });

  it('when a visitor continues "without cashback", then a plain redirect to the shop and no click', async () => {
    const before = await clicks().count();
    const response = await go('/go/alza-cz?cashback=no');
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, 'https://www.alza.cz/');
    assert.equal(await clicks().count(), before);
  });

  it('when a visitor clicks "later" and logs in within the window, then that click becomes theirs', async () => {
    const { email, userId } = await signedUpShopper('prelogin');
    const browser = new Browser(ctx().app.listener as never);
    browser.agent.set('User-Agent', BROWSER_UA);
    const visit = await browser.agent.get('/go/zoot-cz?later=1').redirects(0);
    assert.equal(visit.status, 302);
    const clickId = locationOf(visit).searchParams.get('subid')!;
    const anonymous = await clicks().findOneByOrFail({ id: clickId });
    assert.equal(anonymous.userId, null);
    assert.match(anonymous.visitorId ?? '', ID128_PATTERN);

    await browser.start();
    assert.equal((await browser.login(email)).status, 200);
    const attached = await clicks().findOneByOrFail({ id: clickId });
    assert.equal(attached.userId, userId);
    assert.equal(attached.visitorId, null, 'the visitor link goes once the click is theirs');
    const mine = await browser.get('/api/v1/me/clicks').expect(200);
    assert.deepEqual(mine.body.items[0].shop, { slug: 'zoot-cz', name: 'ZOOT.cz' });
  });

  it('when the shopper logs out, then the next /go is anonymous (no stale session in the cache)', async () => {
    const { cookie, browser } = await loggedIn('logout-go');
    assert.equal((await go('/go/alza-cz', cookie)).status, 302);
    await browser.post('/api/v1/auth/logout').expect(204);
    const before = await clicks().count();
    const after = await go('/go/alza-cz', cookie);
    assert.equal(after.status, 200, 'interstitial');
    assert.equal(await clicks().count(), before);
  });

  it('follows a deep link on an allowed host; any other host is 400 with no click', async () => {
    const { cookie } = await loggedIn('deeplink');
    const allowed = await go(
      `/go/alza-cz?to=${encodeURIComponent('https://www.alza.cz/iphone-17?x=1')}`,
      cookie,
    );
    assert.equal(allowed.status, 302);
    assert.equal(locationOf(allowed).searchParams.get('url'), 'https://www.alza.cz/iphone-17?x=1');
    const before = await clicks().count();
    const refused = await go(`/go/alza-cz?to=${encodeURIComponent('https://evil.example/alza')}`, cookie);
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.location, undefined);
    assert.equal(await clicks().count(), before);
  });

  for (const destination of ['image', 'iframe', 'script', 'empty']) {
    it(`when Sec-Fetch-Dest is ${destination} (cookie stuffing), then 403 and no click`, async () => {
      const { cookie } = await loggedIn(`stuff-${destination}`);
      const before = await clicks().count();
      const response = await go('/go/alza-cz', cookie)
        .set('Sec-Fetch-Dest', destination)
        .set('Sec-Fetch-Mode', 'no-cors');
      assert.equal(response.status, 403);
      assert.equal(response.headers.location, undefined);
      assert.equal(await clicks().count(), before);
    });
  }

  it('when Sec-Fetch-Mode is not navigate, then 403; a real navigation is accepted', async () => {
    const { cookie } = await loggedIn('mode');
    assert.equal((await go('/go/alza-cz', cookie).set('Sec-Fetch-Mode', 'cors')).status, 403);
    const navigation = await go('/go/alza-cz', cookie)
      .set('Sec-Fetch-Mode', 'navigate')
      .set('Sec-Fetch-Dest', 'document');
    assert.equal(navigation.status, 302);
  });

  it('when a link-preview bot fetches the link, then it gets the interstitial and no click', async () => {
    const { cookie } = await loggedIn('bot');
    const before = await clicks().count();
    for (const agent of [
      'facebookexternalhit/1.1',
      'Slackbot-LinkExpanding 1.0',
      'WhatsApp/2.23',
      'Twitterbot/1.0',
    ]) {
      const response = await request(ctx().app.listener)
        .get('/go/alza-cz')
        .set('User-Agent', agent)
        .set('Cookie', cookie);
      assert.equal(response.status, 200, agent);
    }
    assert.equal(await clicks().count(), before);
  });

  it('when a browser and then a link-preview bot use one keep-alive connection, then only the browser gets a click', async () => {
    const { cookie, userId } = await loggedIn('keepalive');
    const server = http.createServer({ keepAlive: true }, ctx().app.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = (userAgent: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = server.address() as { port: number };
        const req = http.get(
          {
            host: '127.0.0.1',
            port,
            path: '/go/alza-cz',
            agent,
            headers: { 'User-Agent': userAgent, Cookie: cookie },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        req.on('socket', (socket) => sockets.add(socket));
        req.on('error', reject);
      });
    try {
      assert.equal(await get(BROWSER_UA), 302);
      assert.equal(await get('Slackbot-LinkExpanding 1.0'), 200);
      assert.equal(await get(BROWSER_UA), 302);
      assert.equal(sockets.size, 1, 'one connection');
      assert.equal(await clicks().countBy({ userId }), 2);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('when the shop is unknown or inactive, then a friendly 404 page and no click', async () => {
    const { cookie } = await loggedIn('inactive');
    await ctx().database.manager.update(Shop, { slug: 'nay-sk' }, { isActive: false });
    ctx().app.services.shops.invalidate();
    try {
      for (const slug of ['no-such-shop', 'nay-sk']) {
        const response = await go(`/go/${slug}`, cookie);
        assert.equal(response.status, 404, slug);
        assert.match(response.headers['content-type'] ?? '', /text\/html/);
      }
    } finally {
      await ctx().database.manager.update(Shop, { slug: 'nay-sk' }, { isActive: true });
      ctx().app.services.shops.invalidate();
    }
  });

  it('when 200 clicks arrive at once, then 200 distinct rows are committed before their 302s', async () => {
    const { cookie, userId } = await loggedIn('burst');
    const responses = await Promise.all(Array.from({ length: 200 }, () => go('/go/alza-sk', cookie)));
    const ids = responses.map((response) => locationOf(response).searchParams.get('subid')!);
    assert.ok(responses.every((response) => response.status === 302));
    assert.equal(new Set(ids).size, 200);
    assert.equal(await clicks().countBy({ userId }), 200);
  });
});

describe('my clicks: GET /api/v1/me/clicks', () => {
  it('lists shop and time, newest first, never the IP; shopper B sees none of A’s', async () => {
    const shopperA = await loggedIn('myclicks-a');
    await go('/go/alza-cz', shopperA.cookie).expect(302);
    await go('/go/notino-cz', shopperA.cookie).expect(302);
    await go('/go/dobrovsky-cz', shopperA.cookie).expect(302);
    const first = await shopperA.browser.get('/api/v1/me/clicks?limit=2').expect(200);
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.nextCursor);
    const second = await shopperA.browser
      .get(`/api/v1/me/clicks?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    const slugs = [...first.body.items, ...second.body.items].map(
      (item: { shop: { slug: string } }) => item.shop.slug,
    );
    assert.deepEqual(new Set(slugs), new Set(['alza-cz', 'notino-cz', 'dobrovsky-cz']));
    assert.equal(slugs.length, 3);
    // No field named like an IP, and no address (ids and cursors may contain the letters "ip").
    assert.ok(!/"ip[a-z_]*"\s*:|127\.0\.0/i.test(JSON.stringify(first.body)), 'no IP in the answer');
    const shopperB = await loggedIn('myclicks-b');
    assert.deepEqual((await shopperB.browser.get('/api/v1/me/clicks')).body.items, []);
  });
});

describe('open redirects through /go', () => {
  it(`no open-redirect payload in ?to= yields a Location outside the shop's allowed hosts`, async function () {
    this.timeout(120_000);
    const { OPEN_REDIRECT_PAYLOADS } = await import('../fixtures/open-redirect-payloads.js');
    const { cookie } = await loggedIn('redirects');
    const allowed = ['www.alza.cz'];
    const template = new URL('http://localhost:3000/demo-shop/alza-cz');
    let checked = 0;
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      for (const mode of ['', '&cashback=no']) {
        const response = await go(`/go/alza-cz?to=${encodeURIComponent(payload)}${mode}`, cookie);
        checked += 1;
        if (response.status === 400) continue;
        assert.equal(response.status, 302, `${payload}${mode}: ${response.status}`);
        const location = new URL(response.headers.location as string);
        if (mode) {
          assert.ok(
            allowed.includes(location.hostname) && location.protocol === 'https:',
            `${payload} → ${location.href}`,
          );
          continue;
        }
        // The redirect host always comes from the template; the deep link rides inside it, and only
        // an allowed host may be there.
        assert.equal(location.origin, template.origin, `${payload} → ${location.href}`);
        const deepLink = location.searchParams.get('url');
        if (deepLink) assert.ok(allowed.includes(new URL(deepLink).hostname), `${payload} → ${deepLink}`);
      }
    }
    assert.ok(checked >= 200);
  });
});
