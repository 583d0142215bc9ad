import assert from 'node:assert/strict';
import request from 'supertest';
import { ctx } from '../helpers/context.js';

describe('shop catalogue', () => {
  it('when filtered by market, then only that market’s active shops, ordered by name', async () => {
    const response = await request(ctx().app.express).get('/api/v1/shops?market=sk');
    assert.equal(response.status, 200);
    const names = (response.body.items as Array<{ name: string; market: string }>).map((shop) => shop.name);
    assert.deepEqual(names, ['Alza.sk', 'Martinus.sk', 'NAY.sk', 'Notino.sk']);
    assert.equal(response.body.nextCursor, null);
  });

  it('pages with a keyset cursor until the end, with no shop twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { market: 'cz', limit: '2', ...(cursor ? { cursor } : {}) };
      const response = await request(ctx().app.express).get('/api/v1/shops').query(query);
      assert.equal(response.status, 200);
      seen.push(...(response.body.items as Array<{ slug: string }>).map((shop) => shop.slug));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
  });

  it('searches by name, case-insensitively, and filters by category', async () => {
    const byName = await request(ctx().app.express).get('/api/v1/shops?q=ALZA');
    assert.deepEqual((byName.body.items as Array<{ slug: string }>).map((shop) => shop.slug).sort(), [
      'alza-cz',
      'alza-sk',
    ]);
    const byCategory = await request(ctx().app.express).get('/api/v1/shops?market=cz&category=books');
    assert.deepEqual(
      (byCategory.body.items as Array<{ slug: string }>).map((shop) => shop.slug),
      ['dobrovsky-cz'],
    );
  });

  it('derives the headline: best order-value rate, or the best fixed amount', async () => {
    const alza = await request(ctx().app.express).get('/api/v1/shops/alza-cz');
    assert.deepEqual(alza.body.cashback, { kind: 'percent', basisPoints: 300 });
    const rohlik = await request(ctx().app.express).get('/api/v1/shops/rohlik-cz');
    assert.deepEqual(rohlik.body.cashback, {
      kind: 'fixed',
      amount: { amountMinor: '15000', currency: 'CZK' },
    });
    assert.equal(rohlik.body.confirmationDays, 30);
    assert.ok(rohlik.body.conditions.length > 20);
  });

  it('when the cursor was not issued by us, then 400 INVALID_CURSOR', async () => {
    const response = await request(ctx().app.express).get('/api/v1/shops?cursor=bm90LWpzb24');
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'INVALID_CURSOR');
  });

  it('when the shop does not exist, then 404 SHOP_NOT_FOUND', async () => {
    const response = await request(ctx().app.express).get('/api/v1/shops/no-such-shop');
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'SHOP_NOT_FOUND');
  });
});
