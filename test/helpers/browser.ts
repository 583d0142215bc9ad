import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Response,
} from 'playwright-core';
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

/** Where screenshots go, to look at after a run (`test-results/` is not committed). */
export const RESULTS_DIRECTORY = path.resolve('test-results');

/** Saves a full-page screenshot as `test-results/<name>`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(RESULTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIRECTORY, name), fullPage: true });
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
