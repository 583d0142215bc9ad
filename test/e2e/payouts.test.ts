import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { Payout } from '../../server/src/modules/payouts/payout.entity.js';
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

/**
 * The shopper adds `19-2000145399/0800` on the bank accounts page and confirms it from the mailed
 * link, 73 hours ago (the server's clock is set back, then restored), so payouts may go now.
 */
async function addCzechAccount(page: Page, email: string): Promise<void> {
  const start = ctx().clock.now();
  ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
  try {
    const sentBefore = ctx().smtp.messages.length;
    await page.getByRole('banner').getByRole('link', { name: 'Bankovní účty' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bankovní účty' }).waitFor();
    await page.getByLabel('Majitel účtu').fill('Jana Nováková');
    await page.getByLabel('IBAN nebo číslo účtu').fill('19-2000145399/0800');
    await page.getByRole('button', { name: 'Přidat účet' }).click();
    await page
      .getByTestId('bank-account-list')
      .getByText(/Čeká na potvrzení/)
      .waitFor();
    const mail = await waitForNewMail(email, /přidán bankovní účet/, sentBefore);
    // The link opens in a new tab of the same browser, as from a mail client.
    const fromMail = await page.context().newPage();
    await fromMail.goto(urlOf(`/bank-accounts#token=${tokenFromMail(mail.text!)}`));
    await fromMail.getByText('Účet CZ65 **** **** **** **** 5399 je ověřený.').waitFor();
    await fromMail.close();
  } finally {
    ctx().clock.set(start);
  }
}

/** A finance member logged in on a page of their own. */
async function financeOffice(label: string) {
  const email = `e2e-payout-${label}-${randomBytes(6).toString('hex')}@example.test`;
  const opened = await newPage();
  const userId = await createVerifiedAccount(opened.page, email);
  await ctx().database.manager.update(User, { id: userId }, { role: 'finance' });
  await logInThroughForm(opened.page, email);
  return { ...opened, userId };
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

  it('when a shopper requests a payout, then one finance member approves, another exports it to a bank file and marks it paid, and the shopper sees it paid', async () => {
    const email = `e2e-payout-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage({ viewport: { width: 375, height: 740 } });
    const userId = await createVerifiedAccount(page, email);
    await logInThroughForm(page, email);
    await addCzechAccount(page, email);
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

    // One finance member approves …
    const approver = await financeOffice('approver');
    await approver.page.goto(urlOf('/admin/payouts'));
    await approver.page.getByRole('heading', { level: 1, name: 'Výplaty ke zpracování' }).waitFor();
    const row = approver.page
      .getByTestId('admin-payouts')
      .getByRole('row', { name: new RegExp(`#${userId}\\b`) });
    await row.getByText('První výplata na tento účet').waitFor();
    await row.getByRole('button', { name: 'Schválit' }).click();
    await approver.page.getByText(/je schválená/).waitFor();
    await approver.page.getByLabel('Stav').selectOption('approved');
    await row.getByText('Schváleno').waitFor();
    assert.equal(
      await row.getByRole('button', { name: 'Vyplaceno' }).count(),
      0,
      'paid only after the export',
    );
    // … and cannot export it themselves (four eyes): it is left out, or nothing is exported at all.
    await approver.page.getByRole('link', { name: 'Exportovat schválené výplaty do banky' }).click();
    await approver.page.getByRole('heading', { level: 1, name: 'Exporty výplat do banky' }).waitFor();
    await approver.page.getByRole('button', { name: 'Exportovat schválené výplaty v CZK' }).click();
    await approver.page
      .getByText(/^(V této měně není žádná schválená výplata|Vynecháno: .*schválili jste je vy)/)
      .waitFor();
    assert.equal((await ctx().database.manager.findOneByOrFail(Payout, { userId })).state, 'approved');

    // Another exports it, downloads the bank file and, once the bank paid, marks the batch paid.
    const exporter = await financeOffice('exporter');
    await exporter.page.goto(urlOf('/admin/payouts'));
    await exporter.page
      .getByRole('navigation', { name: 'Části administrace' })
      .getByRole('link', { name: 'Exporty do banky' })
      .click();
    await exporter.page.getByRole('heading', { level: 1, name: 'Exporty výplat do banky' }).waitFor();
    await exporter.page.getByRole('button', { name: 'Exportovat schválené výplaty v CZK' }).click();
    const done = exporter.page.getByText(/^Dávka \d+ je připravená/);
    await done.waitFor();
    const batchId = /^Dávka (\d+)/.exec((await done.textContent()) ?? '')![1]!;
    const batchRow = exporter.page
      .getByTestId('payout-batches')
      .getByRole('row', { name: new RegExp(`#${batchId} · CZK`) });
    const [download] = await Promise.all([
      exporter.page.waitForEvent('download'),
      batchRow.getByRole('link', { name: 'CSV tuzemských plateb' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^vratka-payouts-${batchId}-cz-domestic\\.csv$`));
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const payout = await ctx().database.manager.findOneByOrFail(Payout, { userId });
    assert.match(csv, new RegExp(`^19;2000145399;0800;300\\.00;CZK;${payout.reference};`, 'm'));
    await saveScreenshot(exporter.page, 'payout-batches.png');
    await batchRow.getByRole('button', { name: 'Označit dávku jako vyplacenou' }).click();
    await exporter.page.getByText(new RegExp(`^Dávka ${batchId}: jako vyplacené označeno`)).waitFor();
    await batchRow.getByText(/vyplaceno: [1-9]/).waitFor();

    await page.reload();
    await page.getByTestId('payout-history').getByText('Vyplaceno').waitFor();
    await page.goto(urlOf('/account'));
    await page
      .getByTestId('balance-paidOut')
      .getByText(/300,00\s*Kč/)
      .waitFor();
    // The expected failures: the amount below the minimum (422), and the approver's refused export (422).
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('status of 422')),
      [],
    );
    assert.deepEqual(
      approver.problems.filter((problem) => !problem.includes('status of 422')),
      [],
    );
    assert.deepEqual(exporter.problems, []);
  });
});
