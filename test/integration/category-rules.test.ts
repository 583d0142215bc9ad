import assert from 'node:assert/strict';
import request from 'supertest';
import { In } from 'typeorm';
import type { CashbackRates, ShopDetail } from '../../shared/src/contracts/shops.js';
import type { Purchase } from '../../shared/src/contracts/money-path.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { conversionChecks } from '../../server/src/modules/conversions/conversion-checks.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import { CashbackRule } from '../../server/src/modules/shops/cashback-rule.entity.js';
import { Shop } from '../../server/src/modules/shops/shop.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

const SHOP = 'category-rules-cz';
const AWIN_SHOP = 'category-rules-awin-cz';

function shopInput(slug: string, networkSlug: string) {
  return {
    slug,
    name: `Category rules ${networkSlug}`,
    market: 'cz',
    networkSlug,
    description: 'Obchod pro zkoušku pravidel podle kategorií.',
    categories: ['electronics'],
    trackingTemplate: 'https://network.example/c?aid=9&subid={click_id}&url={to}',
    deepLinkHosts: [`www.${slug}.cz`],
    confirmationDays: 30,
  };
}

/** The rate a purchase in `category` earns by the shop page: the category's, none, or the general one. */
function shownRateFor(rates: CashbackRates, category: string | null): number | 'excluded' | null {
  if (category !== null && rates.excluded.includes(category)) return 'excluded';
  const own = rates.categories.find((entry) => entry.category === category)?.rates ?? rates.general;
  return own[0]?.basisPoints ?? null;
}

