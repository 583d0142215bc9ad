import assert from 'node:assert/strict';
import request from 'supertest';
import { In } from 'typeorm';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import { CashbackRule } from '../../server/src/modules/shops/cashback-rule.entity.js';
import { Shop } from '../../server/src/modules/shops/shop.entity.js';
import { ShopsAdminService } from '../../server/src/modules/shops/shops-admin.service.js';
import { AppError } from '../../server/src/platform/http/errors.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

type Staff = Awaited<ReturnType<typeof signedUpShopper>>;

async function withRole(role: User['role'], label: string): Promise<Staff> {
  const person = await signedUpShopper(label);
  await ctx().database.manager.update(User, { id: person.userId }, { role });
  return person;
}

const publicApi = () => request(ctx().app.express);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Shops made here; deactivated afterwards so the catalogue tests see only the demo shops. */
const createdShops = new Set<string>();

function shopInput(slug: string, overrides: Record<string, unknown> = {}) {
  createdShops.add(slug);
  return {
    slug,
    name: `Test ${slug}`,
    market: 'cz',
    networkSlug: 'catalogue-test',
    logoUrl: '/logos/test.svg',
    description: 'Zkušební obchod.',
    categories: ['home', 'garden'],
    trackingTemplate: 'https://network.example/c?aid=7&subid={click_id}&url={to}',
    deepLinkHosts: ['www.test-shop.cz', 'test-shop.cz'],
    conditions: 'Platí pro nákupy nad 500 Kč.',
    confirmationDays: 40,
    ...overrides,
  };
}

function auditRows(action: string, actorUserId: string) {
  return ctx().database.manager.find(AuditEntry, { where: { action, actorUserId }, order: { id: 'ASC' } });
}

