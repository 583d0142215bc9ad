import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import type { ConversionState } from '../../server/src/modules/conversions/conversion-state.js';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import { Shop } from '../../server/src/modules/shops/shop.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const manager = () => ctx().database.manager;

interface Seeded {
  id: string;
  createdAt: Date;
}

/**
 * A purchase written straight to the tables (how it got there is the postback tests' business),
 * with the pending credit its ledger state says it holds, so the whole-database checks (I4) that
 * later suites run still hold.
 */
async function purchase(
  userId: string,
  createdAt: Date,
  options: { shopId?: string; history?: Array<[ConversionState, number]>; eventUserId?: string } = {},
): Promise<Seeded> {
  const network = await manager().findOneByOrFail(Network, { slug: 'demo' });
  const history = options.history ?? [['pending', 1500]];
  const [state, share] = history.at(-1) ?? ['pending', 1500];
  return ctx().database.transaction(async (manager) => {
    const inserted = await manager.insert(Conversion, {
      networkId: network.id,
      externalOrderId: `P-${randomBytes(6).toString('hex')}`,
      clickId: null,
      userId,
      shopId: options.shopId ?? null,
      ruleId: null,
      currency: 'CZK',
      orderAmountMinor: 100_000n,
      commissionMinor: 5_000n,
      shareMinor: BigInt(share),
      state,
      attribution: 'click',
      ledgerState: 'pending',
      ledgerCommissionMinor: 5_000n,
      ledgerShareMinor: BigInt(share),
      settled: false,
      revision: history.length,
      occurredAt: createdAt,
      clickedAt: null,
      expectedConfirmationAt: null,
      networkReason: null,
      createdAt,
      updatedAt: createdAt,
    });
    const id = String(inserted.identifiers[0]!.id);
    for (const [index, [eventState, eventShare]] of history.entries()) {
      await manager.insert(ConversionEvent, {
        conversionId: id,
        userId: options.eventUserId ?? userId,
        revision: index + 1,
        state: eventState,
        orderAmountMinor: 100_000n,
        commissionMinor: 5_000n,
        shareMinor: BigInt(eventShare),
        reason: null,
        source: 'postback',
        sourceReference: null,
        actor: 'test',
        createdAt: new Date(createdAt.getTime() + index * 60_000),
      });
    }
    await ctx().app.services.ledger.post(manager, {
      idempotencyKey: `test:purchase:${id}`,
      code: 'conversion_pending',
      currency: 'CZK',
      userId,
      reference: `conversion:${id}`,
      createdBy: 'test',
      postings: [
        {
          account: { kind: 'network_receivable', networkId: network.id, currency: 'CZK' },
          amountMinor: -5_000n,
        },
        { account: { kind: 'pending', userId, currency: 'CZK' }, amountMinor: BigInt(share) },
        { account: { kind: 'platform_pending', currency: 'CZK' }, amountMinor: 5_000n - BigInt(share) },
      ],
    });
    return { id, createdAt };
  });
}

describe('my purchases: keyset pages', () => {
  it('when the shopper pages through, then every purchase comes once, newest first (ties by id), with its shop and history', async () => {
    const { browser, userId } = await signedUpShopper('purchases-pages');
    const other = await signedUpShopper('purchases-other');
    const alza = await manager().findOneByOrFail(Shop, { slug: 'alza-cz' });
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));
    const seeded = [
      await purchase(userId, at(1)),
      await purchase(userId, at(2), { shopId: alza.id }),
      // Two purchases in the same millisecond: the id decides, and a page boundary falls between them.
      await purchase(userId, at(3)),
      await purchase(userId, at(3), {
        history: [
          ['pending', 1500],
          ['approved', 1200],
        ],
      }),
      await purchase(userId, at(4), { history: [] }),
    ];
    await purchase(other.userId, at(5));

    const pages = [];
    let cursor: string | null = null;
    do {
      const response: request.Response = await browser
        .get(`/api/v1/me/purchases?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      pages.push(response.body.items as Array<Record<string, unknown>>);
      cursor = response.body.nextCursor as string | null;
    } while (cursor);

    assert.deepEqual(
      pages.map((page) => page.length),
      [2, 2, 1],
    );
    const expected = [...seeded].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id),
    );
    const items = pages.flat();
    assert.deepEqual(
      items.map((item) => item.id),
      expected.map((purchase) => purchase.id),
    );
    const byId = new Map(items.map((item) => [item.id as string, item]));
    assert.deepEqual(byId.get(seeded[1]!.id)!.shop, { slug: 'alza-cz', name: alza.name });
    assert.equal(byId.get(seeded[0]!.id)!.shop, null);
    assert.deepEqual(byId.get(seeded[3]!.id)!.history, [
      {
        state: 'pending',
        at: at(3).toISOString(),
        share: { amountMinor: '1500', currency: 'CZK' },
        reason: null,
      },
      {
        state: 'approved',
        at: new Date(at(3).getTime() + 60_000).toISOString(),
        share: { amountMinor: '1200', currency: 'CZK' },
        reason: null,
      },
    ]);
    assert.deepEqual(byId.get(seeded[4]!.id)!.history, []);
    assert.equal(byId.get(seeded[3]!.id)!.state, 'approved');
    assert.equal(byId.get(seeded[3]!.id)!.createdAt, at(3).toISOString());
  });

  it('when a purchase’s history row belongs to another shopper, then it is not shown', async () => {
    const { browser, userId } = await signedUpShopper('purchases-owner');
    const other = await signedUpShopper('purchases-owner-b');
    const mine = await purchase(userId, new Date(Date.UTC(2026, 5, 2)), { eventUserId: other.userId });
    const response = await browser.get('/api/v1/me/purchases').expect(200);
    assert.deepEqual(
      (response.body.items as Array<{ id: string; history: unknown[] }>).map((item) => [
        item.id,
        item.history,
      ]),
      [[mine.id, []]],
    );
    const theirs = await other.browser.get('/api/v1/me/purchases').expect(200);
    assert.deepEqual(theirs.body.items, []);
  });

  it('when a cursor was not handed out by the API, then 400 INVALID_CURSOR', async () => {
    const { browser } = await signedUpShopper('purchases-cursor');
    const forged = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const cursor of [
      'not-a-cursor',
      forged({ createdAt: 'yesterday', id: '5' }),
      forged({ createdAt: '2026-06-01T12:00:00.000Z', id: '5 OR 1=1' }),
      forged({ createdAt: '2026-06-01T12:00:00.000Z' }),
    ]) {
      const response = await browser.get(`/api/v1/me/purchases?cursor=${cursor}`);
      assert.equal(response.status, 400, cursor);
      assert.equal(response.body.code, 'INVALID_CURSOR');
    }
  });
});
