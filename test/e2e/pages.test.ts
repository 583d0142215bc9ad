import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { closePages, openPage, startBrowser, stopBrowser } from '../helpers/browser.js';

describe('other pages in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when the visitor follows the footer link, then the privacy notice shows in their language', async () => {
    const { page, problems } = await openPage('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Zásady ochrany osobních údajů' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zásady ochrany osobních údajů' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/privacy');
    const notice = (await page.getByRole('main').textContent()) ?? '';
    assert.match(notice, /pseudonymním identifikátorem/);
    assert.match(notice, /číslo a hodnotu objednávky/);
    assert.match(notice, /IP adresu/);
    assert.match(notice, /aspoň 18 let/);

    await page.getByLabel('Jazyk / Language').selectOption('sk');
    await page.getByRole('heading', { level: 1, name: 'Zásady ochrany osobných údajov' }).waitFor();
    assert.equal(await page.title(), 'Zásady ochrany osobných údajov · Vratka');
    assert.deepEqual(problems, []);
  });

  it('when the address does not exist, then a not-found page links back to the shops', async () => {
    const { page, problems } = await openPage('/tahle-stranka-neexistuje', { locale: 'en-GB' });
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Back to shops' }).click();
    await page.getByTestId('shop-card').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.deepEqual(problems, []);
  });

  it('when opened on a phone, then nothing scrolls sideways and the landmarks are there', async () => {
    const { page, problems } = await openPage('/', {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.getByTestId('shop-card').first().waitFor();
    const overflow = await page.evaluate<number>(
      // The test project has no DOM types; this runs in the page.
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    for (const role of ['banner', 'main', 'contentinfo'] as const) {
      assert.equal(await page.getByRole(role).count(), 1, role);
    }
    await fs.mkdir(path.resolve('test-results'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/home-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
});
