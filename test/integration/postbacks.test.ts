import assert from 'node:assert/strict';
import request from 'supertest';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { LedgerEntry } from '../../server/src/modules/ledger/ledger-entry.entity.js';
import { LedgerTransfer } from '../../server/src/modules/ledger/ledger-transfer.entity.js';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import { PostbackInbox } from '../../server/src/modules/postbacks/postback-inbox.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

const manager = () => ctx().database.manager;

async function shopper(label: string) {
  const signedUp = await signedUpShopper(label);
  return { ...signedUp, cookie: signedUp.browser.sessionCookie! };
}

async function balance(browser: Awaited<ReturnType<typeof shopper>>['browser'], currency = 'CZK') {
  const response = await browser.get('/api/v1/me/balance').expect(200);
  const item = (response.body.items as Array<Record<string, { amountMinor: string } | string>>).find(
    (entry) => entry.currency === currency,
  );
  const value = (key: string) => (item ? (item[key] as { amountMinor: string }).amountMinor : '0');
  return { pending: value('pending'), available: value('available'), debt: value('debt') };
}

const transfersOf = (conversionId: string) =>
  manager().countBy(LedgerTransfer, { reference: `conversion:${conversionId}` });

describe('postbacks: the money path', () => {
  before(async () => {
    await demoNetwork();
  });

  it('W1: a signed pending postback for a shopper’s click credits the share once; entries sum to zero', async () => {
    const { cookie, browser, userId } = await shopper('w1');
    const clickId = await clickThrough(cookie, 'alza-cz');
    const order = orderId();
    const response = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'pending',
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.status, 'accepted');
    const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(conversion.userId, userId);
    // alza-cz pays 1.5 % of the order value: 1000.00 CZK → 15.00 CZK, under the 50.00 commission.
    assert.equal(conversion.shareMinor, 1500n);
    assert.equal(conversion.state, 'pending');
    assert.deepEqual(await balance(browser), { pending: '1500', available: '0', debt: '0' });
    const transfers = await manager().findBy(LedgerTransfer, { reference: `conversion:${conversion.id}` });
    assert.equal(transfers.length, 1);
    const entries = await manager().findBy(LedgerEntry, { transferId: transfers[0]!.id });
    assert.equal(
      entries.reduce((sum, entry) => sum + entry.amountMinor, 0n),
      0n,
    );
    const visits = (await browser.get('/api/v1/me/clicks').expect(200)).body.items as Array<{
      id: string;
      purchase: unknown;
    }>;
    assert.deepEqual(visits.find((visit) => visit.id === clickId)?.purchase, { state: 'pending' });
    const inbox = await manager().findOneByOrFail(PostbackInbox, { conversionId: conversion.id });
    assert.equal(inbox.verified, true);
    assert.equal(inbox.outcome, 'accepted');
  });

  it('W5: the same postback replayed after acceptance answers 200 and posts nothing', async () => {
    const { cookie, browser } = await shopper('w5');
    const clickId = await clickThrough(cookie, 'alza-cz');
    const body = {
      id: 'evt-w5',
      click_id: clickId,
      order_id: orderId(),
      order_amount: '200.00',
      commission: '10.00',
      status: 'pending',
    } as const;
    assert.equal((await sendSigned(body)).status, 200);
    const entriesBefore = await manager().count(LedgerEntry);
    const again = await sendSigned(body);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'duplicate');
    assert.equal(await manager().count(LedgerEntry), entriesBefore);
    assert.deepEqual(await balance(browser), { pending: '300', available: '0', debt: '0' });
  });

  it('W6: the same order with another amount is an amendment posting the difference; after settlement it is 409', async () => {
    const { cookie, browser } = await shopper('w6');
    const clickId = await clickThrough(cookie, 'alza-cz');
    const order = orderId();
    await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'pending',
    }).expect(200);
    await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '800.00',
      commission: '40.00',
      status: 'pending',
    }).expect(200);
    assert.deepEqual(await balance(browser), { pending: '1200', available: '0', debt: '0' });
    await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '800.00',
      commission: '40.00',
      status: 'settled',
    }).expect(200);
    assert.deepEqual(await balance(browser), { pending: '0', available: '1200', debt: '0' });
    const conflict = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '900.00',
      commission: '45.00',
      status: 'settled',
    });
    assert.equal(conflict.status, 409);
    assert.deepEqual(await balance(browser), { pending: '0', available: '1200', debt: '0' });
  });

  it('W7: 50 identical postbacks in parallel make one conversion and one credit chain, all answered 2xx', async () => {
    const { cookie, browser } = await shopper('w7');
    const clickId = await clickThrough(cookie, 'notino-cz');
    const body = {
      id: 'evt-w7',
      click_id: clickId,
      order_id: orderId(),
      order_amount: '500.00',
      commission: '40.00',
      status: 'pending',
    } as const;
    // notino-cz is on the awin network; use a demo-network shop instead so the click belongs to this network.
    const demoClick = await clickThrough(cookie, 'dobrovsky-cz');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => sendSigned({ ...body, click_id: demoClick })),
    );
    assert.ok(
      responses.every((response) => response.status === 200),
      responses.map((response) => response.status).join(','),
    );
    const conversions = await manager().findBy(Conversion, { externalOrderId: body.order_id });
    assert.equal(conversions.length, 1);
    assert.equal(await transfersOf(conversions[0]!.id), 1);
    // dobrovsky-cz: 4 % of 500.00 = 20.00
    assert.deepEqual(await balance(browser), { pending: '2000', available: '0', debt: '0' });
    assert.ok(clickId);
  });

  it('W8: out of order — approved before pending, then rejected, then approved again', async () => {
    const { cookie, browser } = await shopper('w8');
    const clickId = await clickThrough(cookie, 'alza-cz');
    const order = orderId();
    const send = (status: 'pending' | 'approved' | 'rejected') =>
      sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '2000.00',
        commission: '100.00',
        status,
        reason: status === 'rejected' ? 'Zboží vráceno' : undefined,
      });
    await send('approved').expect(200);
    assert.deepEqual(await balance(browser), { pending: '0', available: '3000', debt: '0' });
    const late = await send('pending');
    assert.equal(late.status, 200);
    assert.equal(late.body.status, 'ignored');
    await send('rejected').expect(200);
    assert.deepEqual(await balance(browser), { pending: '0', available: '0', debt: '0' });
    await send('approved').expect(200);
    assert.deepEqual(await balance(browser), { pending: '0', available: '3000', debt: '0' });
    const purchases = await browser.get('/api/v1/me/purchases').expect(200);
    const purchase = purchases.body.items.find((item: { orderId: string }) => item.orderId === order);
    assert.equal(purchase.state, 'approved');
    assert.deepEqual(
      purchase.history.map((event: { state: string }) => event.state),
      ['approved', 'rejected', 'approved'],
    );
    assert.equal(purchase.shop.slug, 'alza-cz');
    assert.equal(purchase.share.amountMinor, '3000');
  });

  it('W9: an unknown click, or a click on another network’s shop, is kept unattributed with no credit (202)', async () => {
    const { cookie, browser } = await shopper('w9');
    const foreignClick = await clickThrough(cookie, 'notino-cz'); // an Awin shop, not the demo network's
    for (const clickId of [foreignClick, 'aaaaaaaaaaaaaaaaaaaaaaaaaa', 'not-ours']) {
      const order = orderId('W9');
      const response = await sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '100.00',
        commission: '5.00',
        status: 'approved',
      });
      assert.equal(response.status, 202, clickId);
      const conversion = await manager().findOneByOrFail(Conversion, { externalOrderId: order });
      assert.equal(conversion.userId, null);
      assert.equal(conversion.attribution, 'unattributed');
      assert.equal(await transfersOf(conversion.id), 0);
    }
    assert.deepEqual(await balance(browser), { pending: '0', available: '0', debt: '0' });
  });

  it('W10: a wrong signature is 401, an address outside the allowlist 403; nothing is written', async () => {
    const inboxBefore = await manager().count(PostbackInbox);
    const forged = await sendSigned(
      { order_id: orderId(), order_amount: '1.00', commission: '1.00', status: 'approved' },
      { secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64') },
    );
    assert.equal(forged.status, 401);
    assert.equal(forged.body.code, 'POSTBACK_BAD_SIGNATURE');
    const network = await manager().findOneByOrFail(Network, { slug: 'demo' });
    await manager().update(Network, { id: network.id }, { settings: { ipAllowlist: '203.0.113.0/24' } });
    ctx().app.services.postbacks.invalidate();
    try {
      const blocked = await sendSigned({
        order_id: orderId(),
        order_amount: '1.00',
        commission: '1.00',
        status: 'approved',
      });
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'POSTBACK_IP_NOT_ALLOWED');
    } finally {
      await manager().update(Network, { id: network.id }, { settings: {} });
      ctx().app.services.postbacks.invalidate();
    }
    assert.equal(await manager().count(PostbackInbox), inboxBefore);
  });

  it('answers malformed input with 400, an unknown network with 404, another method with 405, a huge body with 413', async () => {
    for (const bad of [
      { order_amount: '1e309' },
      { order_amount: '-1' },
      { commission: 'NaN' },
      { commission: '12.345' },
      { status: 'maybe' },
      { currency: 'GBP' },
    ]) {
      const response = await sendSigned({
        order_id: orderId(),
        order_amount: '10.00',
        commission: '1.00',
        status: 'pending',
        ...bad,
      } as never);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal(response.body.code, 'POSTBACK_MALFORMED');
    }
    const notJson = await sendSigned(
      { order_id: 'x', order_amount: '1', commission: '1', status: 'pending' },
      { rawBody: '{"order_id": ' },
    );
    assert.equal(notJson.status, 400);
    assert.equal((await request(ctx().app.listener).post('/postback/no-such-network').send({})).status, 404);
    assert.equal((await request(ctx().app.listener).put('/postback/demo').send({})).status, 405);
    const huge = await request(ctx().app.listener)
      .post('/postback/demo')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ filler: 'x'.repeat(100 * 1024) }));
    assert.equal(huge.status, 413);
    assert.match(huge.headers['content-type'] ?? '', /problem\+json/);
  });
});
