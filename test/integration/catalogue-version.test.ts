import assert from 'node:assert/strict';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { CatalogueWatch } from '../../server/src/modules/shops/catalogue-version.js';
import { readCatalogueVersion } from '../../server/src/modules/shops/catalogue-version.repository.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

/**
 * The catalogue's version stamp moves with every committed catalogue change and with nothing else;
 * the watch of each process drops its cached catalogue when the stamp moved (the two-process test,
 * catalogue-processes.test.ts, shows the effect across real processes).
 */
describe('catalogue version stamp', () => {
  let admin: Awaited<ReturnType<typeof signedUpShopper>>;

  before(async () => {
    admin = await signedUpShopper('catalogue-version-admin');
    await ctx().database.manager.update(User, { id: admin.userId }, { role: 'admin' });
  });

  /** Runs a change and returns by how much the stamp moved. */
  async function stampMoves(change: () => Promise<unknown>): Promise<bigint> {
    const before = BigInt(await readCatalogueVersion(ctx().database));
    await change();
    return BigInt(await readCatalogueVersion(ctx().database)) - before;
  }

  it('when staff change a network, a shop or a rule, then the stamp moves once per change; a change of nothing or a refused one leaves it', async () => {
    // An inactive network: its shops stay out of the public catalogue other tests look at.
    const slug = `stamp-${Date.now().toString(36)}`;
    assert.equal(
      await stampMoves(() =>
        admin.browser
          .post('/api/v1/admin/networks', { slug, name: 'Stamp network', kind: 'generic', isActive: false })
          .expect(201),
      ),
      1n,
    );
    assert.equal(
      await stampMoves(() =>
        admin.browser.patch(`/api/v1/admin/networks/${slug}`, { name: 'Stamp network 2' }).expect(200),
      ),
      1n,
    );
    assert.equal(
      await stampMoves(() =>
        admin.browser.patch(`/api/v1/admin/networks/${slug}`, { name: 'Stamp network 2' }).expect(200),
      ),
      0n,
    );
    const shop = `${slug}-shop`;
    assert.equal(
      await stampMoves(() =>
        admin.browser
          .post('/api/v1/admin/shops', {
            slug: shop,
            name: 'Stamp shop',
            market: 'cz',
            networkSlug: slug,
            logoUrl: null,
            description: 'Zkušební obchod.',
            categories: ['home'],
            trackingTemplate: 'https://network.example/c?subid={click_id}',
            deepLinkHosts: ['www.stamp-shop.cz'],
            conditions: 'Žádné.',
            confirmationDays: 30,
          })
          .expect(201),
      ),
      1n,
    );
    assert.equal(
      await stampMoves(() =>
        admin.browser.patch(`/api/v1/admin/shops/${shop}`, { confirmationDays: 45 }).expect(200),
      ),
      1n,
    );
    let ruleId = '';
    assert.equal(
      await stampMoves(async () => {
        const rule = await admin.browser
          .post(`/api/v1/admin/shops/${shop}/rules`, { kind: 'percent_of_order', basisPoints: 250 })
          .expect(201);
        ruleId = rule.body.id as string;
      }),
      1n,
    );
    assert.equal(
      await stampMoves(() => admin.browser.delete(`/api/v1/admin/shops/${shop}/rules/${ruleId}`).expect(204)),
      1n,
    );
    // Ending an ended rule changes nothing; a refused rule is not stored.
    assert.equal(
      await stampMoves(() => admin.browser.delete(`/api/v1/admin/shops/${shop}/rules/${ruleId}`).expect(204)),
      0n,
    );
    assert.equal(
      await stampMoves(() =>
        admin.browser
          .post(`/api/v1/admin/shops/${shop}/rules`, {
            kind: 'percent_of_order',
            basisPoints: 250,
            validFrom: '2000-01-01T00:00:00.000Z',
          })
          .expect(400),
      ),
      0n,
    );
  });

  it('when the stamp moved, then the watch drops the cached catalogue once; while it stays, never', async () => {
    let dropped = 0;
    const watch = new CatalogueWatch({
      database: ctx().database,
      shops: { invalidate: () => dropped++ },
      logger: ctx().logger,
    });
    // The first check has nothing to compare with: it drops whatever was loaded before it.
    assert.equal(await watch.check(), true);
    assert.equal(await watch.check(), false);
    assert.equal(await watch.check(), false);
    await admin.browser
      .post('/api/v1/admin/networks', {
        slug: `watch-${Date.now().toString(36)}`,
        name: 'Watch network',
        kind: 'generic',
        isActive: false,
      })
      .expect(201);
    assert.equal(await watch.check(), true);
    assert.equal(await watch.check(), false);
    assert.equal(dropped, 2);
  });
});
