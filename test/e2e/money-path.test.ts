import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { Role } from '../../shared/src/contracts/accounts.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import {
  closePages,
  createVerifiedAccount,
  followRedirects,
  horizontalOverflow,
  logInThroughForm,
  newPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';
import { demoNetwork, orderId, sendSigned } from '../helpers/money-path.js';

const CLICK_ID = /^[a-z2-7]{26}$/;
const GO = /\/go\/[a-z0-9-]+(\?.*)?$/;
/** A click id no click has: the network's postback then waits in the unattributed queue. */
const UNKNOWN_CLICK = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

/**
 * Text as a person reads it (innerText: table cells and blocks apart), with Intl's no-break spaces
 * as plain ones and runs of space as one.
 */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** What has the keyboard focus now, as text (the test project has no DOM types). */
function focusedText(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement?.textContent ?? ""');
}

/** A new verified shopper, logged in on `page`, who went to Alza through `/go/alza-cz`. */
async function shopperWithClick(page: Page): Promise<{ email: string; userId: string; clickId: string }> {
  const email = uniqueEmail('e2e-money');
  await followRedirects(page, GO);
  await page.goto(urlOf('/'));
  const userId = await createVerifiedAccount(page, email);
  await logInThroughForm(page, email);
  // Logged in, /go/ goes straight through the network to the (demo) shop.
  await page.goto(urlOf('/go/alza-cz'));
  await page.waitForURL(/\/demo-shop\/alza-cz\?/);
  const clickId = (await page.getByTestId('click-id').textContent()) ?? '';
  assert.match(clickId, CLICK_ID);
  return { email, userId, clickId };
}

/** A staff member with `role`, logged in through the login page of `page`. */
async function logInAs(page: Page, role: Role): Promise<void> {
  const email = uniqueEmail(`e2e-${role}`);
  await page.goto(urlOf('/'));
  const userId = await createVerifiedAccount(page, email);
  await ctx().database.manager.update(User, { id: userId }, { role });
  await logInThroughForm(page, email);
}

