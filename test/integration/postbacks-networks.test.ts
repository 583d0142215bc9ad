import assert from 'node:assert/strict';
import fs from 'node:fs';
import request from 'supertest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { Network } from '../../server/src/modules/networks/network.entity.js';
import type { RawPostback } from '../../server/src/modules/postbacks/adapters/adapter.js';
import {
  admitadAdapter,
  awinAdapter,
  genericAdapter,
  impactAdapter,
  signedAdapter,
} from '../../server/src/modules/postbacks/adapters/presets.js';
import { PostbackInbox } from '../../server/src/modules/postbacks/postback-inbox.entity.js';
import { AppError } from '../../server/src/platform/http/errors.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx, testEnvironment } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

interface FixtureExample {
  request: {
    method: string;
    form?: Record<string, string>;
    query?: Record<string, string>;
    body?: Record<string, string>;
  };
}
const fixture = (name: string) =>
  (
    JSON.parse(fs.readFileSync(`test/fixtures/networks/${name}.json`, 'utf8')) as {
      notification: { examples: FixtureExample[] };
    }
  ).notification.examples;

const tokens = new Map<string, string>();
async function tokenFor(slug: string): Promise<string> {
  if (!tokens.has(slug)) {
    const network = await ctx().database.manager.findOneByOrFail(Network, { slug });
    tokens.set(
      slug,
      (await ctx().app.services.networkSecrets.create(network.id, 'token', 'tests', null)).secret,
    );
  }
  return tokens.get(slug)!;
}

describe('postbacks: network presets with their documented payloads', () => {
  it('Awin: the documented AwinTransactionPush form is parsed; its GBP is refused, in CZK with our click it credits', async () => {
    const token = await tokenFor('awin');
    const documented = fixture('awin')[0]!.request.form!.AwinTransactionPush!;
    const asIs = await request(ctx().app.listener)
      .post(`/postback/awin?token=${token}`)
      .type('form')
      .send({ AwinTransactionPush: documented });
    assert.equal(asIs.status, 400);
    assert.match(asIs.body.detail, /currency GBP/);

    const shopper = await signedUpShopper('awin');
    const clickId = await clickThrough(shopper.browser.sessionCookie!, 'notino-cz');
    const order = orderId('AWIN');
    const push = {
      ...(JSON.parse(documented) as Record<string, unknown>),
      transactionId: order,
      clickRef: clickId,
      transactionCurrency: 'CZK',
      transactionAmount: '1200.00',
      commission: '96.00',
    };
    const response = await request(ctx().app.listener)
      .post(`/postback/awin?token=${token}`)
      .type('form')
      .send({ AwinTransactionPush: JSON.stringify(push) });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const conversion = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(conversion.state, 'pending');
    // notino-cz: 5 % of 1200.00 = 60.00
    assert.equal(conversion.shareMinor, 6000n);
    const stored = await ctx().database.manager.findOneByOrFail(PostbackInbox, {
      conversionId: conversion.id,
    });
    assert.ok(!stored.query.includes(token), 'the token is not stored');
  });

  it('Awin: a real-world push whose clickRef is empty is kept unattributed (202)', async () => {
    const token = await tokenFor('awin');
    const push = JSON.parse(fixture('awin')[1]!.request.form!.AwinTransactionPush!) as Record<
      string,
      unknown
    >;
    const response = await request(ctx().app.listener)
      .post(`/postback/awin?token=${token}`)
      .type('form')
      .send({
        AwinTransactionPush: JSON.stringify({
          ...push,
          transactionCurrency: 'CZK',
          transactionId: orderId('AWIN'),
        }),
      });
    assert.equal(response.status, 202);
  });

  it('Impact: GET with SubId1/ActionId/Status/Payout/Amount; REVERSED reverses', async () => {
    const token = await tokenFor('impact');
    const shopper = await signedUpShopper('impact');
    const clickId = await clickThrough(shopper.browser.sessionCookie!, 'rohlik-cz');
    const actionId = `1000.4636.${Date.now()}`;
    const send = (status: string) =>
      request(ctx().app.listener).get('/postback/impact').query({
        token,
        SubId1: clickId,
        ActionId: actionId,
        Status: status,
        Payout: '250.00',
        Amount: '1999.00',
        Currency: 'CZK',
        EventDate: '2026-11-20T10:42:38+01:00',
      });
    assert.equal((await send('PENDING')).status, 200);
    const conversion = await ctx().database.manager.findOneByOrFail(Conversion, {
      externalOrderId: actionId,
    });
    // rohlik-cz: a fixed 150.00 CZK, below the 250.00 commission.
    assert.equal(conversion.shareMinor, 15000n);
    assert.equal((await send('REVERSED')).status, 200);
    assert.equal(
      (await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: actionId })).state,
      'rejected',
    );
    assert.equal((await send('SOMETHING')).status, 400);
  });

  it('Admitad: the constructed GET example (USD) is refused; in EUR with our click it goes pending, then declined', async () => {
    const token = await tokenFor('admitad');
    const example = fixture('admitad')[1]!.request.query!;
    const asIs = await request(ctx().app.listener)
      .get('/postback/admitad')
      .query({ ...example, token });
    assert.equal(asIs.status, 400);
    const shopper = await signedUpShopper('admitad');
    const clickId = await clickThrough(shopper.browser.sessionCookie!, 'nay-sk');
    const order = orderId('ADM');
    const pending = await request(ctx().app.listener)
      .get('/postback/admitad')
      .query({ ...example, token, subid: clickId, order_id: order, currency: 'EUR' });
    assert.equal(pending.status, 200, JSON.stringify(pending.body));
    const declined = fixture('admitad')[2]!.request.query!;
    const rejected = await request(ctx().app.listener)
      .get('/postback/admitad')
      .query({ ...declined, token, subid: clickId, order_id: order, currency: 'EUR' });
    assert.equal(rejected.status, 200);
    assert.equal(
      (await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order })).state,
      'rejected',
    );
  });

  it('refuses a template postback without the right token (401), writing nothing', async () => {
    const before = await ctx().database.manager.count(PostbackInbox);
    for (const query of [{}, { token: 'wrong' }]) {
      const response = await request(ctx().app.listener)
        .get('/postback/admitad')
        .query({ ...query, subid: 'x', order_id: 'y', payment_sum: '1.00', currency: 'EUR' });
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'POSTBACK_BAD_TOKEN');
    }
    assert.equal(await ctx().database.manager.count(PostbackInbox), before);
  });

  it('limits each network’s rate: 429 with Retry-After', async () => {
    await demoNetwork();
    const config = loadConfig({
      ...testEnvironment(ctx().target, `smtp://127.0.0.1:${ctx().smtp.port}`),
      POSTBACK_RATE_LIMIT_PER_MINUTE: '3',
    });
    const app = createApp({ ...ctx(), config });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push((await request(app.listener).get('/postback/admitad').query({ token: 'x' })).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await request(app.listener).get('/postback/admitad');
    assert.match(limited.headers['retry-after'] ?? '', /^\d+$/);
    assert.ok(sendSigned);
  });
});

