import assert from 'node:assert/strict';
import type { ConversionReport } from '../../server/src/modules/conversions/conversions.service.js';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { AppError } from '../../server/src/platform/http/errors.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId } from '../helpers/money-path.js';

/** Records reports as one batch, in one transaction, through the entry point every source uses. */
async function applyAsOneBatch(reports: ConversionReport[]) {
  const { conversions } = ctx().app.services;
  return ctx().database.transaction(async (manager) => {
    const results = await conversions.record(
      manager,
      reports.map((report) => ({
        report,
        source: { kind: 'admin' as const, reference: null, actor: 'test:batch' },
      })),
    );
    return results.map((result) => (result instanceof AppError ? result.code : result.kind));
  });
}

async function eurBalances(userId: string) {
  const found = (await ctx().app.services.ledger.balancesOf(userId)).find(
    (balance) => balance.currency === 'EUR',
  );
  return { pending: found?.pending ?? 0n, available: found?.available ?? 0n, debt: found?.debt ?? 0n };
}

describe('conversions: several reports in one batch', () => {
  let networkId: string;
  before(async () => {
    networkId = (await demoNetwork()).network.id;
  });

  const report = (
    clickId: string | null,
    order: string,
    state: ConversionReport['state'],
    orderAmountMinor: bigint,
    commissionMinor: bigint,
    currency: ConversionReport['currency'] = 'EUR',
  ): ConversionReport => ({
    networkId,
    clickId,
    orderId: order,
    orderAmountMinor,
    commissionMinor,
    currency,
    state,
    occurredAt: null,
    reason: null,
    category: null,
  });

  it('applies reports about one new order in order, exactly as if they came one by one', async () => {
    // martinus-sk (demo network, EUR) pays 4 % of the order value.
    const { userId, browser } = await signedUpShopper('batch-one-order');
    const clickId = await clickThrough(browser.sessionCookie!, 'martinus-sk');
    const order = orderId('BATCH');
    const kinds = await applyAsOneBatch([
      report(clickId, order, 'pending', 50000n, 2500n),
      report(clickId, order, 'approved', 50000n, 2500n),
      report(clickId, order, 'approved', 60000n, 3000n),
      report(clickId, order, 'pending', 60000n, 3000n),
      report(clickId, order, 'approved', 60000n, 3000n),
    ]);
    assert.deepEqual(kinds, ['accepted', 'accepted', 'accepted', 'ignored', 'duplicate']);
    assert.deepEqual(await eurBalances(userId), { pending: 0n, available: 2400n, debt: 0n });
    const conversion = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(conversion.revision, 3);
    assert.equal(conversion.shareMinor, 2400n);
    const history = await ctx().database.manager.find(ConversionEvent, {
      where: { conversionId: conversion.id },
      order: { revision: 'ASC' },
    });
    assert.deepEqual(
      history.map((event) => [event.revision, event.state, event.shareMinor]),
      [
        [1, 'pending', 2000n],
        [2, 'approved', 2000n],
        [3, 'approved', 2400n],
      ],
    );
    assert.equal((await ctx().app.services.ledger.verify()).ok, true);
  });

  it('a refused report writes nothing and keeps nobody else from committing', async () => {
    const { userId, browser } = await signedUpShopper('batch-refused');
    const clickId = await clickThrough(browser.sessionCookie!, 'martinus-sk');
    const [first, refused, last] = [orderId('BATCH'), orderId('BATCH'), orderId('BATCH')];
    const kinds = await applyAsOneBatch([
      report(clickId, first, 'approved', 10000n, 500n),
      // No click and no currency: nothing tells which currency the order is in.
      report(null, refused, 'pending', 10000n, 500n, null),
      report(clickId, last, 'pending', 20000n, 1000n),
    ]);
    assert.deepEqual(kinds, ['accepted', 'POSTBACK_MALFORMED', 'accepted']);
    assert.equal(await ctx().database.manager.countBy(Conversion, { externalOrderId: refused }), 0);
    assert.deepEqual(await eurBalances(userId), { pending: 800n, available: 400n, debt: 0n });
  });

  it('nets one shopper’s debt across the reports of a batch: each credit sees the one before', async () => {
    const { userId, browser } = await signedUpShopper('batch-debt');
    const clickId = await clickThrough(browser.sessionCookie!, 'martinus-sk');
    const { ledger } = ctx().app.services;
    // The shopper owes 30.00 (a reversal after a payout, as in L5).
    await ctx().database.transaction((manager) =>
      ledger.post(manager, {
        idempotencyKey: `test-debt:${userId}`,
        code: 'clawback',
        currency: 'EUR',
        userId,
        createdBy: 'test',
        postings: [
          { account: { kind: 'debt', userId, currency: 'EUR' }, amountMinor: -3000n },
          { account: { kind: 'platform_revenue', currency: 'EUR' }, amountMinor: 3000n },
        ],
      }),
    );
    const kinds = await applyAsOneBatch([
      report(clickId, orderId('BATCH'), 'approved', 50000n, 2500n), // 20.00: all to the debt
      report(clickId, orderId('BATCH'), 'approved', 50000n, 2500n), // 20.00: 10.00 debt, 10.00 available
    ]);
    assert.deepEqual(kinds, ['accepted', 'accepted']);
    assert.deepEqual(await eurBalances(userId), { pending: 0n, available: 1000n, debt: 0n });
    assert.equal((await ledger.verify()).ok, true);
  });
});
