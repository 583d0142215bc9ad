import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { tokenFromMail, waitForNewMail } from '../helpers/accounts.js';
import {
  closePages,
  createVerifiedAccount,
  logInThroughForm,
  newPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

const HOUR_MS = 3600_000;
const client = { ip: '127.0.0.1', userAgent: 'e2e' };

/** A confirmed account added 73 hours ago (the clock is set back and restored), so payouts may go. */
async function confirmedAccountOf(userId: string, email: string): Promise<void> {
  const { bankAccounts } = ctx().app.services;
  const start = ctx().clock.now();
  ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
  try {
    const sentBefore = ctx().smtp.messages.length;
    await bankAccounts.add(userId, { account: '19-2000145399/0800', holderName: 'Jana Nováková' }, client);
    const mail = await waitForNewMail(email, /přidán bankovní účet/, sentBefore);
    await bankAccounts.confirm(userId, tokenFromMail(mail.text!), client);
  } finally {
    ctx().clock.set(start);
  }
}

/** 300 Kč available: a purchase of 20 000 Kč at alza-cz (1.5 %), clicked in this browser, approved. */
async function creditThroughClick(page: Page): Promise<void> {
  const session = (await page.context().cookies()).find((cookie) => cookie.name === 'vratka.sid');
  assert.ok(session, 'logged in');
  const clickId = await clickThrough(`vratka.sid=${session.value}`, 'alza-cz');
  const body = {
    click_id: clickId,
    order_id: orderId('E2E'),
    order_amount: '20000.00',
    commission: '600.00',
  };
  for (const status of ['pending', 'approved'] as const) {
    const response = await sendSigned({ ...body, status });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }
}

describe('payouts in a browser', () => {
  before(async () => {
    await demoNetwork();
    await startBrowser();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('when a shopper requests a payout, then finance approves and marks it paid, and the shopper sees it paid', async () => {
    const email = `e2e-payout-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage({ viewport: { width: 375, height: 740 } });
    const userId = await createVerifiedAccount(page, email);
    await confirmedAccountOf(userId, email);
    await logInThroughForm(page, email);
    await creditThroughClick(page);

    await page.getByRole('banner').getByRole('link', { name: 'Výplaty' }).click();
    await page.getByRole('heading', { level: 1, name: 'Výplaty' }).waitFor();
    assert.equal(
      await page.getByLabel('Částka (CZK)').inputValue(),
      '300,00',
      'prefilled with what is available',
    );
    await page.getByLabel('Částka (CZK)').fill('100');
    await page.getByRole('button', { name: /^Požádat o výplatu 100,00\s*Kč$/ }).click();
    await page
      .locator('#payout-amount-error')
      .getByText(/Nejméně lze vyplatit 200,00\s*Kč/)
      .waitFor();

    await page.getByLabel('Částka (CZK)').fill('300');
    await page.getByRole('button', { name: /^Požádat o výplatu 300,00\s*Kč$/ }).click();
    await page.getByText(/Žádost o výplatu jsme přijali/).waitFor();
    await page.getByTestId('payout-history').getByText('Čeká na schválení').waitFor();
    await saveScreenshot(page, 'payouts-phone.png');

    const financeEmail = `e2e-payout-finance-${randomBytes(6).toString('hex')}@example.test`;
    const { page: office, problems: officeProblems } = await newPage();
    const financeId = await createVerifiedAccount(office, financeEmail);
    await ctx().database.manager.update(User, { id: financeId }, { role: 'finance' });
    await logInThroughForm(office, financeEmail);
    await office.goto(urlOf('/admin/payouts'));
    await office.getByRole('heading', { level: 1, name: 'Výplaty ke zpracování' }).waitFor();
    const row = office.getByTestId('admin-payouts').getByRole('row', { name: new RegExp(`#${userId}\\b`) });
    await row.getByText('První výplata na tento účet').waitFor();
    await row.getByRole('button', { name: 'Schválit' }).click();
    await office.getByText(/je schválená/).waitFor();
    await office.getByLabel('Stav').selectOption('approved');
    await row.getByRole('button', { name: 'Vyplaceno' }).click();
    await office.getByText(/je vyplacená/).waitFor();

    await page.reload();
    await page.getByTestId('payout-history').getByText('Vyplaceno').waitFor();
    await page.goto(urlOf('/account'));
    await page
      .getByTestId('balance-paidOut')
      .getByText(/300,00\s*Kč/)
      .waitFor();
    // The one expected failure: the amount below the minimum, refused with 422.
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('status of 422')),
      [],
    );
    assert.deepEqual(officeProblems, []);
  });
});