describe('postbacks: the purchase category each network reports', () => {
  const get = (query: Record<string, string>): RawPostback => ({
    method: 'GET',
    contentType: '',
    query: new URLSearchParams(query),
    body: Buffer.alloc(0),
    headers: {},
  });
  const json = (body: unknown): RawPostback => ({
    method: 'POST',
    contentType: 'application/json',
    query: new URLSearchParams(),
    body: Buffer.from(JSON.stringify(body)),
    headers: {},
  });
  const awinForm = (push: string): RawPostback => ({
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    query: new URLSearchParams(),
    body: Buffer.from(new URLSearchParams({ AwinTransactionPush: push }).toString()),
    headers: {},
  });
  const malformed = (run: () => unknown, field: RegExp) =>
    assert.throws(run, (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.status, 400);
      assert.match(error.message, field);
      return true;
    });
  const signed = {
    id: 'evt_1',
    order_id: 'O-1',
    order_amount: '100.00',
    commission: '5.00',
    currency: 'CZK',
  };

  it('signed: the optional `category` field, trimmed; absent, null or empty is none', () => {
    const category = (extra: Record<string, unknown>) =>
      signedAdapter(json({ ...signed, status: 'pending', ...extra }), {}).category;
    assert.equal(category({ category: ' electronics ' }), 'electronics');
    assert.equal(category({}), null);
    assert.equal(category({ category: null }), null);
    assert.equal(category({ category: '' }), null);
    malformed(() => category({ category: 42 }), /category/);
    malformed(() => category({ category: 'x'.repeat(65) }), /category/);
    malformed(() => category({ category: 'line\nbreak' }), /category/);
  });

  it('Awin: the commission group carrying most of the order — by product value in the documented push, the only group in the real-world one', () => {
    // Awin's examples in CZK (we take only our markets' currencies).
    const inCzk = (example: FixtureExample): Record<string, unknown> => ({
      ...(JSON.parse(example.request.form!.AwinTransactionPush!) as Record<string, unknown>),
      transactionCurrency: 'CZK',
    });
    const [documented, realWorld] = fixture('awin');
    const push = inCzk(documented!);
    // CDs for 2 × 5.55 = 11.10 in group 47963, a DVD for 14.99 in group 47965.
    assert.equal(awinAdapter(awinForm(JSON.stringify(push)), {}).category, 'DVD');
    assert.equal(awinAdapter(awinForm(JSON.stringify(inCzk(realWorld!))), {}).category, 'DEFAULT');
    const groups = push.commissionGroups as Array<Record<string, unknown>>;
    // Groups that state their commission: the largest commission wins over the product value.
    const withAmounts = [
      { ...groups[0], commissionAmount: '1.20' },
      { ...groups[1], commissionAmount: '0.44' },
    ];
    assert.equal(
      awinAdapter(awinForm(JSON.stringify({ ...push, commissionGroups: withAmounts })), {}).category,
      'CD',
    );
    // No products and no amounts: the first group listed.
    const { products: _products, ...withoutProducts } = push;
    assert.equal(awinAdapter(awinForm(JSON.stringify(withoutProducts)), {}).category, 'CD');
    // No groups: no category.
    const { commissionGroups: _groups, ...withoutGroups } = push;
    assert.equal(awinAdapter(awinForm(JSON.stringify(withoutGroups)), {}).category, null);
    // GET mode: !!!commissionGroups!!! is substituted with the JSON text of the list.
    const query = {
      transactionId: '1',
      transactionAmount: '10.00',
      commission: '1.00',
      transactionCurrency: 'CZK',
      commissionGroups: JSON.stringify([{ id: '9', name: 'Elektronika', code: 'ELEKTRONIKA' }]),
    };
    assert.equal(awinAdapter(get(query), {}).category, 'ELEKTRONIKA');
    assert.equal(
      awinAdapter(get({ ...query, commissionGroups: '!!!commissionGroups!!!' }), {}).category,
      null,
    );
    malformed(() => awinAdapter(get({ ...query, commissionGroups: '[{' }), {}), /commissionGroups/);
    malformed(
      () => awinAdapter(get({ ...query, commissionGroups: JSON.stringify([{ code: 'x'.repeat(65) }]) }), {}),
      /commissionGroups/,
    );
  });

  it('Impact: `Category` or `ItemCategory` from the publisher’s template, or the parameter the settings name', () => {
    // The documented action in CZK (we take only our markets' currencies).
    const body = { ...fixture('impact')[1]!.request.body!, currency: 'CZK' };
    assert.equal(impactAdapter(json(body), {}).category, null);
    assert.equal(impactAdapter(json({ ...body, Category: 'Electronics' }), {}).category, 'Electronics');
    assert.equal(impactAdapter(json({ ...body, item_category: 'Gift Cards' }), {}).category, 'Gift Cards');
    const query = { SubId1: 'x', ActionId: '1', Status: 'PENDING', Payout: '1.00', Amount: '10.00' };
    assert.equal(impactAdapter(get({ ...query, ItemCategory: 'toys' }), {}).category, 'toys');
    assert.equal(
      impactAdapter(get({ ...query, Category: 'ignored', cg: 'home' }), { categoryParam: 'cg' }).category,
      'home',
    );
    malformed(() => impactAdapter(get({ ...query, Category: 'a\u0000b' }), {}), /Category/);
  });

  it('Admitad: `category`, else the tariff code or id, else the action code, or the parameter the settings name', () => {
    const query = { ...fixture('admitad')[1]!.request.query!, currency: 'EUR' };
    assert.equal(admitadAdapter(get(query), {}).category, null);
    assert.equal(admitadAdapter(get({ ...query, action_code: 'sale' }), {}).category, 'sale');
    assert.equal(admitadAdapter(get({ ...query, action_code: 'sale', tariff_id: '12' }), {}).category, '12');
    assert.equal(
      admitadAdapter(get({ ...query, tariff_id: '12', tariff_code: 'electronics' }), {}).category,
      'electronics',
    );
    assert.equal(
      admitadAdapter(get({ ...query, tariff_code: 'x', category: 'gift-cards' }), {}).category,
      'gift-cards',
    );
    assert.equal(admitadAdapter(json({ ...query, tariff_id: 12 }), {}).category, '12');
    assert.equal(
      admitadAdapter(get({ ...query, category: 'x', position_category: 'books' }), {
        categoryParam: 'position_category',
      }).category,
      'books',
    );
  });

  it('generic: `category`, or the parameter the settings name (`categoryParam`)', () => {
    const query = { click_id: 'x', order_id: '1', order_amount: '10.00', commission: '1.00' };
    assert.equal(genericAdapter(get(query), {}).category, null);
    assert.equal(genericAdapter(get({ ...query, category: 'home' }), {}).category, 'home');
    assert.equal(
      genericAdapter(get({ ...query, category: 'x', cg: 'books' }), { categoryParam: 'cg' }).category,
      'books',
    );
    malformed(() => genericAdapter(get({ ...query, category: 'é'.repeat(65) }), {}), /category/);
  });

  it('when a template network reports a category that is not short printable text, then 400 and nothing is stored', async () => {
    const token = await tokenFor('admitad');
    const before = await ctx().database.manager.count(PostbackInbox);
    const response = await request(ctx().app.listener)
      .get('/postback/admitad')
      .query({
        token,
        subid: 'x',
        order_id: orderId('ADMCAT'),
        payment_sum: '1.00',
        order_sum: '10.00',
        currency: 'EUR',
        category: 'x'.repeat(65),
      });
    assert.equal(response.status, 400);
    assert.match(response.body.detail as string, /category/);
    assert.equal(await ctx().database.manager.count(PostbackInbox), before);
  });
});
