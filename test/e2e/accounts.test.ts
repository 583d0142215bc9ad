import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { CURRENT_PRIVACY_VERSION, CURRENT_TERMS_VERSION } from '../../shared/src/legal.js';
import {
  closePages,
  horizontalOverflow,
  newPage,
  openPage,
  saveScreenshot,
  startBrowser,
  stopBrowser,
  urlOf,
} from '../helpers/browser.js';
import { ctx } from '../helpers/context.js';

// Long and uncommon: passes the server's common-password check and scores well in the meter.
const PASSWORD = 'modrý kůň skáče 42';

function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

/** The token of a link in one of our mails (`…/verify-email#token=…`). */
function tokenFromMail(text: string | undefined): string {
  const match = /#token=([^\s]+)/.exec(text ?? '');
  assert.ok(match?.[1], `no link with a token in the mail:\n${text}`);
  return decodeURIComponent(match[1]);
}

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Signs up through the API in the page's own cookie jar, as the register page would. */
async function signUpThroughApi(page: Page, email: string): Promise<void> {
  const csrf = await page.request.get(urlOf('/api/v1/auth/csrf'));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await page.request.post(urlOf('/api/v1/auth/register'), {
    headers: { 'X-CSRF-Token': csrfToken },
    data: {
      email,
      password: PASSWORD,
      market: 'cz',
      language: 'cs',
      adultConfirmed: true,
      termsVersion: CURRENT_TERMS_VERSION,
      privacyVersion: CURRENT_PRIVACY_VERSION,
    },
  });
  assert.equal(answer.status(), 202, await answer.text());
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(urlOf('/login'));
  await heading(page, 'Přihlášení').waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Heslo', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
  await page.getByRole('banner').getByText(email).waitFor();
}

