import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { Browser, registration, signedUpShopper, uniqueEmail } from '../helpers/accounts.js';
import { ctx, testEnvironment } from '../helpers/context.js';

/** An app on the suite's database with its own (low) limits and proxy setting. */
function appWith(env: Record<string, string>) {
  const config = loadConfig({
    ...testEnvironment(ctx().target, `smtp://127.0.0.1:${ctx().smtp.port}`),
    ...env,
  });
  return createApp({ ...ctx(), config }).express;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('rate limits', () => {
  it('when one account gets too many login attempts, then 429 with Retry-After, while another account still works', async () => {
    const app = appWith({ AUTH_RATE_LIMIT_PER_ACCOUNT: '3', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const { email } = await signedUpShopper('limited');
    const browser = await new Browser(app).start();
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal((await browser.login(email, 'wrong password here')).status, 401);
    }
    const limited = await browser.login(email, 'wrong password here');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
    assert.match(limited.headers['retry-after'] ?? '', /^\d+$/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await browser.login(uniqueEmail('other'), 'wrong password here')).status, 401);
  });

  it('when one IP exceeds the limit, then 429; a spoofed X-Forwarded-For does not help without a trusted proxy', async () => {
    const app = appWith({ AUTH_RATE_LIMIT_PER_ACCOUNT: '1000', AUTH_RATE_LIMIT_PER_IP: '4' });
    const browser = await new Browser(app).start();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await browser.agent
        .post('/api/v1/auth/password-reset')
        .set('X-CSRF-Token', browser.csrfToken)
        .set('X-Forwarded-For', `203.0.113.${attempt}`)
        .send({ email: uniqueEmail('reset-flood') });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [202, 202, 202, 202, 429, 429]);
  });

  it('when the proxy is trusted, then the client address comes from its X-Forwarded-For hop', async () => {
    const app = appWith({
      AUTH_RATE_LIMIT_PER_ACCOUNT: '1000',
      AUTH_RATE_LIMIT_PER_IP: '2',
      TRUST_PROXY: '1',
    });
    const browser = await new Browser(app).start();
    const attempt = (ip: string) =>
      browser.agent
        .post('/api/v1/auth/register')
        .set('X-CSRF-Token', browser.csrfToken)
        .set('X-Forwarded-For', ip)
        .send(registration(uniqueEmail('proxy')));
    const first = [
      await attempt('198.51.100.1'),
      await attempt('198.51.100.1'),
      await attempt('198.51.100.1'),
    ];
    assert.deepEqual(
      first.map((response) => response.status),
      [202, 202, 429],
    );
    assert.equal((await attempt('198.51.100.2')).status, 202);
  });
});

describe('no account enumeration', () => {
  // Interleaved trials so drift (GC, disk) hits both sides alike; medians are robust to outliers.
  async function compare(
    trials: number,
    known: (trial: number) => Promise<request.Response>,
    unknown: (trial: number) => Promise<request.Response>,
  ) {
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    const bodies = new Set<string>();
    for (let trial = 0; trial < trials; trial++) {
      for (const [run, times] of [
        [known, knownTimes],
        [unknown, unknownTimes],
      ] as const) {
        const started = performance.now();
        const response = await run(trial);
        times.push(performance.now() - started);
        bodies.add(`${response.status} ${JSON.stringify({ ...response.body, requestId: undefined })}`);
      }
    }
    return {
      difference: Math.abs(median(knownTimes) - median(unknownTimes)),
      bodies,
      knownTimes,
      unknownTimes,
    };
  }

  it('login: same answer and median time within 10 ms over 100 trials, known vs unknown e-mail', async () => {
    const { email } = await signedUpShopper('timing-login');
    const browser = await new Browser().start();
    const result = await compare(
      100,
      () => browser.post('/api/v1/auth/login', { email, password: 'definitely wrong 1' }),
      (trial) =>
        browser.post('/api/v1/auth/login', {
          email: `nobody-${trial}-${email}`,
          password: 'definitely wrong 1',
        }),
    );
    assert.equal(result.bodies.size, 1, [...result.bodies].join('\n'));
    assert.ok(result.difference < 10, `median difference ${result.difference.toFixed(2)} ms`);
  });

  it('password reset: same answer and median time within 10 ms over 100 trials', async () => {
    const { email } = await signedUpShopper('timing-reset');
    const browser = await new Browser().start();
    const result = await compare(
      100,
      () => browser.post('/api/v1/auth/password-reset', { email }),
      (trial) => browser.post('/api/v1/auth/password-reset', { email: `nobody-${trial}-${email}` }),
    );
    assert.equal(result.bodies.size, 1, [...result.bodies].join('\n'));
    assert.ok(result.difference < 10, `median difference ${result.difference.toFixed(2)} ms`);
  });

  it('registration: same answer and median time within 10 ms over 100 trials, taken vs new e-mail', async () => {
    const { email } = await signedUpShopper('timing-register');
    const browser = await new Browser().start();
    const result = await compare(
      100,
      () => browser.post('/api/v1/auth/register', registration(email)),
      (trial) => browser.post('/api/v1/auth/register', registration(`new-${trial}-${uniqueEmail('timing')}`)),
    );
    assert.equal(result.bodies.size, 1, [...result.bodies].join('\n'));
    assert.ok(result.difference < 10, `median difference ${result.difference.toFixed(2)} ms`);
  });
});
