import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { Click } from '../../server/src/modules/clicks/click.entity.js';
import { waitForNewMail } from '../helpers/accounts.js';
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
import { clickThrough, demoNetwork, orderId } from '../helpers/money-path.js';

const DAY_MS = 86_400_000;

describe('claims in a browser', () => {
  before(async () => {
    await demoNetwork();
    await startBrowser();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('when a shopper claims a missed purchase and support accepts it, then the shopper sees the purchase and gets the mail', async () => {
    const email = `e2e-claim-${randomBytes(6).toString('hex')}@example.test`;
    const { page, problems } = await newPage({ viewport: { width: 375, height: 740 } });
    await createVerifiedAccount(page, email);
    await logInThroughForm(page, email);
    // A visit through Vratka ten days ago (martinus-sk, demo network, 4 % of the order value).
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'vratka.sid');
    assert.ok(session, 'logged in');
    const clickId = await clickThrough(`vratka.sid=${session.value}`, 'martinus-sk');
    const visitedAt = new Date(ctx().clock.now().getTime() - 10 * DAY_MS);
    await ctx().database.manager.update(Click, { id: clickId }, { createdAt: visitedAt });
    const order = orderId('E2E-CLAIM');

    await page.goto(urlOf('/claims'));
    await page.getByRole('heading', { level: 1, name: 'Reklamace nákupu' }).waitFor();
    await page.getByLabel('Obchod').selectOption('martinus-sk');
    await page.getByLabel('Datum nákupu').fill(visitedAt.toISOString().slice(0, 10));
    await page.getByText(/Reklamovat můžete do/).waitFor();
    await page.getByLabel('Číslo objednávky').fill(order);
    await page.getByLabel('Hodnota objednávky (CZK)').fill('500');
    await page.getByLabel('Měna').selectOption('EUR');
    await page.getByRole('button', { name: 'Odeslat reklamaci' }).click();
    await page.getByText(/Reklamaci nákupu v Martinus\.sk jsme přijali/).waitFor();
    const mine = page.getByTestId('claim').filter({ hasText: order });
    await mine.getByTestId('claim-state').getByText('Řešíme').waitFor();
    await saveScreenshot(page, 'claims-phone.png');

    const supportEmail = `e2e-claim-support-${randomBytes(6).toString('hex')}@example.test`;
    const { page: office, problems: officeProblems } = await newPage();
    const supportId = await createVerifiedAccount(office, supportEmail);
    await ctx().database.manager.update(User, { id: supportId }, { role: 'support' });
    await logInThroughForm(office, supportEmail);
    await office.goto(urlOf('/admin'));
    await office
      .getByRole('navigation', { name: 'Části administrace' })
      .getByRole('link', { name: 'Reklamace' })
      .click();
    await office.getByRole('heading', { level: 1, name: 'Reklamace nákupů' }).waitFor();
    const row = office.getByTestId('admin-claim').filter({ hasText: order });
    await row.getByRole('button', { name: 'Otevřít' }).click();
    const detail = office.getByTestId('admin-claim-detail');
    await detail.getByLabel('Provize od sítě (EUR)').fill('25');
    await detail.getByRole('button', { name: 'Uznat a zapsat nákup' }).click();
    await office.getByText(new RegExp(`Reklamace ${order} je uznaná`)).waitFor();

    const mail = await waitForNewMail(email, /jsme uznali/, 0);
    assert.match(mail.text ?? '', new RegExp(order));

    await page.reload();
    await page
      .getByTestId('claim')
      .filter({ hasText: order })
      .getByTestId('claim-state')
      .getByText('Uznáno')
      .waitFor();
    await page.goto(urlOf('/account'));
    const purchase = page.locator(`[data-testid="purchase-row"][data-order-id="${order}"]`);
    await purchase.waitFor();
    await purchase.getByText(/20,00\s*€/).waitFor();
    assert.deepEqual(problems, []);
    assert.deepEqual(officeProblems, []);
  });
});
