import assert from 'node:assert/strict';
import request from 'supertest';
import { ConsentEvent } from '../../server/src/modules/accounts/consent-event.entity.js';
import { SessionRecord } from '../../server/src/modules/accounts/session.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import {
  Browser,
  GOOD_PASSWORD,
  registration,
  signedUpShopper,
  tokenFromMail,
  uniqueEmail,
  waitForNewMail,
} from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const users = () => ctx().database.manager.getRepository(User);
const auditOf = (userId: string) =>
  ctx().database.manager.find(AuditEntry, { where: { subjectUserId: userId }, order: { id: 'ASC' } });

describe('registration', () => {
  it('when a new shopper registers, then the account, consents, audit row and verification mail exist', async () => {
    const email = uniqueEmail('register');
    const browser = await new Browser().start();
    const response = await browser.post(
      '/api/v1/auth/register',
      registration(email, { email: `  ${email.toUpperCase()} `, marketing: { newsletter: true } }),
    );
    assert.equal(response.status, 202);
    assert.equal(response.body.status, 'accepted');

    const user = await users().findOneByOrFail({ email });
    assert.equal(user.role, 'shopper');
    assert.equal(user.emailVerifiedAt, null);
    assert.ok(user.adultConfirmedAt && user.termsAcceptedAt && user.privacyAcceptedAt);
    assert.equal(user.termsVersion, '2026-01');

    const consents = await ctx().database.manager.find(ConsentEvent, { where: { userId: user.id } });
    assert.deepEqual(Object.fromEntries(consents.map((event) => [event.category, event.granted])), {
      newsletter: true,
      offers: false,
      tips: false,
    });
    assert.deepEqual(
      (await auditOf(user.id)).map((entry) => entry.action),
      ['register'],
    );

    const mail = await ctx().mail(email);
    assert.match(mail.subject ?? '', /Potvrďte svůj e-mail/);
    assert.match(mail.text ?? '', /http:\/\/localhost:3000\/verify-email#token=/);
  });

  it('stores the password as argon2id with m=19456 KiB, t=2, p=1', async () => {
    const email = uniqueEmail('hash');
    const browser = await new Browser().start();
    await browser.post('/api/v1/auth/register', registration(email)).expect(202);
    const user = await users().findOneByOrFail({ email });
    assert.match(user.passwordHash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!(user.passwordHash ?? '').includes(GOOD_PASSWORD));
  });

  it('when the e-mail already has an account, then the answer is identical and the owner is told by mail', async () => {
    const { email } = await signedUpShopper('existing');
    const browser = await new Browser().start();
    const fresh = await browser.post('/api/v1/auth/register', registration(uniqueEmail('other')));
    const sentBefore = ctx().smtp.messages.length;
    const known = await browser.post(
      '/api/v1/auth/register',
      registration(email, { password: 'another long passphrase 7' }),
    );
    assert.equal(known.status, fresh.status);
    assert.deepEqual(known.body, fresh.body);
    assert.equal(await users().countBy({ email }), 1);
    const notice = await waitForNewMail(email, /Účet ve Vratce už máte/, sentBefore);
    assert.match(notice.text ?? '', /\/login/);
  });

  for (const [label, body, code] of [
    ['a common password', { password: 'password123' }, 'PASSWORD_TOO_COMMON'],
    ['a 7-character password', { password: 'kr4tk0!' }, 'VALIDATION_FAILED'],
    ['a 129-character password', { password: 'x'.repeat(129) }, 'VALIDATION_FAILED'],
    ['no 18+ confirmation', { adultConfirmed: false }, 'VALIDATION_FAILED'],
    ['outdated terms', { termsVersion: '2020-01' }, 'VALIDATION_FAILED'],
    ['a role field', { role: 'admin' }, 'VALIDATION_FAILED'],
    ['an unknown market', { market: 'de' }, 'VALIDATION_FAILED'],
    ['a malformed e-mail', { email: 'not-an-email' }, 'VALIDATION_FAILED'],
  ] as const) {
    it(`when the request has ${label}, then 400 ${code} and nothing is written`, async () => {
      const email = uniqueEmail('invalid');
      const browser = await new Browser().start();
      const response = await browser.post('/api/v1/auth/register', registration(email, body));
      assert.equal(response.status, 400);
      assert.match(response.headers['content-type'] ?? '', /problem\+json/);
      assert.equal(response.body.code, code);
      assert.equal(await users().countBy({ email }), 0);
    });
  }
});

describe('e-mail verification', () => {
  it('when the mailed link is used, then the address is verified; a tampered link is refused', async () => {
    const { userId, browser, verificationToken } = await signedUpShopper('verify', { verify: false });
    assert.equal((await browser.get('/api/v1/me')).body.emailVerified, false);
    // Change the signature's first character (its last one carries unused bits in base64url).
    const [payload, version, signature] = verificationToken.split('.');
    const tampered = `${payload}.${version}.${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
    const refused = await browser.post('/api/v1/auth/verify-email', { token: tampered });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'LINK_INVALID');
    await browser.post('/api/v1/auth/verify-email', { token: verificationToken }).expect(204);
    assert.equal((await browser.get('/api/v1/me')).body.emailVerified, true);
    assert.ok((await auditOf(userId)).some((entry) => entry.action === 'email_verified'));
  });
});

describe('login and sessions', () => {
  it('when the shopper logs in, then the session id changes (no fixation) and /me answers', async () => {
    const { email } = await signedUpShopper('fixation');
    const browser = new Browser();
    const before = Browser.sessionCookieOf(await browser.agent.get('/api/v1/auth/csrf'));
    browser.csrfToken = (
      (await browser.agent.get('/api/v1/auth/csrf')).body as { csrfToken: string }
    ).csrfToken;
    const login = await browser.login(email);
    assert.equal(login.status, 200);
    const after = Browser.sessionCookieOf(login);
    assert.ok(before && after, 'cookies set');
    assert.notEqual(after, before);
    assert.equal(login.body.user.email, email);
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((value) => value.startsWith('vratka.sid='))!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\//);
    // The pre-login session id is dead.
    const replay = await request(ctx().app.express).get('/api/v1/me').set('Cookie', before);
    assert.equal(replay.status, 401);
  });

  it('when the password is wrong or the e-mail unknown, then the same 401 and a failed-login audit row', async () => {
    const { email, userId } = await signedUpShopper('wrongpass');
    const browser = await new Browser().start();
    const wrong = await browser.login(email, 'not the right password');
    const unknown = await browser.login(uniqueEmail('nobody'), 'not the right password');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.body.detail, unknown.body.detail);
    const failed = (await auditOf(userId)).filter((entry) => entry.action === 'login_failed');
    assert.equal(failed.length, 1);
    assert.ok(failed[0]!.ip && failed[0]!.userAgent !== undefined);
  });

  it('when the shopper logs out, then the session row is gone and replaying the cookie gets 401', async () => {
    const { browser, userId } = await signedUpShopper('logout');
    const cookie = ((await browser.agent.get('/api/v1/auth/csrf')).request as unknown as { cookies: string })
      .cookies;
    assert.equal(await ctx().database.manager.countBy(SessionRecord, { userId }), 1);
    await browser.post('/api/v1/auth/logout').expect(204);
    assert.equal(await ctx().database.manager.countBy(SessionRecord, { userId }), 0);
    const replay = await request(ctx().app.express).get('/api/v1/me').set('Cookie', cookie);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, 'UNAUTHENTICATED');
    assert.ok((await auditOf(userId)).some((entry) => entry.action === 'logout'));
  });

  it('lists my sessions, marks the current one, and ends another; it stays out of reach of shopper B', async () => {
    const { email, browser } = await signedUpShopper('sessions');
    const phone = await new Browser().start();
    phone.agent.set('User-Agent', 'Phone/1.0');
    assert.equal((await phone.login(email)).status, 200);
    const list = await browser.get('/api/v1/me/sessions').expect(200);
    assert.equal(list.body.items.length, 2);
    const current = list.body.items.filter((item: { current: boolean }) => item.current);
    assert.equal(current.length, 1);
    const other = list.body.items.find((item: { current: boolean }) => !item.current);

    const shopperB = await signedUpShopper('intruder');
    const stolen = await shopperB.browser.delete(`/api/v1/me/sessions/${other.id}`);
    assert.equal(stolen.status, 404);
    assert.equal((await phone.get('/api/v1/me')).status, 200, 'B could not end A’s session');

    await browser.delete(`/api/v1/me/sessions/${other.id}`).expect(204);
    assert.equal((await phone.get('/api/v1/me')).status, 401);
    assert.equal((await browser.get('/api/v1/me')).status, 200);
  });
});

describe('CSRF', () => {
  it('when a cookie-authenticated change has no or a wrong token, then 403 and nothing changes', async () => {
    const { browser, userId } = await signedUpShopper('csrf');
    const missing = await browser.agent.patch('/api/v1/me').send({ displayName: 'Mallory' });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.code, 'CSRF_INVALID');
    const wrong = await browser.agent
      .patch('/api/v1/me')
      .set('X-CSRF-Token', 'forged-token')
      .send({ displayName: 'Mallory' });
    assert.equal(wrong.status, 403);
    assert.equal((await users().findOneByOrFail({ id: userId })).displayName, null);
  });

  it('when the shopper logs in, then the pre-login token no longer works and the new one does', async () => {
    const { email } = await signedUpShopper('csrf-rotate');
    const browser = await new Browser().start();
    const preLogin = browser.csrfToken;
    await browser.login(email);
    assert.notEqual(browser.csrfToken, preLogin);
    const stale = await browser.agent
      .patch('/api/v1/me')
      .set('X-CSRF-Token', preLogin)
      .send({ displayName: 'Jana' });
    assert.equal(stale.status, 403);
    await browser.patch('/api/v1/me', { displayName: 'Jana' }).expect(200);
  });
});

describe('profile', () => {
  it('when unknown fields such as role, email_verified or id are sent, then 400 and nothing changes', async () => {
    const { browser, userId } = await signedUpShopper('massassign');
    for (const field of [
      { role: 'admin' },
      { email_verified: true },
      { id: '1' },
      { email: 'x@example.test' },
    ]) {
      const response = await browser.patch('/api/v1/me', { displayName: 'Eva', ...field });
      assert.equal(response.status, 400, JSON.stringify(field));
      assert.equal(response.body.code, 'VALIDATION_FAILED');
    }
    const user = await users().findOneByOrFail({ id: userId });
    assert.equal(user.role, 'shopper');
    assert.equal(user.displayName, null);
  });

  it('when name, language and market change, then /me shows them and the audit has before and after', async () => {
    const { browser, userId } = await signedUpShopper('profile');
    const response = await browser.patch('/api/v1/me', {
      displayName: 'Zuzana',
      language: 'sk',
      market: 'sk',
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.language, 'sk');
    assert.equal(response.body.market, 'sk');
    const entry = (await auditOf(userId)).find((row) => row.action === 'profile_changed')!;
    assert.deepEqual(entry.before, { displayName: null, language: 'cs', market: 'cz' });
    assert.deepEqual(entry.after, { displayName: 'Zuzana', language: 'sk', market: 'sk' });
  });
});

describe('password change and reset', () => {
  it('when the password changes with "end other sessions", then other devices are logged out and no secret is audited', async () => {
    const { email, browser, userId } = await signedUpShopper('pwchange');
    const laptop = await new Browser().start();
    await laptop.login(email);
    const wrong = await browser.post('/api/v1/me/password', {
      currentPassword: 'nope nope',
      newPassword: 'nové heslo pro vratku 9',
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'INVALID_CURRENT_PASSWORD');
    const changed = await browser.post('/api/v1/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'nové heslo pro vratku 9',
      endOtherSessions: true,
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.endedSessions, 1);
    assert.equal((await laptop.get('/api/v1/me')).status, 401);
    assert.equal((await browser.get('/api/v1/me')).status, 200);
    const entries = await auditOf(userId);
    assert.ok(entries.some((entry) => entry.action === 'password_changed'));
    assert.ok(!JSON.stringify(entries).includes('nové heslo'));
  });

  it('when a reset link is used, then the password changes, every session ends, and the link works only once', async () => {
    const { email, browser } = await signedUpShopper('reset');
    const anonymous = await new Browser().start();
    const sentBefore = ctx().smtp.messages.length;
    await anonymous.post('/api/v1/auth/password-reset', { email }).expect(202);
    await ctx().app.outbox.drain();
    const mail = await waitForNewMail(email, /nového hesla/, sentBefore);
    const token = tokenFromMail(mail.text ?? '');
    await anonymous
      .post('/api/v1/auth/password-reset/confirm', { token, password: 'zcela nové heslo 2026' })
      .expect(204);
    assert.equal((await browser.get('/api/v1/me')).status, 401, 'old sessions ended');
    const again = await anonymous.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'ještě jiné heslo 2027',
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'LINK_INVALID');
    assert.equal((await anonymous.login(email, GOOD_PASSWORD)).status, 401);
    assert.equal((await anonymous.login(email, 'zcela nové heslo 2026')).status, 200);
  });

  it('answers a reset request for an unknown e-mail exactly like for a known one, and sends nothing', async () => {
    const { email } = await signedUpShopper('reset-known');
    const browser = await new Browser().start();
    const known = await browser.post('/api/v1/auth/password-reset', { email });
    const unknownEmail = uniqueEmail('reset-unknown');
    const unknown = await browser.post('/api/v1/auth/password-reset', { email: unknownEmail });
    assert.equal(known.status, 202);
    assert.deepEqual(unknown.body, known.body);
    await ctx().app.outbox.drain();
    assert.ok(!ctx().smtp.messages.some((mail) => JSON.stringify(mail.to ?? '').includes(unknownEmail)));
  });
});

describe('e-mail change', () => {
  it('needs the current password and a confirmation at the new address', async () => {
    const { browser, userId } = await signedUpShopper('emailchange');
    const newEmail = uniqueEmail('newaddress');
    const wrong = await browser.post('/api/v1/me/email', { currentPassword: 'wrong password', newEmail });
    assert.equal(wrong.status, 400);
    await browser.post('/api/v1/me/email', { currentPassword: GOOD_PASSWORD, newEmail }).expect(202);
    await ctx().app.outbox.drain();
    const mail = await ctx().mail(newEmail);
    assert.notEqual(
      (await users().findOneByOrFail({ id: userId })).email,
      newEmail,
      'not changed before confirmation',
    );
    await browser
      .post('/api/v1/auth/email-change/confirm', { token: tokenFromMail(mail.text ?? '') })
      .expect(204);
    const user = await users().findOneByOrFail({ id: userId });
    assert.equal(user.email, newEmail);
    assert.ok(user.emailVerifiedAt);
    const entry = (await auditOf(userId)).find((row) => row.action === 'email_changed')!;
    assert.equal(entry.after?.email, newEmail);
  });
});

describe('my audit log', () => {
  it('shows the shopper their own history with IP, browser and time, newest first, paginated', async () => {
    const { browser } = await signedUpShopper('history');
    await browser.patch('/api/v1/me', { displayName: 'Petr' }).expect(200);
    const first = await browser.get('/api/v1/me/audit?limit=2').expect(200);
    assert.deepEqual(
      first.body.items.map((item: { action: string }) => item.action),
      ['profile_changed', 'login'],
    );
    assert.ok(first.body.items[0].ip);
    assert.ok(first.body.items[0].createdAt);
    const second = await browser.get(`/api/v1/me/audit?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    assert.deepEqual(
      second.body.items.map((item: { action: string }) => item.action),
      ['email_verified', 'register'],
    );
  });
});

describe('session state', () => {
  it('answers 200 with null for a visitor and the profile once logged in, and lists configured providers', async () => {
    const visitor = await request(ctx().app.express).get('/api/v1/auth/session');
    assert.equal(visitor.status, 200);
    assert.deepEqual(visitor.body, {
      user: null,
      providers: { facebook: false, mojeid: false },
      legal: {
        terms: { current: { version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' }, next: null },
        privacy: { current: { version: '2026-01', effectiveFrom: '2025-12-31T23:00:00.000Z' }, next: null },
      },
    });
    const { browser, email } = await signedUpShopper('session-state');
    const state = await browser.get('/api/v1/auth/session').expect(200);
    assert.equal(state.body.user.email, email);
  });
});
