import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { signedUpShopper, tokenFromMail, waitForNewMail, type Browser } from './accounts.js';
import { ctx } from './context.js';
import { clickThrough, orderId, sendSigned } from './money-path.js';

/** Shared steps of the payout tests: shoppers with money and a confirmed account, staff, requests. */

export type Person = Awaited<ReturnType<typeof signedUpShopper>>;
export type Currency = 'CZK' | 'EUR';

const HOUR_MS = 3600_000;
/** `19-2000145399/0800` at Česká spořitelna. */
export const CZ_IBAN = 'CZ6508000000192000145399';
/** An account at Slovenská sporiteľňa (BIC GIBASKBX from the bank list). */
export const SK_IBAN = 'SK9509000000001000000005';

export const newKey = () => `key-${randomBytes(8).toString('hex')}`;
export const money = (amountMinor: string, currency: Currency = 'CZK') => ({ amountMinor, currency });

export async function withRole(role: User['role'], label: string): Promise<Person> {
  const person = await signedUpShopper(label);
  await ctx().database.manager.update(User, { id: person.userId }, { role });
  return person;
}

/**
 * Adds the shopper's bank account and confirms it from the mailed link, 73 hours ago (the clock is
 * set back, then restored), so the 72-hour block after a change is over now.
 */
export async function confirmedAccount(
  person: Person,
  account = CZ_IBAN,
  holderName = 'Jana Nováková',
): Promise<string> {
  const start = ctx().clock.now();
  ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
  try {
    const sentBefore = ctx().smtp.messages.length;
    const added = await person.browser.post('/api/v1/me/bank-accounts', { account, holderName });
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
export async function credit(person: Person, shareMinor: number, currency: Currency = 'CZK') {
  assert.equal((shareMinor * 200) % 3, 0, 'choose a share divisible by 3');
  const orderMinor = (shareMinor * 200) / 3;
  const clickId = await clickThrough(
    person.browser.sessionCookie!,
    currency === 'CZK' ? 'alza-cz' : 'alza-sk',
  );
  const body = {
    click_id: clickId,
    order_id: orderId('BATCH'),
    order_amount: (orderMinor / 100).toFixed(2),
    commission: ((shareMinor * 2) / 100).toFixed(2),
    currency,
  };
  for (const status of ['pending', 'approved'] as const) {
    const response = await sendSigned({ ...body, status });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }
}

export function requestPayout(
  browser: Browser,
  body: { bankAccountId: string; amount: { amountMinor: string; currency: Currency } },
) {
  return browser.agent
    .post('/api/v1/me/payouts')
    .set('X-CSRF-Token', browser.csrfToken)
    .set('Idempotency-Key', newKey())
    .send(body);
}

/** A shopper with a confirmed account and a requested payout of `amountMinor`; returns its id too. */
export async function shopperWithPayout(
  label: string,
  amountMinor: number,
  options: { currency?: Currency; account?: string; holderName?: string } = {},
) {
  const currency = options.currency ?? 'CZK';
  const person = await signedUpShopper(label);
  const bankAccountId = await confirmedAccount(person, options.account ?? CZ_IBAN, options.holderName);
  await credit(person, amountMinor, currency);
  const requested = await requestPayout(person.browser, {
    bankAccountId,
    amount: money(String(amountMinor), currency),
  });
  assert.equal(requested.status, 201, JSON.stringify(requested.body));
  return { ...person, bankAccountId, payoutId: requested.body.id as string };
}

export async function balance(browser: Browser, currency: Currency = 'CZK') {
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

/** Makes a batch through the API (as `who`) and carries it on until it is ready. */
export async function exportBatch(
  who: Person,
  body: { currency: Currency; payoutIds?: string[] },
  key = newKey(),
) {
  const created = await who.browser.agent
    .post('/api/v1/admin/payout-batches')
    .set('X-CSRF-Token', who.browser.csrfToken)
    .set('Idempotency-Key', key)
    .send(body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  let batch = created.body as { id: string; state: string };
  for (let steps = 0; batch.state !== 'ready'; steps++) {
    assert.ok(steps < 100, 'the batch never got ready');
    const advanced = await who.browser.post(`/api/v1/admin/payout-batches/${batch.id}/advance`);
    assert.equal(advanced.status, 200, JSON.stringify(advanced.body));
    batch = advanced.body as typeof batch;
  }
  return batch;
}
