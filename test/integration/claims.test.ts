import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { ClaimMessageRow } from '../../server/src/modules/claims/claim-message.entity.js';
import { ClaimProofRow } from '../../server/src/modules/claims/claim-proof.entity.js';
import { Claim } from '../../server/src/modules/claims/claim.entity.js';
import { Click } from '../../server/src/modules/clicks/click.entity.js';
import { conversionChecks } from '../../server/src/modules/conversions/conversion-checks.js';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { signedUpShopper, waitForNewMail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

/**
 * Missing-cashback claims (issue 11): the window, duplicates, who sees what, and support's
 * decisions — an accepted claim is recorded through the conversions entry point, so it is credited
 * once and the network's own report of the order later is a duplicate or an amendment.
 */

const DAY_MS = 86_400_000;
// martinus-sk (demo network, EUR) pays 4 % of the order value.
const SHOP = 'martinus-sk';
const ORDER_MINOR = 50_000n;
const COMMISSION_MINOR = 2_500n;
const SHARE_MINOR = 2_000n;

type Person = Awaited<ReturnType<typeof signedUpShopper>>;

const manager = () => ctx().database.manager;
const dateOf = (at: Date) => at.toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(ctx().clock.now().getTime() - days * DAY_MS);

/** A visit through the real redirect, made `days` ago (its time set back, as if it had been then). */
async function visit(person: Person, days: number, shop = SHOP): Promise<string> {
  const clickId = await clickThrough(person.browser.sessionCookie!, shop);
  await manager().update(Click, { id: clickId }, { createdAt: daysAgo(days) });
  return clickId;
}

async function staff(label: string, role: 'support' | 'admin' = 'support'): Promise<Person> {
  const person = await signedUpShopper(label);
  await manager().update(User, { id: person.userId }, { role });
  return person;
}

function claimBody(order: string, orderedDaysAgo: number, overrides: Record<string, unknown> = {}) {
  return {
    shop: SHOP,
    orderNumber: order,
    orderDate: dateOf(daysAgo(orderedDaysAgo)),
    orderValue: { amountMinor: ORDER_MINOR.toString(), currency: 'EUR' },
    note: 'Kniha a diář',
    ...overrides,
  };
}

/** A shopper with a visit 10 days ago and an open claim for an order of that day. */
async function filedClaim(label: string) {
  const shopper = await signedUpShopper(label);
  const clickId = await visit(shopper, 10);
  const order = orderId('CLM');
  const filed = await shopper.browser.post('/api/v1/me/claims', claimBody(order, 10));
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  return { shopper, clickId, order, claimId: filed.body.id as string };
}

async function eurBalance(userId: string) {
  const found = (await ctx().app.services.ledger.balancesOf(userId)).find(
    (balance) => balance.currency === 'EUR',
  );
  return { pending: found?.pending ?? 0n, available: found?.available ?? 0n };
}

async function creditsOf(order: string) {
  const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: order });
  const transfers = await manager().findBy(LedgerTransfer, { reference: `conversion:${conversion.id}` });
  return { conversion, codes: transfers.map((transfer) => transfer.code).sort() };
}

async function assertBooksBalance() {
  const ledger = await ctx().app.services.ledger.verify();
  assert.equal(ledger.ok, true, JSON.stringify(ledger));
  for (const check of await conversionChecks(ctx().database))
    assert.equal(check.ok, true, JSON.stringify(check));
}

const accept = (person: Person, claimId: string) =>
  person.browser.post(`/api/v1/admin/claims/${claimId}/accept`, {
    commissionMinor: COMMISSION_MINOR.toString(),
  });

const postback = (clickId: string, order: string, status: 'pending' | 'approved', amount = '500.00') =>
  sendSigned({
    click_id: clickId,
    order_id: order,
    order_amount: amount,
    commission: (Number(amount) / 20).toFixed(2),
    currency: 'EUR',
    status,
  });