describe('accounts in a browser', () => {
  before(startBrowser);
  afterEach(closePages);
  after(stopBrowser);

  it('when a shopper registers, verifies the link from the mail and logs in, then settings list this device, and after logging out settings ask to log in', async () => {
    const email = uniqueEmail('e2e-register');
    const { page, problems } = await openPage('/');
    await page.getByRole('banner').getByRole('link', { name: 'Zaregistrovat se' }).click();
    await heading(page, 'Založení účtu').waitFor();

    // Sending the empty form lists every problem at the top and next to each field.
    await page.getByRole('button', { name: 'Založit účet' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Něco je potřeba opravit' });
    await summary.waitFor();
    for (const message of ['Zadejte e-mail', 'Zadejte heslo', 'Potvrďte, že je vám aspoň 18 let']) {
      assert.equal(await summary.getByRole('link', { name: message }).count(), 1, message);
    }
    assert.equal(await page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.match(
      (await page.locator('#register-email-error').textContent()) ?? '',
      /Zadejte e-mail/,
      'the error sits next to the field',
    );
    // Marketing is opt-in.
    for (const name of ['Novinky o Vratce', 'Akce a zvýšený cashback v obchodech']) {
      assert.equal(await page.getByLabel(name).isChecked(), false, name);
    }
    assert.equal(
      await page
        .getByRole('main')
        .getByRole('link', { name: 'Zásady ochrany osobních údajů (otevřou se v novém okně)' })
        .getAttribute('href'),
      '/privacy',
    );

    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Heslo', { exact: true }).fill(PASSWORD);
    await page.getByText('Síla hesla:').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Česko' }).isChecked());
    await page.getByLabel('Je mi 18 let nebo víc').check();
    await page.getByLabel(/Souhlasím s podmínkami služby/).check();
    await page.getByRole('button', { name: 'Založit účet' }).click();
    await heading(page, 'Zkontrolujte svou e-mailovou schránku').waitFor();
    assert.ok(((await page.getByRole('main').textContent()) ?? '').includes(email));

    // The mail links to PUBLIC_URL; the same path on the test server does the same.
    const mail = await ctx().smtp.waitFor(email);
    const token = tokenFromMail(mail.text);
    await page.goto(urlOf(`/verify-email#token=${encodeURIComponent(token)}`));
    await heading(page, 'E-mail je ověřený').waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');

    await page.getByRole('main').getByRole('link', { name: 'Přihlásit se' }).click();
    await heading(page, 'Přihlášení').waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Heslo', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
    const header = page.getByRole('banner');
    await header.getByText(email).waitFor();
    assert.equal(await header.getByRole('link', { name: 'Přihlásit se' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Potvrďte prosím svůj e-mail' }).count(), 0);

    await header.getByRole('link', { name: 'Nastavení' }).click();
    await heading(page, 'Nastavení účtu').waitFor();
    const sessions = page.getByTestId('session-list').getByRole('listitem');
    await sessions.first().waitFor();
    assert.equal(await sessions.count(), 1);
    assert.match((await sessions.first().textContent()) ?? '', /Toto zařízení/);
    assert.match((await sessions.first().textContent()) ?? '', /Chrome/);
    const audit = page.getByTestId('audit-table');
    await audit.getByRole('cell', { name: 'Přihlášení', exact: true }).waitFor();
    for (const action of ['Ověření e-mailu', 'Založení účtu']) {
      assert.equal(await audit.getByRole('cell', { name: action, exact: true }).count(), 1, action);
    }
    await saveScreenshot(page, 'settings.png');

    await header.getByRole('button', { name: 'Odhlásit se' }).click();
    await heading(page, 'Přihlášení').waitFor();
    await page.getByText('Odhlásili jsme vás.').waitFor();
    await header.getByRole('link', { name: 'Přihlásit se' }).waitFor();

    await page.goto(urlOf('/settings'));
    await heading(page, 'Přihlášení').waitFor();
    await page.getByText('Pro pokračování se prosím přihlaste.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/settings');

    assert.deepEqual(problems, []);
  });

  it('when a shopper creates an API token on a phone, then the secret shows once, the list and history show it, and it can be revoked', async () => {
    const email = uniqueEmail('e2e-token');
    const { page, problems } = await newPage({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.goto(urlOf('/'));
    await signUpThroughApi(page, email);
    await logIn(page, email);

    // Not verified yet: every page says so and offers the link again.
    const banner = page.getByRole('region', { name: 'Potvrďte prosím svůj e-mail' });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Poslat odkaz znovu' }).click();
    await banner.getByText(`Nový odkaz je na cestě na ${email}.`).waitFor();

    await page.goto(urlOf('/settings#api-tokens'));
    await heading(page, 'Nastavení účtu').waitFor();
    const tokens = page.getByRole('region', { name: 'Tokeny pro API' });
    await tokens.getByText('Zatím nemáte žádný token.').waitFor();

    await tokens.getByRole('button', { name: 'Vytvořit token' }).click();
    await tokens.getByRole('link', { name: 'Zadejte název tokenu' }).waitFor();
    await tokens.getByLabel('Název', { exact: true }).fill('Mobil');
    assert.ok(await tokens.getByLabel('Číst údaje z účtu').isChecked());
    assert.equal(await tokens.getByLabel('Žádat o výplaty').isChecked(), false);
    await tokens.getByRole('button', { name: 'Vytvořit token' }).click();
    await tokens.getByRole('heading', { name: 'Token „Mobil“ je vytvořený' }).waitFor();
    const secret = await tokens.getByTestId('token-secret').inputValue();
    assert.ok(secret.length > 20, secret);
    const list = tokens.getByRole('list', { name: 'Vaše aktivní tokeny' });
    await list.getByRole('heading', { name: 'Mobil' }).waitFor();
    assert.ok(!((await list.textContent()) ?? '').includes(secret), 'the list never shows the secret');

    // The secret works as a Bearer token for reading.
    const me = await page.request.get(urlOf('/api/v1/me'), {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(me.status(), 200);

    await tokens.getByRole('button', { name: 'Mám ho uložený, skrýt' }).click();
    assert.equal(await tokens.getByTestId('token-secret').count(), 0);

    const audit = page.getByTestId('audit-table');
    await audit.getByRole('cell', { name: 'Vytvoření tokenu pro API' }).waitFor();
    assert.ok((await horizontalOverflow(page)) <= 0, 'nothing scrolls sideways on a phone');
    await saveScreenshot(page, 'settings-phone.png');

    await list.getByRole('button', { name: 'Zrušit token Mobil' }).click();
    await tokens.getByText('Token „Mobil“ jsme zrušili.', { exact: false }).waitFor();
    await tokens.getByText('Zatím nemáte žádný token.').waitFor();
    const revoked = await page.request.get(urlOf('/api/v1/me'), {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(revoked.status(), 401);

    // A wrong current password is named next to the field.
    const password = page.getByRole('region', { name: 'Heslo', exact: true });
    await password.getByLabel('Současné heslo', { exact: true }).fill('tohle není moje heslo');
    await password.getByLabel('Nové heslo', { exact: true }).fill('zelený slon tančí 17');
    assert.ok(await password.getByLabel('Odhlásit mě na ostatních zařízeních').isChecked());
    await password.getByRole('button', { name: 'Změnit heslo' }).click();
    await password.getByRole('link', { name: 'Současné heslo nesouhlasí' }).waitFor();
    assert.match(
      (await page.locator('#password-current-error').textContent()) ?? '',
      /Současné heslo nesouhlasí/,
    );

    // The wrong password's 400 is the only complaint the browser may have (page.request calls
    // with the revoked token do not go through the page).
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /status of 400/);
  });

  it('when an e-mail already has an account and a provider login arrives at /login?link=facebook, then the page explains what to do', async () => {
    const { page, problems } = await openPage('/login?link=facebook', { locale: 'en-GB' });
    await heading(page, 'Log in').waitFor();
    await page
      .getByText(
        'This e-mail address already has an account. Log in with your password, then link Facebook in your settings.',
      )
      .waitFor();

    await page.goto(urlOf('/login?error=oauth_denied'));
    await page.getByRole('alert').getByText('You cancelled the login.', { exact: false }).waitFor();
    await page.goto(urlOf('/login?error=<b>made up</b>'));
    await page.getByRole('alert').getByText("Logging in didn't work.", { exact: false }).waitFor();
    assert.equal(await page.getByText('made up').count(), 0, 'an unknown code is never shown as text');

    // The test server configures no Facebook or MojeID app: no buttons that could only fail.
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Other ways to log in' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: /^Continue with/ }).count(), 0);

    // With both configured (the session answer says so), each is a plain link to the server,
    // which redirects to the provider.
    await page.route('**/api/v1/auth/session', async (route) => {
      const answer = await route.fetch();
      const session = (await answer.json()) as Record<string, unknown>;
      await route.fulfill({
        response: answer,
        json: { ...session, providers: { facebook: true, mojeid: true } },
      });
    });
    await page.reload();
    assert.equal(
      await page.getByRole('link', { name: 'Continue with Facebook' }).getAttribute('href'),
      '/api/v1/auth/facebook',
    );
    assert.equal(
      await page.getByRole('link', { name: 'Continue with MojeID' }).getAttribute('href'),
      '/api/v1/auth/mojeid',
    );
    assert.deepEqual(problems, []);
  });
});
