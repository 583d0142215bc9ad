import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../server/src/app.js';
import { ConsentEvent } from '../../server/src/modules/accounts/consent-event.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { fixedClock } from '../../server/src/platform/clock.js';
import {
  CURRENT_PRIVACY_VERSION,
  CURRENT_TERMS_VERSION,
  LEGAL_VERSIONS,
  MARKETING_CONSENT_TEXT_VERSION,
  type LegalVersions,
} from '../../shared/src/legal.js';
import { Browser, registration, signedUpShopper, uniqueEmail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const DAY_MS = 24 * 3600_000;

const consentsOf = (userId: string) =>
  ctx().database.manager.find(ConsentEvent, { where: { userId }, order: { id: 'ASC' } });
const auditOf = (userId: string, action: string) =>
  ctx().database.manager.find(AuditEntry, { where: { subjectUserId: userId, action }, order: { id: 'ASC' } });
const userRow = (userId: string) => ctx().database.manager.findOneByOrFail(User, { id: userId });

const NONE = { newsletter: false, offers: false, tips: false };

describe('marketing preferences', () => {
  it('when a shopper withdraws a consent and gives it again, then each change is exactly one consent-log row, and an unchanged save writes none', async () => {
    const { browser, userId } = await signedUpShopper('prefs');
    const other = await signedUpShopper('prefs-other');
    await other.browser.put('/api/v1/me/preferences', { marketing: { ...NONE, offers: true } }).expect(200);
    const othersBefore = await consentsOf(other.userId);

    // Registration recorded the starting point: every category, none consented.
    assert.deepEqual((await browser.get('/api/v1/me/preferences').expect(200)).body, {
      language: 'cs',
      marketing: NONE,
    });
    const registered = (await consentsOf(userId)).length;
    assert.equal(registered, 3);

    const given = await browser.put('/api/v1/me/preferences', { marketing: { ...NONE, newsletter: true } });
    assert.equal(given.status, 200);
    assert.deepEqual(given.body, { language: 'cs', marketing: { ...NONE, newsletter: true } });
    await browser.put('/api/v1/me/preferences', { marketing: { ...NONE, newsletter: true } }).expect(200);
    await browser.put('/api/v1/me/preferences', { marketing: NONE }).expect(200);
    const regiven = await browser.put('/api/v1/me/preferences', { marketing: { ...NONE, newsletter: true } });
    assert.deepEqual(regiven.body.marketing, { ...NONE, newsletter: true });

    const changes = (await consentsOf(userId)).slice(registered);
    assert.deepEqual(
      changes.map((event) => [event.category, event.granted, event.source]),
      [
        ['newsletter', true, 'settings'],
        ['newsletter', false, 'settings'],
        ['newsletter', true, 'settings'],
      ],
    );
    for (const event of changes) {
      assert.equal(event.textVersion, MARKETING_CONSENT_TEXT_VERSION);
      assert.ok(event.ip);
      assert.ok(event.createdAt instanceof Date);
    }
    const audited = await auditOf(userId, 'consent_changed');
    assert.equal(audited.length, 3);
    assert.deepEqual(audited[1]!.before, { newsletter: true });
    assert.deepEqual(audited[1]!.after, { newsletter: false });

    // The other shopper's log is as it was.
    assert.deepEqual(await consentsOf(other.userId), othersBefore);
    assert.deepEqual((await other.browser.get('/api/v1/me/preferences').expect(200)).body.marketing, {
      ...NONE,
      offers: true,
    });
  });

  it('when several categories change at once, then one row each, and the language changes with the profile audit', async () => {
    const { browser, userId } = await signedUpShopper('prefs-many');
    const before = (await consentsOf(userId)).length;
    const saved = await browser.put('/api/v1/me/preferences', {
      marketing: { newsletter: true, offers: true, tips: false },
      language: 'sk',
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, {
      language: 'sk',
      marketing: { newsletter: true, offers: true, tips: false },
    });
    assert.equal((await consentsOf(userId)).length, before + 2);
    assert.equal((await userRow(userId)).language, 'sk');
    assert.equal((await auditOf(userId, 'profile_changed')).length, 1);
  });

  for (const [label, body] of [
    ['a category left out', { marketing: { newsletter: true, offers: false } }],
    ['an unknown category', { marketing: { ...NONE, newsletter: true, partners: true } }],
    ['a consent that is not a boolean', { marketing: { ...NONE, newsletter: 'yes' } }],
    ['an unknown field', { marketing: { ...NONE, newsletter: true }, role: 'admin' }],
    ['an unknown language', { marketing: { ...NONE, newsletter: true }, language: 'de' }],
    ['no marketing at all', { language: 'en' }],
  ] as const) {
    it(`when the request has ${label}, then 400 problem+json and nothing is written`, async () => {
      const { browser, userId } = await signedUpShopper('prefs-invalid');
      const before = await consentsOf(userId);
      const response = await browser.put('/api/v1/me/preferences', body);
      assert.equal(response.status, 400);
      assert.match(response.headers['content-type'] ?? '', /application\/problem\+json/);
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(await consentsOf(userId), before);
      assert.equal((await auditOf(userId, 'consent_changed')).length, 0);
      assert.equal((await userRow(userId)).language, 'cs');
    });
  }

  it('when the CSRF token is missing, then 403 and nothing is written; a visitor gets 401', async () => {
    const { browser, userId } = await signedUpShopper('prefs-csrf');
    const before = await consentsOf(userId);
    const forged = await browser.agent
      .put('/api/v1/me/preferences')
      .send({ marketing: { ...NONE, newsletter: true } });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'CSRF_INVALID');
    assert.deepEqual(await consentsOf(userId), before);

    const visitor = await new Browser().start();
    assert.equal((await visitor.get('/api/v1/me/preferences')).status, 401);
    assert.equal((await visitor.put('/api/v1/me/preferences', { marketing: NONE })).status, 401);
  });

  it('when a read token asks, then it sees the preferences but cannot change them', async () => {
    const { browser, userId } = await signedUpShopper('prefs-token');
    const secret = (await browser.post('/api/v1/me/tokens', { name: 'app', scopes: ['read'] })).body
      .token as string;
    const app = ctx().app.express;
    const read = await request(app).get('/api/v1/me/preferences').set('Authorization', `Bearer ${secret}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.marketing, NONE);
    const before = await consentsOf(userId);
    const write = await request(app)
      .put('/api/v1/me/preferences')
      .set('Authorization', `Bearer ${secret}`)
      .send({ marketing: { ...NONE, tips: true } });
    assert.equal(write.status, 403);
    assert.equal(write.body.code, 'SESSION_REQUIRED');
    assert.deepEqual(await consentsOf(userId), before);
  });

  it('the consent log refuses UPDATE and DELETE in the database', async () => {
    const { userId } = await signedUpShopper('prefs-append-only');
    const { database } = ctx();
    await assert.rejects(
      database.run((manager) =>
        manager.query('UPDATE consent_events SET granted = 1 WHERE user_id = ?', [userId]),
      ),
      /append-only/,
    );
    await assert.rejects(
      database.run((manager) => manager.query('DELETE FROM consent_events WHERE user_id = ?', [userId])),
      /append-only/,
    );
    assert.equal((await consentsOf(userId)).filter((event) => event.granted).length, 0);
    assert.equal((await consentsOf(userId)).length, 3);
  });
});

describe('terms and privacy versions', () => {
  it('when a shopper registers, then the accepted versions and times are stored and shown in the profile', async () => {
    const { browser, userId } = await signedUpShopper('terms-registered');
    const user = await userRow(userId);
    assert.equal(user.termsVersion, CURRENT_TERMS_VERSION);
    assert.equal(user.privacyVersion, CURRENT_PRIVACY_VERSION);
    const me = (await browser.get('/api/v1/me').expect(200)).body;
    assert.equal(me.termsVersion, CURRENT_TERMS_VERSION);
    assert.equal(me.termsAcceptedAt, user.termsAcceptedAt!.toISOString());
    assert.equal(me.privacyVersion, CURRENT_PRIVACY_VERSION);
    assert.equal(me.privacyAcceptedAt, user.privacyAcceptedAt!.toISOString());
    assert.equal(me.mustAcceptTerms, false);
  });

  /**
   * An app on the suite's database whose terms have a newer version, `2099-01`, taking effect at
   * `effectiveFrom`. Sessions expire by the wall clock (the cookie's expiry), so instead of moving
   * one app's clock a month on, a second app shows the same registry once the date has passed.
   */
  function appWithNewTerms(effectiveFrom: Date) {
    const clock = fixedClock(ctx().clock.now());
    const legalVersions: LegalVersions = {
      ...LEGAL_VERSIONS,
      terms: [...LEGAL_VERSIONS.terms, { version: '2099-01', effectiveFrom: effectiveFrom.toISOString() }],
    };
    return { app: createApp({ ...ctx(), clock, legalVersions }).express, clock };
  }

  it('when a new version is announced, then the session tells of it ahead and nothing is required yet; it takes effect on its date', async () => {
    const effectiveAt = new Date(ctx().clock.now().getTime() + 30 * DAY_MS);
    const { app, clock } = appWithNewTerms(effectiveAt);
    const { email, userId } = await signedUpShopper('terms-announced');
    const browser = await new Browser(app).start();

    const login = await browser.login(email);
    assert.equal(login.status, 200);
    assert.equal(login.body.user.mustAcceptTerms, false);
    const announced = (await browser.get('/api/v1/auth/session').expect(200)).body;
    assert.deepEqual(announced.legal.terms, {
      current: LEGAL_VERSIONS.terms.at(-1),
      next: { version: '2099-01', effectiveFrom: effectiveAt.toISOString() },
    });
    assert.equal(announced.legal.privacy.next, null);
    assert.equal(announced.user.mustAcceptTerms, false);

    // Not in effect yet, so it cannot be accepted yet either.
    const early = await browser.post('/api/v1/me/terms-acceptance', {
      termsVersion: '2099-01',
      privacyVersion: CURRENT_PRIVACY_VERSION,
    });
    assert.equal(early.status, 400);
    assert.equal(early.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      early.body.errors.map((error: { path: string }) => error.path),
      ['termsVersion'],
    );
    assert.equal((await userRow(userId)).termsVersion, CURRENT_TERMS_VERSION);

    // On the date, a visitor is shown the new version as the one in effect.
    clock.set(new Date(effectiveAt.getTime() + 60_000));
    const later = (await request(app).get('/api/v1/auth/session').expect(200)).body;
    assert.deepEqual(later.legal.terms, {
      current: { version: '2099-01', effectiveFrom: effectiveAt.toISOString() },
      next: null,
    });
  });

  it('when a new version is in effect, then at the next login the shopper must accept it, and the acceptance is recorded once', async () => {
    const effectiveAt = new Date(ctx().clock.now().getTime() - 60_000);
    const { app, clock } = appWithNewTerms(effectiveAt);
    const { email, userId } = await signedUpShopper('terms-change');
    const browser = await new Browser(app).start();

    const login = await browser.login(email);
    assert.equal(login.status, 200);
    assert.equal(login.body.user.mustAcceptTerms, true);
    const state = (await browser.get('/api/v1/auth/session').expect(200)).body;
    assert.equal(state.user.mustAcceptTerms, true);
    assert.equal(state.user.termsVersion, CURRENT_TERMS_VERSION);
    assert.deepEqual(state.legal.terms, {
      current: { version: '2099-01', effectiveFrom: effectiveAt.toISOString() },
      next: null,
    });

    const stale = await browser.post('/api/v1/me/terms-acceptance', {
      termsVersion: CURRENT_TERMS_VERSION,
      privacyVersion: CURRENT_PRIVACY_VERSION,
    });
    assert.equal(stale.status, 400);
    assert.equal((await userRow(userId)).termsVersion, CURRENT_TERMS_VERSION);
    assert.equal((await auditOf(userId, 'terms_accepted')).length, 0);

    const accepted = await browser.post('/api/v1/me/terms-acceptance', {
      termsVersion: '2099-01',
      privacyVersion: CURRENT_PRIVACY_VERSION,
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.mustAcceptTerms, false);
    assert.equal(accepted.body.termsVersion, '2099-01');
    assert.equal(accepted.body.termsAcceptedAt, clock.now().toISOString());
    const user = await userRow(userId);
    assert.equal(user.termsVersion, '2099-01');
    assert.equal(user.termsAcceptedAt?.getTime(), clock.now().getTime());
    assert.equal(user.privacyVersion, CURRENT_PRIVACY_VERSION);
    const audited = await auditOf(userId, 'terms_accepted');
    assert.equal(audited.length, 1);
    assert.deepEqual(audited[0]!.before, {
      termsVersion: CURRENT_TERMS_VERSION,
      privacyVersion: CURRENT_PRIVACY_VERSION,
    });
    assert.deepEqual(audited[0]!.after, { termsVersion: '2099-01', privacyVersion: CURRENT_PRIVACY_VERSION });

    // Accepting again changes nothing.
    await browser
      .post('/api/v1/me/terms-acceptance', {
        termsVersion: '2099-01',
        privacyVersion: CURRENT_PRIVACY_VERSION,
      })
      .expect(200);
    assert.equal((await auditOf(userId, 'terms_accepted')).length, 1);
    assert.equal((await browser.get('/api/v1/me').expect(200)).body.mustAcceptTerms, false);
  });

  it('when new terms are in effect, then a registration naming the old ones is refused and nothing is written', async () => {
    const { app } = appWithNewTerms(new Date(ctx().clock.now().getTime() - 1000));
    const browser = await new Browser(app).start();
    const email = uniqueEmail('terms-old-signup');
    const refused = await browser.post('/api/v1/auth/register', registration(email));
    assert.equal(refused.status, 400);
    assert.match(refused.headers['content-type'] ?? '', /problem\+json/);
    assert.equal(refused.body.code, 'VALIDATION_FAILED');
    assert.equal(await ctx().database.manager.countBy(User, { email }), 0);
    await browser.post('/api/v1/auth/register', registration(email, { termsVersion: '2099-01' })).expect(202);
    assert.equal((await ctx().database.manager.findOneByOrFail(User, { email })).termsVersion, '2099-01');
  });

  it('when the acceptance names versions of another shape or has extra fields, then 400 and nothing changes', async () => {
    const { browser, userId } = await signedUpShopper('terms-invalid');
    const before = await userRow(userId);
    for (const body of [
      { termsVersion: CURRENT_TERMS_VERSION },
      { termsVersion: CURRENT_TERMS_VERSION, privacyVersion: CURRENT_PRIVACY_VERSION, adult: true },
      { termsVersion: '../etc', privacyVersion: CURRENT_PRIVACY_VERSION },
    ]) {
      const response = await browser.post('/api/v1/me/terms-acceptance', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.code, 'VALIDATION_FAILED');
    }
    assert.deepEqual(await userRow(userId), before);
    assert.equal((await auditOf(userId, 'terms_accepted')).length, 0);
  });
});
