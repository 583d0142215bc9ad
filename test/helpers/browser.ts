import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';
import { CURRENT_PRIVACY_VERSION, CURRENT_TERMS_VERSION } from '../../shared/src/legal.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { ctx } from './context.js';

/**
 * The real app on a loopback port and a headless Chromium pointed at it. One browser for the run,
 * a fresh context (cookies, storage, locale) for every page a test opens.
 */
export interface OpenedPage {
  page: Page;
  /** The answer to the first navigation, e.g. to check its headers. */
  response: Response | null;
  /** Console errors, uncaught exceptions and failed requests, CSP violations included. */
  problems: string[];
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

let server: http.Server | undefined;
let browser: Browser | undefined;
let baseUrl = '';
const contexts = new Set<BrowserContext>();

export async function startBrowser(): Promise<void> {
  if (!server) {
    // The production listener: /go takes its fast path exactly as in the real server.
    const listening = http.createServer(ctx().app.listener);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(0, '127.0.0.1', resolve);
    });
    server = listening;
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export function urlOf(path: string): string {
  if (!baseUrl) throw new Error('startBrowser() has not run');
  return new URL(path, baseUrl).toString();
}

/** A page in a new context, not navigated yet (e.g. to stage `page.route` answers first). */
export async function newPage(options: BrowserContextOptions = {}): Promise<Omit<OpenedPage, 'response'>> {
  if (!browser) throw new Error('startBrowser() has not run');
  // Czech browser settings unless the test says otherwise.
  const context = await browser.newContext({
    locale: 'cs-CZ',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  contexts.add(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'unknown';
    // The app aborts a list request it no longer needs (e.g. after a market switch).
    if (failure !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${failure}`);
  });
  return { page, problems };
}

/** Opens `path` of the app in a new context. */
export async function openPage(path = '/', options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const { page, problems } = await newPage(options);
  const response = await page.goto(urlOf(path));
  return { page, response, problems };
}

/** A redirect the server answered a routed navigation with. */
export interface SeenRedirect {
  status: number;
  /** The `Location` exactly as the server sent it. */
  location: string;
}

/**
 * Lets the browser follow the server's redirects for navigations matching `pattern` (e.g. `/go/…`)
 * in a way tests can observe and stub:
 *
 * - Playwright routes only the first request of a redirect chain; the hop to `Location` never
 *   reaches a `page.route` handler, so `page.route('https://www.alza.cz/**', …)` alone would not stop
 *   the browser from going to the real shop.
 * - The seeded shops' tracking templates point at PUBLIC_URL (`http://localhost:3000`), not at this
 *   test server's port.
 *
 * So the handler asks the server itself (cookies included), records the redirect, and answers the
 * browser with a redirect to the same place, PUBLIC_URL mapped to this server. A target elsewhere
 * is reached through a one-line page that navigates on, a fresh navigation that routes do see.
 */
export async function followRedirects(page: Page, pattern: string | RegExp): Promise<SeenRedirect[]> {
  const seen: SeenRedirect[] = [];
  const publicOrigin = new URL(ctx().config.publicUrl).origin;
  await page.route(pattern, async (route) => {
    const request = route.request();
    if (!request.isNavigationRequest()) {
      await route.fallback();
      return;
    }
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()['location'];
    if (response.status() < 300 || response.status() >= 400 || location === undefined) {
      await route.fulfill({ response });
      return;
    }
    seen.push({ status: response.status(), location });
    const target = new URL(location, request.url());
    if (target.origin === publicOrigin) {
      await route.fulfill({
        status: response.status(),
        headers: { location: urlOf(`${target.pathname}${target.search}`), 'cache-control': 'no-store' },
      });
      return;
    }
    const escaped = target.toString().replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
    await route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta http-equiv="refresh" content="0; url=${escaped}">`,
    });
  });
  return seen;
}

// Long and uncommon: passes the server's common-password check.
export const E2E_PASSWORD = 'modrý kůň skáče 42';

/**
 * Creates a verified account through the API in the page's own cookie jar (as the register page
 * and the mailed link would), leaving the page logged out. Returns the user's id.
 */
export async function createVerifiedAccount(page: Page, email: string): Promise<string> {
  const csrf = await page.request.get(urlOf('/api/v1/auth/csrf'));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const registered = await page.request.post(urlOf('/api/v1/auth/register'), {
    headers: { 'X-CSRF-Token': csrfToken },
    data: {
      email,
      password: E2E_PASSWORD,
      market: 'cz',
      language: 'cs',
      adultConfirmed: true,
      termsVersion: CURRENT_TERMS_VERSION,
      privacyVersion: CURRENT_PRIVACY_VERSION,
    },
  });
  if (registered.status() !== 202)
    throw new Error(`register: ${registered.status()} ${await registered.text()}`);
  const mail = await ctx().smtp.waitFor(email);
  const token = /#token=([^\s]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no link with a token in the mail:\n${mail.text}`);
  const verified = await page.request.post(urlOf('/api/v1/auth/verify-email'), {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { token: decodeURIComponent(token) },
  });
  if (verified.status() !== 204) throw new Error(`verify: ${verified.status()} ${await verified.text()}`);
  const user = await ctx().database.manager.findOneBy(User, { email });
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

/** Logs `email` in through the login page (Czech copy), as a person would, and waits until it has. */
export async function logInThroughForm(page: Page, email: string): Promise<void> {
  await page.goto(urlOf('/login'));
  await page.getByRole('heading', { level: 1, name: 'Přihlášení' }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Heslo', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se', exact: true }).click();
  await page.getByRole('banner').getByText(email).waitFor();
}

/** Where screenshots go, to look at after a run (`test-results/` is not committed). */
export const RESULTS_DIRECTORY = path.resolve('test-results');

/**
 * Saves a screenshot as `test-results/<name>`: the full page, or with `fullPage: false` what the
 * screen shows (the way to see a dialog, which stays put while a full-page shot scrolls).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await fs.mkdir(RESULTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIRECTORY, name), fullPage: options.fullPage ?? true });
}

/**
 * How far the page is wider than the screen, in CSS pixels; 0 or less means no sideways
 * scrolling. Measured against the document's client width, not `innerWidth`: a mobile browser
 * widens its layout viewport (zooms out) to fit content that is too wide, and `innerWidth` grows
 * with it.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  // The test project has no DOM types; this runs in the page.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/**
 * The texts of what `locator` matches once they equal `expected`, or the last ones read after
 * `timeoutMs`. A list that refetches (a filter change answered twice) is briefly unmatched or stale;
 * a single read can land in that moment.
 */
export async function settledTexts(
  locator: Locator,
  expected: string[],
  timeoutMs = 10_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await locator.allTextContents();
    if (JSON.stringify(texts) === JSON.stringify(expected) || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Closes every context opened since the last call; use in `afterEach`. */
export async function closePages(): Promise<void> {
  const open = [...contexts];
  contexts.clear();
  await Promise.all(open.map((context) => context.close()));
}

export async function stopBrowser(): Promise<void> {
  await closePages();
  await browser?.close();
  browser = undefined;
  const running = server;
  server = undefined;
  baseUrl = '';
  if (running) {
    running.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      running.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
