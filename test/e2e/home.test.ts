import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatBasisPoints, formatMoney } from '../../shared/src/money.js';
import { closePages, newPage, openPage, startBrowser, stopBrowser, urlOf } from '../helpers/browser.js';

const RESULTS_DIRECTORY = path.resolve('test-results');

function card(page: Page, name: string) {
  return page.getByTestId('shop-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

async function shopNames(page: Page): Promise<string[]> {
  return page.getByTestId('shop-list').getByRole('heading', { level: 3 }).allTextContents();
}

async function headingText(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(RESULTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIRECTORY, name), fullPage: true });
}

describe('home page in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when a Czech visitor switches to Slovak and then English, then shops, copy and formats follow', async () => {
    const { page, response, problems } = await openPage('/');
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await card(page, 'Alza.cz').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'cs');
    assert.equal(await headingText(page), 'Nakupujte jako obvykle a část peněz dostanete zpět');
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Obchody v Česku' }).count(), 1);
    assert.ok(await page.getByRole('radio', { name: 'Česko' }).isChecked());
    const czechShops = await shopNames(page);
    assert.ok(czechShops.includes('Rohlik.cz'), czechShops.join(', '));
    assert.ok(!czechShops.some((name) => name.endsWith('.sk')), czechShops.join(', '));
    const alza = (await card(page, 'Alza.cz').textContent()) ?? '';
    assert.ok(alza.includes(`až ${formatBasisPoints(300, 'cs-CZ')}`), alza);
    assert.ok(alza.includes('Elektronika') && alza.includes('Domácnost'), alza);
    const rohlik = (await card(page, 'Rohlik.cz').textContent()) ?? '';
    assert.ok(rohlik.includes(formatMoney('15000', 'CZK', 'cs-CZ')), rohlik);
    assert.equal(
      await page
        .getByRole('contentinfo')
        .getByRole('link', { name: 'Zásady ochrany osobních údajů' })
        .count(),
      1,
    );
    await screenshot(page, 'home.png');

    await page.getByLabel('Jazyk / Language').selectOption('sk');
    await card(page, 'Martinus.sk').waitFor();
    assert.equal(await headingText(page), 'Nakupujte ako zvyčajne a časť peňazí dostanete späť');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sk');
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Obchody na Slovensku' }).count(), 1);
    const navigation = page.getByRole('navigation', { name: 'Hlavná navigácia' });
    assert.equal(await navigation.getByRole('link', { name: 'Súkromie' }).count(), 1);
    const slovakShops = await shopNames(page);
    assert.ok(slovakShops.includes('Alza.sk'), slovakShops.join(', '));
    assert.ok(!slovakShops.some((name) => name.endsWith('.cz')), slovakShops.join(', '));
    const martinus = (await card(page, 'Martinus.sk').textContent()) ?? '';
    assert.ok(martinus.includes(`až ${formatBasisPoints(400, 'sk-SK')}`), martinus);
    assert.ok(martinus.includes('Knihy'), martinus);
    assert.equal(await page.evaluate<string | null>("localStorage.getItem('vratka.language')"), 'sk');

    // An explicit market choice wins over the language default and lands in the address.
    // click, not check(): the radio is controlled by the router's state, which updates a moment later
    await page.getByRole('radio', { name: 'Česko' }).click();
    await card(page, 'Alza.cz').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('market'), 'cz');
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Obchody v Česku' }).count(), 1);

    await page.getByLabel('Jazyk / Language').selectOption('en');
    await page
      .getByRole('heading', { level: 1, name: 'Shop as usual and get some of your money back' })
      .waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Shops in Czechia' }).count(), 1);
    const alzaInEnglish = (await card(page, 'Alza.cz').textContent()) ?? '';
    assert.ok(alzaInEnglish.includes(`up to ${formatBasisPoints(300, 'en-GB')}`), alzaInEnglish);
    assert.ok(alzaInEnglish.includes('Electronics'), alzaInEnglish);
    assert.equal(await page.getByRole('link', { name: 'Privacy notice' }).count(), 1);

    assert.deepEqual(problems, []);
  });

  it('when a Slovak browser opens the page, then it shows Slovak shops, and a stored choice survives a reload', async () => {
    const { page, problems } = await openPage('/', { locale: 'sk-SK' });
    await card(page, 'Martinus.sk').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'sk');
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Obchody na Slovensku' }).count(), 1);

    await page.getByLabel('Jazyk / Language').selectOption('cs');
    await card(page, 'Alza.cz').waitFor();
    await page.reload();
    await card(page, 'Alza.cz').waitFor();
    assert.equal(await headingText(page), 'Nakupujte jako obvykle a část peněz dostanete zpět');
    assert.equal(await page.locator('html').getAttribute('lang'), 'cs');

    assert.deepEqual(problems, []);
  });

  it('when the shop list cannot be loaded, then the page says so and "Zkusit znovu" loads it', async () => {
    const { page, problems } = await newPage();
    await page.route('**/api/v1/shops?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'UNAVAILABLE' }),
      }),
    );
    await page.goto(urlOf('/'));
    await page.getByRole('alert').filter({ hasText: 'Obchody se nepodařilo načíst.' }).waitFor();
    assert.equal(await page.getByTestId('shop-list').count(), 0);

    await page.unroute('**/api/v1/shops?*');
    await page.getByRole('button', { name: 'Zkusit znovu' }).click();
    await card(page, 'Alza.cz').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);

    // The 503 we staged is the only thing the browser may complain about.
    assert.ok(
      problems.every((problem) => problem.includes('503')),
      problems.join('\n'),
    );
  });
});
