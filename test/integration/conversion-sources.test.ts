import assert from 'node:assert/strict';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import type {
  ConversionReport,
  ConversionSource,
  ConversionSourceKind,
} from '../../server/src/modules/conversions/index.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

/**
 * Conversions have one entry point for every source (DESIGN §6): a shopper's claim and a line of a
 * network's report go through the same `record` as a postback, so an order is credited once,
 * whoever reports it first, and whatever arrives later is a duplicate or an amendment.
 */
describe('conversions from any source', () => {
  let networkId: string;
  before(async () => {
    networkId = (await demoNetwork()).network.id;
  });

  const report = (clickId: string, order: string, state: ConversionReport['state'], amount = 50000n) => ({
    networkId,
    clickId,
    orderId: order,
    orderAmountMinor: amount,
    commissionMinor: amount / 20n,
    currency: 'EUR' as const,
    state,
    occurredAt: null,
    reason: null,
    category: null,
  });

  function record(kind: ConversionSourceKind, reference: string, ...reports: ConversionReport[]) {
    const source: ConversionSource = { kind, reference, actor: `${kind}:${reference}` };
    return ctx().database.transaction((manager) =>
      ctx().app.services.conversions.record(
        manager,
        reports.map((item) => ({ report: item, source })),
      ),
    );
  }

  const postback = (clickId: string, order: string, status: 'pending' | 'approved', amount = '500.00') =>
    sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: amount,
      commission: (Number(amount) / 20).toFixed(2),
      currency: 'EUR',
      status,
    });

  async function creditsOf(conversionId: string) {
    const transfers = await ctx().database.manager.findBy(LedgerTransfer, {
      reference: `conversion:${conversionId}`,
    });
    return transfers.map((transfer) => transfer.code).sort();
  }

  async function eurBalance(userId: string) {
    const found = (await ctx().app.services.ledger.balancesOf(userId)).find(
      (balance) => balance.currency === 'EUR',
    );
    return { pending: found?.pending ?? 0n, available: found?.available ?? 0n };
  }

  for (const kind of ['claim', 'report'] as const) {
    it(`when a ${kind} reports an order first, then it is credited once and a later postback is a duplicate, then an amendment`, async () => {
      // martinus-sk (demo network, EUR) pays 4 % of the order value.
      const { userId, browser } = await signedUpShopper(`source-${kind}`);
      const clickId = await clickThrough(browser.sessionCookie!, 'martinus-sk');
      const order = orderId(kind.toUpperCase());

      const [outcome] = await record(kind, `${kind}-1`, report(clickId, order, 'pending'));
      assert.equal(outcome && 'kind' in outcome ? outcome.kind : outcome, 'accepted');
      const conversion = await ctx().database.manager.findOneByOrFail(Conversion, {
        networkId,
        externalOrderId: order,
      });
      assert.equal(conversion.userId, userId);
      assert.deepEqual(await eurBalance(userId), { pending: 2000n, available: 0n });
      const [created] = await ctx().database.manager.findBy(ConversionEvent, { conversionId: conversion.id });
      assert.deepEqual(
        [created!.source, created!.sourceReference, created!.actor],
        [kind, `${kind}-1`, `${kind}:${kind}-1`],
      );

      // The network's own postback about the same order, same data: nothing new.
      const duplicate = await postback(clickId, order, 'pending');
      assert.equal(duplicate.status, 200);
      assert.equal(duplicate.body.status, 'duplicate');
      assert.deepEqual(await creditsOf(conversion.id), ['conversion_pending']);

      // Then it approves a changed amount: one amendment, never a second credit.
      const approved = await postback(clickId, order, 'approved', '600.00');
      assert.equal(approved.status, 200);
      assert.equal(approved.body.status, 'accepted');
      assert.deepEqual(await eurBalance(userId), { pending: 0n, available: 2400n });
      const history = await ctx().database.manager.find(ConversionEvent, {
        where: { conversionId: conversion.id },
        order: { revision: 'ASC' },
      });
      assert.deepEqual(
        history.map((event) => event.source),
        [kind, 'postback'],
      );
      assert.equal(
        await ctx().database.manager.countBy(Conversion, { networkId, externalOrderId: order }),
        1,
      );
    });
  }

  it('when a claim, a report line and postbacks about one new order arrive at once, then one conversion is credited once', async () => {
    const { userId, browser } = await signedUpShopper('source-race');
    const clickId = await clickThrough(browser.sessionCookie!, 'martinus-sk');
    const order = orderId('RACE');
    const answers = await Promise.all([
      record('claim', 'race-claim', report(clickId, order, 'pending')),
      record('report', 'race-report', report(clickId, order, 'pending')),
      postback(clickId, order, 'pending'),
      postback(clickId, order, 'pending'),
    ]);
    for (const answer of answers.slice(2)) assert.equal((answer as { status: number }).status, 200);
    const conversions = await ctx().database.manager.findBy(Conversion, {
      networkId,
      externalOrderId: order,
    });
    assert.equal(conversions.length, 1);
    assert.deepEqual(await creditsOf(conversions[0]!.id), ['conversion_pending']);
    assert.deepEqual(await eurBalance(userId), { pending: 2000n, available: 0n });
  });

  it('when a claim names a click that is not the shopper’s on this network, then the order is kept unattributed, with no credit', async () => {
    const order = orderId('UNKNOWN');
    const [outcome] = await record('claim', 'lost', report('a'.repeat(26), order, 'pending'));
    assert.equal(outcome && 'kind' in outcome ? outcome.kind : outcome, 'unattributed');
    const conversion = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(conversion.userId, null);
    assert.deepEqual(await creditsOf(conversion.id), []);
  });
});
