import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { NetworkSecret } from '../../server/src/modules/postbacks/network-secret.entity.js';
import { signedUpShopper, type Browser } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

type Person = Awaited<ReturnType<typeof signedUpShopper>>;

const manager = () => ctx().database.manager;
const UNKNOWN_CLICK = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

async function withRole(role: User['role'], label: string): Promise<Person> {
  const person = await signedUpShopper(label);
  await manager().update(User, { id: person.userId }, { role });
  return person;
}

async function balance(browser: Browser, currency = 'CZK') {
  const response = await browser.get('/api/v1/me/balance').expect(200);
  const item = (response.body.items as Array<Record<string, { amountMinor: string } | string>>).find(
    (entry) => entry.currency === currency,
  );
  const value = (key: string) => (item ? (item[key] as { amountMinor: string }).amountMinor : '0');
  return { pending: value('pending'), available: value('available'), debt: value('debt') };
}

/** A shopper's purchase at alza-cz (1.5 % of the order value) through a real click and postback. */
async function purchase(person: Person, status: 'pending' | 'approved', orderAmount = '1000.00') {
  const clickId = await clickThrough(person.browser.sessionCookie!, 'alza-cz');
  const order = orderId('ADM');
  const response = await sendSigned({
    click_id: clickId,
    order_id: order,
    order_amount: orderAmount,
    commission: '50.00',
    status,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return { clickId, order, conversionId: response.body.conversionId as string };
}

/** A postback whose click we do not know: kept as an unattributed conversion (202). */
async function unattributed(status: 'pending' | 'approved' = 'approved') {
  const order = orderId('UNA');
  const response = await sendSigned({
    click_id: UNKNOWN_CLICK,
    order_id: order,
    order_amount: '1000.00',
    commission: '50.00',
    status,
    occurred_at: ctx().clock.now().toISOString(),
  });
  assert.equal(response.status, 202, JSON.stringify(response.body));
  return { order, conversionId: response.body.conversionId as string };
}

const auditRows = (action: string, where: { actorUserId?: string; subjectUserId?: string }) =>
  manager().find(AuditEntry, { where: { action, ...where }, order: { id: 'ASC' } });

describe('admin: the money path (credentials, conversions, adjustments, unattributed, health)', () => {
  let admin: Person;
  let finance: Person;
  let support: Person;

  before(async () => {
    await demoNetwork();
    admin = await withRole('admin', 'money-admin');
    finance = await withRole('finance', 'money-finance');
    support = await withRole('support', 'money-support');
  });

  describe('network credentials', () => {
    it('when an admin creates an hmac credential, then it is shown once, verifies postbacks, and stops the moment it is retired', async () => {
      const created = await admin.browser.post('/api/v1/admin/networks/demo/credentials', {
        kind: 'hmac',
        label: 'rotation 2025',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
      assert.equal(created.body.postbackUrl, null);
      assert.equal(created.body.expiresAt, null);
      const secret = created.body.secret as string;

      const list = await admin.browser.get('/api/v1/admin/networks/demo/credentials').expect(200);
      const listed = list.body.items.find((item: { id: string }) => item.id === created.body.id);
      assert.deepEqual(Object.keys(listed).sort(), ['createdAt', 'expiresAt', 'id', 'kind', 'label']);
      assert.equal(listed.label, 'rotation 2025');
      assert.doesNotMatch(JSON.stringify(list.body), /whsec_/);

      const accepted = await sendSigned(
        {
          click_id: UNKNOWN_CLICK,
          order_id: orderId('KEY'),
          order_amount: '10.00',
          commission: '1.00',
          status: 'pending',
        },
        { secret },
      );
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));

      const retired = await admin.browser.delete(
        `/api/v1/admin/networks/demo/credentials/${created.body.id}?graceDays=0`,
      );
      assert.equal(retired.status, 200, JSON.stringify(retired.body));
      assert.equal(retired.body.expiresAt, ctx().clock.now().toISOString());

      const refused = await sendSigned(
        {
          click_id: UNKNOWN_CLICK,
          order_id: orderId('KEY'),
          order_amount: '10.00',
          commission: '1.00',
          status: 'pending',
        },
        { secret },
      );
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, 'POSTBACK_BAD_SIGNATURE');

      const audits = (await auditRows('network_changed', { actorUserId: admin.userId })).filter(
        (row) => row.after?.credential === created.body.id,
      );
      assert.equal(audits.length, 2);
      assert.doesNotMatch(JSON.stringify(audits), /whsec_/);
      assert.ok(audits.every((row) => row.ip !== null));
    });

    it('when a credential is retired with a grace period, then it keeps verifying until then, and retiring again never extends it', async () => {
      const created = await admin.browser
        .post('/api/v1/admin/networks/demo/credentials', { kind: 'hmac', label: 'grace' })
        .expect(201);
      const url = `/api/v1/admin/networks/demo/credentials/${created.body.id}`;
      const inAWeek = new Date(ctx().clock.now().getTime() + 7 * 86400_000).toISOString();
      assert.equal((await admin.browser.delete(url).expect(200)).body.expiresAt, inAWeek);
      const stillGood = await sendSigned(
        {
          click_id: UNKNOWN_CLICK,
          order_id: orderId('KEY'),
          order_amount: '10.00',
          commission: '1.00',
          status: 'pending',
        },
        { secret: created.body.secret },
      );
      assert.equal(stillGood.status, 202);
      assert.equal((await admin.browser.delete(`${url}?graceDays=30`).expect(200)).body.expiresAt, inAWeek);
      await admin.browser.delete(`${url}?graceDays=0`).expect(200);
      const row = await manager().findOneByOrFail(NetworkSecret, { id: created.body.id });
      assert.equal(row.expiresAt?.toISOString(), ctx().clock.now().toISOString());
    });

    it('when a template network gets a token, then the answer carries the ready postback URL; kinds must fit the network', async () => {
      const created = await admin.browser.post('/api/v1/admin/networks/awin/credentials', {
        kind: 'token',
        label: 'awin main',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(
        created.body.postbackUrl,
        `http://localhost:3000/postback/awin?token=${encodeURIComponent(created.body.secret)}`,
      );
      const stored = await manager().findOneByOrFail(NetworkSecret, { id: created.body.id });
      assert.equal(stored.sealedSecret, null);
      assert.notEqual(stored.tokenHash, created.body.secret);

      const wrongKind = await admin.browser.post('/api/v1/admin/networks/demo/credentials', {
        kind: 'token',
        label: 'nope',
      });
      assert.equal(wrongKind.status, 400);
      assert.equal(wrongKind.body.code, 'CREDENTIAL_KIND_MISMATCH');
      await admin.browser
        .delete(`/api/v1/admin/networks/awin/credentials/${created.body.id}?graceDays=0`)
        .expect(200);
    });

    it('when the network or credential is unknown, or the input is bad, then 404/400; support cannot see credentials', async () => {
      assert.equal((await admin.browser.get('/api/v1/admin/networks/nowhere/credentials')).status, 404);
      assert.equal(
        (await admin.browser.delete('/api/v1/admin/networks/demo/credentials/999999999')).body.code,
        'CREDENTIAL_NOT_FOUND',
      );
      for (const body of [
        { kind: 'hmac' },
        { kind: 'rsa', label: 'x' },
        { kind: 'hmac', label: 'x', secret: 'mine' },
      ]) {
        assert.equal((await admin.browser.post('/api/v1/admin/networks/demo/credentials', body)).status, 400);
      }
      assert.equal(
        (await admin.browser.delete('/api/v1/admin/networks/demo/credentials/1?graceDays=-1')).status,
        400,
      );
      assert.equal((await support.browser.get('/api/v1/admin/networks/demo/credentials')).status, 403);
      assert.equal(
        (await finance.browser.post('/api/v1/admin/networks/demo/credentials', { kind: 'hmac', label: 'x' }))
          .status,
        403,
      );
    });
  });

  describe('conversions', () => {
    let shopper: Person;
    let first: Awaited<ReturnType<typeof purchase>>;
    let second: Awaited<ReturnType<typeof purchase>>;

    before(async () => {
      shopper = await signedUpShopper('money-shopper');
      first = await purchase(shopper, 'pending');
      second = await purchase(shopper, 'approved', '2000.00');
    });

    it('when staff search by order, click, shop, network, shopper, state and time, then only the matching conversions come back', async () => {
      const search = async (query: string) => {
        const response = await support.browser.get(`/api/v1/admin/conversions?${query}`);
        assert.equal(response.status, 200, `${query}: ${JSON.stringify(response.body)}`);
        return (response.body.items as Array<{ id: string }>).map((item) => item.id);
      };
      assert.deepEqual(await search(`orderId=${first.order}`), [first.conversionId]);
      assert.deepEqual(await search(`clickId=${second.clickId}`), [second.conversionId]);
      assert.deepEqual(await search(`userId=${shopper.userId}`), [second.conversionId, first.conversionId]);
      assert.deepEqual(await search(`userId=${shopper.userId}&state=approved`), [second.conversionId]);
      assert.deepEqual(await search(`userId=${shopper.userId}&shop=alza-cz&network=demo&attribution=click`), [
        second.conversionId,
        first.conversionId,
      ]);
      assert.deepEqual(await search(`userId=${shopper.userId}&network=awin`), []);
      assert.deepEqual(await search(`userId=${shopper.userId}&shop=no-such-shop`), []);
      const now = ctx().clock.now();
      const later = new Date(now.getTime() + 1).toISOString();
      assert.deepEqual(await search(`userId=${shopper.userId}&from=${later}`), []);
      assert.deepEqual(await search(`userId=${shopper.userId}&to=${now.toISOString()}`), []);
      assert.deepEqual(await search(`userId=${shopper.userId}&from=${now.toISOString()}&to=${later}`), [
        second.conversionId,
        first.conversionId,
      ]);

      const view = (await support.browser.get(`/api/v1/admin/conversions?orderId=${second.order}`)).body
        .items[0];
      assert.deepEqual(
        [
          view.shop,
          view.network.slug,
          view.orderAmount,
          view.share,
          view.state,
          view.attribution,
          view.userId,
        ],
        [
          { slug: 'alza-cz', name: 'Alza.cz' },
          'demo',
          { amountMinor: '200000', currency: 'CZK' },
          { amountMinor: '3000', currency: 'CZK' },
          'approved',
          'click',
          shopper.userId,
        ],
      );
    });

    it('when a page is full, then the cursor continues after it without repeats (keyset on created_at, id)', async () => {
      const page1 = await support.browser
        .get(`/api/v1/admin/conversions?userId=${shopper.userId}&limit=1`)
        .expect(200);
      assert.equal(page1.body.items.length, 1);
      assert.ok(page1.body.nextCursor);
      const page2 = await support.browser
        .get(`/api/v1/admin/conversions?userId=${shopper.userId}&limit=1&cursor=${page1.body.nextCursor}`)
        .expect(200);
      assert.deepEqual(
        [page1.body.items[0].id, page2.body.items[0].id],
        [second.conversionId, first.conversionId],
      );
      assert.equal(page2.body.nextCursor, null);
      for (const query of [
        'state=maybe',
        'limit=0',
        'colour=red',
        'from=yesterday',
        'cursor=bm90LWEtY3Vyc29y',
      ]) {
        const response = await support.browser.get(`/api/v1/admin/conversions?${query}`);
        assert.equal(response.status, 400, query);
      }
    });

    it('when staff open a shopper’s conversion, then they see its history, raw postbacks and transfers, and the read is audited', async () => {
      const response = await support.browser.get(`/api/v1/admin/conversions/${second.conversionId}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const detail = response.body;
      assert.equal(detail.conversion.id, second.conversionId);
      assert.deepEqual(detail.user, { id: shopper.userId, email: shopper.email });
      assert.deepEqual(
        detail.events.map((event: { state: string; source: string }) => [event.state, event.source]),
        [['approved', 'postback']],
      );
      assert.equal(detail.inbox.length, 1);
      const [message] = detail.inbox;
      assert.equal(message.method, 'POST');
      assert.equal(message.outcome, 'accepted');
      assert.ok(message.headers['webhook-id']);
      assert.equal(JSON.parse(message.body).order_id, second.order);
      assert.deepEqual(
        detail.transfers.map((transfer: { code: string }) => transfer.code),
        ['conversion_pending', 'conversion_approved'],
      );
      for (const transfer of detail.transfers as Array<{
        entries: Array<{ amount: { amountMinor: string } }>;
      }>) {
        assert.equal(
          transfer.entries.reduce((sum, entry) => sum + BigInt(entry.amount.amountMinor), 0n),
          0n,
        );
      }
      const viewed = await auditRows('personal_data_viewed', {
        actorUserId: support.userId,
        subjectUserId: shopper.userId,
      });
      assert.equal(viewed.length, 1);
      assert.deepEqual(viewed[0]!.after, { view: 'conversion', conversionId: second.conversionId });

      assert.equal((await support.browser.get('/api/v1/admin/conversions/999999999')).status, 404);
      assert.equal((await support.browser.get('/api/v1/admin/conversions/abc')).status, 400);
    });

    describe('adjustments', () => {
      let customer: Person;
      let conversionId: string;
      const transfersOf = (id: string) =>
        manager().countBy(LedgerTransfer, { reference: `adjustment:conversion:${id}` });
      /** Posts an adjustment with its `Idempotency-Key` header (`null`: without one). */
      const adjust = (who: Person, body: object, key: string | null, id = conversionId) => {
        const call = who.browser.agent
          .post(`/api/v1/admin/conversions/${id}/adjustments`)
          .set('X-CSRF-Token', who.browser.csrfToken);
        return (key === null ? call : call.set('Idempotency-Key', key)).send(body);
      };

      before(async () => {
        customer = await signedUpShopper('money-adjusted');
        ({ conversionId } = await purchase(customer, 'pending'));
      });

      it('when finance credits a shopper, then the ledger moves it to available once, however often the key is sent', async () => {
        const body = {
          amount: { amountMinor: '500', currency: 'CZK' },
          reason: 'Goodwill: the confirmation took too long',
        };
        const key = randomUUID();
        const response = await adjust(finance, body, key);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.equal(response.body.duplicate, false);
        assert.equal(response.headers['idempotent-replayed'], undefined);
        assert.deepEqual(response.body.balance, {
          available: { amountMinor: '500', currency: 'CZK' },
          debt: { amountMinor: '0', currency: 'CZK' },
        });
        assert.equal(response.body.transfer.code, 'adjustment');
        assert.equal(response.body.transfer.reason, body.reason);
        assert.deepEqual(
          response.body.transfer.entries.map((entry: { kind: string; amount: { amountMinor: string } }) => [
            entry.kind,
            entry.amount.amountMinor,
          ]),
          [
            ['platform_revenue', '-500'],
            ['available', '500'],
          ],
        );
        assert.deepEqual(await balance(customer.browser), { pending: '1500', available: '500', debt: '0' });

        const again = await adjust(finance, body, key);
        assert.equal(again.status, 200);
        assert.equal(again.body.duplicate, true);
        assert.equal(again.headers['idempotent-replayed'], 'true');
        assert.equal(again.body.transfer.id, response.body.transfer.id);
        assert.equal(await transfersOf(conversionId), 1);
        assert.deepEqual(await balance(customer.browser), { pending: '1500', available: '500', debt: '0' });

        const reused = await adjust(
          finance,
          { ...body, amount: { amountMinor: '600', currency: 'CZK' } },
          key,
        );
        assert.equal(reused.status, 422);
        assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
        assert.match(reused.headers['content-type'] ?? '', /application\/problem\+json/);
        const other = await purchase(await signedUpShopper('money-adjusted-other'), 'pending');
        const elsewhere = await adjust(finance, body, key, other.conversionId);
        assert.equal(elsewhere.status, 422, 'the same key on another conversion is another request');
        assert.equal(elsewhere.body.code, 'IDEMPOTENCY_KEY_REUSED');
        assert.equal(await transfersOf(conversionId), 1);

        const audits = await auditRows('ledger_adjusted', { subjectUserId: customer.userId });
        assert.equal(audits.length, 1);
        assert.equal(audits[0]!.actorUserId, finance.userId);
        assert.deepEqual(audits[0]!.before, { available: '0', debt: '0', currency: 'CZK' });
        assert.equal(audits[0]!.after?.available, '500');
        assert.equal(audits[0]!.after?.transferId, response.body.transfer.id);
      });

      it('when an admin takes back more than is available, then the rest becomes debt, and later credits pay the debt first', async () => {
        const take = await adjust(
          admin,
          { amount: { amountMinor: '-800', currency: 'CZK' }, reason: 'Order returned after approval' },
          randomUUID(),
        );
        assert.equal(take.status, 200, JSON.stringify(take.body));
        assert.deepEqual(await balance(customer.browser), { pending: '1500', available: '0', debt: '300' });
        const audits = await auditRows('ledger_adjusted', { subjectUserId: customer.userId });
        assert.deepEqual(
          [audits.at(-1)!.before, audits.at(-1)!.after?.available, audits.at(-1)!.after?.debt],
          [{ available: '500', debt: '0', currency: 'CZK' }, '0', '300'],
        );

        const give = await adjust(
          finance,
          { amount: { amountMinor: '500', currency: 'CZK' }, reason: 'Correction of the return' },
          randomUUID(),
        );
        assert.deepEqual(
          give.body.transfer.entries.map((entry: { kind: string; amount: { amountMinor: string } }) => [
            entry.kind,
            entry.amount.amountMinor,
          ]),
          [
            ['platform_revenue', '-500'],
            ['available', '200'],
            ['debt', '300'],
          ],
        );
        assert.deepEqual(await balance(customer.browser), { pending: '1500', available: '200', debt: '0' });
        assert.equal((await ctx().app.services.ledger.verify()).ok, true);
      });

      it('when the same adjustment is sent 8 times at once, then one transfer is posted and every answer is 200', async () => {
        const before = await balance(customer.browser);
        const body = {
          amount: { amountMinor: '-150', currency: 'CZK' },
          reason: 'Double-clicked correction',
        };
        const key = randomUUID();
        const responses = await Promise.all(Array.from({ length: 8 }, () => adjust(admin, body, key)));
        assert.deepEqual(
          responses.map((response) => response.status),
          Array(8).fill(200),
          JSON.stringify(responses.map((response) => response.body)),
        );
        assert.equal(responses.filter((response) => response.body.duplicate === false).length, 1);
        assert.equal(
          responses.filter((response) => response.headers['idempotent-replayed'] === 'true').length,
          7,
        );
        assert.equal(new Set(responses.map((response) => response.body.transfer.id)).size, 1);
        assert.equal(await manager().countBy(LedgerTransfer, { idempotencyKey: `adjustment:${key}` }), 1);
        assert.equal(BigInt((await balance(customer.browser)).available), BigInt(before.available) - 150n);
      });

      it('when the input is bad, or the caller is support, then nothing is written', async () => {
        const transfers = await manager().count(LedgerTransfer);
        const audits = await manager().count(AuditEntry, { where: { action: 'ledger_adjusted' } });
        const valid = { amount: { amountMinor: '100', currency: 'CZK' }, reason: 'A valid reason' };
        const key = randomUUID();
        for (const [label, body, status, sentKey = key] of [
          ['zero', { ...valid, amount: { amountMinor: '0', currency: 'CZK' } }, 400],
          ['decimal', { ...valid, amount: { amountMinor: '1.50', currency: 'CZK' } }, 400],
          ['number', { ...valid, amount: { amountMinor: 100, currency: 'CZK' } }, 400],
          ['huge', { ...valid, amount: { amountMinor: '9007199254740992', currency: 'CZK' } }, 400],
          ['currency', { ...valid, amount: { amountMinor: '100', currency: 'GBP' } }, 400],
          ['other currency', { ...valid, amount: { amountMinor: '100', currency: 'EUR' } }, 400],
          ['extra field', { ...valid, userId: customer.userId }, 400],
          ['extra money field', { ...valid, amount: { ...valid.amount, to: 'debt' } }, 400],
          ['short reason', { ...valid, reason: 'oops' }, 400],
          ['long reason', { ...valid, reason: 'x'.repeat(501) }, 400],
          ['key in the body (the header is the one place)', { ...valid, idempotencyKey: key }, 400],
          ['no key', valid, 400, null],
          ['short key', valid, 400, 'short'],
          ['long key', valid, 400, 'k'.repeat(65)],
          ['key with a space', valid, 400, 'key with spaces'],
        ] as const) {
          const response = await adjust(admin, body, sentKey);
          assert.equal(response.status, status, `${label}: ${JSON.stringify(response.body)}`);
          assert.match(response.headers['content-type'] ?? '', /application\/problem\+json/, label);
        }
        const noKey = await adjust(admin, valid, null);
        assert.equal(noKey.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
        assert.equal((await adjust(support, valid, key)).status, 403);
        assert.equal((await adjust(admin, valid, key, '999999999')).status, 404);
        assert.equal((await adjust(customer, valid, key)).status, 403);
        assert.equal(await manager().count(LedgerTransfer), transfers);
        assert.equal(await manager().count(AuditEntry, { where: { action: 'ledger_adjusted' } }), audits);
      });

      it('when the conversion has no shopper, or it is the staff member’s own, then the adjustment is refused', async () => {
        const { conversionId: orphan } = await unattributed();
        const body = { amount: { amountMinor: '100', currency: 'CZK' }, reason: 'A valid reason' };
        const response = await adjust(admin, body, randomUUID(), orphan);
        assert.equal(response.status, 409);
        assert.equal(response.body.code, 'CONVERSION_UNATTRIBUTED');
        const own = await purchase(finance, 'pending');
        const self = await adjust(finance, body, randomUUID(), own.conversionId);
        assert.equal(self.status, 400);
        assert.equal(self.body.code, 'SELF_ADJUSTMENT');
      });
    });
  });

  describe('the unattributed queue', () => {
    it('when an admin assigns an unattributed conversion to a shopper, then their balance gains the share and later postbacks follow it', async () => {
      const shopper = await signedUpShopper('money-assigned');
      const { order, conversionId } = await unattributed('approved');
      const queue = await finance.browser.get('/api/v1/admin/conversions?attribution=unattributed&limit=100');
      assert.ok(queue.body.items.some((item: { id: string }) => item.id === conversionId));

      const detail = await support.browser.get(`/api/v1/admin/conversions/${conversionId}`).expect(200);
      assert.equal(detail.body.user, null);
      assert.equal(detail.body.inbox.length, 1);

      const response = await admin.browser.post(`/api/v1/admin/conversions/${conversionId}/assign`, {
        userId: shopper.userId,
        shopSlug: 'alza-cz',
        reason: 'The shopper sent the invoice',
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.attribution, 'manual');
      assert.equal(response.body.userId, shopper.userId);
      assert.deepEqual(response.body.shop, { slug: 'alza-cz', name: 'Alza.cz' });
      // alza-cz: 1.5 % of 1000.00 CZK
      assert.deepEqual(response.body.share, { amountMinor: '1500', currency: 'CZK' });
      assert.equal(response.body.revision, 2);
      assert.deepEqual(await balance(shopper.browser), { pending: '0', available: '1500', debt: '0' });

      const events = await manager().find(ConversionEvent, { where: { conversionId }, order: { id: 'ASC' } });
      assert.deepEqual(
        events.map((event) => [event.source, event.userId]),
        [
          ['postback', shopper.userId],
          ['admin', shopper.userId],
        ],
      );
      const audit = await auditRows('conversion_assigned', { subjectUserId: shopper.userId });
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actorUserId, admin.userId);
      const purchases = await shopper.browser.get('/api/v1/me/purchases').expect(200);
      assert.equal(purchases.body.items[0].orderId, order);

      const again = await admin.browser.post(`/api/v1/admin/conversions/${conversionId}/assign`, {
        userId: shopper.userId,
        shopSlug: 'alza-cz',
        reason: 'Clicked twice by mistake',
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'CONVERSION_NOT_UNATTRIBUTED');

      const rejected = await sendSigned({
        click_id: UNKNOWN_CLICK,
        order_id: order,
        order_amount: '1000.00',
        commission: '50.00',
        status: 'rejected',
      });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.deepEqual(await balance(shopper.browser), { pending: '0', available: '0', debt: '0' });
      const stored = await manager().findOneByOrFail(Conversion, { id: conversionId });
      assert.equal(stored.attribution, 'manual');
      assert.equal(stored.ledgerState, 'reversed');
    });

    it('when two staff assign the same conversion at once, then exactly one succeeds and the share is credited once', async () => {
      const [one, two] = [await signedUpShopper('money-race-1'), await signedUpShopper('money-race-2')];
      const { conversionId } = await unattributed('approved');
      const responses = await Promise.all(
        [one, two].map((shopper, index) =>
          (index === 0 ? admin : finance).browser.post(`/api/v1/admin/conversions/${conversionId}/assign`, {
            userId: shopper.userId,
            shopSlug: 'alza-cz',
            reason: 'The shopper sent the invoice',
          }),
        ),
      );
      assert.deepEqual(responses.map((response) => response.status).sort(), [200, 409]);
      const balances = [await balance(one.browser), await balance(two.browser)];
      assert.deepEqual(balances.map((entry) => entry.available).sort(), ['0', '1500']);
      assert.equal(await manager().countBy(LedgerTransfer, { reference: `conversion:${conversionId}` }), 2);
    });

    it('when an assignment names no one real, no shop, a foreign shop or oneself, then it is refused and nothing changes', async () => {
      const shopper = await signedUpShopper('money-not-assigned');
      const { conversionId } = await unattributed();
      const assign = (who: Person, body: object) =>
        who.browser.post(`/api/v1/admin/conversions/${conversionId}/assign`, body);
      const reason = 'The shopper sent the invoice';
      for (const [body, status, code] of [
        [{ userId: '999999999', shopSlug: 'alza-cz', reason }, 404, 'USER_NOT_FOUND'],
        [{ userId: shopper.userId, reason }, 400, 'SHOP_REQUIRED'],
        [{ userId: shopper.userId, shopSlug: 'notino-cz', reason }, 400, 'SHOP_NOT_ON_NETWORK'],
        [{ userId: shopper.userId, shopSlug: 'no-such-shop', reason }, 404, 'SHOP_NOT_FOUND'],
        [{ userId: admin.userId, shopSlug: 'alza-cz', reason }, 400, 'SELF_ASSIGNMENT'],
        [{ userId: shopper.userId, shopSlug: 'alza-cz', reason: 'no' }, 400, 'VALIDATION_FAILED'],
        [
          { userId: shopper.userId, shopSlug: 'alza-cz', reason, attribution: 'click' },
          400,
          'VALIDATION_FAILED',
        ],
      ] as const) {
        const response = await assign(admin, body);
        assert.equal(response.status, status, JSON.stringify(response.body));
        assert.equal(response.body.code, code);
      }
      assert.equal(
        (await assign(support, { userId: shopper.userId, shopSlug: 'alza-cz', reason })).status,
        403,
      );
      const stored = await manager().findOneByOrFail(Conversion, { id: conversionId });
      assert.deepEqual([stored.attribution, stored.userId, stored.revision], ['unattributed', null, 1]);
      assert.deepEqual(await balance(shopper.browser), { pending: '0', available: '0', debt: '0' });
    });

    it('when finance dismisses an unattributed conversion, then it leaves the queue for good, audited', async () => {
      const { conversionId } = await unattributed();
      const dismissed = await finance.browser.post(`/api/v1/admin/conversions/${conversionId}/dismiss`, {
        reason: 'Test order from the network',
      });
      assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
      assert.equal(dismissed.body.attribution, 'dismissed');
      const queue = await finance.browser.get('/api/v1/admin/conversions?attribution=unattributed&limit=100');
      assert.ok(!queue.body.items.some((item: { id: string }) => item.id === conversionId));
      const audit = (await auditRows('conversion_dismissed', { actorUserId: finance.userId })).at(-1);
      assert.deepEqual(audit?.after, {
        conversionId,
        attribution: 'dismissed',
        reason: 'Test order from the network',
      });
      const twice = await finance.browser.post(`/api/v1/admin/conversions/${conversionId}/dismiss`, {
        reason: 'Test order from the network',
      });
      assert.equal(twice.status, 409);
      const shopper = await signedUpShopper('money-too-late');
      const assign = await admin.browser.post(`/api/v1/admin/conversions/${conversionId}/assign`, {
        userId: shopper.userId,
        shopSlug: 'alza-cz',
        reason: 'Changed my mind',
      });
      assert.equal(assign.status, 409);
      assert.equal(
        (
          await support.browser.post(`/api/v1/admin/conversions/${conversionId}/dismiss`, {
            reason: 'Support too',
          })
        ).status,
        403,
      );
    });
  });

  describe('network health', () => {
    it('when postbacks arrive, then the network shows its last one; after a long silence it is reported silent', async () => {
      await unattributed('pending');
      const now = ctx().clock.now();
      const response = await support.browser.get('/api/v1/admin/networks/health');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.silenceAlertHours, 24);
      const demo = response.body.items.find((item: { slug: string }) => item.slug === 'demo');
      assert.ok(demo.lastPostbackAt >= now.toISOString(), demo.lastPostbackAt);
      assert.ok(demo.postbacksLast24h >= 1);
      assert.equal(demo.silent, false);
      for (const network of response.body.items as Array<{
        lastPostbackAt: string | null;
        silent: boolean;
      }>) {
        if (network.lastPostbackAt === null) assert.equal(network.silent, false);
      }

      const health = ctx().app.services.networkHealth;
      assert.ok(!(await health.silentNetworks()).some((network) => network.slug === 'demo'));
      const clock = ctx().clock;
      clock.set(new Date(new Date(demo.lastPostbackAt as string).getTime() + 25 * 3600_000));
      try {
        const silent = await health.silentNetworks();
        const quiet = silent.find((network) => network.slug === 'demo');
        assert.ok(quiet, JSON.stringify(silent));
        assert.deepEqual([quiet.usuallySends, quiet.postbacksLast24h], [true, 0]);
      } finally {
        clock.set(now);
      }
      assert.equal((await admin.browser.get('/api/v1/admin/networks/demo')).status, 200);
    });
  });
});
