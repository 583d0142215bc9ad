import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PAYOUT_STATES } from '../../shared/src/contracts/payouts.js';
import type { Role } from '../../shared/src/contracts/accounts.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { tokenFromMail, waitForNewMail } from '../helpers/accounts.js';
import {
  closePages,
  createVerifiedAccount,
  logInThroughForm,
  newPage,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';
import { clickThrough, demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

const HOUR_MS = 3600_000;
const client = { ip: '127.0.0.1', userAgent: 'e2e' };
const uniqueEmail = (label: string) => `e2e-${label}-${randomBytes(6).toString('hex')}@example.test`;

/** A staff member with `role`, logged in through the login page of a new page. */
async function staffPage(role: Role) {
  const opened = await newPage();
  const email = uniqueEmail(role);
  const userId = await createVerifiedAccount(opened.page, email);
  await ctx().database.manager.update(User, { id: userId }, { role });
  await logInThroughForm(opened.page, email);
  return { ...opened, userId };
}

/** Waits until the page has no API request in flight for a moment (an SPA navigation has no load event). */
async function apiSettled(page: Page, inFlight: Set<unknown>): Promise<void> {
  for (let quiet = 0; quiet < 3;) {
    await page.waitForTimeout(100);
    quiet = inFlight.size === 0 ? quiet + 1 : 0;
  }
}

/** Records the page's API requests in flight and every API answer that was a 403. */
function watchApi(page: Page) {
  const inFlight = new Set<unknown>();
  const forbidden: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) inFlight.add(request);
  });
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/api/') && response.status() === 403) forbidden.push(pathname);
  });
  return { inFlight, forbidden };
}