describe('claims', () => {
  let support: Person;
  before(async () => {
    await demoNetwork();
    support = await staff('claims-support');
  });

  describe('filing', () => {
    it('when a shopper files within the window, then the claim is open with their latest visit before the purchase and a deadline a month on', async () => {
      const shopper = await signedUpShopper('claim-file');
      await visit(shopper, 14);
      const latest = await visit(shopper, 10);
      await visit(shopper, 2); // after the order day: not the visit that led to it
      const order = orderId('FILE');

      const preview = await shopper.browser.get(
        `/api/v1/me/claims/preview?shop=${SHOP}&orderDate=${dateOf(daysAgo(10))}`,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.click.id, latest);
      assert.equal(preview.body.open, true);

      const filed = await shopper.browser.post('/api/v1/me/claims', claimBody(order, 10));
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.equal(filed.body.state, 'open');
      assert.equal(filed.body.click.id, latest);
      assert.equal(filed.body.shop.slug, SHOP);
      assert.deepEqual(filed.body.orderValue, { amountMinor: '50000', currency: 'EUR' });
      const deadline = new Date(filed.body.deadlineAt as string);
      const now = ctx().clock.now();
      assert.ok(deadline.getTime() - now.getTime() >= 28 * DAY_MS);
      assert.ok(deadline.getTime() - now.getTime() <= 31 * DAY_MS);

      const stored = await manager().findOneByOrFail(Claim, { id: filed.body.id });
      assert.equal(stored.userId, shopper.userId);
      assert.equal(stored.clickId, latest);
      assert.equal(
        await manager().countBy(AuditEntry, { action: 'claim_filed', subjectUserId: shopper.userId }),
        1,
      );

      const list = await shopper.browser.get('/api/v1/me/claims').expect(200);
      assert.deepEqual(
        list.body.items.map((item: { id: string }) => item.id),
        [filed.body.id],
      );
    });

    it('when the shopper picks one of their visits, then the claim is for that one', async () => {
      const shopper = await signedUpShopper('claim-pick');
      const older = await visit(shopper, 12);
      await visit(shopper, 10);
      const filed = await shopper.browser.post(
        '/api/v1/me/claims',
        claimBody(orderId('PICK'), 10, { clickId: older }),
      );
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.equal(filed.body.click.id, older);
      // Another shopper's visit cannot be picked.
      const other = await signedUpShopper('claim-pick-other');
      const refused = await other.browser.post(
        '/api/v1/me/claims',
        claimBody(orderId('PICK'), 10, { clickId: older }),
      );
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'CLAIM_CLICK_INVALID');
    });

    it('when the purchase is too recent or too old, then 422 with the dates, and nothing is written', async () => {
      const shopper = await signedUpShopper('claim-window');
      await visit(shopper, 70);
      const before = await manager().count(Claim);
      for (const [days, opensOn, closesOn] of [
        [3, dateOf(daysAgo(3 - 7)), dateOf(daysAgo(3 - 60))],
        [61, dateOf(daysAgo(61 - 7)), dateOf(daysAgo(61 - 60))],
        [-1, dateOf(daysAgo(-1 - 7)), dateOf(daysAgo(-1 - 60))],
      ] as const) {
        const refused = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('WIN'), days));
        assert.equal(refused.status, 422, JSON.stringify(refused.body));
        assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
        assert.equal(refused.body.code, 'CLAIM_OUTSIDE_WINDOW');
        assert.equal(refused.body.opensOn, opensOn);
        assert.equal(refused.body.closesOn, closesOn);
      }
      // The last day is still in, the 7th day after the purchase already.
      for (const days of [60, 7]) {
        const filed = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('EDGE'), days));
        assert.equal(filed.status, 201, JSON.stringify(filed.body));
      }
      assert.equal(await manager().count(Claim), before + 2);
    });

    it('when a shop sets its own delay, then its claims open after it', async () => {
      const slug = 'martinus-sk';
      const shopper = await signedUpShopper('claim-delay');
      await visit(shopper, 3);
      const tooEarly = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('DLY'), 2));
      assert.equal(tooEarly.status, 422);
      const set = await support.browser.put(`/api/v1/admin/claims/shops/${slug}`, { claimAfterDays: 1 });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      try {
        const filed = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('DLY'), 2));
        assert.equal(filed.status, 201, JSON.stringify(filed.body));
      } finally {
        await support.browser.put(`/api/v1/admin/claims/shops/${slug}`, { claimAfterDays: 7 }).expect(200);
      }
    });

    it('when the order is claimed again, by the same or another shopper, then 409', async () => {
      const { order } = await filedClaim('claim-dup');
      const before = await manager().count(Claim);
      const again = await signedUpShopper('claim-dup-again');
      await visit(again, 10);
      const refused = await again.browser.post('/api/v1/me/claims', claimBody(order, 10));
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'CLAIM_DUPLICATE');
      assert.equal(await manager().count(Claim), before);
    });

    it('when the same order is filed twice at once, then one claim is made and the other is 409', async () => {
      const shopper = await signedUpShopper('claim-dup-race');
      await visit(shopper, 10);
      const order = orderId('RACE');
      const answers = await Promise.all([
        shopper.browser.post('/api/v1/me/claims', claimBody(order, 10)),
        shopper.browser.post('/api/v1/me/claims', claimBody(order, 10)),
      ]);
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 409]);
      assert.equal(await manager().countBy(Claim, { orderNumber: order }), 1);
    });

    it('when the shopper has no visit to the shop before the purchase, then 422', async () => {
      const shopper = await signedUpShopper('claim-noclick');
      await visit(shopper, 2);
      const refused = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('NOC'), 10));
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'CLAIM_NO_CLICK');
    });

    it('when the input is bad, then 400 problem details and nothing is written', async () => {
      const shopper = await signedUpShopper('claim-bad');
      await visit(shopper, 10);
      const before = await manager().count(Claim);
      const audits = await manager().countBy(AuditEntry, {
        subjectUserId: shopper.userId,
        action: 'claim_filed',
      });
      const order = orderId('BAD');
      for (const body of [
        {},
        claimBody(order, 10, { orderValue: { amountMinor: '-5', currency: 'EUR' } }),
        claimBody(order, 10, { orderValue: { amountMinor: '1.5', currency: 'EUR' } }),
        claimBody(order, 10, { orderValue: { amountMinor: '100', currency: 'USD' } }),
        claimBody(order, 10, { orderDate: '2026-02-30' }),
        claimBody(order, 10, { orderDate: 'yesterday' }),
        claimBody(order, 10, { orderNumber: '' }),
        claimBody(order, 10, { orderNumber: 'x'.repeat(129) }),
        claimBody(order, 10, { orderNumber: 'line\nbreak' }),
        claimBody(order, 10, { note: 'n'.repeat(1001) }),
        claimBody(order, 10, { shop: '../etc' }),
        claimBody(order, 10, { clickId: 'nope' }),
        claimBody(order, 10, { userId: '1' }),
      ]) {
        const refused = await shopper.browser.post('/api/v1/me/claims', body);
        assert.equal(refused.status, 400, JSON.stringify({ body, answer: refused.body }));
        assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
      }
      const unknownShop = await shopper.browser.post(
        '/api/v1/me/claims',
        claimBody(order, 10, { shop: 'no-such-shop' }),
      );
      assert.equal(unknownShop.status, 404);
      const malformed = await shopper.browser.agent
        .post('/api/v1/me/claims')
        .set('X-CSRF-Token', shopper.browser.csrfToken)
        .set('Content-Type', 'application/json')
        .send('{"shop":');
      assert.equal(malformed.status, 400);
      assert.equal(await manager().count(Claim), before);
      assert.equal(
        await manager().countBy(AuditEntry, { subjectUserId: shopper.userId, action: 'claim_filed' }),
        audits,
      );
    });
  });

  describe('who sees what', () => {
    it('when shopper B asks for A’s claim, then it does not exist for them', async () => {
      const { claimId } = await filedClaim('claim-owner-a');
      const b = await signedUpShopper('claim-owner-b');
      assert.equal((await b.browser.get(`/api/v1/me/claims/${claimId}`)).status, 404);
      assert.equal(
        (await b.browser.post(`/api/v1/me/claims/${claimId}/messages`, { body: 'moje?' })).status,
        404,
      );
      const list = await b.browser.get('/api/v1/me/claims').expect(200);
      assert.equal(list.body.items.length, 0);
      assert.equal(await manager().countBy(ClaimMessageRow, { claimId }), 0);
    });

    it('when a shopper calls the admin routes, then 403', async () => {
      const { shopper, claimId } = await filedClaim('claim-not-staff');
      for (const answer of [
        await shopper.browser.get('/api/v1/admin/claims'),
        await shopper.browser.get(`/api/v1/admin/claims/${claimId}`),
        await shopper.browser.post(`/api/v1/admin/claims/${claimId}/accept`, { commissionMinor: '100' }),
        await shopper.browser.post(`/api/v1/admin/claims/${claimId}/reject`, { reason: 'nic' }),
        await shopper.browser.post(`/api/v1/admin/claims/${claimId}/request-info`, { reason: 'doklad' }),
        await shopper.browser.get('/api/v1/admin/claims/export.csv?network=demo'),
        await shopper.browser.put(`/api/v1/admin/claims/shops/${SHOP}`, { claimAfterDays: 0 }),
      ]) {
        assert.equal(answer.status, 403, JSON.stringify(answer.body));
      }
      assert.equal((await manager().findOneByOrFail(Claim, { id: claimId })).state, 'open');
    });

    it('when a personal token with the read scope is used, then it lists claims but cannot file one', async () => {
      const { shopper, claimId } = await filedClaim('claim-token');
      const secret = (await shopper.browser.post('/api/v1/me/tokens', { name: 'app', scopes: ['read'] })).body
        .token as string;
      const auth = { Authorization: `Bearer ${secret}` };
      const list = await request(ctx().app.express).get('/api/v1/me/claims').set(auth);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((item: { id: string }) => item.id),
        [claimId],
      );
      const filed = await request(ctx().app.express)
        .post('/api/v1/me/claims')
        .set(auth)
        .send(claimBody(orderId('TOK'), 10));
      assert.equal(filed.status, 403);
    });

    it('when the list is longer than a page, then the cursor walks it without repeats', async () => {
      const shopper = await signedUpShopper('claim-pages');
      await visit(shopper, 10);
      const ids: string[] = [];
      for (let index = 0; index < 3; index++) {
        const filed = await shopper.browser.post('/api/v1/me/claims', claimBody(orderId('PG'), 10));
        ids.push(filed.body.id as string);
      }
      const first = await shopper.browser.get('/api/v1/me/claims?limit=2').expect(200);
      assert.equal(first.body.items.length, 2);
      const second = await shopper.browser
        .get(`/api/v1/me/claims?limit=2&cursor=${first.body.nextCursor as string}`)
        .expect(200);
      assert.equal(second.body.nextCursor, null);
      assert.deepEqual(
        [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id),
        ids.reverse(),
      );
    });
  });

  describe('support', () => {
    it('when support accepts, then the purchase is credited once, audited and mailed, and the books balance', async () => {
      const { shopper, order, claimId } = await filedClaim('claim-accept');
      const sentBefore = ctx().smtp.messages.length;
      const accepted = await accept(support, claimId);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.state, 'accepted');
      assert.equal(accepted.body.decidedBy, support.userId);

      const { conversion, codes } = await creditsOf(order);
      assert.equal(accepted.body.purchase.conversionId, conversion.id);
      assert.equal(conversion.userId, shopper.userId);
      assert.equal(conversion.state, 'pending');
      assert.deepEqual(codes, ['conversion_pending']);
      assert.deepEqual(await eurBalance(shopper.userId), { pending: SHARE_MINOR, available: 0n });
      const [event] = await manager().findBy(ConversionEvent, { conversionId: conversion.id });
      assert.deepEqual(
        [event!.source, event!.sourceReference, event!.actor],
        ['claim', `claim:${claimId}`, `admin:${support.userId}`],
      );
      assert.equal(
        await manager().countBy(AuditEntry, { action: 'claim_accepted', subjectUserId: shopper.userId }),
        1,
      );
      const mail = await waitForNewMail(shopper.email, /uznali/, sentBefore);
      assert.match(mail.text ?? '', new RegExp(order));

      // The shopper sees it among their purchases, and the claim as accepted.
      const purchases = await shopper.browser.get('/api/v1/me/purchases').expect(200);
      assert.ok(JSON.stringify(purchases.body).includes(order));
      const mine = await shopper.browser.get(`/api/v1/me/claims/${claimId}`).expect(200);
      assert.equal(mine.body.state, 'accepted');

      // Decided once: a second accept or a reject is 409 and posts nothing.
      const again = await accept(support, claimId);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'CLAIM_STATE_CONFLICT');
      assert.equal(
        (await support.browser.post(`/api/v1/admin/claims/${claimId}/reject`, { reason: 'pozdě' })).status,
        409,
      );
      assert.deepEqual((await creditsOf(order)).codes, ['conversion_pending']);
      await assertBooksBalance();
    });

    it('when the network reports the order after acceptance, then it is a duplicate, then an amendment — never a second credit', async () => {
      const { shopper, clickId, order, claimId } = await filedClaim('claim-late-postback');
      await accept(support, claimId).expect(200);
      const duplicate = await postback(clickId, order, 'pending');
      assert.equal(duplicate.status, 200);
      assert.equal(duplicate.body.status, 'duplicate');
      const approved = await postback(clickId, order, 'approved');
      assert.equal(approved.status, 200);
      assert.equal(approved.body.status, 'accepted');
      assert.deepEqual(await eurBalance(shopper.userId), { pending: 0n, available: SHARE_MINOR });
      assert.equal(await manager().countBy(Conversion, { externalOrderId: order }), 1);
      assert.deepEqual((await creditsOf(order)).codes, ['conversion_approved', 'conversion_pending']);
      assert.equal((await manager().findOneByOrFail(Claim, { id: claimId })).state, 'accepted');
      await assertBooksBalance();
    });

    it('when support accepts the same claim twice at once, then it is credited once', async () => {
      const { shopper, order, claimId } = await filedClaim('claim-race');
      const other = await staff('claims-support-2', 'admin');
      const answers = await Promise.all([
        accept(support, claimId),
        accept(other, claimId),
        accept(support, claimId),
      ]);
      assert.deepEqual(
        answers.map((answer) => answer.status).sort(),
        [200, 409, 409],
        JSON.stringify(answers.map((answer) => answer.body)),
      );
      assert.equal(await manager().countBy(Conversion, { externalOrderId: order }), 1);
      assert.deepEqual((await creditsOf(order)).codes, ['conversion_pending']);
      assert.deepEqual(await eurBalance(shopper.userId), { pending: SHARE_MINOR, available: 0n });
      assert.equal(
        await manager().countBy(AuditEntry, { action: 'claim_accepted', subjectUserId: shopper.userId }),
        1,
      );
      await assertBooksBalance();
    });

    it('when the network reports the order before a decision, then the claim resolves itself and the shopper is told', async () => {
      const { shopper, clickId, order, claimId } = await filedClaim('claim-resolve');
      const sentBefore = ctx().smtp.messages.length;
      const reported = await postback(clickId, order, 'pending');
      assert.equal(reported.status, 200);
      assert.equal(reported.body.status, 'accepted');
      const claim = await manager().findOneByOrFail(Claim, { id: claimId });
      const { conversion } = await creditsOf(order);
      assert.equal(claim.state, 'resolved');
      assert.equal(claim.conversionId, conversion.id);
      await waitForNewMail(shopper.email, /se našel/, sentBefore);
      const refused = await accept(support, claimId);
      assert.equal(refused.status, 409);
      assert.deepEqual(await eurBalance(shopper.userId), { pending: SHARE_MINOR, available: 0n });
      await assertBooksBalance();
    });

    it('when support asks for more, then the shopper reads the reason, answers, and the claim is open again', async () => {
      const { shopper, claimId } = await filedClaim('claim-info');
      const sentBefore = ctx().smtp.messages.length;
      const asked = await support.browser.post(`/api/v1/admin/claims/${claimId}/request-info`, {
        reason: 'Pošlete prosím potvrzení objednávky.',
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.state, 'needs_info');
      await waitForNewMail(shopper.email, /doplnění/, sentBefore);
      const mine = await shopper.browser.get(`/api/v1/me/claims/${claimId}`).expect(200);
      assert.equal(mine.body.state, 'needs_info');
      assert.equal(mine.body.reason, 'Pošlete prosím potvrzení objednávky.');
      assert.deepEqual(
        mine.body.messages.map((message: { author: string }) => message.author),
        ['support'],
      );
      const answered = await shopper.browser.post(`/api/v1/me/claims/${claimId}/messages`, {
        body: 'Posílám v příloze.',
      });
      assert.equal(answered.status, 201, JSON.stringify(answered.body));
      assert.equal(answered.body.state, 'open');
      assert.deepEqual(
        answered.body.messages.map((message: { author: string; body: string }) => [
          message.author,
          message.body,
        ]),
        [
          ['support', 'Pošlete prosím potvrzení objednávky.'],
          ['shopper', 'Posílám v příloze.'],
        ],
      );
      const empty = await shopper.browser.post(`/api/v1/me/claims/${claimId}/messages`, { body: '  ' });
      assert.equal(empty.status, 400);
    });

    it('when support rejects with a reason, then the shopper sees it and gets a mail, and nothing is credited', async () => {
      const { shopper, order, claimId } = await filedClaim('claim-reject');
      const sentBefore = ctx().smtp.messages.length;
      const tooShort = await support.browser.post(`/api/v1/admin/claims/${claimId}/reject`, { reason: 'x' });
      assert.equal(tooShort.status, 400);
      const rejected = await support.browser.post(`/api/v1/admin/claims/${claimId}/reject`, {
        reason: 'Objednávka byla zrušena.',
      });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.equal(rejected.body.state, 'rejected');
      const mail = await waitForNewMail(shopper.email, /nemohli uznat/, sentBefore);
      assert.match(mail.text ?? '', /Objednávka byla zrušena/);
      const mine = await shopper.browser.get(`/api/v1/me/claims/${claimId}`).expect(200);
      assert.equal(mine.body.reason, 'Objednávka byla zrušena.');
      assert.equal(await manager().countBy(Conversion, { externalOrderId: order }), 0);
      assert.deepEqual(await eurBalance(shopper.userId), { pending: 0n, available: 0n });
    });

    it('when support lists the queue, then overdue claims are marked and can be filtered; staff cannot decide their own', async () => {
      const { claimId } = await filedClaim('claim-overdue');
      await manager().update(Claim, { id: claimId }, { deadlineAt: daysAgo(1) });
      const overdue = await support.browser.get('/api/v1/admin/claims?overdue=true&limit=100').expect(200);
      const found = overdue.body.items.find((item: { id: string }) => item.id === claimId);
      assert.ok(found);
      assert.equal(found.overdue, true);
      assert.ok(overdue.body.items.every((item: { overdue: boolean }) => item.overdue));
      const open = await support.browser
        .get('/api/v1/admin/claims?state=open&network=demo&limit=100')
        .expect(200);
      assert.ok(open.body.items.every((item: { state: string }) => item.state === 'open'));

      await visit(support, 10);
      const own = await support.browser.post('/api/v1/me/claims', claimBody(orderId('OWN'), 10));
      assert.equal(own.status, 201);
      const refused = await accept(support, own.body.id as string);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'CLAIM_OWN');
    });

    it('when support pages the claims that are not overdue, then every page is full and together they hold exactly those claims', async () => {
      const first = await filedClaim('claim-overdue-run-a');
      const second = await filedClaim('claim-overdue-run-b');
      const onTime = await filedClaim('claim-overdue-run-c');
      for (const { claimId } of [first, second])
        await manager().update(Claim, { id: claimId }, { deadlineAt: daysAgo(1) });

      const walked: Array<{ id: string; overdue: boolean }> = [];
      let cursor: string | null = null;
      do {
        const response: request.Response = await support.browser
          .get(`/api/v1/admin/claims?overdue=false&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        const items = response.body.items as typeof walked;
        cursor = response.body.nextCursor as string | null;
        // The filter is the query's, not a cut after it: a run of overdue claims makes no empty page.
        assert.equal(items.length, 1, `a page with a next cursor holds ${items.length} claims`);
        walked.push(...items);
      } while (cursor);
      assert.ok(walked.every((item) => !item.overdue));
      const ids = walked.map((item) => item.id);
      assert.ok(ids.includes(onTime.claimId), 'the claim after the overdue run is listed');
      assert.ok(!ids.includes(first.claimId) && !ids.includes(second.claimId));
      const all = await support.browser.get('/api/v1/admin/claims?limit=100').expect(200);
      assert.deepEqual(
        ids,
        (all.body.items as typeof walked).filter((item) => !item.overdue).map((item) => item.id),
      );
    });

    it('when support exports a network’s open claims, then the CSV has one line an order', async () => {
      const { order, clickId } = await filedClaim('claim-export');
      const exported = await support.browser.get('/api/v1/admin/claims/export.csv?network=demo');
      assert.equal(exported.status, 200);
      assert.match(String(exported.headers['content-type']), /text\/csv/);
      const lines = exported.text.trim().split('\r\n');
      assert.equal(
        lines[0],
        'order_id,order_date,order_value,currency,sub_id,click_time,shop,claim_id,filed_at',
      );
      const line = lines.find((candidate) => candidate.startsWith(`${order},`));
      assert.ok(line, exported.text);
      assert.ok(line.includes(`,500.00,EUR,${clickId},`));
    });
  });

  describe('proofs', () => {
    const PNG = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('rest of a picture'),
    ]);
    const upload = (person: Person, claimId: string, body: Buffer, type: string, name = 'faktura.png') =>
      person.browser.agent
        .post(`/api/v1/me/claims/${claimId}/proofs`)
        .set('X-CSRF-Token', person.browser.csrfToken)
        .set('Content-Type', type)
        .set('X-File-Name', encodeURIComponent(name))
        .send(body);

    it('when the shopper attaches a PNG, then it is stored outside the web root and only they and support can fetch it', async () => {
      const { shopper, claimId } = await filedClaim('claim-proof');
      const stored = await upload(shopper, claimId, PNG, 'image/png', 'účtenka.png');
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      assert.equal(stored.body.contentType, 'image/png');
      assert.equal(stored.body.fileName, 'účtenka.png');
      const row = await manager().findOneByOrFail(ClaimProofRow, { id: stored.body.id });
      const file = path.join(ctx().config.claimProofDirectory, row.storageKey);
      assert.deepEqual(fs.readFileSync(file), PNG);
      assert.ok(!path.resolve(file).startsWith(path.resolve('client')));

      const own = await shopper.browser.get(`/api/v1/me/claims/${claimId}/proofs/${row.id}`).buffer(true);
      assert.equal(own.status, 200);
      assert.equal(own.headers['content-type'], 'image/png');
      assert.match(String(own.headers['content-disposition']), /^attachment/);
      assert.deepEqual(own.body, PNG);
      const staffCopy = await support.browser
        .get(`/api/v1/admin/claims/${claimId}/proofs/${row.id}`)
        .buffer(true);
      assert.equal(staffCopy.status, 200);
      assert.deepEqual(staffCopy.body, PNG);
      const other = await signedUpShopper('claim-proof-other');
      assert.equal((await other.browser.get(`/api/v1/me/claims/${claimId}/proofs/${row.id}`)).status, 404);
      assert.equal((await upload(other, claimId, PNG, 'image/png')).status, 404);
      const detail = await shopper.browser.get(`/api/v1/me/claims/${claimId}`).expect(200);
      assert.equal(detail.body.proofs.length, 1);
    });

    it('when the file is not a PDF, PNG or JPEG by its content, or too large, then it is refused and nothing is kept', async () => {
      const { shopper, claimId } = await filedClaim('claim-proof-bad');
      const filesBefore = fs.existsSync(ctx().config.claimProofDirectory)
        ? fs.readdirSync(ctx().config.claimProofDirectory).length
        : 0;
      const disguised = await upload(
        shopper,
        claimId,
        Buffer.from('<html>not a picture</html>'),
        'image/png',
      );
      assert.equal(disguised.status, 415);
      assert.equal(disguised.body.code, 'CLAIM_PROOF_TYPE');
      const empty = await upload(shopper, claimId, Buffer.alloc(0), 'application/pdf');
      assert.equal(empty.status, 400);
      const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
      huge.write('%PDF-1.7', 0);
      const tooLarge = await upload(shopper, claimId, huge, 'application/pdf');
      assert.equal(tooLarge.status, 413);
      assert.equal(await manager().countBy(ClaimProofRow, { claimId }), 0);
      const filesAfter = fs.existsSync(ctx().config.claimProofDirectory)
        ? fs.readdirSync(ctx().config.claimProofDirectory).length
        : 0;
      assert.equal(filesAfter, filesBefore);
      const pdf = await upload(
        shopper,
        claimId,
        Buffer.from('%PDF-1.4\n%…'),
        'application/octet-stream',
        'x.pdf',
      );
      assert.equal(pdf.status, 201);
      assert.equal(pdf.body.contentType, 'application/pdf');
    });
  });
});
