import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConversionEvent } from '../../server/src/modules/conversions/conversion-event.entity.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { LedgerEntry } from '../../server/src/modules/ledger/ledger-entry.entity.js';
import { PostbackInbox } from '../../server/src/modules/postbacks/postback-inbox.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

/** `npm run postbacks:replay` as an operator runs it, against the test database. */
function replayCommand(since: Date) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/cli/postbacks-replay.ts',
      '--since',
      since.toISOString(),
      '--network',
      'demo',
    ],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DB_TYPE: ctx().target.type,
        DATABASE_URL: ctx().target.url,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('postbacks:replay', () => {
  before(async () => {
    await demoNetwork();
  });

  it('reprocesses the inbox: what was applied is a duplicate that posts nothing; a message stored as failed is applied now', async function () {
    this.timeout(120_000);
    const { database } = ctx();
    // The test clock stands still: step past what earlier tests stored, so that only this test's
    // messages are in the window.
    ctx().clock.advance(60_000);
    const since = ctx().clock.now();
    const { userId, browser } = await signedUpShopper('replay');
    const clickId = await clickThrough(browser.sessionCookie!, 'alza-cz');
    const applied = orderId('REPLAY');
    await sendSigned({
      click_id: clickId,
      order_id: applied,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'pending',
    }).expect(200);

    // A message that reached the inbox but whose processing failed (as `receive` keeps it).
    const failed = orderId('REPLAY');
    const network = (await demoNetwork()).network;
    const body = JSON.stringify({
      id: 'evt-replay',
      click_id: clickId,
      order_id: failed,
      order_amount: '2000.00',
      commission: '100.00',
      currency: 'CZK',
      status: 'approved',
    });
    await database.manager.insert(PostbackInbox, {
      networkId: network.id,
      receivedAt: ctx().clock.now(),
      method: 'POST',
      sourceIp: '127.0.0.1',
      headers: { 'content-type': 'application/json' },
      query: '',
      body,
      verified: true,
      outcome: 'error',
      httpStatus: 500,
      errorCode: 'PROCESSING_FAILED',
      conversionId: null,
      processedAt: null,
    });
    const entriesBefore = await database.manager.countBy(LedgerEntry, { userId });

    const first = replayCommand(since);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /duplicate: 1/);
    assert.match(first.stdout, /accepted: 1/);

    const conversion = await database.manager.findOneByOrFail(Conversion, { externalOrderId: failed });
    assert.equal(conversion.state, 'approved');
    assert.equal(conversion.userId, userId);
    const stored = await database.manager.findOneByOrFail(PostbackInbox, { conversionId: conversion.id });
    assert.deepEqual([stored.outcome, stored.httpStatus, stored.errorCode], ['accepted', 200, null]);
    const [event] = await database.manager.findBy(ConversionEvent, { conversionId: conversion.id });
    assert.deepEqual(
      [event!.source, event!.sourceReference, event!.actor],
      ['postback', stored.id, `replay:${stored.id}`],
    );
    const afterFirst = await database.manager.countBy(LedgerEntry, { userId });
    assert.ok(afterFirst > entriesBefore, 'the failed message was credited');

    // Idempotent: a second replay changes nothing.
    const second = replayCommand(since);
    assert.equal(second.status, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /duplicate: 2/);
    assert.equal(await database.manager.countBy(LedgerEntry, { userId }), afterFirst);
    assert.equal((await ctx().app.services.ledger.verify()).ok, true);
  });
});
