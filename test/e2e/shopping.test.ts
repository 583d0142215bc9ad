import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { formatBasisPoints } from '../../shared/src/money.js';
import { Click } from '../../server/src/modules/clicks/click.entity.js';
import {
  closePages,
  createVerifiedAccount,
  E2E_PASSWORD,
  followRedirects,
  horizontalOverflow,
  newPage,
  openPage,
  saveScreenshot,
  settledTexts,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';

const CLICK_ID = /^[a-z2-7]{26}$/;
/** Every `/go/<shop>` navigation, with or without a query. */
const GO = /\/go\/[a-z0-9-]+(\?.*)?$/;

function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

async function logInThroughForm(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Přihlášení' }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Heslo', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
}

async function clickCount(): Promise<number> {
  return ctx().database.manager.count(Click);
}

/** The check runs on load; wait until it has an answer. */
async function trackingCheckState(page: Page): Promise<string | null> {
  const check = page.getByTestId('tracking-check');
  await check.and(page.locator(':not([data-state="checking"])')).waitFor();
  return check.getAttribute('data-state');
}

describe('from the catalogue to the shop in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when a logged-in shopper searches "notino", opens the shop and goes to it, then the demo e-shop receives a new click id, and the overview lists the visit', async () => {
    const email = uniqueEmail('e2e-click');
    const { page, problems } = await newPage();
    const redirects = await followRedirects(page, GO);
    await page.goto(urlOf('/'));
    const userId = await createVerifiedAccount(page, email);

    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Přihlásit se' }).click();
    await logInThroughForm(page, email);
    await header.getByText(email).waitFor();
    assert.equal(
      await header.getByRole('link', { name: 'Administrace' }).count(),
      0,
      'shoppers see no admin',
    );

    // The search waits for a pause in typing, then keeps its words in the address.
    await page.getByLabel('Hledat obchod').fill('notino');
    await page.waitForURL((url) => url.searchParams.get('q') === 'notino');
    const list = page.getByTestId('shop-list').and(page.locator(':not([aria-busy])'));
    await list.getByRole('link', { name: 'Notino.cz', exact: true }).waitFor();
    assert.deepEqual(await settledTexts(list.getByRole('heading', { level: 3 }), ['Notino.cz']), [
      'Notino.cz',
    ]);

    await list.getByRole('link', { name: 'Notino.cz', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Notino.cz' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/shops/notino-cz');
    const rules = (await page.getByTestId('cashback-rules').textContent()) ?? '';
    assert.ok(rules.includes(`${formatBasisPoints(500, 'cs-CZ')} z ceny nákupu`), rules);
    assert.equal(await page.getByTestId('confirmation-time').textContent(), 'obvykle do 40 dnů');
    await page.getByText(`Cashback připíšeme k účtu ${email}.`).waitFor();
    assert.equal(await trackingCheckState(page), 'ok');
    await page.getByText('Vypadá to dobře: cookies fungují').waitFor();
    await saveScreenshot(page, 'shop-page.png');

    const before = await clickCount();
    await page.getByRole('link', { name: 'Přejít do obchodu' }).click();
    await page.waitForURL(/\/demo-shop\/notino-cz\?/);
    const landed = new URL(page.url());
    assert.equal(landed.pathname, '/demo-shop/notino-cz');
    const clickId = landed.searchParams.get('subid') ?? '';
    assert.match(clickId, CLICK_ID);
    assert.equal(await page.getByTestId('click-id').textContent(), clickId);

    // The server's own answer: a 302 to the tracking template with the click id substituted.
    assert.equal(redirects.length, 1, JSON.stringify(redirects));
    assert.equal(redirects[0]?.status, 302);
    assert.equal(
      redirects[0]?.location,
      `${ctx().config.publicUrl}/demo-shop/notino-cz?subid=${clickId}&url=`,
    );
    assert.equal(await clickCount(), before + 1);
    const click = await ctx().database.manager.findOneBy(Click, { id: clickId });
    assert.equal(click?.userId, userId, 'the click is the shopper’s');

    await page.goto(urlOf('/'));
    await header.getByRole('link', { name: 'Přehled' }).click();
    await page.getByRole('heading', { level: 1, name: 'Přehled' }).waitFor();
    const visit = page.getByTestId('visit-list').getByRole('listitem');
    await visit.first().waitFor();
    assert.equal(await visit.count(), 1);
    assert.match((await visit.first().textContent()) ?? '', /^Notino\.cz · .+ — nákup zatím nepřišel$/);

    assert.deepEqual(problems, []);
  });

  it('when a visitor opens /go/alza-cz, then the interstitial offers log-in, later and no cashback, and "Pokračovat bez cashbacku" goes straight to www.alza.cz with nothing recorded', async () => {
    const { page, problems } = await newPage();
    const redirects = await followRedirects(page, GO);
    const shopVisits: string[] = [];
    // Never the real internet: the shop's page is stubbed.
    await page.route('https://www.alza.cz/**', async (route) => {
      shopVisits.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: 'alza' });
    });

    const response = await page.goto(urlOf('/go/alza-cz'));
    assert.equal(response?.status(), 200);
    const interstitial = page.getByTestId('interstitial');
    await interstitial.getByRole('heading', { level: 1, name: 'Přecházíte do obchodu Alza.cz' }).waitFor();
    await interstitial
      .getByText(`Cashback v tomto obchodě: až ${formatBasisPoints(300, 'cs-CZ')}.`)
      .waitFor();
    assert.equal(await trackingCheckState(page), 'ok');

    const logIn = interstitial.getByRole('link', { name: 'Přihlásit se a získat cashback' });
    assert.equal(await logIn.getAttribute('href'), `/login?next=${encodeURIComponent('/go/alza-cz')}`);
    assert.equal(
      await interstitial.getByRole('link', { name: 'Založit účet' }).getAttribute('href'),
      `/register?next=${encodeURIComponent('/go/alza-cz')}`,
    );
    assert.equal(
      await interstitial
        .getByRole('link', { name: 'Pokračovat, zaregistruji se později' })
        .getAttribute('href'),
      '/go/alza-cz?later=1',
    );
    await interstitial.getByText('Když se tu do 30 dnů zaregistrujete nebo přihlásíte').waitFor();
    const without = interstitial.getByRole('link', { name: 'Pokračovat bez cashbacku' });
    assert.equal(await without.getAttribute('href'), '/go/alza-cz?cashback=no');
    await saveScreenshot(page, 'interstitial.png');

    const before = await clickCount();
    await without.click();
    await page.waitForURL('https://www.alza.cz/');
    assert.equal(await page.locator('body').textContent(), 'alza');
    assert.deepEqual(redirects, [{ status: 302, location: 'https://www.alza.cz/' }]);
    assert.deepEqual(shopVisits, ['https://www.alza.cz/']);
    assert.equal(await clickCount(), before, 'nothing recorded');

    assert.deepEqual(problems, []);
  });

  it('when a visitor with a deep link logs in from the interstitial, then the server records the click and sends them to the product page through the network', async () => {
    const email = uniqueEmail('e2e-deep-link');
    const deepLink = 'https://www.alza.cz/hracky?razeni=cena&strana=2';
    const { page, problems } = await newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const redirects = await followRedirects(page, GO);
    await page.goto(urlOf('/'));
    await createVerifiedAccount(page, email);

    await page.goto(urlOf(`/go/alza-cz?to=${encodeURIComponent(deepLink)}`));
    const interstitial = page.getByTestId('interstitial');
    await interstitial.getByRole('heading', { level: 1 }).waitFor();
    assert.ok((await horizontalOverflow(page)) <= 0, 'nothing scrolls sideways on a phone');
    await saveScreenshot(page, 'interstitial-phone.png');
    for (const [name, choice] of [
      ['Pokračovat, zaregistruji se později', 'later=1'],
      ['Pokračovat bez cashbacku', 'cashback=no'],
    ] as const) {
      const href = (await interstitial.getByRole('link', { name }).getAttribute('href')) ?? '';
      const target = new URL(href, urlOf('/'));
      assert.equal(target.searchParams.get('to'), deepLink, name);
      assert.ok(target.search.includes(choice), href);
    }

    await interstitial.getByRole('link', { name: 'Přihlásit se a získat cashback' }).click();
    await page.getByText('Přihlaste se a my vás pak pošleme rovnou do obchodu.').waitFor();
    await logInThroughForm(page, email);
    await page.waitForURL(/\/demo-shop\/alza-cz\?/);
    const landed = new URL(page.url());
    assert.match(landed.searchParams.get('subid') ?? '', CLICK_ID);
    assert.equal(landed.searchParams.get('url'), deepLink);
    assert.equal(redirects.at(-1)?.status, 302);

    assert.deepEqual(problems, []);
  });

  it('when a visitor continues with "zaregistruji se později" and then signs up, then the visit recorded before is theirs', async () => {
    const email = uniqueEmail('e2e-later');
    const { page, problems } = await newPage();
    await followRedirects(page, GO);
    await page.goto(urlOf('/go/rohlik-cz'));
    await page.getByRole('link', { name: 'Pokračovat, zaregistruji se později' }).click();
    await page.waitForURL(/\/demo-shop\/rohlik-cz\?/);
    const clickId = new URL(page.url()).searchParams.get('subid') ?? '';
    assert.match(clickId, CLICK_ID);
    const visitorClick = await ctx().database.manager.findOneBy(Click, { id: clickId });
    assert.equal(visitorClick?.userId, null, 'nobody is logged in yet');
    assert.ok(visitorClick?.visitorId, 'tied to this browser');

    const userId = await createVerifiedAccount(page, email);
    await page.goto(urlOf('/login'));
    await logInThroughForm(page, email);
    await page.getByRole('banner').getByText(email).waitFor();
    const attached = await ctx().database.manager.findOneBy(Click, { id: clickId });
    assert.equal(attached?.userId, userId);

    await page.goto(urlOf('/account'));
    await page.getByTestId('visit-list').getByRole('link', { name: 'Rohlik.cz' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('when a visitor picks a category chip and then searches for a shop we do not have, then the list, the address and the empty state follow', async () => {
    const { page, problems } = await openPage('/');
    await page.getByTestId('shop-card').first().waitFor();
    const chips = page.getByRole('group', { name: 'Kategorie' });
    const settled = page.getByTestId('shop-list').and(page.locator(':not([aria-busy])'));

    await chips.getByRole('button', { name: 'Knihy' }).click();
    await page.waitForURL((url) => url.searchParams.get('category') === 'books');
    await settled.getByRole('link', { name: 'Knihy Dobrovský' }).waitFor();
    assert.deepEqual(await settledTexts(settled.getByRole('heading', { level: 3 }), ['Knihy Dobrovský']), [
      'Knihy Dobrovský',
    ]);
    assert.equal(await chips.getByRole('button', { name: 'Knihy' }).getAttribute('aria-pressed'), 'true');
    // The other categories stay on offer while one is chosen.
    assert.equal(await chips.getByRole('button', { name: 'Elektronika' }).count(), 1);

    await chips.getByRole('button', { name: 'Vše' }).click();
    await page.waitForURL((url) => !url.searchParams.has('category'));
    await settled.getByRole('link', { name: 'Alza.cz' }).waitFor();

    await page.getByLabel('Hledat obchod').fill('obchod, který nemáme');
    await page.getByText('Obchod „obchod, který nemáme“ jsme nenašli.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Zrušit hledání a filtr' }).click();
    await settled.getByRole('link', { name: 'Alza.cz' }).waitFor();
    assert.equal(await page.getByLabel('Hledat obchod').inputValue(), '');
    assert.equal(new URL(page.url()).search, '');

    assert.deepEqual(problems, []);
  });

  it('when an ad blocker blocks the bait request, then the shop page warns in plain words with what to do, and "Zkontrolovat znovu" clears it once the blocker is off', async () => {
    const { page, problems } = await newPage();
    // What a blocker matching addresses by pattern does to our bait.
    await page.route('**/ads/**', (route) => route.abort());
    await page.goto(urlOf('/shops/alza-cz'));
    await page.getByRole('heading', { level: 1, name: 'Alza.cz' }).waitFor();
    assert.equal(await trackingCheckState(page), 'warn');
    const check = page.getByTestId('tracking-check');
    await check
      .getByText('Váš blokovač reklam může zabránit započítání nákupu — pro tento obchod ho prosím vypněte.')
      .waitFor();
    for (const tip of [
      'Povolte v prohlížeči cookies',
      'Nákup dokončete ve stejném prohlížeči',
      'Cestou neklikejte na jiné cashbackové, slevové ani kupónové odkazy',
    ]) {
      assert.equal(await check.getByText(tip).count(), 1, tip);
    }
    assert.equal(await check.getByText('Máte vypnuté cookies').count(), 0, 'cookies do work');
    await saveScreenshot(page, 'tracking-check-warning.png');

    await page.unroute('**/ads/**');
    await check.getByRole('button', { name: 'Zkontrolovat znovu' }).click();
    await check.and(page.locator('[data-state="ok"]')).waitFor();

    // The aborted bait requests are the only complaints, and they are expected (Chromium logs
    // the failed fetch without its address).
    const unexpected = problems.filter(
      (problem) =>
        !problem.includes('/ads/adsbygoogle.js') &&
        problem !== 'console: Failed to load resource: net::ERR_FAILED',
    );
    assert.deepEqual(unexpected, []);
    assert.ok(problems.length > 0, 'the blocked request was seen');
  });

  it('when a shop does not exist or is no longer active, then its page and its /go link say so kindly and link to the catalogue', async () => {
    const { page, problems } = await openPage('/shops/uz-neexistuje');
    await page.getByRole('heading', { level: 1, name: 'Tento obchod u nás není k dispozici' }).waitFor();

    const response = await page.goto(urlOf('/go/uz-neexistuje'));
    assert.equal(response?.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Tento obchod u nás není k dispozici' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Vybrat jiný obchod' }).click();
    await page.getByTestId('shop-card').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');

    // The 404 answers (the page and the shop lookups) are what the browser may log.
    assert.ok(
      problems.every((problem) => problem.includes('404')),
      problems.join('\n'),
    );
  });
});
