import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Role } from '../../shared/src/contracts/accounts.js';
import { formatBasisPoints } from '../../shared/src/money.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import {
  closePages,
  createVerifiedAccount,
  E2E_PASSWORD,
  newPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';

/** A verified account with `role`, logged in through the login page of `page`. */
async function logInAs(page: Page, role: Role): Promise<string> {
  const email = `e2e-${role}-${randomBytes(6).toString('hex')}@example.test`;
  await page.goto(urlOf('/'));
  const userId = await createVerifiedAccount(page, email);
  await ctx().database.manager.update(User, { id: userId }, { role });
  await page.goto(urlOf('/login'));
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Heslo', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
  await page.getByRole('banner').getByText(email).waitFor();
  return email;
}

describe('catalogue administration in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when an admin adds a shop with a rule, then the form checks the tracking link as it is typed, and the shop appears in the public catalogue', async () => {
    const { page, problems } = await newPage();
    await logInAs(page, 'admin');
    const suffix = randomBytes(3).toString('hex');
    const slug = `e2e-obchod-${suffix}`;
    const name = `E2E obchod ${suffix}`;

    await page.getByRole('banner').getByRole('link', { name: 'Administrace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Obchody' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/shops');
    await page.getByTestId('admin-shop-table').getByRole('link', { name: 'Alza.cz' }).waitFor();

    await page.getByRole('link', { name: 'Přidat obchod' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nový obchod' }).waitFor();

    // An empty form lists every problem at the top and next to each field.
    await page.getByRole('button', { name: 'Přidat obchod' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Něco je potřeba opravit' });
    await summary.waitFor();
    for (const message of ['Adresa smí mít 2–80 malých písmen', 'Zadejte název', 'Enter the network']) {
      assert.equal(await summary.getByRole('link', { name: message }).count(), 1, message);
    }
    assert.equal(await page.getByLabel('Název', { exact: true }).getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Adresa (slug)').fill(slug);
    await page.getByLabel('Název', { exact: true }).fill(name);
    await page.getByLabel('Affiliate síť').selectOption('demo');
    // A tracking link without the click id is refused next to the field as soon as it is left…
    const template = page.getByLabel('Sledovací odkaz sítě');
    await template.fill('https://network.example/c?aid=1');
    await template.blur();
    const templateError = page.locator('#shop-template-error');
    await templateError.getByText('must contain {click_id}', { exact: false }).waitFor();
    // …and the message goes away as soon as it is right.
    await template.fill('https://network.example/c?aid=1&subid={click_id}&url={to}');
    await templateError.waitFor({ state: 'detached' });
    const hosts = page.getByLabel('Povolené domény pro přímé odkazy');
    await hosts.fill('https://www.e2e-obchod.cz');
    await hosts.blur();
    await page.locator('#shop-hosts-error').getByText('without https://', { exact: false }).waitFor();
    await hosts.fill(`www.${slug}.cz`);
    await page.getByLabel('Popis').fill('Obchod založený testem.');
    await page.getByLabel('Kategorie').fill('electronics, home');
    await page.getByLabel('Doba potvrzení nákupu (dny)').fill('30');
    await page.getByRole('button', { name: 'Přidat obchod' }).click();

    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/admin/shops/${slug}`);
    await page.getByText('Obchod je přidaný.', { exact: false }).waitFor();
    await page.getByText('Obchod zatím nemá žádné pravidlo').waitFor();

    const rate = page.getByLabel('Sazba v %');
    await rate.fill('7,5');
    await page.getByRole('button', { name: 'Přidat pravidlo' }).click();
    const rules = page.getByTestId('admin-rule-table');
    const terms = `${formatBasisPoints(750, 'cs-CZ')} z ceny nákupu`;
    await rules.getByRole('rowheader', { name: terms }).waitFor();
    assert.equal(await rules.getByRole('cell', { name: 'Platí', exact: true }).count(), 1);
    await saveScreenshot(page, 'admin-shop.png');

    // Shoppers see it in the catalogue, with the rule in force.
    await page.goto(urlOf(`/?q=${encodeURIComponent(name)}`));
    const card = page.getByTestId('shop-card').filter({ hasText: name });
    await card.waitFor();
    assert.ok(((await card.textContent()) ?? '').includes(`až ${formatBasisPoints(750, 'cs-CZ')}`));
    assert.ok(((await card.textContent()) ?? '').includes('Elektronika'));
    await card.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await page.getByTestId('confirmation-time').textContent(), 'obvykle do 30 dnů');
    assert.ok(((await page.getByTestId('cashback-rules').textContent()) ?? '').includes(terms));

    // Ending the rule takes the cashback off the catalogue.
    await page.goto(urlOf(`/admin/shops/${slug}`));
    await rules.getByRole('button', { name: `Ukončit pravidlo ${terms}` }).click();
    await page.getByText('Pravidlo jsme ukončili.', { exact: false }).waitFor();
    await rules.getByRole('cell', { name: 'Ukončené', exact: true }).waitFor();
    await page.goto(urlOf(`/shops/${slug}`));
    await page.getByText('Odměnu v tomto obchodě právě upravujeme.', { exact: false }).waitFor();

    assert.deepEqual(problems, []);
  });

  it('when an admin adds an affiliate network, then it is listed and offered for new shops', async () => {
    const { page, problems } = await newPage();
    await logInAs(page, 'admin');
    const slug = `e2e-net-${randomBytes(3).toString('hex')}`;

    await page.goto(urlOf('/admin/networks'));
    await page.getByRole('heading', { level: 1, name: 'Affiliate sítě' }).waitFor();
    await page.getByRole('link', { name: 'Přidat síť' }).click();
    await page.getByLabel('Adresa (slug)').fill(slug);
    await page.getByLabel('Název', { exact: true }).fill('E2E síť');
    await page.getByLabel('Protokol postbacků').selectOption('impact');
    await page.getByLabel('Nastavení').fill('apiSecret=abc');
    await page.getByRole('button', { name: 'Přidat síť' }).click();
    await page
      .locator('#network-settings-error')
      .getByText('secrets are not settings', { exact: false })
      .waitFor();
    await page.getByLabel('Nastavení').fill('accountId=12345\nregion=eu');
    await page.getByRole('button', { name: 'Přidat síť' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E síť' }).waitFor();
    await page.getByText('Síť je přidaná.').waitFor();
    assert.equal(await page.getByLabel('Nastavení').inputValue(), 'accountId=12345\nregion=eu');

    await page.getByLabel('Síť je aktivní').uncheck();
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await page.getByText('Změny jsou uložené.').waitFor();

    await page.getByRole('link', { name: 'Zpět na sítě' }).click();
    const row = page.getByTestId('admin-network-table').getByRole('row').filter({ hasText: slug });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Impact/);
    assert.match((await row.textContent()) ?? '', /Neaktivní/);

    await page.goto(urlOf('/admin/shops/new'));
    const network = page.getByLabel('Affiliate síť');
    await network.waitFor();
    assert.ok((await network.locator('option').allTextContents()).includes('E2E síť (Neaktivní)'));

    assert.deepEqual(problems, []);
  });

  it('when support staff open the administration, then they can read the catalogue but not change it', async () => {
    const { page, problems } = await newPage();
    await logInAs(page, 'support');
    await page.getByRole('banner').getByRole('link', { name: 'Administrace' }).click();
    await page.getByText('Máte oprávnění jen ke čtení.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Přidat obchod' }).count(), 0);

    await page.getByTestId('admin-shop-table').getByRole('link', { name: 'Alza.cz' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alza.cz' }).waitFor();
    assert.ok(await page.getByLabel('Název', { exact: true }).isDisabled());
    assert.equal(await page.getByRole('button', { name: 'Uložit změny' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Ukončit pravidlo/ }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Nové pravidlo' }).count(), 0);

    await page.goto(urlOf('/admin/shops/new'));
    await page.getByRole('heading', { level: 1, name: 'Obchody' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('when a shopper opens the administration, then the page says it is not for them', async () => {
    const { page, problems } = await newPage();
    await logInAs(page, 'shopper');
    await page.goto(urlOf('/admin/shops'));
    await page.getByRole('heading', { level: 1, name: 'Sem nemáte přístup' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
