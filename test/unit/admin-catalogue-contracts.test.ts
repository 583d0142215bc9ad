import assert from 'node:assert/strict';
import {
  CashbackRuleCreateSchema,
  NetworkCreateSchema,
  ShopCreateSchema,
  ShopUpdateSchema,
} from '../../shared/src/contracts/admin-catalogue.js';

const shop = {
  slug: 'shop-cz',
  name: 'Shop',
  market: 'cz',
  networkSlug: 'demo',
  trackingTemplate: 'https://network.example/c?subid={click_id}',
  confirmationDays: 30,
};

/** The paths of the issues a schema reports for `value`, or [] when it parses. */
function issuePaths(
  schema: { safeParse(value: unknown): { success: boolean; error?: unknown } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return (result.error as { issues: Array<{ path: PropertyKey[] }> }).issues.map((issue) =>
    issue.path.join('.'),
  );
}

describe('admin catalogue contracts', () => {
  it('cashback rules: percentages carry basis points 1..10000 and no amount; fixed carries an amount and no rate', () => {
    assert.deepEqual(
      issuePaths(CashbackRuleCreateSchema, { kind: 'percent_of_order', basisPoints: 350 }),
      [],
    );
    assert.deepEqual(
      issuePaths(CashbackRuleCreateSchema, { kind: 'percent_of_commission', basisPoints: 10000 }),
      [],
    );
    assert.deepEqual(
      issuePaths(CashbackRuleCreateSchema, {
        kind: 'fixed',
        fixedAmount: { amountMinor: '15000', currency: 'CZK' },
        category: 'home',
        validFrom: '2030-01-01T00:00:00Z',
        validTo: '2030-02-01T00:00:00+01:00',
      }),
      [],
    );
    for (const refused of [
      { kind: 'percent_of_order' },
      { kind: 'percent_of_order', basisPoints: 0 },
      { kind: 'percent_of_order', basisPoints: 10001 },
      { kind: 'percent_of_order', basisPoints: 2.5 },
      { kind: 'percent_of_order', basisPoints: 300, fixedAmount: { amountMinor: '1', currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: '100', currency: 'CZK' }, basisPoints: 300 },
      { kind: 'fixed', fixedAmount: { amountMinor: '0', currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: '-5', currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: '1.5', currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: 100, currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: '9007199254740992', currency: 'CZK' } },
      { kind: 'fixed', fixedAmount: { amountMinor: '100', currency: 'USD' } },
      { kind: 'bonus', basisPoints: 100 },
      { kind: 'percent_of_order', basisPoints: 100, category: 'Home & Garden' },
      { kind: 'percent_of_order', basisPoints: 100, validFrom: 'yesterday' },
    ]) {
      assert.notDeepEqual(issuePaths(CashbackRuleCreateSchema, refused), [], JSON.stringify(refused));
    }
    assert.deepEqual(
      issuePaths(CashbackRuleCreateSchema, {
        kind: 'percent_of_order',
        basisPoints: 100,
        validFrom: '2030-02-01T00:00:00Z',
        validTo: '2030-02-01T00:00:00Z',
      }),
      ['validTo'],
    );
  });

  it('networks: slug pattern, known kinds, flat settings without secrets, at most 20', () => {
    const network = { slug: 'my-network', name: 'My network', kind: 'awin' };
    assert.deepEqual(NetworkCreateSchema.parse(network), { ...network, settings: {}, isActive: true });
    assert.deepEqual(
      issuePaths(NetworkCreateSchema, {
        ...network,
        settings: { clickParam: 'clickRef', ips: '1.2.3.4', retries: 3, sandbox: false },
      }),
      [],
    );
    for (const refused of [
      { ...network, slug: 'A' },
      { ...network, slug: 'Has Space' },
      { ...network, slug: 'x'.repeat(65) },
      { ...network, kind: 'cj' },
      { ...network, settings: { nested: { a: 1 } } },
      { ...network, settings: { list: [1] } },
      { ...network, settings: { postbackSecret: 'whsec_abc' } },
      { ...network, settings: { apiKey: 'abc' } },
      { ...network, settings: { token: 'abc' } },
      {
        ...network,
        settings: Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}x`, index])),
      },
      { ...network, id: '5' },
    ]) {
      assert.notDeepEqual(
        issuePaths(NetworkCreateSchema, refused),
        [],
        JSON.stringify(refused).slice(0, 120),
      );
    }
  });

  it('shops: defaults, logo URL (https or same-origin path), unique categories, valid hosts, no unknown fields', () => {
    const parsed = ShopCreateSchema.parse(shop);
    assert.deepEqual(
      [parsed.logoUrl, parsed.description, parsed.categories, parsed.deepLinkHosts, parsed.isActive],
      [null, '', [], [], true],
    );
    for (const logoUrl of ['https://cdn.example/logo.svg', '/logos/shop.svg', null]) {
      assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, logoUrl }), [], String(logoUrl));
    }
    for (const logoUrl of [
      'http://cdn.example/logo.svg',
      '//evil.example/logo.svg',
      '/\\evil.example',
      'javascript:alert(1)',
      'logo.svg',
      'https://u:p@cdn.example/x',
    ]) {
      assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, logoUrl }), ['logoUrl'], logoUrl);
    }
    assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, categories: ['home', 'home'] }), ['categories']);
    assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, deepLinkHosts: ['www.shop.cz', '*.shop.cz'] }), [
      'deepLinkHosts.1',
    ]);
    assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, confirmationDays: 0 }), ['confirmationDays']);
    assert.deepEqual(issuePaths(ShopCreateSchema, { ...shop, networkId: '1' }), ['']);
    assert.deepEqual(issuePaths(ShopUpdateSchema, { slug: 'renamed' }), ['']);
    assert.deepEqual(issuePaths(ShopUpdateSchema, { market: 'sk' }), ['']);
    assert.deepEqual(issuePaths(ShopUpdateSchema, { isActive: false }), []);
  });
});
