import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { LedgerEntry } from '../../server/src/modules/ledger/ledger-entry.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
import { payoutChecks } from '../../server/src/modules/payouts/index.js';
import { signedUpShopper, tokenFromMail, waitForNewMail, type Browser } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

type Person = Awaited<ReturnType<typeof signedUpShopper>>;
type Currency = 'CZK' | 'EUR';

const HOUR_MS = 3600_000;
const IBAN = 'CZ6508000000192000145399';
const manager = () => ctx().database.manager;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const newKey = () => `key-${randomBytes(8).toString('hex')}`;
const czk = (amountMinor: string) => ({ amountMinor, currency: 'CZK' as const });

async function withRole(role: User['role'], label: string): Promise<Person> {
  const person = await signedUpShopper(label);
  await manager().update(User, { id: person.userId }, { role });
  return person;
}

/**
 * Adds the shopper's bank account and confirms it from the mailed link. By default this happens
 * 73 hours ago (the clock is set back, then restored), so the 72-hour block after a change is over
 * now. The clock never runs ahead of real time here: sessions expire by the cookie's real-time expiry.
 */
async function confirmedAccount(person: Person, options: { wait?: boolean } = {}): Promise<string> {
  const start = ctx().clock.now();
  if (options.wait !== false) ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
  try {
    const sentBefore = ctx().smtp.messages.length;
    const added = await person.browser.post('/api/v1/me/bank-accounts', {
      account: IBAN,
      holderName: 'Jana Nováková',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const mail = await waitForNewMail(person.email, /přidán bankovní účet/, sentBefore);
    const confirmed = await person.browser.post('/api/v1/me/bank-accounts/confirm', {
      token: tokenFromMail(mail.text!),
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    return added.body.id as string;
  } finally {
    ctx().clock.set(start);
  }
}

/**
 * Credits the shopper's `available` through a real click and a pending then approved postback:
 * alza-cz and alza-sk pay 1.5 % of the order value, so a share of S needs an order of S / 0.015.
 */
async function credit(person: Person, shareMinor: number, currency: Currency = 'CZK') {
  assert.equal((shareMinor * 200) % 3, 0, 'choose a share divisible by 3');
  const orderMinor = (shareMinor * 200) / 3;
  const clickId = await clickThrough(
    person.browser.sessionCookie!,
    currency === 'CZK' ? 'alza-cz' : 'alza-sk',
  );
  const order = orderId('PAY');
  const body = {
    click_id: clickId,
    order_id: order,
    order_amount: (orderMinor / 100).toFixed(2),
    commission: ((shareMinor * 2) / 100).toFixed(2),
    currency,
  };
  for (const status of ['pending', 'approved'] as const) {
    const response = await sendSigned({ ...body, status });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }
  return body;
}

/** A shopper with a confirmed account, past its block, and `shareMinor` available. */
async function readyShopper(label: string, shareMinor: number) {
  const person = await signedUpShopper(label);
  const bankAccountId = await confirmedAccount(person);
  const order = await credit(person, shareMinor);
  return { ...person, bankAccountId, order };
}

async function balance(browser: Browser, currency: Currency = 'CZK') {
  const response = await browser.get('/api/v1/me/balance').expect(200);
  const item = (response.body.items as Array<Record<string, { amountMinor: string } | string>>).find(
    (entry) => entry.currency === currency,
  );
  const value = (key: string) => (item ? (item[key] as { amountMinor: string }).amountMinor : '0');
  return {
    available: value('available'),
    payoutHold: value('payoutHold'),
    paidOut: value('paidOut'),
    debt: value('debt'),
  };
}

function requestPayout(
  browser: Browser,
  body: { bankAccountId: string; amount: { amountMinor: string; currency: Currency } },
  key: string | null = newKey(),
) {
  const call = browser.agent.post('/api/v1/me/payouts').set('X-CSRF-Token', browser.csrfToken);
  return (key === null ? call : call.set('Idempotency-Key', key)).send(body);
}

const transfersOf = (payoutId: string) =>
  manager().find(LedgerTransfer, { where: { reference: `payout:${payoutId}` }, order: { id: 'ASC' } });

async function auditOf(payoutId: string) {
  const rows = await manager().find(AuditEntry, { order: { id: 'ASC' } });
  return rows.filter((row) => row.after?.payoutId === payoutId);
}

/** Exports one approved payout in a batch of its own, as a colleague of the approver (four eyes). */
async function exportAlone(exporter: Person, payoutId: string, currency: Currency = 'CZK'): Promise<void> {
  const created = await exporter.browser.agent
    .post('/api/v1/admin/payout-batches')
    .set('X-CSRF-Token', exporter.browser.csrfToken)
    .set('Idempotency-Key', newKey())
    .send({ currency, payoutIds: [payoutId] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.state, 'ready');
}

describe('payouts', () => {
  let finance: Person;
  let exporter: Person;

  before(async () => {
    await demoNetwork();
    finance = await withRole('finance', 'payout-finance');
    exporter = await withRole('finance', 'payout-exporter');
  });

  describe('requesting', () => {
    it('when a shopper asks for a payout, then it is requested, the amount is held, audited and mailed — in one go', async () => {
      const shopper = await readyShopper('pay-request', 30000);
      const sentBefore = ctx().smtp.messages.length;
      const response = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: czk('25000'),
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.state, 'requested');
      assert.deepEqual(response.body.amount, czk('25000'));
      assert.match(response.body.reference, /^\d{10}$/);
      assert.equal(response.body.firstPayout, true);
      assert.match(response.body.bankAccount.iban, /^CZ65 \*{4} .* 5399$/);
      assert.deepEqual(await balance(shopper.browser), {
        available: '5000',
        payoutHold: '25000',
        paidOut: '0',
        debt: '0',
      });
      const row = await manager().findOneByOrFail(Payout, { id: response.body.id });
      assert.equal(row.userId, shopper.userId);
      assert.equal(row.iban, IBAN);
      assert.equal(row.endToEndId, `VRATKA-PAYOUT-${row.id}`);
      const transfers = await transfersOf(row.id);
      assert.deepEqual(
        transfers.map((transfer) => [transfer.code, transfer.idempotencyKey]),
        [['payout_hold', `payout:${row.id}:hold`]],
      );
      assert.deepEqual(
        (await auditOf(row.id)).map((entry) => entry.action),
        ['payout_requested'],
      );
      const mail = await waitForNewMail(shopper.email, /výplatu jsme přijali/, sentBefore);
      assert.match(mail.text!, /250,00\s*Kč/);
      assert.match(mail.text!, new RegExp(row.reference!));
      // The link opens the shopper's payouts page (a client route), not a page that does not exist.
      assert.ok(mail.text!.includes(`${ctx().config.publicUrl}/payouts`), mail.text);
      assert.ok(!mail.text!.includes('/account/payouts'), mail.text);

      const history = await shopper.browser.get('/api/v1/me/payouts').expect(200);
      assert.deepEqual(
        history.body.items.map((item: { id: string }) => item.id),
        [row.id],
      );
    });

    it('L2: when 20 requests with different keys race for a balance enough for one, then exactly one is accepted and available never goes below zero', async () => {
      const shopper = await readyShopper('pay-l2', 30000);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('25000') }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      assert.equal(statuses.filter((status) => status === 201).length, 1, JSON.stringify(statuses));
      for (const response of responses.filter((one) => one.status !== 201)) {
        assert.equal(response.status, 422, JSON.stringify(response.body));
        assert.equal(response.body.code, 'PAYOUT_INSUFFICIENT_FUNDS');
      }
      assert.deepEqual(await balance(shopper.browser), {
        available: '5000',
        payoutHold: '25000',
        paidOut: '0',
        debt: '0',
      });
      assert.equal(await manager().countBy(Payout, { userId: shopper.userId }), 1);
      assert.equal(
        await manager().countBy(LedgerTransfer, { userId: shopper.userId, code: 'payout_hold' }),
        1,
      );
    });

    it('L3: when the same key comes again, then the same body answers the same payout (one hold) and another body is 422', async () => {
      const shopper = await readyShopper('pay-l3', 60000);
      const body = { bankAccountId: shopper.bankAccountId, amount: czk('20000') };
      const key = newKey();
      const first = await requestPayout(shopper.browser, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await requestPayout(shopper.browser, body, key);
      assert.equal(again.status, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.body, first.body);
      const reused = await requestPayout(shopper.browser, { ...body, amount: czk('20100') }, key);
      assert.equal(reused.status, 422);
      assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal((await transfersOf(first.body.id as string)).length, 1);

      // Concurrent requests with one key: one payout, one hold, every answer names it.
      const shared = newKey();
      const raced = await Promise.all(
        Array.from({ length: 5 }, () => requestPayout(shopper.browser, body, shared)),
      );
      assert.deepEqual(
        raced.map((response) => response.status),
        [201, 201, 201, 201, 201],
        JSON.stringify(raced.map((response) => response.body)),
      );
      assert.equal(new Set(raced.map((response) => response.body.id as string)).size, 1);
      assert.equal(await manager().countBy(Payout, { userId: shopper.userId }), 2);
      assert.deepEqual(await balance(shopper.browser), {
        available: '20000',
        payoutHold: '40000',
        paidOut: '0',
        debt: '0',
      });

      const missing = await requestPayout(shopper.browser, body, null);
      assert.equal(missing.status, 400);
      assert.equal(missing.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
      const short = await requestPayout(shopper.browser, body, 'short');
      assert.equal(short.status, 400);
      const unknownField = await requestPayout(shopper.browser, { ...body, note: 'x' } as typeof body);
      assert.equal(unknownField.status, 400);
    });

    it('when the rules are not met, then the refusal says which: e-mail, account, 72 h, minimum, funds', async () => {
      const unverified = await signedUpShopper('pay-unverified', { verify: false });
      const noEmail = await requestPayout(unverified.browser, { bankAccountId: '1', amount: czk('20000') });
      assert.equal(noEmail.status, 403);
      assert.equal(noEmail.body.code, 'EMAIL_NOT_VERIFIED');

      const shopper = await signedUpShopper('pay-rules');
      const unknown = await requestPayout(shopper.browser, {
        bankAccountId: '999999999',
        amount: czk('20000'),
      });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'BANK_ACCOUNT_NOT_FOUND');

      const mailsBefore = ctx().smtp.messages.length;
      const added = await shopper.browser
        .post('/api/v1/me/bank-accounts', { account: IBAN, holderName: 'Petr Malý' })
        .expect(201);
      // Its link stays unused (so a later wait for a link cannot pick this one up).
      await waitForNewMail(shopper.email, /přidán bankovní účet/, mailsBefore);
      const notConfirmed = await requestPayout(shopper.browser, {
        bankAccountId: added.body.id as string,
        amount: czk('20000'),
      });
      assert.equal(notConfirmed.status, 409);
      assert.equal(notConfirmed.body.code, 'BANK_ACCOUNT_NOT_VERIFIED');
      await shopper.browser.delete(`/api/v1/me/bank-accounts/${added.body.id}`).expect(204);

      const bankAccountId = await confirmedAccount(shopper, { wait: false });
      const blocked = await requestPayout(shopper.browser, { bankAccountId, amount: czk('20000') });
      assert.equal(blocked.status, 409);
      assert.equal(blocked.body.code, 'BANK_ACCOUNT_RECENTLY_CHANGED');
      assert.equal(
        new Date(blocked.body.allowedAt as string).getTime(),
        ctx().clock.now().getTime() + 72 * HOUR_MS,
      );

      const funded = await readyShopper('pay-rules-funded', 30000);
      const target = { bankAccountId: funded.bankAccountId };
      const below = await requestPayout(funded.browser, { ...target, amount: czk('19999') });
      assert.equal(below.status, 422);
      assert.equal(below.body.code, 'PAYOUT_BELOW_MINIMUM');
      assert.deepEqual(below.body.minimum, czk('20000'));
      const tooMuch = await requestPayout(funded.browser, { ...target, amount: czk('30001') });
      assert.equal(tooMuch.status, 422);
      assert.equal(tooMuch.body.code, 'PAYOUT_INSUFFICIENT_FUNDS');
      assert.deepEqual(tooMuch.body.available, czk('30000'));
      assert.equal(await manager().countBy(Payout, { userId: funded.userId }), 0);
      assert.equal((await balance(funded.browser)).available, '30000');
    });

    it('when a shopper holds CZK and EUR, then each currency pays out on its own, with its market’s minimum', async () => {
      const shopper = await readyShopper('pay-two-currencies', 30000);
      await credit(shopper, 1500, 'EUR');
      const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' as const });
      const below = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: eur('999'),
      });
      assert.equal(below.body.code, 'PAYOUT_BELOW_MINIMUM');
      assert.deepEqual(below.body.minimum, eur('1000'));
      const inEuro = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: eur('1500'),
      });
      assert.equal(inEuro.status, 201, JSON.stringify(inEuro.body));
      const inCrowns = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: czk('20000'),
      });
      assert.equal(inCrowns.status, 201, JSON.stringify(inCrowns.body));
      assert.deepEqual(await balance(shopper.browser, 'EUR'), {
        available: '0',
        payoutHold: '1500',
        paidOut: '0',
        debt: '0',
      });
      assert.equal((await balance(shopper.browser)).available, '10000');
    });
  });

  describe('finance and the shopper move a payout on', () => {
    it('L4: when finance approves, a colleague exports and it is marked paid, then the hold leaves as paid out, once; a second "paid" is refused and posts nothing', async () => {
      const shopper = await readyShopper('pay-paid', 30000);
      const requested = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: czk('30000'),
      });
      const id = requested.body.id as string;
      const queue = await finance.browser.get(
        '/api/v1/admin/payouts?state=requested&currency=CZK&firstPayout=true&limit=100',
      );
      assert.equal(queue.status, 200);
      const queued = (
        queue.body.items as Array<{ id: string; firstPayout: boolean; bankAccount: { iban: string } }>
      ).find((item) => item.id === id);
      assert.equal(queued?.firstPayout, true);
      assert.equal(queued?.bankAccount.iban, IBAN);

      const early = await finance.browser.post(`/api/v1/admin/payouts/${id}/paid`);
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'PAYOUT_STATE_CONFLICT');

      const sentBefore = ctx().smtp.messages.length;
      const approved = await finance.browser.post(`/api/v1/admin/payouts/${id}/approve`);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.state, 'approved');
      assert.equal(approved.body.approvedBy, finance.userId);
      await waitForNewMail(shopper.email, /výplatu jsme schválili/i, sentBefore);
      // Approved is not paid yet: money leaves through a bank file.
      const unexported = await finance.browser.post(`/api/v1/admin/payouts/${id}/paid`);
      assert.equal(unexported.status, 409);
      await exportAlone(exporter, id);

      // Three clicks at once: one marks it paid, the others find it paid already.
      const clicks = await Promise.all(
        [1, 2, 3].map(() => finance.browser.post(`/api/v1/admin/payouts/${id}/paid`)),
      );
      assert.deepEqual(
        clicks.map((click) => click.status).sort(),
        [200, 409, 409],
        JSON.stringify(clicks.map((click) => click.body)),
      );
      const paid = clicks.find((click) => click.status === 200)!;
      assert.equal(paid.body.state, 'paid');
      assert.ok(paid.body.resolvedAt);
      await waitForNewMail(shopper.email, /výplatu jsme odeslali/i, sentBefore);
      assert.deepEqual(await balance(shopper.browser), {
        available: '0',
        payoutHold: '0',
        paidOut: '30000',
        debt: '0',
      });
      const transfers = await transfersOf(id);
      assert.deepEqual(
        transfers.map((transfer) => [transfer.code, transfer.idempotencyKey]),
        [
          ['payout_hold', `payout:${id}:hold`],
          ['payout_paid', `payout:${id}:paid`],
        ],
      );
      const entries = await manager().findBy(LedgerEntry, { transferId: transfers[1]!.id });
      assert.equal(
        entries.reduce((sum, entry) => sum + entry.amountMinor, 0n),
        0n,
      );
      const target = await ctx().app.services.bankAccounts.payoutTarget(
        shopper.userId,
        shopper.bankAccountId,
      );
      assert.equal(target?.firstPayout, false);

      const entriesBefore = await manager().count(LedgerEntry);
      for (const step of ['paid', 'failed', 'reject', 'approve']) {
        const again = await finance.browser.post(
          `/api/v1/admin/payouts/${id}/${step}`,
          step === 'failed' || step === 'reject' ? { reason: 'bank returned it' } : undefined,
        );
        assert.equal(again.status, 409, step);
        assert.equal(again.body.code, 'PAYOUT_STATE_CONFLICT');
      }
      assert.equal(await manager().count(LedgerEntry), entriesBefore);
      assert.deepEqual(
        (await auditOf(id)).map((entry) => [entry.action, entry.actorUserId]),
        [
          ['payout_requested', shopper.userId],
          ['payout_approved', finance.userId],
          ['payout_exported', exporter.userId],
          ['payout_paid', finance.userId],
        ],
      );
      const history = await shopper.browser.get('/api/v1/me/payouts').expect(200);
      assert.equal(history.body.items[0].state, 'paid');
    });

    it('when the bank returns an exported payout, then finance marks it failed and the amount is available again, with the reason', async () => {
      const shopper = await readyShopper('pay-failed', 30000);
      const id = (
        await requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('21000') })
      ).body.id as string;
      await finance.browser.post(`/api/v1/admin/payouts/${id}/approve`).expect(200);
      await exportAlone(exporter, id);
      const noReason = await finance.browser.post(`/api/v1/admin/payouts/${id}/failed`, {});
      assert.equal(noReason.status, 400);
      const sentBefore = ctx().smtp.messages.length;
      const failed = await finance.browser.post(`/api/v1/admin/payouts/${id}/failed`, {
        reason: 'Účet příjemce byl zrušen.',
      });
      assert.equal(failed.status, 200, JSON.stringify(failed.body));
      assert.equal(failed.body.state, 'failed');
      const mail = await waitForNewMail(shopper.email, /výplata se nepovedla/i, sentBefore);
      assert.match(mail.text!, /Účet příjemce byl zrušen\./);
      assert.deepEqual(await balance(shopper.browser), {
        available: '30000',
        payoutHold: '0',
        paidOut: '0',
        debt: '0',
      });
      assert.deepEqual(
        (await transfersOf(id)).map((transfer) => [transfer.code, transfer.idempotencyKey]),
        [
          ['payout_hold', `payout:${id}:hold`],
          ['payout_released', `payout:${id}:failed`],
        ],
      );
      const history = await shopper.browser.get('/api/v1/me/payouts').expect(200);
      assert.equal(history.body.items[0].reason, 'Účet příjemce byl zrušen.');
    });

    it('when finance rejects a request, then the hold is released and the shopper reads the reason', async () => {
      const shopper = await readyShopper('pay-reject', 30000);
      const id = (
        await requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('30000') })
      ).body.id as string;
      const rejected = await finance.browser.post(`/api/v1/admin/payouts/${id}/reject`, {
        reason: 'Jméno majitele účtu nesouhlasí.',
      });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      const history = await shopper.browser.get('/api/v1/me/payouts').expect(200);
      assert.equal(history.body.items[0].state, 'rejected');
      assert.equal(history.body.items[0].reason, 'Jméno majitele účtu nesouhlasí.');
      assert.equal((await balance(shopper.browser)).available, '30000');
      assert.deepEqual(
        (await transfersOf(id)).map((transfer) => transfer.code),
        ['payout_hold', 'payout_released'],
      );
    });

    it('when the shopper cancels while requested, then the amount is available again; not once approved', async () => {
      const shopper = await readyShopper('pay-cancel', 60000);
      const first = (
        await requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('30000') })
      ).body.id as string;
      const cancelled = await shopper.browser.post(`/api/v1/me/payouts/${first}/cancel`);
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.state, 'cancelled');
      assert.equal((await balance(shopper.browser)).available, '60000');
      assert.equal((await shopper.browser.post(`/api/v1/me/payouts/${first}/cancel`)).status, 409);
      assert.equal((await finance.browser.post(`/api/v1/admin/payouts/${first}/approve`)).status, 409);
      assert.deepEqual(
        (await transfersOf(first)).map((transfer) => transfer.idempotencyKey),
        [`payout:${first}:hold`, `payout:${first}:cancel`],
      );

      const second = (
        await requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('30000') })
      ).body.id as string;
      await finance.browser.post(`/api/v1/admin/payouts/${second}/approve`).expect(200);
      const late = await shopper.browser.post(`/api/v1/me/payouts/${second}/cancel`);
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'PAYOUT_STATE_CONFLICT');
    });

    it('when a purchase is reversed after the payout was requested, then nothing is withdrawable while the debt stands, and the release pays it off first (I9)', async () => {
      const shopper = await readyShopper('pay-debt', 30000);
      const id = (
        await requestPayout(shopper.browser, { bankAccountId: shopper.bankAccountId, amount: czk('30000') })
      ).body.id as string;
      const reversal = await sendSigned({ ...shopper.order, status: 'rejected', reason: 'vráceno' });
      assert.equal(reversal.status, 200, JSON.stringify(reversal.body));
      assert.deepEqual(await balance(shopper.browser), {
        available: '0',
        payoutHold: '30000',
        paidOut: '0',
        debt: '30000',
      });
      const refused = await requestPayout(shopper.browser, {
        bankAccountId: shopper.bankAccountId,
        amount: czk('20000'),
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'PAYOUT_INSUFFICIENT_FUNDS');

      await finance.browser.post(`/api/v1/admin/payouts/${id}/approve`).expect(200);
      await exportAlone(exporter, id);
      await finance.browser
        .post(`/api/v1/admin/payouts/${id}/failed`, { reason: 'Banka platbu vrátila.' })
        .expect(200);
      // The returned money pays the debt; available never went below zero.
      assert.deepEqual(await balance(shopper.browser), {
        available: '0',
        payoutHold: '0',
        paidOut: '0',
        debt: '0',
      });
      const release = (await transfersOf(id)).at(-1)!;
      const legs = await manager().findBy(LedgerEntry, { transferId: release.id });
      assert.deepEqual(legs.map((leg) => leg.amountMinor).sort(), [-30000n, 30000n]);

      await credit(shopper, 30000);
      assert.equal((await balance(shopper.browser)).available, '30000');
    });
  });

  describe('who may', () => {
    it('when shopper B tries shopper A’s payout, then it does not exist for B (404) and B’s list is empty', async () => {
      const a = await readyShopper('pay-owner-a', 30000);
      const b = await signedUpShopper('pay-owner-b');
      const id = (await requestPayout(a.browser, { bankAccountId: a.bankAccountId, amount: czk('20000') }))
        .body.id as string;
      const cancel = await b.browser.post(`/api/v1/me/payouts/${id}/cancel`);
      assert.equal(cancel.status, 404);
      assert.equal(cancel.body.code, 'PAYOUT_NOT_FOUND');
      assert.deepEqual((await b.browser.get('/api/v1/me/payouts').expect(200)).body.items, []);
      // Nor can B pay out to A's account.
      const foreignAccount = await requestPayout(b.browser, {
        bankAccountId: a.bankAccountId,
        amount: czk('20000'),
      });
      assert.equal(foreignAccount.status, 404);
      assert.equal((await manager().findOneByOrFail(Payout, { id })).state, 'requested');
    });

    it('when a shopper calls the payout queue, then 403; finance cannot approve their own payout', async () => {
      const shopper = await signedUpShopper('pay-not-finance');
      const list = await shopper.browser.get('/api/v1/admin/payouts');
      assert.equal(list.status, 403);
      const own = await readyShopper('pay-own', 30000);
      await manager().update(User, { id: own.userId }, { role: 'finance' });
      const id = (
        await requestPayout(own.browser, { bankAccountId: own.bankAccountId, amount: czk('20000') })
      ).body.id as string;
      const self = await own.browser.post(`/api/v1/admin/payouts/${id}/approve`);
      assert.equal(self.status, 403);
      assert.equal(self.body.code, 'PAYOUT_OWN');
    });

    it('when a token calls, then scope "read" lists but cannot request; scope "payouts" requests and cancels without CSRF', async () => {
      const shopper = await readyShopper('pay-token', 30000);
      const tokenOf = async (scopes: string[]) =>
        (await shopper.browser.post('/api/v1/me/tokens', { name: scopes.join('+'), scopes }).expect(201)).body
          .token as string;
      const reader = await tokenOf(['read']);
      const payer = await tokenOf(['payouts']);
      const app = ctx().app.express;
      const body = { bankAccountId: shopper.bankAccountId, amount: czk('20000') };
      const refused = await request(app)
        .post('/api/v1/me/payouts')
        .set(bearer(reader))
        .set('Idempotency-Key', newKey())
        .send(body);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'INSUFFICIENT_SCOPE');
      await request(app).get('/api/v1/me/payouts').set(bearer(reader)).expect(200);
      const made = await request(app)
        .post('/api/v1/me/payouts')
        .set(bearer(payer))
        .set('Idempotency-Key', newKey())
        .send(body);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const cancelled = await request(app)
        .post(`/api/v1/me/payouts/${made.body.id}/cancel`)
        .set(bearer(payer));
      assert.equal(cancelled.status, 200);
      const admin = await request(app).get('/api/v1/admin/payouts').set(bearer(payer));
      assert.equal(admin.status, 403);
    });

    it('pages the history newest first with a cursor', async () => {
      const shopper = await readyShopper('pay-pages', 60000);
      const ids: string[] = [];
      for (let index = 0; index < 3; index++) {
        ids.push(
          (
            await requestPayout(shopper.browser, {
              bankAccountId: shopper.bankAccountId,
              amount: czk('20000'),
            })
          ).body.id as string,
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await shopper.browser.get(`/api/v1/me/payouts${query}`).expect(200);
        seen.push(...(page.body.items as Array<{ id: string }>).map((item) => item.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      assert.deepEqual(seen, [...ids].reverse());
    });
  });

  describe('ledger:verify after the payouts', () => {
    it('passes I7 and the conversions’ and ledger’s checks', async () => {
      assert.deepEqual(
        (await payoutChecks(ctx().database)).filter((check) => !check.ok),
        [],
      );
      const { conversionChecks } = await import('../../server/src/modules/conversions/conversion-checks.js');
      assert.deepEqual(
        (await conversionChecks(ctx().database)).filter((check) => !check.ok),
        [],
      );
      const ledger = await ctx().app.services.ledger.verify();
      assert.deepEqual(
        ledger.checks.filter((check) => !check.ok),
        [],
      );
    });
  });
});
