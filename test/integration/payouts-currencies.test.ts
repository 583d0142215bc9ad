import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { BankAccount } from '../../server/src/modules/bank-accounts/bank-account.entity.js';
import { Market } from '../../server/src/modules/markets/market.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
import { listRoutes } from '../../server/src/platform/http/route-list.js';
import { signedUpShopper, tokenFromMail, waitForNewMail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

type Person = Awaited<ReturnType<typeof signedUpShopper>>;
type Currency = 'CZK' | 'EUR';

const HOUR_MS = 3600_000;
const client = { ip: '127.0.0.1', userAgent: 'test' };
const manager = () => ctx().database.manager;
const newKey = () => `currency-${randomBytes(8).toString('hex')}`;
const money = (amountMinor: string, currency: Currency) => ({ amountMinor, currency });

/** A confirmed bank account added 73 hours ago (the clock set back, then restored). */
async function confirmedAccount(person: Person): Promise<string> {
  const { bankAccounts } = ctx().app.services;
  const start = ctx().clock.now();
  ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
  try {
    const sentBefore = ctx().smtp.messages.length;
    const account = await bankAccounts.add(
      person.userId,
      { account: 'CZ6508000000192000145399', holderName: 'Jana Nováková' },
      client,
    );
    const mail = await waitForNewMail(person.email, /přidán bankovní účet/, sentBefore);
    await bankAccounts.confirm(person.userId, tokenFromMail(mail.text!), client);
    return account.id;
  } finally {
    ctx().clock.set(start);
  }
}

/** `shareMinor` made available through a click and an approved purchase: alza-cz / alza-sk pay 1.5 %. */
async function credit(person: Person, shareMinor: number, currency: Currency): Promise<void> {
  assert.equal((shareMinor * 200) % 3, 0, 'a share divisible by 3');
  const clickId = await clickThrough(
    person.browser.sessionCookie!,
    currency === 'CZK' ? 'alza-cz' : 'alza-sk',
  );
  const body = {
    click_id: clickId,
    order_id: orderId('CUR'),
    order_amount: ((shareMinor * 200) / 3 / 100).toFixed(2),
    commission: ((shareMinor * 2) / 100).toFixed(2),
    currency,
  };
  for (const status of ['pending', 'approved'] as const) {
    const response = await sendSigned({ ...body, status });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }
}

function requestPayout(person: Person, bankAccountId: string, amount: ReturnType<typeof money>) {
  return person.browser.agent
    .post('/api/v1/me/payouts')
    .set('X-CSRF-Token', person.browser.csrfToken)
    .set('Idempotency-Key', newKey())
    .send({ bankAccountId, amount });
}

async function balances(person: Person) {
  const response = await person.browser.get('/api/v1/me/balance').expect(200);
  return Object.fromEntries(
    (
      response.body.items as Array<{
        currency: Currency;
        available: { amountMinor: string };
        payoutHold: { amountMinor: string };
      }>
    ).map((item) => [
      item.currency,
      { available: item.available.amountMinor, held: item.payoutHold.amountMinor },
    ]),
  );
}

describe('payouts in two currencies, and what a payouts token may do', () => {
  before(demoNetwork);

  it('when a shopper holds CZK and EUR, then each currency is its own payout under its market’s minimum, read from the markets table', async () => {
    const shopper = await signedUpShopper('currencies-both');
    const bankAccountId = await confirmedAccount(shopper);
    await credit(shopper, 30000, 'CZK'); // 300 Kč
    await credit(shopper, 1800, 'EUR'); // 18 €

    // Each currency has its own minimum: 199,99 Kč is too little though 18 € are there, and back.
    const crowns = await requestPayout(shopper, bankAccountId, money('19999', 'CZK'));
    assert.equal(crowns.status, 422, JSON.stringify(crowns.body));
    assert.equal(crowns.body.code, 'PAYOUT_BELOW_MINIMUM');
    assert.deepEqual(crowns.body.minimum, money('20000', 'CZK'));
    const euros = await requestPayout(shopper, bankAccountId, money('999', 'EUR'));
    assert.equal(euros.body.code, 'PAYOUT_BELOW_MINIMUM');
    assert.deepEqual(euros.body.minimum, money('1000', 'EUR'));
    // Funds are per currency too: 300 Kč do not make up for euros that are not there.
    const tooMuch = await requestPayout(shopper, bankAccountId, money('1801', 'EUR'));
    assert.equal(tooMuch.body.code, 'PAYOUT_INSUFFICIENT_FUNDS');

    // The minimum is the markets table's, not a constant: finance raising it to 15 € applies at once.
    const slovakia = await manager().findOneByOrFail(Market, { currency: 'EUR' });
    const before = slovakia.minimumPayoutMinor;
    await manager().update(Market, { code: slovakia.code }, { minimumPayoutMinor: 1500n });
    try {
      const markets = await request(ctx().app.express).get('/api/v1/markets').expect(200);
      assert.ok(JSON.stringify(markets.body).includes('"1500"'), 'the markets API shows the new minimum');
      const belowNew = await requestPayout(shopper, bankAccountId, money('1400', 'EUR'));
      assert.equal(belowNew.body.code, 'PAYOUT_BELOW_MINIMUM');
      assert.deepEqual(belowNew.body.minimum, money('1500', 'EUR'));
    } finally {
      await manager().update(Market, { code: slovakia.code }, { minimumPayoutMinor: before });
    }

    const inEuros = await requestPayout(shopper, bankAccountId, money('1800', 'EUR'));
    assert.equal(inEuros.status, 201, JSON.stringify(inEuros.body));
    const inCrowns = await requestPayout(shopper, bankAccountId, money('30000', 'CZK'));
    assert.equal(inCrowns.status, 201, JSON.stringify(inCrowns.body));
    assert.notEqual(inEuros.body.reference, inCrowns.body.reference);
    assert.deepEqual(await balances(shopper), {
      CZK: { available: '0', held: '30000' },
      EUR: { available: '0', held: '1800' },
    });
    const rows = await manager().find(Payout, { where: { userId: shopper.userId }, order: { id: 'ASC' } });
    assert.deepEqual(
      rows.map((row) => [row.currency, row.amountMinor]),
      [
        ['EUR', 1800n],
        ['CZK', 30000n],
      ],
      'one payout per currency, nothing else stored by the refusals',
    );
    const history = await shopper.browser.get('/api/v1/me/payouts').expect(200);
    assert.deepEqual(
      (history.body.items as Array<{ amount: ReturnType<typeof money> }>).map((item) => item.amount),
      [money('30000', 'CZK'), money('1800', 'EUR')],
    );
    assert.equal((await ctx().app.services.ledger.verify()).ok, true);
  });

  it('when a token with scope "payouts" calls, then it requests and cancels payouts but no bank-account write is open to it', async () => {
    const shopper = await signedUpShopper('currencies-token');
    const bankAccountId = await confirmedAccount(shopper);
    await credit(shopper, 30000, 'CZK');
    const created = await shopper.browser
      .post('/api/v1/me/tokens', { name: 'companion', scopes: ['payouts'] })
      .expect(201);
    const bearer = { Authorization: `Bearer ${created.body.token as string}` };
    const app = ctx().app.express;

    const made = await request(app)
      .post('/api/v1/me/payouts')
      .set(bearer)
      .set('Idempotency-Key', newKey())
      .send({ bankAccountId, amount: money('20000', 'CZK') });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const cancelled = await request(app).post(`/api/v1/me/payouts/${made.body.id}/cancel`).set(bearer);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.state, 'cancelled');

    // Every write under /me/bank-accounts the router serves, today's and any added later.
    const accountBefore = await manager().findOneByOrFail(BankAccount, { id: bankAccountId });
    const writes = listRoutes(app).filter(
      (route) => route.path.startsWith('/api/v1/me/bank-accounts') && route.method !== 'GET',
    );
    assert.ok(writes.length >= 4, `the walk finds the bank-account writes: ${JSON.stringify(writes)}`);
    const bodies: Record<string, object> = {
      '/api/v1/me/bank-accounts': { account: '19-2000145399/0800', holderName: 'Robot' },
      '/api/v1/me/bank-accounts/confirm': { token: 'x'.repeat(40) },
    };
    for (const route of writes) {
      const path = route.path.replace(':id', bankAccountId);
      const call = request(app)
        [route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](path)
        .set(bearer)
        .send(bodies[route.path] ?? { holderName: 'Robot' });
      const response = await call;
      assert.equal(response.status, 403, `${route.method} ${route.path}: ${JSON.stringify(response.body)}`);
    }
    assert.equal(await manager().countBy(BankAccount, { userId: shopper.userId }), 1);
    assert.deepEqual(await manager().findOneByOrFail(BankAccount, { id: bankAccountId }), accountBefore);
  });
  it('when the payout request is malformed, then 400 problem+json and nothing is held or stored', async () => {
    const shopper = await signedUpShopper('currencies-bad-input');
    const bankAccountId = await confirmedAccount(shopper);
    await credit(shopper, 30000, 'CZK');
    const amounts = [
      '1.5',
      '-20000',
      '2e4',
      '0',
      '',
      ' 20000',
      '99999999999999999999',
      '0x4e20',
      '２００００',
    ];
    const bodies: unknown[] = [
      ...amounts.map((amountMinor) => ({ bankAccountId, amount: { amountMinor, currency: 'CZK' } })),
      { bankAccountId, amount: { amountMinor: 20000, currency: 'CZK' } },
      { bankAccountId, amount: { amountMinor: '20000', currency: 'USD' } },
      { bankAccountId, amount: { amountMinor: '20000', currency: 'CZK' }, extra: true },
      { bankAccountId: 'abc', amount: { amountMinor: '20000', currency: 'CZK' } },
      { bankAccountId },
      [],
    ];
    for (const body of bodies) {
      const response = await shopper.browser.agent
        .post('/api/v1/me/payouts')
        .set('X-CSRF-Token', shopper.browser.csrfToken)
        .set('Idempotency-Key', newKey())
        .send(body as object);
      assert.equal(
        response.status,
        400,
        `${JSON.stringify(body)} → ${response.status} ${JSON.stringify(response.body)}`,
      );
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    }
    assert.equal(await manager().countBy(Payout, { userId: shopper.userId }), 0);
    assert.deepEqual(await balances(shopper), { CZK: { available: '30000', held: '0' } });
  });
});
