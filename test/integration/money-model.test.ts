import assert from 'node:assert/strict';
import { Conversion } from '../../server/src/modules/conversions/conversion.entity.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { signWebhook, webhookKeyFromSecret } from '../../server/src/platform/security/standard-webhooks.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

type Status = 'pending' | 'approved' | 'rejected' | 'settled';

async function balances(userId: string, currency: 'CZK' | 'EUR') {
  const found = (await ctx().app.services.ledger.balancesOf(userId)).find(
    (balance) => balance.currency === currency,
  );
  return {
    pending: found?.pending ?? 0n,
    available: found?.available ?? 0n,
    debt: found?.debt ?? 0n,
  };
}

/** A seeded PRNG (mulberry32): the same stream on every run and both databases. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

let streamSecret: string | undefined;

describe('the money path against a reference model', () => {
  before(async () => {
    streamSecret = (await demoNetwork()).secret;
  });

  it('L5: a reversal after payout keeps available ≥ 0, puts the rest in debt, and the next credit nets it', async () => {
    const { userId, browser } = await signedUpShopper('l5');
    const clickId = await clickThrough(browser.sessionCookie!, 'alza-cz');
    const order = orderId('L5');
    await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '4000.00',
      commission: '200.00',
      status: 'approved',
    }).expect(200);
    assert.deepEqual(await balances(userId, 'CZK'), { pending: 0n, available: 6000n, debt: 0n });

    // A payout of 50.00 leaves: held, then paid (the payouts module will do this through the same ledger).
    const { ledger } = ctx().app.services;
    await ctx().database.transaction(async (manager) => {
      const user = (kind: 'available' | 'payout_hold' | 'paid_out') => ({
        kind,
        userId,
        currency: 'CZK' as const,
      });
      await ledger.post(manager, {
        idempotencyKey: `test-payout:${userId}:hold`,
        code: 'payout_hold',
        currency: 'CZK',
        userId,
        createdBy: 'test',
        postings: [
          { account: user('available'), amountMinor: -5000n },
          { account: user('payout_hold'), amountMinor: 5000n },
        ],
      });
      await ledger.post(manager, {
        idempotencyKey: `test-payout:${userId}:paid`,
        code: 'payout_paid',
        currency: 'CZK',
        userId,
        createdBy: 'test',
        postings: [
          { account: user('payout_hold'), amountMinor: -5000n },
          { account: user('paid_out'), amountMinor: 5000n },
        ],
      });
    });
    assert.deepEqual(await balances(userId, 'CZK'), { pending: 0n, available: 1000n, debt: 0n });

    await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '4000.00',
      commission: '200.00',
      status: 'rejected',
    }).expect(200);
    assert.deepEqual(await balances(userId, 'CZK'), { pending: 0n, available: 0n, debt: 5000n });

    const next = await clickThrough(browser.sessionCookie!, 'alza-cz');
    await sendSigned({
      click_id: next,
      order_id: orderId('L5'),
      order_amount: '6000.00',
      commission: '300.00',
      status: 'approved',
    }).expect(200);
    // 90.00 earned: 50.00 pays the debt, 40.00 becomes available.
    assert.deepEqual(await balances(userId, 'CZK'), { pending: 0n, available: 4000n, debt: 0n });
    const report = await ledger.verify();
    assert.equal(report.ok, true, JSON.stringify(report));
  });

  it('a seeded stream of 10,000 postbacks (30 % duplicates, shuffled, status flips) matches the model exactly', async function () {
    this.timeout(600_000);
    const { shoppers, stream } = await seededStream('stream', 20261125, 1400, 7000, 10_000);
    const { postbacks } = ctx().app.services;
    for (const [sequence, message] of stream.entries()) {
      const answer = await postbacks
        .receive('demo', signedRequest(message, sequence), '127.0.0.1')
        .catch((error: unknown) => ({ status: (error as { status?: number }).status ?? 500 }));
      assert.ok([200, 409].includes(answer.status), `unexpected ${answer.status}`);
    }
    await assertMatchesModel(shoppers, modelOf(stream));
  });

  it('the same under concurrency: 3,000 postbacks 32 at a time (group commit) match the model replayed in commit order', async function () {
    this.timeout(600_000);
    const { shoppers, stream } = await seededStream('waves', 7, 300, 2000, 3000);
    const network = (await demoNetwork()).network;
    const [before] = await ctx().database.manager.query<Array<{ last: string | number | null }>>(
      'SELECT MAX(id) AS last FROM postback_inbox',
    );
    const { postbacks } = ctx().app.services;
    for (let start = 0; start < stream.length; start += 32) {
      const wave = stream
        .slice(start, start + 32)
        .map((message, offset) =>
          postbacks
            .receive('demo', signedRequest(message, start + offset), '127.0.0.1')
            .catch((error: unknown) => ({ status: (error as { status?: number }).status ?? 500 })),
        );
      for (const answer of await Promise.all(wave)) {
        assert.ok([200, 409].includes(answer.status), `unexpected ${answer.status}`);
      }
    }
    // Within a batch the reports apply in queue order, and the inbox rows are written in that
    // order: the inbox is the order in which the money moved.
    const stored = await ctx().database.manager.query<Array<{ body: string }>>(
      'SELECT body FROM postback_inbox WHERE network_id = ? AND id > ? ORDER BY id',
      [network.id, before?.last ?? 0],
    );
    assert.equal(stored.length, stream.length, 'every message stored once');
    const committed = stored.map(
      ({ body }) => stream[Number((JSON.parse(body) as { id: string }).id.slice(4))]!,
    );
    await assertMatchesModel(shoppers, modelOf(committed));
  });
});

interface Message {
  order: string;
  owner: number;
  clickId: string;
  status: Status;
  order_amount: bigint;
  commission: bigint;
}

interface ModelEntry {
  status: Status;
  order: bigint;
  commission: bigint;
  owner: number;
}

/**
 * Shoppers with a click each on martinus-sk (demo network, EUR: 4 % of the order value, capped at
 * the commission), and a seeded stream of reports about their orders: `unique` distinct reports
 * (random statuses, mostly the order's amounts, some amended), then repeats up to `length`, shuffled.
 */