describe('payout history and staff menus in a browser', () => {
  before(async () => {
    await demoNetwork();
    await startBrowser();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('every payout state has a label in each language', () => {
    for (const language of ['cs', 'en', 'sk']) {
      const texts = JSON.parse(readFileSync(`client/src/locales/${language}.json`, 'utf8')) as {
        payouts: { states: Record<string, string>; reason: string };
      };
      for (const state of PAYOUT_STATES) {
        assert.ok(texts.payouts.states[state]?.trim(), `${language}: payouts.states.${state}`);
      }
      assert.match(texts.payouts.reason, /\{\{reason\}\}/, `${language}: the reason is shown`);
    }
  });

  it('when a shopper has more payouts than a page, then "show more" brings the older ones, each state labelled with its reason', async () => {
    const { payouts, bankAccounts } = ctx().app.services;
    const email = uniqueEmail('payout-history');
    const { page, problems } = await newPage();
    const userId = await createVerifiedAccount(page, email);

    // A confirmed account added 73 hours ago (the clock set back, then restored): payouts may go.
    const start = ctx().clock.now();
    ctx().clock.set(new Date(start.getTime() - 73 * HOUR_MS));
    let bankAccountId: string;
    try {
      const sentBefore = ctx().smtp.messages.length;
      const account = await bankAccounts.add(
        userId,
        { account: '19-2000145399/0800', holderName: 'Jana Nováková' },
        client,
      );
      bankAccountId = account.id;
      const mail = await waitForNewMail(email, /přidán bankovní účet/, sentBefore);
      await bankAccounts.confirm(userId, tokenFromMail(mail.text!), client);
    } finally {
      ctx().clock.set(start);
    }

    // 4 500 Kč available: a purchase of 300 000 Kč at alza-cz (1.5 %), clicked in this browser.
    await logInThroughForm(page, email);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'vratka.sid');
    const clickId = await clickThrough(`vratka.sid=${session!.value}`, 'alza-cz');
    const purchase = {
      click_id: clickId,
      order_id: orderId('HIST'),
      order_amount: '300000.00',
      commission: '9000.00',
    };
    for (const status of ['pending', 'approved'] as const) {
      assert.equal((await sendSigned({ ...purchase, status })).status, 200);
    }

    // 22 payouts of 200 Kč, oldest first; the API pages 20 at a time.
    const made: string[] = [];
    for (let index = 0; index < 22; index++) {
      const outcome = await payouts.request(
        userId,
        `history-${index}-${randomBytes(4).toString('hex')}`,
        { bankAccountId: bankAccountId!, amount: { amountMinor: '20000', currency: 'CZK' } },
        client,
      );
      made.push(outcome.payout.id);
    }
    const financeId = await createVerifiedAccount((await newPage()).page, uniqueEmail('history-finance'));
    const finance = { userId: financeId, kind: 'staff' as const, client };
    // Paid and failed need a bank export (the payouts module's batches); the rows render their
    // reason the same way as a rejection's.
    const [rejected, rejectedLater, approved, cancelled] = made as [string, string, string, string];
    await payouts.reject(rejected, 'Účet patří jiné osobě', finance);
    await payouts.approve(rejectedLater, finance);
    await payouts.reject(rejectedLater, 'Výplata pozastavena na žádost zákazníka', finance);
    await payouts.approve(approved, finance);
    await payouts.cancel(userId, cancelled, client);

    await page.goto(urlOf('/payouts'));
    await page.getByRole('heading', { level: 1, name: 'Výplaty' }).waitFor();
    const history = page.getByTestId('payout-history');
    const rows = history.locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 20, 'the first page');
    const more = page.getByRole('button', { name: 'Zobrazit starší výplaty' });
    assert.equal(await history.getByText('Zamítnuto').count(), 0, 'the oldest are not on the first page');

    await more.click();
    await history.getByText('Zamítnuto').first().waitFor();
    assert.equal(await rows.count(), 22, 'both pages, none twice');
    assert.equal(await more.count(), 0, 'nothing older');
    const rowOf = async (label: string) => {
      const row = rows.filter({ hasText: label });
      assert.equal(await row.count(), 1, label);
      return (await row.innerText()).replace(/\s+/g, ' ');
    };
    assert.match(await rowOf('Účet patří jiné osobě'), /Zamítnuto .*Důvod: Účet patří jiné osobě/);
    assert.match(await rowOf('pozastavena'), /Zamítnuto .*Důvod: Výplata pozastavena na žádost zákazníka/);
    assert.match(await rowOf('Schváleno'), /200,00\s*Kč/);
    assert.doesNotMatch(await rowOf('Zrušeno'), /Zrušit/, 'a cancelled payout offers no cancel');
    assert.equal(await rows.filter({ hasText: 'Čeká na schválení' }).count(), 18);
    assert.deepEqual(problems, []);
  });

  for (const role of ['support', 'finance', 'admin'] as const) {
    it(`when ${role} opens every link of the staff menu, then no page is refused by the server (403)`, async () => {
      const { page, problems } = await staffPage(role);
      const { inFlight, forbidden } = watchApi(page);
      await page.goto(urlOf('/admin/shops'));
      const menu = page.getByRole('navigation', { name: 'Části administrace' });
      await menu.getByRole('link').first().waitFor();
      const labels = await menu.getByRole('link').allInnerTexts();
      const financeLinks = ['Párování', 'Výplaty', 'Sdílené IBANy'];
      if (role === 'support') {
        for (const label of financeLinks) assert.ok(!labels.includes(label), `support sees no "${label}"`);
      } else {
        for (const label of financeLinks) assert.ok(labels.includes(label), `${role} sees "${label}"`);
      }
      for (const label of labels) {
        await menu.getByRole('link', { name: label, exact: true }).click();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await apiSettled(page, inFlight);
        assert.deepEqual(forbidden, [], `after "${label}"`);
        assert.equal(await page.getByRole('heading', { name: 'Sem nemáte přístup' }).count(), 0, label);
      }

      if (role === 'support') {
        // Typed by hand: a page that says so, and no request the server would refuse.
        for (const path of ['/admin/reconciliation', '/admin/payouts', '/admin/bank-accounts/shared-ibans']) {
          await page.goto(urlOf(path));
          await page.getByRole('heading', { level: 1, name: 'Sem nemáte přístup' }).waitFor();
          await page
            .getByText('Tuto stránku mohou otevřít jen lidé z financí a administrátoři.', { exact: false })
            .waitFor();
          await apiSettled(page, inFlight);
          assert.deepEqual(forbidden, [], path);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
