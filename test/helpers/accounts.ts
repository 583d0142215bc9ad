import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { CURRENT_PRIVACY_VERSION, CURRENT_TERMS_VERSION } from '../../shared/src/legal.js';
import { ctx } from './context.js';

export const GOOD_PASSWORD = 'modrý kůň skáče 42';

export function uniqueEmail(label = 'shopper'): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.test`;
}

export function registration(email: string, overrides: Record<string, unknown> = {}) {
  return {
    email,
    password: GOOD_PASSWORD,
    market: 'cz',
    language: 'cs',
    adultConfirmed: true,
    termsVersion: CURRENT_TERMS_VERSION,
    privacyVersion: CURRENT_PRIVACY_VERSION,
    ...overrides,
  };
}

/** A browser-like client: keeps cookies and sends the CSRF token on every change. */
export class Browser {
  readonly agent: ReturnType<typeof request.agent>;
  csrfToken = '';
  /** The session cookie set at the last successful login (`vratka.sid=…`). */
  sessionCookie: string | undefined;

  constructor(app: Express = ctx().app.express) {
    this.agent = request.agent(app);
  }

  /** The session cookie a response set, if any (to see the id change at login). */
  static sessionCookieOf(response: request.Response): string | undefined {
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    return cookies.find((cookie) => cookie.startsWith('vratka.sid='))?.split(';')[0];
  }

  async start(): Promise<this> {
    const response = await this.agent.get('/api/v1/auth/csrf').expect(200);
    this.csrfToken = response.body.csrfToken as string;
    return this;
  }

  get(path: string) {
    return this.agent.get(path);
  }
  post(path: string, body?: object) {
    return this.agent.post(path).set('X-CSRF-Token', this.csrfToken).send(body);
  }
  patch(path: string, body?: object) {
    return this.agent.patch(path).set('X-CSRF-Token', this.csrfToken).send(body);
  }
  put(path: string, body?: object) {
    return this.agent.put(path).set('X-CSRF-Token', this.csrfToken).send(body);
  }
  delete(path: string) {
    return this.agent.delete(path).set('X-CSRF-Token', this.csrfToken);
  }

  async login(email: string, password = GOOD_PASSWORD, remember = false) {
    const response = await this.post('/api/v1/auth/login', { email, password, remember });
    if (response.status === 200) {
      this.csrfToken = response.body.csrfToken as string;
      this.sessionCookie = Browser.sessionCookieOf(response);
    }
    return response;
  }
}

/** Registers through the API, verifies through the mailed link, and returns a logged-in browser. */
export async function signedUpShopper(label = 'shopper', options: { verify?: boolean } = {}) {
  const email = uniqueEmail(label);
  const browser = await new Browser().start();
  await browser.post('/api/v1/auth/register', registration(email)).expect(202);
  const mail = await ctx().mail(email);
  const token = tokenFromMail(mail.text ?? '');
  if (options.verify !== false) await browser.post('/api/v1/auth/verify-email', { token }).expect(204);
  await browser.login(email).then((response) => {
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  });
  const me = await browser.get('/api/v1/me').expect(200);
  return { email, browser, userId: me.body.id as string, verificationToken: token };
}

export function tokenFromMail(text: string): string {
  const match = /#token=([^\s]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no token in mail: ${text}`);
  return decodeURIComponent(match[1]);
}

/** Waits for a mail to `to` whose subject matches, among those received after index `after`. */
export async function waitForNewMail(to: string, subject: RegExp, after: number) {
  await ctx().app.outbox.drain();
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = ctx()
      .smtp.messages.slice(after)
      .find((mail) => JSON.stringify(mail.to ?? '').includes(to) && subject.test(mail.subject ?? ''));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${String(subject)}" to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