describe('the money path in a browser', () => {
  before(async () => {
    await startBrowser();
    await demoNetwork();
  });
  afterEach(closePages);
  after(stopBrowser);

  it('when the network reports the purchase as electronics, then it earns the 3 % the shop page lists for electronics, and the purchase says so', async () => {
    const { page, problems } = await newPage();
    const { clickId } = await shopperWithClick(page);

    await page.goto(urlOf('/shops/alza-cz'));
    const rates = page.getByTestId('cashback-rules');
    await rates.waitFor();
    const rateOf = (category: string) => textOf(rates.locator(`tr[data-category="${category}"]`));
    assert.equal(await rateOf('electronics'), 'Elektronika 3 % z ceny nákupu');
    assert.equal(await rateOf('gift-cards'), 'Dárkové poukazy Bez cashbacku');
    assert.equal(await rateOf(''), 'Ostatní nákupy 1,5 % z ceny nákupu');
    await saveScreenshot(page, 'shop-category-rates.png');

    const order = orderId('E2ECAT');
    const pending = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'pending',
      category: 'Electronics',
    });
    assert.equal(pending.status, 200, JSON.stringify(pending.body));
    await page.goto(urlOf('/account'));
    const row = page.locator(`[data-testid="purchase-row"][data-order-id="${order}"]`);
    await row.waitFor();
    assert.equal(await textOf(row.getByTestId('purchase-share')), '30,00 Kč');
    assert.equal(await textOf(row.getByTestId('purchase-rate')), '3 % z ceny nákupu (kategorie Elektronika)');
    await row.getByRole('button', { name: /^Alza\.cz/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Nákup v obchodě Alza.cz' });
    await drawer.waitFor();
    assert.equal(
      await textOf(drawer.getByTestId('purchase-drawer-rate')),
      '3 % z ceny nákupu (kategorie Elektronika)',
    );
    assert.deepEqual(problems, []);
  });

  it('when the network reports a purchase after a click through /go/alza-cz, first pending and then approved, then the dashboard shows it with 1.5 % cashback, the balance cards follow, and the drawer tells its history', async () => {
    const { page, problems } = await newPage();
    const { clickId } = await shopperWithClick(page);

    // Before any purchase: zeros, and an empty list that says what happens next.
    await page.goto(urlOf('/account'));
    await page.getByRole('heading', { level: 1, name: 'Přehled' }).waitFor();
    const empty = page.getByTestId('purchases-empty');
    await empty.waitFor();
    assert.match(await textOf(empty), /Vyberte obchod, proklikněte se, nakupte — nákup se tu objeví/);
    assert.equal(await textOf(page.getByTestId('balance-pending').locator('dd').first()), '0,00 Kč');
    assert.equal(await page.getByRole('heading', { name: 'Jak cashback přibývá' }).count(), 0);
    // The overview's visits stay, with the click just made.
    await page.getByTestId('visit-list').getByRole('link', { name: 'Alza.cz' }).waitFor();

    const order = orderId('E2E');
    const pending = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'pending',
    });
    assert.equal(pending.status, 200, JSON.stringify(pending.body));

    await page.reload();
    const row = page.locator(`[data-testid="purchase-row"][data-order-id="${order}"]`);
    await row.waitFor();
    // alza-cz pays 1.5 % of the order value: 15,00 Kč of 1 000,00 Kč.
    assert.equal(await textOf(row.getByTestId('purchase-share')), '15,00 Kč');
    assert.equal(await textOf(row.getByTestId('purchase-rate')), '1,5 % z ceny nákupu');
    assert.match(await textOf(row.getByTestId('purchase-state')), /^Čeká potvrzení čekáme do \d/);
    assert.match(await textOf(row), /1 000,00 Kč/);
    assert.match(await textOf(row), /50,00 Kč/);
    assert.equal(await textOf(page.getByTestId('balance-pending').locator('dd').first()), '15,00 Kč');
    assert.equal(await textOf(page.getByTestId('balance-available').locator('dd').first()), '0,00 Kč');
    assert.equal(await page.getByTestId('balance-debt').count(), 0, 'no debt, no debt card');
    // The chart's numbers are in the table beside it.
    const chartTable = page.getByTestId('cashback-table-CZK');
    await chartTable.waitFor();
    assert.match(await textOf(chartTable.locator('tbody tr').first()), /0,00 Kč 15,00 Kč$/);
    await page.getByTestId('cashback-chart-CZK').locator('canvas').first().waitFor();

    const approved = await sendSigned({
      click_id: clickId,
      order_id: order,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'approved',
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));

    await page.reload();
    await row.waitFor();
    assert.match(await textOf(row.getByTestId('purchase-state')), /^Potvrzeno$/);
    assert.equal(await textOf(row.getByTestId('purchase-share')), '15,00 Kč');
    const availableCard = page.getByTestId('balance-available');
    assert.match(await textOf(availableCard), /^K výplatě 15,00 Kč/);
    assert.equal(await textOf(page.getByTestId('balance-pending').locator('dd').first()), '0,00 Kč');
    assert.match(await textOf(chartTable.locator('tbody tr').first()), /15,00 Kč 0,00 Kč$/);

    // The drawer: focus moves in, it lists the history, Esc closes it and focus comes back.
    const opener = row.getByRole('button', { name: /^Alza\.cz/ });
    await opener.click();
    const drawer = page.getByRole('dialog', { name: 'Nákup v obchodě Alza.cz' });
    await drawer.waitFor();
    assert.equal(await focusedText(page), 'Nákup v obchodě Alza.cz');
    const history = drawer.getByTestId('purchase-history').getByRole('listitem');
    assert.equal(await history.count(), 2);
    assert.match(await textOf(history.nth(0)), /^Nákup zaznamenán, čeká na potvrzení · 15,00 Kč/);
    assert.match(await textOf(history.nth(1)), /^Obchod nákup potvrdil · 15,00 Kč/);
    assert.match(await textOf(drawer), new RegExp(`Číslo objednávky ?${order}`));
    await saveScreenshot(page, 'purchase-drawer.png', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    assert.ok((await focusedText(page)).includes(order), 'focus is back on the button that opened it');

    await saveScreenshot(page, 'dashboard.png');

    // On a phone the page does not scroll sideways (the wide table scrolls in its own box).
    const phone = await newPage({
      storageState: await page.context().storageState(),
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await phone.page.goto(urlOf('/account'));
    await phone.page.locator(`[data-testid="purchase-row"][data-order-id="${order}"]`).waitFor();
    await phone.page.getByTestId('cashback-chart-CZK').locator('canvas').first().waitFor();
    assert.ok((await horizontalOverflow(phone.page)) <= 0, 'nothing scrolls sideways on a phone');
    await saveScreenshot(phone.page, 'dashboard-phone.png');
    await phone.page.getByRole('button', { name: /^Alza\.cz/ }).click();
    await phone.page.getByRole('dialog', { name: 'Nákup v obchodě Alza.cz' }).waitFor();
    assert.ok((await horizontalOverflow(phone.page)) <= 0, 'the drawer fits the phone');
    await saveScreenshot(phone.page, 'purchase-drawer-phone.png', { fullPage: false });

    assert.deepEqual(problems, []);
    assert.deepEqual(phone.problems, []);
  });

  it('when the network rejects a purchase with a reason, then the shopper sees it rejected with the reason and nothing to pay out', async () => {
    const { page, problems } = await newPage();
    const { clickId } = await shopperWithClick(page);
    const order = orderId('E2E-REJ');
    for (const status of ['pending', 'rejected'] as const) {
      const answer = await sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '400.00',
        commission: '20.00',
        status,
        ...(status === 'rejected' ? { reason: 'Zboží bylo vráceno' } : {}),
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }

    await page.goto(urlOf('/account'));
    const row = page.locator(`[data-testid="purchase-row"][data-order-id="${order}"]`);
    await row.waitFor();
    assert.equal(await textOf(row.getByTestId('purchase-state')), 'Zamítnuto Zboží bylo vráceno');
    assert.equal(await textOf(page.getByTestId('balance-available').locator('dd').first()), '0,00 Kč');
    assert.equal(await textOf(page.getByTestId('balance-pending').locator('dd').first()), '0,00 Kč');

    await row.getByRole('button', { name: /^Alza\.cz/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Nákup v obchodě Alza.cz' });
    await drawer.waitFor();
    assert.equal(await textOf(drawer.getByTestId('purchase-reason')), 'Zboží bylo vráceno');
    const history = drawer.getByTestId('purchase-history').getByRole('listitem');
    assert.match(await textOf(history.nth(1)), /^Obchod nákup zamítl · .*Důvod: Zboží bylo vráceno$/);
    await drawer.getByRole('button', { name: 'Zavřít' }).click();
    await drawer.waitFor({ state: 'detached' });
    assert.ok((await focusedText(page)).includes(order));

    assert.deepEqual(problems, []);
  });

  it('when staff look a purchase up, then they see its history, ledger transfers and raw postbacks; finance adjusts it and assigns an unattributed one, support only reads', async () => {
    const shopper = await newPage();
    const { userId, clickId } = await shopperWithClick(shopper.page);
    const order = orderId('E2E-ADM');
    for (const status of ['pending', 'approved'] as const) {
      const answer = await sendSigned({
        click_id: clickId,
        order_id: order,
        order_amount: '1000.00',
        commission: '50.00',
        status,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    const orphan = orderId('E2E-UNA');
    const unattributed = await sendSigned({
      click_id: UNKNOWN_CLICK,
      order_id: orphan,
      order_amount: '1000.00',
      commission: '50.00',
      status: 'approved',
    });
    assert.equal(unattributed.status, 202, JSON.stringify(unattributed.body));

    const { page, problems } = await newPage();
    await logInAs(page, 'finance');
    await page.getByRole('banner').getByRole('link', { name: 'Administrace' }).click();
    await page
      .getByRole('navigation', { name: 'Části administrace' })
      .getByRole('link', { name: 'Konverze' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Konverze' }).waitFor();

    // A wrong slug is caught next to its field before anything is asked.
    await page.getByLabel('Obchod', { exact: true }).fill('Alza CZ');
    await page.getByRole('button', { name: 'Hledat' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Zadejte adresu obchodu/ })
      .waitFor();
    await page.getByLabel('Obchod', { exact: true }).fill('alza-cz');
    await page.getByLabel('Číslo objednávky').fill(order);
    await page.getByRole('button', { name: 'Hledat' }).click();
    await page.waitForURL((url) => url.searchParams.get('orderId') === order);
    const table = page.getByTestId('admin-conversion-table');
    await table.getByRole('link', { name: order }).waitFor();
    await saveScreenshot(page, 'admin-conversions.png');
    await table.getByRole('link', { name: order }).click();

    await page.getByRole('heading', { level: 1, name: `Konverze ${order}` }).waitFor();
    const history = page.getByTestId('conversion-history').locator('tbody tr');
    assert.equal(await history.count(), 2);
    assert.match(await textOf(history.nth(1)), /Potvrzeno/);
    assert.ok((await page.getByTestId('conversion-transfers').getByRole('listitem').count()) >= 2);
    const bodies = page.getByTestId('inbox-body');
    assert.equal(await bodies.count(), 2);
    assert.ok((await textOf(bodies.first())).includes(`"order_id": "${order}"`));

    // A manual credit: the button says what it does, the ledger gains a transfer.
    await page.getByLabel('Částka v CZK').fill('5');
    await page.getByLabel('Důvod').fill('Omluva za pozdní potvrzení');
    await page.getByRole('button', { name: 'Připsat 5,00 Kč' }).click();
    await page.getByText('Úprava je zapsaná. Nakupující má teď k výplatě 20,00 Kč, dluh 0,00 Kč.').waitFor();
    await page.getByTestId('conversion-transfers').getByText('adjustment', { exact: true }).waitFor();
    await saveScreenshot(page, 'admin-conversion.png');

    // The queue: assign the purchase nobody clicked for to the shopper.
    await page.goto(urlOf('/admin/conversions?attribution=unattributed'));
    await table.getByRole('link', { name: orphan }).click();
    await page.getByRole('heading', { level: 1, name: `Konverze ${orphan}` }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Ruční úprava' }).count(), 0);
    const assign = page.getByRole('region', { name: 'Přiřadit nakupujícímu' });
    await assign.getByLabel('ID nakupujícího').fill(userId);
    await assign.getByLabel('Obchod', { exact: true }).fill('alza-cz');
    await assign.getByLabel('Důvod').fill('Nakupující poslal fakturu');
    await assign.getByRole('button', { name: 'Přiřadit a připsat podíl' }).click();
    await page.getByText(`Konverze je přiřazená nakupujícímu s ID ${userId}.`).waitFor();
    assert.equal(await textOf(page.getByTestId('conversion-facts').getByText('Ručně')), 'Ručně');

    // The shopper sees both: 15 + 5 + 15 Kč to pay out.
    await shopper.page.goto(urlOf('/account'));
    await shopper.page.locator(`[data-testid="purchase-row"][data-order-id="${orphan}"]`).waitFor();
    assert.equal(
      await textOf(shopper.page.getByTestId('balance-available').locator('dd').first()),
      '35,00 Kč',
    );

    // Support reads the same page without the forms.
    const support = await newPage();
    await logInAs(support.page, 'support');
    await support.page.goto(urlOf(`/admin/conversions?orderId=${order}`));
    await support.page.getByTestId('admin-conversion-table').getByRole('link', { name: order }).click();
    await support.page.getByRole('heading', { level: 1, name: `Konverze ${order}` }).waitFor();
    await support.page.getByText('Máte oprávnění jen ke čtení.', { exact: false }).waitFor();
    assert.equal(await support.page.getByRole('heading', { name: 'Ruční úprava' }).count(), 0);
    assert.equal(await support.page.getByRole('button', { name: /^Připsat|^Zapsat/ }).count(), 0);

    assert.deepEqual(problems, []);
    assert.deepEqual(shopper.problems, []);
    assert.deepEqual(support.problems, []);
  });

  it('when an admin opens network health and the demo network, then the network that just sent postbacks is fine, and a new credential is shown once and can be retired', async () => {
    const { page, problems } = await newPage();
    await logInAs(page, 'admin');
    await page.goto(urlOf('/admin/networks/health'));
    await page.getByRole('heading', { level: 1, name: 'Stav sítí' }).waitFor();
    const demo = page.getByTestId('network-health-table').locator('tr[data-slug="demo"]');
    await demo.waitFor();
    assert.match(await textOf(demo), /V pořádku$/);
    await saveScreenshot(page, 'admin-network-health.png');

    await demo.getByRole('link', { name: 'Demo network (built in)' }).click();
    const credentials = page.getByTestId('network-credentials');
    await credentials.getByRole('heading', { name: 'Přístupové klíče pro postbacky' }).waitFor();
    const label = `E2E ${randomBytes(3).toString('hex')}`;
    await credentials.getByLabel('Označení').fill(label);
    await credentials.getByRole('button', { name: 'Vytvořit klíč' }).click();
    const created = credentials.getByTestId('created-credential');
    await created.getByText('znovu ho už neuvidíte', { exact: false }).waitFor();
    assert.match(await created.getByTestId('credential-secret').inputValue(), /^whsec_/);

    const item = credentials.getByTestId('credential').filter({ hasText: label });
    await item.getByLabel('Přechodná doba (dny)').fill('0');
    await item.getByRole('button', { name: `Vyřadit klíč ${label}` }).click();
    await credentials.getByText(`Klíč „${label}“ je vyřazený a už neplatí.`).waitFor();
    assert.equal(await credentials.getByTestId('created-credential').count(), 0, 'the secret is gone');
    // The list is asked again; the credential comes back retired, without its retire form.
    await item.getByText('Vyřazený', { exact: true }).waitFor();
    assert.equal(await item.getByRole('button', { name: /^Vyřadit klíč/ }).count(), 0);

    assert.deepEqual(problems, []);
  });
});