describe('category cashback rules: the shop page, the money path and the purchase list agree', () => {
  before(async () => {
    const admin = await signedUpShopper('category-admin');
    await ctx().database.manager.update(User, { id: admin.userId }, { role: 'admin' });
    for (const [slug, network, rules] of [
      [
        SHOP,
        'demo',
        [
          { kind: 'percent_of_order', basisPoints: 150 },
          { kind: 'percent_of_order', basisPoints: 300, category: 'electronics' },
          { kind: 'excluded', category: 'gift-cards' },
        ],
      ],
      [
        AWIN_SHOP,
        'awin',
        [
          { kind: 'percent_of_order', basisPoints: 200 },
          { kind: 'percent_of_order', basisPoints: 500, category: 'dvd' },
        ],
      ],
    ] as const) {
      const created = await admin.browser.post('/api/v1/admin/shops', shopInput(slug, network));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      for (const rule of rules) {
        const added = await admin.browser.post(`/api/v1/admin/shops/${slug}/rules`, rule);
        assert.equal(added.status, 201, JSON.stringify(added.body));
      }
    }
    await demoNetwork();
  });

  after(async () => {
    await ctx().database.manager.update(Shop, { slug: In([SHOP, AWIN_SHOP]) }, { isActive: false });
    ctx().app.services.shops.invalidate();
  });

  it('when a shopper opens the shop, then it lists the general rate, each category’s rate and the excluded categories, and "up to" is the best', async () => {
    const response = await request(ctx().app.express).get(`/api/v1/shops/${SHOP}`).expect(200);
    const shop = response.body as ShopDetail;
    assert.deepEqual(shop.cashback, { kind: 'percent', basisPoints: 300 });
    assert.deepEqual(shop.cashbackRates, {
      general: [{ kind: 'percent_of_order', basisPoints: 150, fixed: null, validTo: null }],
      categories: [
        {
          category: 'electronics',
          rates: [{ kind: 'percent_of_order', basisPoints: 300, fixed: null, validTo: null }],
        },
      ],
      excluded: ['gift-cards'],
    });
    const card = (await request(ctx().app.express).get('/api/v1/shops?market=cz&q=Category rules demo')).body
      .items as Array<{ slug: string; cashback: unknown }>;
    assert.deepEqual(card.find((item) => item.slug === SHOP)?.cashback, {
      kind: 'percent',
      basisPoints: 300,
    });
  });

  it('when signed postbacks report a category, none, an unknown one or an excluded one, then each earns its rule’s rate — the one the shop page shows and the purchase list repeats — and the ledger holds', async () => {
    const shop = (await request(ctx().app.express).get(`/api/v1/shops/${SHOP}`).expect(200))
      .body as ShopDetail;
    const rules = await ctx().database.manager.find(CashbackRule, {
      where: { shopId: (await ctx().database.manager.findOneByOrFail(Shop, { slug: SHOP })).id },
    });
    const ruleFor = (category: string | null) => rules.find((rule) => rule.category === category)!;
    const { browser } = await signedUpShopper('category-buyer');

    // Reported category → the category whose rule pays (null: the general rule).
    const cases: Array<{ reported: string | undefined; category: string | null; shareMinor: bigint }> = [
      { reported: 'electronics', category: 'electronics', shareMinor: 6_000n }, // 3 % of 2000.00
      { reported: ' Electronics ', category: 'electronics', shareMinor: 6_000n },
      { reported: undefined, category: null, shareMinor: 3_000n }, // 1.5 %
      { reported: 'toys', category: null, shareMinor: 3_000n },
      { reported: 'Gift Cards', category: 'gift-cards', shareMinor: 0n },
    ];
    const orders: string[] = [];
    for (const { reported, category, shareMinor } of cases) {
      const clickId = await clickThrough(browser.sessionCookie!, SHOP);
      const order = orderId('CAT');
      orders.push(order);
      await sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '2000.00',
        commission: '150.00',
        status: 'pending',
        ...(reported === undefined ? {} : { category: reported }),
      }).expect(200);
      const conversion = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
      assert.equal(conversion.ruleId, ruleFor(category).id, String(reported));
      assert.equal(conversion.shareMinor, shareMinor, String(reported));
      const shown = shownRateFor(shop.cashbackRates, category);
      assert.equal(
        shown === 'excluded' ? 0n : (2_000_00n * BigInt(shown!)) / 10_000n,
        shareMinor,
        `the shop page's rate for ${String(reported)}`,
      );
    }

    // An amendment keeps the rule the purchase was credited under, whatever category it reports.
    await sendSigned({
      order_id: orders[0]!,
      order_amount: '1000.00',
      commission: '75.00',
      status: 'approved',
      category: 'toys',
    }).expect(200);
    const amended = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: orders[0]! });
    assert.equal(amended.ruleId, ruleFor('electronics').id);
    assert.equal(amended.shareMinor, 3_000n); // 3 % of 1000.00

    const purchases = (await browser.get('/api/v1/me/purchases?limit=50').expect(200)).body
      .items as Purchase[];
    const byOrder = new Map(purchases.map((purchase) => [purchase.orderId, purchase]));
    const expected = [
      [
        orders[0],
        { kind: 'percent_of_order', basisPoints: 300, fixed: null, category: 'electronics' },
        '3000',
      ],
      [
        orders[1],
        { kind: 'percent_of_order', basisPoints: 300, fixed: null, category: 'electronics' },
        '6000',
      ],
      [orders[2], { kind: 'percent_of_order', basisPoints: 150, fixed: null, category: null }, '3000'],
      [orders[3], { kind: 'percent_of_order', basisPoints: 150, fixed: null, category: null }, '3000'],
      [orders[4], { kind: 'excluded', basisPoints: null, fixed: null, category: 'gift-cards' }, '0'],
    ] as const;
    for (const [order, rule, share] of expected) {
      const purchase = byOrder.get(order!);
      assert.ok(purchase, order);
      assert.deepEqual(purchase.rule, rule, order);
      assert.equal(purchase.share.amountMinor, share, order);
      const shown = shownRateFor(shop.cashbackRates, rule.category);
      assert.equal(rule.kind === 'excluded' ? 'excluded' : rule.basisPoints, shown, order);
    }

    const ledger = await ctx().app.services.ledger.verify();
    assert.equal(ledger.ok, true, JSON.stringify(ledger));
    for (const check of await conversionChecks(ctx().database))
      assert.equal(check.ok, true, JSON.stringify(check));
  });

  it('when a category is not short printable text, then the postback is refused with 400 and nothing is stored', async () => {
    const { browser } = await signedUpShopper('category-bad');
    for (const category of ['x'.repeat(65), 'tab\tinside', 'zero\u200bwidth']) {
      const clickId = await clickThrough(browser.sessionCookie!, SHOP);
      const order = orderId('CATBAD');
      const response = await sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '100.00',
        commission: '10.00',
        status: 'pending',
        category,
      });
      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.match(response.body.detail as string, /category/);
      assert.equal(await ctx().database.manager.countBy(Conversion, { externalOrderId: order }), 0);
    }
  });

  it('when Awin pushes a transaction with several commission groups, then the group carrying most of the order chooses the rule', async () => {
    const network = await ctx().database.manager.findOneByOrFail(Network, { slug: 'awin' });
    const token = (await ctx().app.services.networkSecrets.create(network.id, 'token', 'tests', null)).secret;
    const { browser } = await signedUpShopper('category-awin');
    const push = async (groups: unknown, products: unknown) => {
      const clickId = await clickThrough(browser.sessionCookie!, AWIN_SHOP);
      const order = orderId('AWINCAT');
      const response = await request(ctx().app.listener)
        .post(`/postback/awin?token=${token}`)
        .type('form')
        .send({
          AwinTransactionPush: JSON.stringify({
            transactionId: order,
            clickRef: clickId,
            transactionCurrency: 'CZK',
            transactionAmount: '1000.00',
            commission: '80.00',
            commissionGroups: groups,
            products,
          }),
        });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    };
    const cd = { id: '47963', name: 'CD', code: 'CD', description: 'CD' };
    const dvd = { id: '47965', name: 'DVD', code: 'DVD', description: 'DVD' };
    // Awin's documented example: CDs for 11.10, a DVD for 14.99 — the DVD group (5 %) pays.
    const products = [
      { productName: 'The Knife – Silent Shout', unitPrice: '5.55', quantity: '2', cgId: '47963' },
      { productName: 'Sigur Ros - Heima', unitPrice: '14.99', quantity: '1', cgId: '47965' },
    ];
    assert.equal((await push([cd, dvd], products)).shareMinor, 5_000n);
    // Without products, the first group: CD has no rule, so the general 2 % pays.
    assert.equal((await push([cd, dvd], undefined)).shareMinor, 2_000n);
    // Groups that state their commission: the largest one.
    assert.equal(
      (
        await push(
          [
            { ...cd, commissionAmount: '10.00' },
            { ...dvd, commissionAmount: '70.00' },
          ],
          undefined,
        )
      ).shareMinor,
      5_000n,
    );
    assert.equal(
      (await push([{ id: '1', name: 'Default Commission', code: 'DEFAULT', description: '' }], undefined))
        .shareMinor,
      2_000n,
    );
  });
});