async function seededStream(
  name: string,
  seed: number,
  orderCount: number,
  uniqueCount: number,
  length: number,
) {
  const random = prng(seed);
  const shoppers = await Promise.all([0, 1, 2, 3].map((index) => signedUpShopper(`${name}-${index}`)));
  const clicks = await Promise.all(
    shoppers.map((shopper) => clickThrough(shopper.browser.sessionCookie!, 'martinus-sk')),
  );
  const statuses: Status[] = ['pending', 'approved', 'rejected', 'settled'];
  const orders = Array.from({ length: orderCount }, (_, index) => ({
    order: `${name.toUpperCase()}-${Date.now()}-${index}`,
    owner: index % shoppers.length,
  }));
  const unique: Message[] = [];
  while (unique.length < uniqueCount) {
    const { order, owner } = orders[Math.floor(random() * orders.length)]!;
    const amount = BigInt(1000 + Math.floor(random() * 200000));
    unique.push({
      order,
      owner,
      clickId: clicks[owner]!,
      status: statuses[Math.floor(random() * statuses.length)]!,
      // Most reports repeat the order's amounts; some amend them.
      order_amount: random() < 0.8 ? 50000n : amount,
      commission: random() < 0.8 ? 2500n : amount / 20n,
    });
  }
  const stream = [...unique];
  while (stream.length < length) stream.push(unique[Math.floor(random() * unique.length)]!);
  for (let index = stream.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [stream[index], stream[other]] = [stream[other]!, stream[index]!];
  }
  return { shoppers, stream };
}

/** The reference model, written from DESIGN §6 independently of the implementation. */
function modelOf(messages: Message[]): Map<string, ModelEntry> {
  const strength: Record<Status, number> = { rejected: 0, pending: 1, approved: 2, settled: 3 };
  const model = new Map<string, ModelEntry>();
  for (const message of messages) {
    const current = model.get(message.order);
    const sameAmounts =
      current && current.order === message.order_amount && current.commission === message.commission;
    const reported = { status: message.status, order: message.order_amount, commission: message.commission };
    let next = current;
    if (!current) next = { ...reported, owner: message.owner };
    else if (current.status === 'settled') {
      if (message.status === 'rejected') next = { ...current, ...reported };
    } else if (message.status === 'rejected') {
      if (current.status !== 'rejected') next = { ...current, ...reported };
    } else if (current.status === 'rejected') {
      if (message.status !== 'pending') next = { ...current, ...reported };
    } else if (
      strength[message.status] > strength[current.status] ||
      (message.status === current.status && !sameAmounts)
    ) {
      next = { ...current, ...reported };
    }
    model.set(message.order, next!);
  }
  return model;
}

