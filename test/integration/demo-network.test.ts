import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough } from '../helpers/money-path.js';

/** The demo network calls this server back over HTTP, so the app listens on a real port here. */
async function withServer<T>(run: (base: string) => Promise<T>): Promise<T> {
  const server = http.createServer(ctx().app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('the demo network (development)', () => {
  it('buy, approve and change amount send real postbacks that move the shopper’s balance', async () => {
    const { browser } = await signedUpShopper('demo-network');
    const clickId = await clickThrough(browser.sessionCookie!, 'alza-cz');
    await withServer(async (base) => {
      const shopPage = await (await fetch(`${base}/demo-shop/alza-cz?subid=${clickId}&url=`)).text();
      assert.match(shopPage, new RegExp(`data-testid="click-id">${clickId}<`));
      const bought = await (
        await fetch(
          `${base}/demo-shop/alza-cz/orders`,
          form({ clickId, orderAmount: '2000.00', commission: '100.00' }),
        )
      ).text();
      assert.match(bought, /data-testid="postback-answer">200</);
      const orderId = /Order (DEMO-[0-9A-F]{10})/.exec(bought)![1]!;
      let balance = (await browser.get('/api/v1/me/balance').expect(200)).body.items[0];
      assert.equal(balance.pending.amountMinor, '3000');

      const approved = await (
        await fetch(
          `${base}/demo-shop/alza-cz/orders/status`,
          form({ orderId, clickId, orderAmount: '2000.00', commission: '100.00', status: 'approved' }),
        )
      ).text();
      assert.match(approved, /data-testid="postback-answer">200</);
      balance = (await browser.get('/api/v1/me/balance').expect(200)).body.items[0];
      assert.deepEqual([balance.pending.amountMinor, balance.available.amountMinor], ['0', '3000']);

      const amended = await (
        await fetch(
          `${base}/demo-shop/alza-cz/orders/status`,
          form({ orderId, clickId, orderAmount: '1000.00', commission: '50.00', status: 'approved' }),
        )
      ).text();
      assert.match(amended, /data-testid="postback-answer">200</);
      balance = (await browser.get('/api/v1/me/balance').expect(200)).body.items[0];
      assert.equal(balance.available.amountMinor, '1500');
    });
  });

  it('speaks each network’s own format: an Awin shop’s purchase arrives as an AwinTransactionPush', async () => {
    const { browser } = await signedUpShopper('demo-awin');
    const clickId = await clickThrough(browser.sessionCookie!, 'notino-cz');
    await withServer(async (base) => {
      const bought = await (
        await fetch(
          `${base}/demo-shop/notino-cz/orders`,
          form({ clickId, orderAmount: '800.00', commission: '64.00' }),
        )
      ).text();
      assert.match(bought, /data-testid="postback-answer">200</);
      assert.match(bought, /reports decisions only through its reports/);
    });
    const purchases = (await browser.get('/api/v1/me/purchases').expect(200)).body.items;
    assert.equal(purchases[0].shop.slug, 'notino-cz');
    assert.equal(purchases[0].share.amountMinor, '4000');
  });

  it('sends the category picked in the demo e-shop: electronics earn Alza’s 3 %, gift cards nothing', async () => {
    const { browser } = await signedUpShopper('demo-category');
    await withServer(async (base) => {
      const shopPage = await (
        await fetch(
          `${base}/demo-shop/alza-cz?subid=${await clickThrough(browser.sessionCookie!, 'alza-cz')}`,
        )
      ).text();
      assert.match(shopPage, /<option value="electronics">/);
      assert.match(shopPage, /<option value="gift-cards">/);
      for (const category of ['electronics', 'gift-cards']) {
        const clickId = await clickThrough(browser.sessionCookie!, 'alza-cz');
        const bought = await (
          await fetch(
            `${base}/demo-shop/alza-cz/orders`,
            form({ clickId, orderAmount: '1000.00', commission: '50.00', category }),
          )
        ).text();
        assert.match(bought, /data-testid="postback-answer">200</);
        assert.match(bought, new RegExp(`category <code>${category}</code>`));
      }
    });
    const purchases = (await browser.get('/api/v1/me/purchases').expect(200)).body.items as Array<{
      share: { amountMinor: string };
      rule: { category: string | null };
    }>;
    assert.deepEqual(
      purchases.map((purchase) => [purchase.rule.category, purchase.share.amountMinor]),
      [
        ['gift-cards', '0'],
        ['electronics', '3000'],
      ],
    );
  });

  it('refuses an order that does not add up', async () => {
    await withServer(async (base) => {
      const response = await fetch(
        `${base}/demo-shop/alza-cz/orders`,
        form({ clickId: 'x', orderAmount: '1e9', commission: '1' }),
      );
      assert.equal(response.status, 400);
    });
  });
});
