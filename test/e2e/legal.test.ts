import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { formatEffectiveDate } from '../../client/src/legal/legal-versions.js';
import { createApp } from '../../server/src/app.js';
import { ConsentEvent } from '../../server/src/modules/accounts/consent-event.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { fixedClock } from '../../server/src/platform/clock.js';
import { LEGAL_VERSIONS, type LegalVersions } from '../../shared/src/legal.js';
import {
  E2E_PASSWORD,
  closePages,
  createVerifiedAccount,
  logInThroughForm,
  newPage,
  openPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';

const DAY_MS = 24 * 3600_000;
const TERMS = LEGAL_VERSIONS.terms.at(-1)!;
const PRIVACY = LEGAL_VERSIONS.privacy.at(-1)!;

function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** What a reader sees of each language: titles, a line of the version, and words the texts must hold. */
const LANGUAGES = [
  {
    locale: 'cs-CZ',
    terms: 'Podmínky služby Vratka',
    privacy: 'Zásady ochrany osobních údajů',
    footerTerms: 'Podmínky služby',
    footerPrivacy: 'Zásady ochrany osobních údajů',
    meta: (date: string) => `Verze ${TERMS.version}, platí od ${date}`,
    termsWords: [/200 Kč/, /10 €/, /reklamovat/, /Zrušením účtu o peníze nepřijdete/, /nejméně měsíc předem/],
    privacyWords: [/ÚOOÚ/, /nejpozději do jednoho měsíce/, /pseudonymní identifikátor prokliku/, /JSON/],
  },
  {
    locale: 'sk-SK',
    terms: 'Podmienky služby Vratka',
    privacy: 'Zásady ochrany osobných údajov',
    footerTerms: 'Podmienky služby',
    footerPrivacy: 'Zásady ochrany osobných údajov',
    meta: (date: string) => `Verzia ${TERMS.version}, platí od ${date}`,
    termsWords: [
      /10 €/,
      /200 Kč/,
      /reklamovať/,
      /Zrušením účtu o peniaze neprídete/,
      /najmenej mesiac vopred/,
    ],
    privacyWords: [/ÚOOU/, /najneskôr do jedného mesiaca/, /pseudonymný identifikátor prekliku/, /JSON/],
  },
  {
    locale: 'en-GB',
    terms: 'Vratka terms of service',
    privacy: 'Privacy notice',
    footerTerms: 'Terms of service',
    footerPrivacy: 'Privacy notice',
    meta: (date: string) => `Version ${TERMS.version}, in effect from ${date}`,
    termsWords: [
      /CZK 200/,
      /€10/,
      /file a claim/,
      /never costs you your money/,
      /at least one month in advance/,
    ],
    privacyWords: [/ÚOOÚ/, /within one month at the latest/, /only the pseudonymous click ID/, /JSON/],
  },
] as const;

/** Another app on the suite's database whose terms have a version `2099-01` from `effectiveFrom`. */
async function serverWithNewTerms(effectiveFrom: Date) {
  const legalVersions: LegalVersions = {
    ...LEGAL_VERSIONS,
    terms: [...LEGAL_VERSIONS.terms, { version: '2099-01', effectiveFrom: effectiveFrom.toISOString() }],
  };
  const app = createApp({ ...ctx(), clock: fixedClock(ctx().clock.now()), legalVersions });
  const server = http.createServer(app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => new URL(path, base).toString(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function logInAt(page: Page, loginUrl: string, email: string): Promise<void> {
  await page.goto(loginUrl);
  await heading(page, 'Přihlášení').waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Heslo', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
}

describe('terms, privacy and consent in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  for (const language of LANGUAGES) {
    it(`when a ${language.locale} visitor opens the terms and the privacy notice, then both read in full in that language`, async () => {
      const { page, problems } = await openPage('/', { locale: language.locale });
      const footer = page.getByRole('contentinfo');
      await footer.getByRole('link', { name: language.footerTerms, exact: true }).click();
      await heading(page, language.terms).waitFor();
      assert.equal(new URL(page.url()).pathname, '/terms');
      const main = page.getByRole('main');
      const date = formatEffectiveDate(TERMS.effectiveFrom, language.locale);
      assert.equal(await main.getByText(language.meta(date), { exact: true }).count(), 1);
      assert.equal(
        await main.getByRole('heading', { level: 2 }).count(),
        12 + 2,
        'sections, contents, versions',
      );
      const terms = (await main.textContent()) ?? '';
      for (const words of language.termsWords) assert.match(terms, words);
      // The table of contents leads to the sections.
      const contents = main.getByRole('navigation');
      assert.equal(await contents.getByRole('link').count(), 12);
      assert.equal(await contents.getByRole('link').nth(8).getAttribute('href'), '#changes');

      await footer.getByRole('link', { name: language.footerPrivacy, exact: true }).click();
      await heading(page, language.privacy).waitFor();
      assert.equal(new URL(page.url()).pathname, '/privacy');
      assert.equal(await page.title(), `${language.privacy} · Vratka`);
      const privacy = (await main.textContent()) ?? '';
      for (const words of language.privacyWords) assert.match(privacy, words);
      assert.doesNotMatch(privacy, /brzy|soon|čoskoro/i, 'nothing is promised for later');
      if (language.locale === 'cs-CZ') await saveScreenshot(page, 'privacy.png');

      // A reload of the address serves the same page (the server's fallback to the client).
      await page.goto(urlOf(`/terms?version=${TERMS.version}#changes`));
      await heading(page, language.terms).waitFor();
      assert.deepEqual(problems, []);
    });
  }

  it('when a version does not exist, then the page says so and links to the one in effect', async () => {
    const { page, problems } = await openPage('/privacy?version=1999-01');
    await page.getByText('Znění „1999-01“ neexistuje.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Zobrazit platné znění' }).click();
    await heading(page, 'Zásady ochrany osobních údajů').waitFor();
    assert.deepEqual(problems, []);
  });

  it('when a shopper opens settings, then the accepted versions show, each with a link to its text', async () => {
    const email = uniqueEmail('e2e-legal-settings');
    const { page, problems } = await newPage();
    const userId = await createVerifiedAccount(page, email);
    await logInThroughForm(page, email);
    await page.goto(urlOf('/settings#legal'));
    const section = page.locator('#legal');
    await section.getByRole('heading', { name: 'Podmínky a zásady' }).waitFor();
    const user = await ctx().database.manager.findOneByOrFail(User, { id: userId });
    const day = new Intl.DateTimeFormat('cs-CZ', { dateStyle: 'medium' }).format(user.termsAcceptedAt!);
    const text = (await section.textContent()) ?? '';
    assert.match(text, new RegExp(`Souhlasili jste se zněním ${TERMS.version} dne ${day}`));
    assert.match(text, new RegExp(`Vzali jste na vědomí znění ${PRIVACY.version} dne ${day}`));
    await section.getByRole('link', { name: 'Zobrazit toto znění' }).first().click();
    await heading(page, 'Podmínky služby Vratka').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('version'), TERMS.version);
    assert.deepEqual(problems, []);
  });

  it('when a shopper withdraws a marketing consent in settings and gives it again, then each save is one logged change', async () => {
    const email = uniqueEmail('e2e-consent');
    const { page, problems } = await newPage();
    const userId = await createVerifiedAccount(page, email);
    await logInThroughForm(page, email);
    const events = () =>
      ctx().database.manager.find(ConsentEvent, {
        where: { userId, category: 'offers' },
        order: { id: 'ASC' },
      });
    assert.equal((await events()).length, 1, 'registration recorded the starting point');

    await page.goto(urlOf('/settings#marketing'));
    const section = page.locator('#marketing');
    const offers = section.getByLabel('Akce a zvýšený cashback v obchodech');
    await offers.waitFor();
    assert.equal(await offers.isChecked(), false);
    const button = section.getByRole('button', { name: 'Uložit volbu e-mailů' });
    /** Saves and waits for the server's answer and the confirmation. */
    const save = async () => {
      const answered = page.waitForResponse(
        (response) =>
          response.url().endsWith('/api/v1/me/preferences') && response.request().method() === 'PUT',
      );
      await button.click();
      assert.equal((await answered).status(), 200);
      await section.getByText('Uloženo.', { exact: false }).waitFor();
    };

    await offers.check();
    await save();
    await page.reload();
    await offers.waitFor();
    assert.equal(await offers.isChecked(), true, 'the consent is on record after a reload');

    await offers.uncheck();
    await save();
    await page.reload();
    await offers.waitFor();
    assert.equal(await offers.isChecked(), false, 'the withdrawal is on record after a reload');

    await offers.check();
    await save();
    // Saving again without a change logs nothing.
    await save();

    assert.deepEqual(
      (await events()).map((event) => [event.granted, event.source]),
      [
        [false, 'registration'],
        [true, 'settings'],
        [false, 'settings'],
        [true, 'settings'],
      ],
    );
    const audit = page.getByTestId('audit-table');
    await page.reload();
    await audit.getByRole('cell', { name: 'Změna souhlasů', exact: true }).first().waitFor();
    assert.equal(await audit.getByRole('cell', { name: 'Změna souhlasů', exact: true }).count(), 3);
    await saveScreenshot(page, 'settings-marketing.png');
    assert.deepEqual(problems, []);
  });

  it('when new terms are announced, then a logged-in shopper sees a notice with a link, until dismissing it', async () => {
    const server = await serverWithNewTerms(new Date(ctx().clock.now().getTime() + 30 * DAY_MS));
    try {
      const email = uniqueEmail('e2e-terms-announced');
      const { page, problems } = await newPage();
      await createVerifiedAccount(page, email);
      await logInAt(page, server.url('/login'), email);
      const banner = page.getByRole('region', { name: 'Mění se podmínky' });
      await banner.waitFor();
      const date = formatEffectiveDate(
        new Date(ctx().clock.now().getTime() + 30 * DAY_MS).toISOString(),
        'cs-CZ',
      );
      assert.match(
        (await banner.textContent()) ?? '',
        new RegExp(`Od ${date} budou platit nové podmínky služby`),
      );
      assert.equal(
        await banner.getByRole('link', { name: 'Přečíst si nové znění' }).getAttribute('href'),
        '/terms?version=2099-01',
      );
      await banner.getByRole('button', { name: 'Rozumím' }).click();
      await page.reload();
      await page.getByRole('banner').getByText(email).waitFor();
      assert.equal(await page.getByRole('region', { name: 'Mění se podmínky' }).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await server.close();
    }
  });

  it('when new terms are in effect, then after logging in the shopper must accept them before anything else, and settings show the new version', async () => {
    const server = await serverWithNewTerms(new Date(ctx().clock.now().getTime() - 60_000));
    try {
      const email = uniqueEmail('e2e-terms-accept');
      const { page, problems } = await newPage();
      await createVerifiedAccount(page, email);
      await logInAt(page, server.url('/login'), email);
      await heading(page, 'Změnily se podmínky').waitFor();
      assert.equal(new URL(page.url()).pathname, '/accept-terms');
      const changed = page.getByRole('main').getByRole('link', { name: /Podmínky služby, verze 2099-01/ });
      assert.equal(await changed.getAttribute('href'), '/terms?version=2099-01');

      // Anything else leads back here; the documents themselves stay readable.
      await page.goto(server.url('/settings'));
      await heading(page, 'Změnily se podmínky').waitFor();
      await page.goto(server.url('/privacy'));
      await heading(page, 'Zásady ochrany osobních údajů').waitFor();
      await page.goto(server.url('/accept-terms'));

      await page.getByRole('button', { name: 'Potvrdit a pokračovat' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Něco je potřeba opravit' });
      await summary
        .getByRole('link', { name: 'Bez souhlasu s novým zněním nemůžete službu dál používat' })
        .waitFor();
      await page.getByLabel(/Souhlasím s novým zněním podmínek služby/).check();
      await saveScreenshot(page, 'accept-terms.png');
      await page.getByRole('button', { name: 'Potvrdit a pokračovat' }).click();
      await page.getByTestId('shop-card').first().waitFor();
      assert.equal(new URL(page.url()).pathname, '/');

      await page.goto(server.url('/settings#legal'));
      const section = page.locator('#legal');
      await section.getByText(/Souhlasili jste se zněním 2099-01/).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await server.close();
    }
  });
});