/** Balances, states and the ledger's invariants against the model: 0 divergences. */
async function assertMatchesModel(
  shoppers: Array<{ userId: string }>,
  model: Map<string, ModelEntry>,
): Promise<void> {
  const expected = shoppers.map(() => ({ pending: 0n, available: 0n, debt: 0n }));
  for (const entry of model.values()) {
    const share = (entry.order * 400n) / 10_000n;
    const capped = share > entry.commission ? entry.commission : share;
    if (entry.status === 'pending') expected[entry.owner]!.pending += capped;
    if (entry.status === 'approved' || entry.status === 'settled') expected[entry.owner]!.available += capped;
  }
  let divergences = 0;
  for (const [index, shopper] of shoppers.entries()) {
    const actual = await balances(shopper.userId, 'EUR');
    const wanted = expected[index]!;
    if (
      actual.pending !== wanted.pending ||
      actual.available !== wanted.available ||
      actual.debt !== wanted.debt
    )
      divergences += 1;
  }
  assert.equal(divergences, 0);
  for (const [order, entry] of model) {
    const conversion = await ctx().database.manager.findOneByOrFail(Conversion, { externalOrderId: order });
    assert.equal(conversion.state, entry.status, order);
  }
  const report = await ctx().app.services.ledger.verify();
  assert.equal(report.ok, true, JSON.stringify(report));
}

/** A stream message as the demo network sends it, numbered so that its stored copy can be found. */
function signedRequest(message: Message, sequence: number) {
  const body = JSON.stringify({
    id: `evt-${sequence}`,
    click_id: message.clickId,
    order_id: message.order,
    currency: 'EUR',
    status: message.status,
    order_amount: (Number(message.order_amount) / 100).toFixed(2),
    commission: (Number(message.commission) / 100).toFixed(2),
  });
  return {
    method: 'POST',
    contentType: 'application/json',
    query: new URLSearchParams(),
    body: Buffer.from(body),
    headers: signedHeaders(body),
  };
}

/** Standard Webhooks headers for a body, signed with the demo network's secret. */
function signedHeaders(body: string): Record<string, string> {
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = Math.floor(ctx().clock.now().getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(webhookKeyFromSecret(streamSecret!), id, timestamp, body),
  };
}

describe('ledger:verify over the whole database', () => {
  it('passes I1–I6 and the conversions’ I4 and I8 after everything the suite did, and exits 0', async () => {
    const { conversionChecks } = await import('../../server/src/modules/conversions/conversion-checks.js');
    const checks = await conversionChecks(ctx().database);
    assert.deepEqual(
      checks.filter((check) => !check.ok),
      [],
    );
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/ledger-verify.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DB_TYPE: ctx().target.type,
        DATABASE_URL: ctx().target.url,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /I4/);
    assert.match(result.stdout, /I8/);
  });

  it('reports a conversion whose ledger does not match it (I4) or whose share exceeds the commission (I8)', async () => {
    const { conversionChecks } = await import('../../server/src/modules/conversions/conversion-checks.js');
    const conversion = await ctx().database.manager.findOneOrFail(Conversion, {
      where: { ledgerState: 'available' },
      order: { id: 'ASC' },
    });
    await ctx().database.manager.update(
      Conversion,
      { id: conversion.id },
      { ledgerShareMinor: conversion.ledgerShareMinor + 1n, shareMinor: conversion.commissionMinor + 1n },
    );
    try {
      const failed = (await conversionChecks(ctx().database))
        .filter((check) => !check.ok)
        .map((check) => check.name);
      assert.deepEqual(failed, [
        'I4 one credit chain per conversion',
        'I8 shopper share within the commission',
      ]);
    } finally {
      await ctx().database.manager.update(
        Conversion,
        { id: conversion.id },
        { ledgerShareMinor: conversion.ledgerShareMinor, shareMinor: conversion.shareMinor },
      );
    }
  });
});