describe('admin catalogue: networks, shops and cashback rules', () => {
  let admin: Staff;
  let support: Staff;

  before(async () => {
    admin = await withRole('admin', 'catalogue-admin');
    support = await withRole('support', 'catalogue-support');
    const network = await admin.browser.post('/api/v1/admin/networks', {
      slug: 'catalogue-test',
      name: 'Catalogue test network',
      kind: 'generic',
      settings: { clickIdParameter: 'subid', approvedStatus: 'confirmed', retries: 3, sandbox: false },
    });
    assert.equal(network.status, 201, JSON.stringify(network.body));
  });

  after(async () => {
    await ctx().database.manager.update(Shop, { slug: In([...createdShops]) }, { isActive: false });
    ctx().app.services.shops.invalidate();
  });

  it('when an admin creates a network, then it is stored, shown and audited with the admin as actor', async () => {
    const view = await admin.browser.get('/api/v1/admin/networks/catalogue-test').expect(200);
    assert.equal(view.body.kind, 'generic');
    assert.deepEqual(view.body.settings, {
      clickIdParameter: 'subid',
      approvedStatus: 'confirmed',
      retries: 3,
      sandbox: false,
    });
    const row = await ctx().database.manager.findOneByOrFail(Network, { slug: 'catalogue-test' });
    assert.deepEqual([row.name, row.isActive], ['Catalogue test network', true]);
    const [entry] = await auditRows('network_changed', admin.userId);
    assert.equal(entry?.subjectUserId, null);
    assert.equal(entry?.actorKind, 'staff');
    assert.equal(entry?.before, null);
    assert.deepEqual(entry?.after, {
      network: 'catalogue-test',
      name: 'Catalogue test network',
      kind: 'generic',
      settings: { clickIdParameter: 'subid', approvedStatus: 'confirmed', retries: 3, sandbox: false },
      isActive: true,
    });
  });

  it('when an admin creates a shop with rules, then the public catalogue shows it at once with the headline from the rules in force', async () => {
    // Load the catalogue into the cache first: the shop must appear without waiting for it to expire.
    await publicApi().get('/api/v1/shops/kitchen-cz').expect(404);

    const created = await admin.browser.post('/api/v1/admin/shops', shopInput('kitchen-cz'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.networkSlug, 'catalogue-test');
    assert.equal(created.body.cashback, null);
    assert.deepEqual(created.body.rules, []);
    const afterCreate = await publicApi().get('/api/v1/shops/kitchen-cz').expect(200);
    assert.equal(afterCreate.body.cashback, null);

    const now = ctx().clock.now();
    const rules = [
      { kind: 'percent_of_order', basisPoints: 250 },
      { kind: 'percent_of_order', basisPoints: 400, category: 'home' },
      { kind: 'percent_of_commission', basisPoints: 5000 },
      // Scheduled: not in force yet, so not in the headline.
      {
        kind: 'percent_of_order',
        basisPoints: 900,
        validFrom: new Date(now.getTime() + DAY_MS).toISOString(),
        validTo: new Date(now.getTime() + 2 * DAY_MS).toISOString(),
      },
      { kind: 'fixed', fixedAmount: { amountMinor: '5000', currency: 'CZK' } },
    ];
    for (const rule of rules) {
      const response = await admin.browser.post('/api/v1/admin/shops/kitchen-cz/rules', rule);
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }

    const shown = await publicApi().get('/api/v1/shops/kitchen-cz').expect(200);
    assert.deepEqual(shown.body.cashback, { kind: 'percent', basisPoints: 400 });
    assert.equal(shown.body.rules.length, 4);
    assert.equal(shown.body.confirmationDays, 40);
    assert.equal(shown.body.logoUrl, '/logos/test.svg');
    const listed = await publicApi().get('/api/v1/shops?market=cz&q=kitchen').expect(200);
    assert.deepEqual(
      listed.body.items.map((item: { slug: string }) => item.slug),
      ['kitchen-cz'],
    );

    const detail = await admin.browser.get('/api/v1/admin/shops/kitchen-cz').expect(200);
    assert.deepEqual(
      detail.body.rules.map((rule: { state: string }) => rule.state),
      ['in_force', 'scheduled', 'in_force', 'in_force', 'in_force'],
    );
    assert.deepEqual(detail.body.rules[0].fixedAmount, { amountMinor: '5000', currency: 'CZK' });
    assert.equal(detail.body.rules[0].basisPoints, null);
    assert.equal(detail.body.rules[4].validFrom, now.toISOString(), 'a rule without a start starts now');

    const shop = await ctx().database.manager.findOneByOrFail(Shop, { slug: 'kitchen-cz' });
    assert.deepEqual(shop.deepLinkHosts, ['www.test-shop.cz', 'test-shop.cz']);
    assert.deepEqual(shop.categories, ['home', 'garden']);
    const stored = await ctx().database.manager.find(CashbackRule, {
      where: { shopId: shop.id },
      order: { id: 'ASC' },
    });
    assert.deepEqual(
      stored.map((rule) => [rule.kind, rule.rateBasisPoints, rule.fixedMinor, rule.currency, rule.category]),
      [
        ['percent_of_order', 250, null, null, null],
        ['percent_of_order', 400, null, null, 'home'],
        ['percent_of_commission', 5000, null, null, null],
        ['percent_of_order', 900, null, null, null],
        ['fixed', null, 5000n, 'CZK', null],
      ],
    );
    const shopAudit = await auditRows('shop_changed', admin.userId);
    assert.equal(shopAudit.at(-1)?.after?.shop, 'kitchen-cz');
    assert.equal(shopAudit.at(-1)?.subjectUserId, null);
    const ruleAudit = await auditRows('cashback_rule_changed', admin.userId);
    assert.equal(ruleAudit.length, 5);
    assert.deepEqual(ruleAudit[1]?.after, {
      shop: 'kitchen-cz',
      ruleId: stored[1]!.id,
      kind: 'percent_of_order',
      category: 'home',
      basisPoints: 400,
      fixedAmount: null,
      validFrom: now.toISOString(),
      validTo: null,
    });
  });

  it('when a rule in force is deleted, then it ends now and keeps its row; a scheduled rule is removed; the headline follows', async () => {
    const rules = (await admin.browser.get('/api/v1/admin/shops/kitchen-cz/rules').expect(200)).body
      .items as Array<{
      id: string;
      basisPoints: number | null;
      state: string;
    }>;
    const best = rules.find((rule) => rule.basisPoints === 400)!;
    const scheduled = rules.find((rule) => rule.state === 'scheduled')!;
    const auditBefore = (await auditRows('cashback_rule_changed', admin.userId)).length;

    await admin.browser.delete(`/api/v1/admin/shops/kitchen-cz/rules/${best.id}`).expect(204);
    const ended = await ctx().database.manager.findOneByOrFail(CashbackRule, { id: best.id });
    assert.equal(ended.validTo?.toISOString(), ctx().clock.now().toISOString());
    const shown = await publicApi().get('/api/v1/shops/kitchen-cz').expect(200);
    assert.deepEqual(shown.body.cashback, { kind: 'percent', basisPoints: 250 });

    await admin.browser.delete(`/api/v1/admin/shops/kitchen-cz/rules/${scheduled.id}`).expect(204);
    assert.equal(await ctx().database.manager.countBy(CashbackRule, { id: scheduled.id }), 0);

    // Ending an ended rule changes nothing and audits nothing.
    await admin.browser.delete(`/api/v1/admin/shops/kitchen-cz/rules/${best.id}`).expect(204);
    const audit = (await auditRows('cashback_rule_changed', admin.userId)).slice(auditBefore);
    assert.equal(audit.length, 2);
    assert.deepEqual(
      [audit[0]?.before, audit[0]?.after],
      [
        { shop: 'kitchen-cz', ruleId: best.id, validTo: null },
        { shop: 'kitchen-cz', ruleId: best.id, validTo: ctx().clock.now().toISOString() },
      ],
    );
    assert.deepEqual(
      [audit[1]?.before?.ruleId, audit[1]?.before?.basisPoints, audit[1]?.after],
      [scheduled.id, 900, null],
    );

    const states = (
      await admin.browser.get('/api/v1/admin/shops/kitchen-cz/rules').expect(200)
    ).body.items.map((rule: { id: string; state: string }) => [rule.id, rule.state]);
    assert.ok(states.some(([id, state]: [string, string]) => id === best.id && state === 'ended'));
    assert.equal(states.length, 4);

    const alzaRule = await ctx().database.manager.findOneByOrFail(CashbackRule, {
      shopId: (await ctx().database.manager.findOneByOrFail(Shop, { slug: 'alza-cz' })).id,
    });
    const foreign = await admin.browser.delete(`/api/v1/admin/shops/kitchen-cz/rules/${alzaRule.id}`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'RULE_NOT_FOUND');
  });

  it('when an admin deactivates a shop, then the public API answers 404 at once, staff still see it, and the change is audited', async () => {
    const auditBefore = (await auditRows('shop_changed', admin.userId)).length;
    const patched = await admin.browser.patch('/api/v1/admin/shops/kitchen-cz', { isActive: false });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.isActive, false);

    const gone = await publicApi().get('/api/v1/shops/kitchen-cz');
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'SHOP_NOT_FOUND');
    const inactive = await admin.browser.get('/api/v1/admin/shops?active=false&market=cz').expect(200);
    assert.ok(inactive.body.items.some((shop: { slug: string }) => shop.slug === 'kitchen-cz'));
    await support.browser.get('/api/v1/admin/shops/kitchen-cz').expect(200);

    // The same change again is no change: no new audit row.
    await admin.browser.patch('/api/v1/admin/shops/kitchen-cz', { isActive: false }).expect(200);
    const audit = (await auditRows('shop_changed', admin.userId)).slice(auditBefore);
    assert.deepEqual(
      audit.map((entry) => [entry.before, entry.after]),
      [
        [
          { shop: 'kitchen-cz', isActive: true },
          { shop: 'kitchen-cz', isActive: false },
        ],
      ],
    );
  });

  it('when an admin edits a shop, then only the given fields change and the audit names the network by slug', async () => {
    await admin.browser
      .post('/api/v1/admin/networks', { slug: 'catalogue-other', name: 'Other', kind: 'awin' })
      .expect(201);
    await admin.browser.post('/api/v1/admin/shops', shopInput('garden-cz')).expect(201);
    const patched = await admin.browser.patch('/api/v1/admin/shops/garden-cz', {
      name: 'Zahrada',
      networkSlug: 'catalogue-other',
      trackingTemplate: 'https://www.awin1.com/cread.php?awinmid=1&clickref={click_id}',
      deepLinkHosts: [],
      logoUrl: null,
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(
      [
        patched.body.name,
        patched.body.networkSlug,
        patched.body.deepLinkHosts,
        patched.body.logoUrl,
        patched.body.confirmationDays,
      ],
      ['Zahrada', 'catalogue-other', [], null, 40],
    );
    const shown = await publicApi().get('/api/v1/shops/garden-cz').expect(200);
    assert.equal(shown.body.name, 'Zahrada');
    const entry = (await auditRows('shop_changed', admin.userId)).at(-1)!;
    assert.deepEqual(entry.before, {
      shop: 'garden-cz',
      name: 'Test garden-cz',
      logoUrl: '/logos/test.svg',
      trackingTemplate: 'https://network.example/c?aid=7&subid={click_id}&url={to}',
      deepLinkHosts: ['www.test-shop.cz', 'test-shop.cz'],
      networkSlug: 'catalogue-test',
    });
    assert.equal(entry.after?.networkSlug, 'catalogue-other');
  });

  it('when a network is deactivated, then its shops leave the public catalogue and its postbacks are refused at once, until it is active again', async () => {
    await admin.browser
      .post('/api/v1/admin/networks', { slug: 'catalogue-paused', name: 'Paused', kind: 'impact' })
      .expect(201);
    await admin.browser
      .post('/api/v1/admin/shops', shopInput('paused-sk', { market: 'sk', networkSlug: 'catalogue-paused' }))
      .expect(201);
    await publicApi().get('/api/v1/shops/paused-sk').expect(200);
    // Known to postbacks (refused for want of credentials, not as unknown), and so cached there.
    const known = await publicApi().post('/postback/catalogue-paused').send({});
    assert.notEqual(known.status, 404, JSON.stringify(known.body));

    const off = await admin.browser.patch('/api/v1/admin/networks/catalogue-paused', { isActive: false });
    assert.equal(off.status, 200);
    assert.equal(off.body.isActive, false);
    await publicApi().get('/api/v1/shops/paused-sk').expect(404);
    const paused = await publicApi().post('/postback/catalogue-paused').send({});
    assert.equal(paused.status, 404, 'postbacks stop at once, not after their cache expires');
    assert.equal(paused.body.code, 'POSTBACK_UNKNOWN_NETWORK');
    await admin.browser.patch('/api/v1/admin/networks/catalogue-paused', { isActive: true }).expect(200);
    await publicApi().get('/api/v1/shops/paused-sk').expect(200);

    const audit = (await auditRows('network_changed', admin.userId)).filter(
      (entry) => entry.after?.network === 'catalogue-paused',
    );
    assert.deepEqual(
      audit.map((entry) => entry.after),
      [
        { network: 'catalogue-paused', name: 'Paused', kind: 'impact', settings: {}, isActive: true },
        { network: 'catalogue-paused', isActive: false },
        { network: 'catalogue-paused', isActive: true },
      ],
    );
  });

  describe('validation', () => {
    function expectProblem(response: request.Response, status: number, code: string, path?: string) {
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.body.code, code);
      if (path !== undefined) {
        assert.ok(
          (response.body.errors as Array<{ path: string }>).some((error) => error.path === path),
          JSON.stringify(response.body.errors),
        );
      }
    }

    it('when a slug is taken, then 409 SLUG_TAKEN and nothing is written', async () => {
      const shops = await ctx().database.manager.count(Shop);
      expectProblem(
        await admin.browser.post('/api/v1/admin/networks', {
          slug: 'awin',
          name: 'Awin again',
          kind: 'awin',
        }),
        409,
        'SLUG_TAKEN',
        'slug',
      );
      expectProblem(
        await admin.browser.post('/api/v1/admin/shops', shopInput('alza-cz')),
        409,
        'SLUG_TAKEN',
        'slug',
      );
      createdShops.delete('alza-cz');
      assert.equal(await ctx().database.manager.count(Shop), shops);
    });

    it('when the network is unknown, then 400 UNKNOWN_NETWORK', async () => {
      expectProblem(
        await admin.browser.post(
          '/api/v1/admin/shops',
          shopInput('orphan-cz', { networkSlug: 'no-such-network' }),
        ),
        400,
        'UNKNOWN_NETWORK',
        'networkSlug',
      );
      expectProblem(
        await admin.browser.patch('/api/v1/admin/shops/garden-cz', { networkSlug: 'no-such-network' }),
        400,
        'UNKNOWN_NETWORK',
      );
      assert.equal(await ctx().database.manager.countBy(Shop, { slug: 'orphan-cz' }), 0);
    });

    it('when the tracking template is unsafe, then 400 INVALID_TRACKING_TEMPLATE on trackingTemplate, on create and on update', async () => {
      for (const trackingTemplate of [
        'https://network.example/{click_id}?a=1',
        'https://network.example/c?subid=fixed',
        'javascript:alert(1)//?subid={click_id}',
        'https://user:pass@network.example/c?subid={click_id}',
        'https://network.example/c?subid={click_id}#x',
        'http://network.example/c?subid={click_id}',
      ]) {
        expectProblem(
          await admin.browser.post('/api/v1/admin/shops', shopInput('unsafe-cz', { trackingTemplate })),
          400,
          'INVALID_TRACKING_TEMPLATE',
          'trackingTemplate',
        );
      }
      expectProblem(
        await admin.browser.patch('/api/v1/admin/shops/garden-cz', {
          trackingTemplate: 'https://{click_id}.network.example/c?a=1',
        }),
        400,
        'INVALID_TRACKING_TEMPLATE',
        'trackingTemplate',
      );
      assert.equal(await ctx().database.manager.countBy(Shop, { slug: 'unsafe-cz' }), 0);
    });

    it('when the deployment is in production, then an http://localhost template is refused (development accepts it)', async () => {
      const localhost = 'http://localhost:3000/demo-shop/x?subid={click_id}&url={to}';
      const deps = {
        database: ctx().database,
        clock: ctx().clock,
        audit: ctx().app.services.audit,
        shops: ctx().app.services.shops,
      };
      const actor = { userId: admin.userId, client: { ip: null, userAgent: null } };
      const input = {
        ...shopInput('local-cz', { trackingTemplate: localhost }),
        market: 'cz' as const,
        isActive: false,
      };
      const production = new ShopsAdminService({ ...deps, allowHttpLocalhost: false });
      await assert.rejects(production.create(actor, input), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'INVALID_TRACKING_TEMPLATE');
        return true;
      });
      // The test app runs as development: the same template is accepted through the API.
      await admin.browser.post('/api/v1/admin/shops', input).expect(201);
    });

    it('when fields are malformed or unknown, then 400 VALIDATION_FAILED and nothing is written', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [shopInput('bad-hosts-cz', { deepLinkHosts: ['*.shop.cz'] }), 'deepLinkHosts.0'],
        [shopInput('bad-hosts-cz', { deepLinkHosts: ['https://shop.cz'] }), 'deepLinkHosts.0'],
        [shopInput('bad-logo-cz', { logoUrl: '//evil.example/logo.png' }), 'logoUrl'],
        [shopInput('Bad Slug'), 'slug'],
        [shopInput('bad-market-cz', { market: 'pl' }), 'market'],
        [{ ...shopInput('bad-extra-cz'), isFeatured: true }, ''],
      ];
      for (const [body, path] of cases) {
        expectProblem(await admin.browser.post('/api/v1/admin/shops', body), 400, 'VALIDATION_FAILED', path);
      }
      expectProblem(
        await admin.browser.patch('/api/v1/admin/shops/garden-cz', { slug: 'renamed' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await admin.browser.patch('/api/v1/admin/networks/catalogue-test', {
          settings: { webhookSecret: 'whsec_x' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      assert.equal(
        await ctx().database.manager.countBy(Shop, {
          slug: In(['bad-hosts-cz', 'bad-logo-cz', 'bad-extra-cz']),
        }),
        0,
      );
    });

    it('when a rule is inconsistent, then 400 and no rule is written', async () => {
      const shop = await ctx().database.manager.findOneByOrFail(Shop, { slug: 'garden-cz' });
      const before = await ctx().database.manager.countBy(CashbackRule, { shopId: shop.id });
      const now = ctx().clock.now().getTime();
      const cases: Array<[Record<string, unknown>, number, string, string]> = [
        [
          { kind: 'fixed', fixedAmount: { amountMinor: '500', currency: 'EUR' } },
          400,
          'CURRENCY_MISMATCH',
          'fixedAmount.currency',
        ],
        [{ kind: 'fixed', basisPoints: 300 }, 400, 'VALIDATION_FAILED', 'fixedAmount'],
        [{ kind: 'percent_of_order', basisPoints: 0 }, 400, 'VALIDATION_FAILED', 'basisPoints'],
        [{ kind: 'percent_of_order', basisPoints: 10001 }, 400, 'VALIDATION_FAILED', 'basisPoints'],
        [
          { kind: 'percent_of_order', basisPoints: 300, validFrom: new Date(now - DAY_MS).toISOString() },
          400,
          'INVALID_RULE_PERIOD',
          'validFrom',
        ],
        [
          { kind: 'percent_of_order', basisPoints: 300, validTo: new Date(now - 1000).toISOString() },
          400,
          'INVALID_RULE_PERIOD',
          'validTo',
        ],
        [
          {
            kind: 'percent_of_order',
            basisPoints: 300,
            validFrom: new Date(now + 2 * DAY_MS).toISOString(),
            validTo: new Date(now + DAY_MS).toISOString(),
          },
          400,
          'VALIDATION_FAILED',
          'validTo',
        ],
      ];
      for (const [body, status, code, path] of cases) {
        expectProblem(
          await admin.browser.post('/api/v1/admin/shops/garden-cz/rules', body),
          status,
          code,
          path,
        );
      }
      assert.equal(await ctx().database.manager.countBy(CashbackRule, { shopId: shop.id }), before);
      const missing = await admin.browser.post('/api/v1/admin/shops/no-such-shop/rules', {
        kind: 'percent_of_order',
        basisPoints: 100,
      });
      expectProblem(missing, 404, 'SHOP_NOT_FOUND');
    });
  });

  it('when support or finance read, then 200; when they try to change anything, then 403 and nothing changes', async () => {
    const finance = await withRole('finance', 'catalogue-finance');
    for (const staff of [support, finance]) {
      for (const path of [
        '/api/v1/admin/networks',
        '/api/v1/admin/networks/catalogue-test',
        '/api/v1/admin/shops',
        '/api/v1/admin/shops/garden-cz',
        '/api/v1/admin/shops/garden-cz/rules',
      ]) {
        assert.equal((await staff.browser.get(path)).status, 200, path);
      }
      const rule = (await staff.browser.get('/api/v1/admin/shops/garden-cz/rules')).body.items[0] as
        { id: string } | undefined;
      const writes = [
        staff.browser.post('/api/v1/admin/networks', { slug: 'support-net', name: 'x', kind: 'generic' }),
        staff.browser.patch('/api/v1/admin/networks/catalogue-test', { isActive: false }),
        staff.browser.post('/api/v1/admin/shops', shopInput('support-shop-cz')),
        staff.browser.patch('/api/v1/admin/shops/garden-cz', { isActive: false }),
        staff.browser.post('/api/v1/admin/shops/garden-cz/rules', {
          kind: 'percent_of_order',
          basisPoints: 100,
        }),
        staff.browser.delete(`/api/v1/admin/shops/garden-cz/rules/${rule?.id ?? '1'}`),
      ];
      for (const write of writes) {
        const response = await write;
        assert.equal(response.status, 403);
        assert.equal(response.body.code, 'FORBIDDEN');
      }
      assert.equal((await auditRows('shop_changed', staff.userId)).length, 0);
    }
    assert.equal((await ctx().database.manager.findOneByOrFail(Shop, { slug: 'garden-cz' })).isActive, true);
    assert.equal(
      (await ctx().database.manager.findOneByOrFail(Network, { slug: 'catalogue-test' })).isActive,
      true,
    );
    assert.equal(await ctx().database.manager.countBy(Network, { slug: 'support-net' }), 0);
  });

  it('pages through every shop, inactive ones included, by slug, with no shop twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: request.Response = await admin.browser
        .get('/api/v1/admin/shops')
        .query({ limit: '3', ...(cursor ? { cursor } : {}) });
      assert.equal(response.status, 200);
      seen.push(...response.body.items.map((shop: { slug: string }) => shop.slug));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen.length, await ctx().database.manager.count(Shop));
    assert.ok(seen.includes('kitchen-cz'), 'the inactive shop is listed');

    const filtered = await admin.browser
      .get('/api/v1/admin/shops?network=catalogue-other&q=zahr')
      .expect(200);
    assert.deepEqual(
      filtered.body.items.map((shop: { slug: string }) => shop.slug),
      ['garden-cz'],
    );
    const wildcard = await admin.browser.get('/api/v1/admin/shops?q=%25').expect(200);
    assert.deepEqual(wildcard.body.items, [], '% is matched literally');

    const networks: string[] = [];
    cursor = null;
    do {
      const response: request.Response = await admin.browser
        .get('/api/v1/admin/networks')
        .query({ limit: '2', ...(cursor ? { cursor } : {}) });
      networks.push(...response.body.items.map((network: { slug: string }) => network.slug));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    assert.equal(networks.length, await ctx().database.manager.count(Network));
    assert.deepEqual(networks, [...networks].sort());
  });
});
