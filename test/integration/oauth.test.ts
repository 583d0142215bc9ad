import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';
import request from 'supertest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { UserIdentity } from '../../server/src/modules/accounts/user-identity.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { CURRENT_PRIVACY_VERSION, CURRENT_TERMS_VERSION } from '../../shared/src/legal.js';
import { ctx, testEnvironment } from '../helpers/context.js';

/**
 * Facebook and MojeID logins run against a real local OAuth 2 / OpenID Connect server
 * (oauth2-mock-server): it serves discovery, the authorization redirect (checking PKCE), signed ID
 * tokens and the profile. Nothing of ours is mocked; the test only decides who the provider says
 * the person is.
 */

const PUBLIC_URL = 'http://localhost:3000';
const FACEBOOK_SECRET = 'facebook-app-secret-for-tests';
const PASSWORD = 'correct horse battery 42';
const PROBLEM = /^application\/problem\+json/;

type Provider = 'facebook' | 'mojeid';
type Agent = ReturnType<typeof request.agent>;

/** Who the provider says the person is, for the next round trip. */
interface ProviderPerson {
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

const uniqueEmail = () => `oauth-${randomBytes(6).toString('hex')}@example.test`;
const uniqueSubject = (provider: Provider) => `${provider}-${randomBytes(8).toString('hex')}`;

describe('social login (Facebook, MojeID) against a local OAuth/OIDC server', () => {
  let oauthServer: OAuth2Server;
  let app: App;
  let person: ProviderPerson = { sub: 'nobody' };
  let lastProfileRequestUrl: URL | undefined;

  before(async () => {
    oauthServer = new OAuth2Server();
    await oauthServer.issuer.keys.generate('RS256');
    await oauthServer.start(0, '127.0.0.1');
    const issuer = oauthServer.issuer.url!;

    oauthServer.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
      token.payload.sub = person.sub;
    });
    oauthServer.service.on(
      'beforeUserinfo',
      (response: { body: Record<string, unknown> }, req: IncomingMessage) => {
        const url = new URL(req.url ?? '/', issuer);
        lastProfileRequestUrl = url;
        const email = person.email === undefined ? {} : { email: person.email };
        // Facebook's Graph API answers `/me?fields=id,email`; OIDC UserInfo answers with claims.
        response.body = url.searchParams.has('fields')
          ? { id: person.sub, ...email }
          : { sub: person.sub, ...email, email_verified: person.emailVerified ?? false };
      },
    );

    const context = ctx();
    const config = loadConfig({
      ...testEnvironment(context.target, `smtp://127.0.0.1:${context.smtp.port}`),
      PUBLIC_URL,
      FACEBOOK_APP_ID: 'facebook-app-id',
      FACEBOOK_APP_SECRET: FACEBOOK_SECRET,
      FACEBOOK_AUTHORIZATION_URL: `${issuer}/authorize`,
      FACEBOOK_TOKEN_URL: `${issuer}/token`,
      FACEBOOK_PROFILE_URL: `${issuer}/userinfo`,
      MOJEID_ISSUER: issuer,
      // No characters that Basic auth form-encodes: the mock server compares the raw value with `aud`.
      MOJEID_CLIENT_ID: 'vratkatests',
      MOJEID_CLIENT_SECRET: 'mojeid-client-secret-for-tests',
    });
    app = createApp({
      config,
      database: context.database,
      logger: context.logger,
      clock: context.clock,
      mailer: context.mailer,
    });
  });

  after(async () => {
    await app?.outbox.stop();
    await oauthServer?.stop();
  });

  const newAgent = () => request.agent(app.express);

  /** The browser's trip: our start → the provider's authorize endpoint → back to our callback. */
  async function roundTrip(
    agent: Agent,
    provider: Provider,
    options: { link?: boolean; next?: string; tamper?: (callback: URL) => void } = {},
  ) {
    const query = new URLSearchParams({
      ...(options.link ? { link: '1' } : {}),
      ...(options.next ? { next: options.next } : {}),
    });
    const start = await agent.get(`/api/v1/auth/${provider}${query.size ? `?${query.toString()}` : ''}`);
    assert.equal(start.status, 302, JSON.stringify(start.body));
    const authorizeUrl = new URL(start.headers.location!);
    const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(authorize.status, 302);
    const callback = new URL(authorize.headers.get('location')!);
    assert.equal(`${callback.origin}${callback.pathname}`, `${PUBLIC_URL}/api/v1/auth/${provider}/callback`);
    options.tamper?.(callback);
    const response = await agent.get(`${callback.pathname}${callback.search}`);
    return { authorizeUrl, response };
  }

  async function loginAs(provider: Provider, who: ProviderPerson, agent = newAgent()) {
    person = who;
    const { authorizeUrl, response } = await roundTrip(agent, provider);
    return { agent, authorizeUrl, response };
  }

  async function csrfToken(agent: Agent): Promise<string> {
    return ((await agent.get('/api/v1/auth/csrf').expect(200)).body as { csrfToken: string }).csrfToken;
  }

  /** A change with the session's CSRF token (fetched first: the agent attaches cookies when a request is built). */
  async function change(agent: Agent, method: 'post' | 'delete', path: string, body?: object) {
    const token = await csrfToken(agent);
    const pending = agent[method](path).set('X-CSRF-Token', token);
    return body === undefined ? pending : pending.send(body);
  }

  /** A shopper who registered with e-mail and password, logged in on a fresh agent. */
  async function passwordShopper(email = uniqueEmail()) {
    const agent = newAgent();
    const registered = await change(agent, 'post', '/api/v1/auth/register', {
      email,
      password: PASSWORD,
      market: 'cz',
      language: 'cs',
      adultConfirmed: true,
      termsVersion: CURRENT_TERMS_VERSION,
      privacyVersion: CURRENT_PRIVACY_VERSION,
    });
    assert.equal(registered.status, 202, JSON.stringify(registered.body));
    const login = await change(agent, 'post', '/api/v1/auth/login', { email, password: PASSWORD });
    assert.equal(login.status, 200);
    return { agent, email, userId: login.body.user.id as string, csrf: login.body.csrfToken as string };
  }

  const identitiesOf = (userId: string) => ctx().database.manager.findBy(UserIdentity, { userId });
  const identityFor = (provider: Provider, subject: string) =>
    ctx().database.manager.findOneBy(UserIdentity, { provider, subject });
  const auditActions = async (userId: string) =>
    (
      await ctx().database.manager.find(AuditEntry, {
        where: { subjectUserId: userId },
        order: { id: 'ASC' },
      })
    ).map((entry) => entry.action);

  function assertProblem(response: request.Response, status: number, code: string) {
    assert.equal(response.status, status, JSON.stringify(response.body));
    assert.match(response.headers['content-type'] ?? '', PROBLEM);
    assert.equal(response.body.code, code);
  }

  function assertRedirect(response: request.Response, location: string) {
    assert.equal(response.status, 302, response.text);
    assert.equal(response.headers.location, location);
  }

  async function assertLoggedOut(agent: Agent) {
    assertProblem(await agent.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  }

  describe('MojeID (OpenID Connect)', () => {
    it('sends the browser to the issuer with PKCE (S256), state, nonce and only the e-mail scope', async () => {
      const start = await newAgent().get('/api/v1/auth/mojeid');
      assert.equal(start.status, 302);
      assert.match(
        start.headers['set-cookie']?.[0] ?? '',
        /^vratka\.sid=/,
        'the round trip is kept in a session',
      );
      const url = new URL(start.headers.location!);
      assert.equal(`${url.origin}${url.pathname}`, `${oauthServer.issuer.url}/authorize`);
      assert.equal(url.searchParams.get('scope'), 'openid email');
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('client_id'), 'vratkatests');
      assert.equal(url.searchParams.get('redirect_uri'), `${PUBLIC_URL}/api/v1/auth/mojeid/callback`);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.match(url.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.match(url.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32,}$/);
      assert.match(url.searchParams.get('nonce') ?? '', /^[A-Za-z0-9_-]{32,}$/);
    });

    it('when the subject and the e-mail are new, then an account is created, logged in, and onboarding is required', async () => {
      const email = uniqueEmail();
      const sub = uniqueSubject('mojeid');
      const { agent, response } = await loginAs('mojeid', {
        sub,
        email: email.toUpperCase(),
        emailVerified: true,
      });
      assertRedirect(response, '/onboarding');

      const me = await agent.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.email, email, 'the address is stored normalised');
      assert.equal(me.body.emailVerified, true, 'MojeID vouched for the address');
      assert.equal(me.body.hasPassword, false);
      assert.equal(me.body.onboardingRequired, true);
      assert.deepEqual(me.body.providers, ['mojeid']);

      const identity = await identityFor('mojeid', sub);
      assert.equal(identity?.userId, me.body.id);
      assert.equal(identity?.email, email);
      const user = await ctx().database.manager.findOneByOrFail(User, { id: me.body.id as string });
      assert.equal(user.passwordHash, null);
      assert.equal(user.adultConfirmedAt, null);
      assert.equal(user.termsVersion, null);
      assert.deepEqual(await auditActions(user.id), ['register', 'provider_linked', 'login']);
    });

    it('when the same subject logs in again, then it is the same account, and after onboarding it lands on /', async () => {
      const sub = uniqueSubject('mojeid');
      const first = await loginAs('mojeid', { sub, email: uniqueEmail(), emailVerified: true });
      assertRedirect(first.response, '/onboarding');
      const userId = (await first.agent.get('/api/v1/me')).body.id as string;
      const onboarded = await change(first.agent, 'post', '/api/v1/me/onboarding', {
        adultConfirmed: true,
        termsVersion: CURRENT_TERMS_VERSION,
        privacyVersion: CURRENT_PRIVACY_VERSION,
        market: 'cz',
        language: 'cs',
      });
      assert.equal(onboarded.status, 200, JSON.stringify(onboarded.body));

      // The provider may report another address now; the subject decides who it is.
      const second = await loginAs('mojeid', { sub, email: uniqueEmail(), emailVerified: true });
      assertRedirect(second.response, '/');
      const me = (await second.agent.get('/api/v1/me').expect(200)).body;
      assert.equal(me.id, userId);
      assert.equal(me.onboardingRequired, false);
      assert.equal((await identitiesOf(userId)).length, 1);
      assert.equal((await auditActions(userId)).filter((action) => action === 'login').length, 2);

      // Started from the /go interstitial, the login returns there; another origin never.
      person = { sub, email: uniqueEmail(), emailVerified: true };
      assertRedirect(
        (await roundTrip(newAgent(), 'mojeid', { next: '/go/alza-cz' })).response,
        '/go/alza-cz',
      );
      assertRedirect((await roundTrip(newAgent(), 'mojeid', { next: '//evil.example/x' })).response, '/');
    });

    it('when the ID token carries no e-mail, then it is read from UserInfo, and an unverified one is not trusted', async () => {
      const email = uniqueEmail();
      const { agent, response } = await loginAs('mojeid', {
        sub: uniqueSubject('mojeid'),
        email,
        emailVerified: false,
      });
      assertRedirect(response, '/onboarding');
      const me = (await agent.get('/api/v1/me').expect(200)).body;
      assert.equal(me.email, email);
      assert.equal(me.emailVerified, false);
      const mail = await ctx().mail(email);
      assert.match(mail.text ?? '', /verify-email#token=/, 'the address is confirmed by mail instead');
    });

    it('when the e-mail belongs to a password account, then nothing is merged: no session, no identity, a pointer to log in and link', async () => {
      const owner = await passwordShopper();
      const sub = uniqueSubject('mojeid');
      const { agent, response } = await loginAs('mojeid', { sub, email: owner.email, emailVerified: true });
      assertRedirect(response, '/login?link=mojeid');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('mojeid', sub), null);
      assert.deepEqual(await identitiesOf(owner.userId), []);

      // Logging in with the password in the same browser does not link the pending identity either.
      const login = await change(agent, 'post', '/api/v1/auth/login', {
        email: owner.email,
        password: PASSWORD,
      });
      assert.equal(login.status, 200);
      assert.deepEqual(login.body.user.providers, []);
      assert.equal(await identityFor('mojeid', sub), null);
      assert.ok(!(await auditActions(owner.userId)).includes('provider_linked'));
    });

    it('when a logged-in shopper links MojeID from settings, then the identity is linked and audited, and MojeID logs into that account', async () => {
      const shopper = await passwordShopper();
      const sub = uniqueSubject('mojeid');
      person = { sub, email: uniqueEmail(), emailVerified: true };
      const { response } = await roundTrip(shopper.agent, 'mojeid', { link: true });
      assertRedirect(response, '/settings?linked=mojeid');

      assert.equal((await identityFor('mojeid', sub))?.userId, shopper.userId);
      const me = (await shopper.agent.get('/api/v1/me').expect(200)).body;
      assert.deepEqual(me.providers, ['mojeid']);
      const linked = await ctx().database.manager.findOneByOrFail(AuditEntry, {
        subjectUserId: shopper.userId,
        action: 'provider_linked',
      });
      assert.equal(linked.actorUserId, shopper.userId);
      assert.equal(linked.after?.provider, 'mojeid');

      const later = await loginAs('mojeid', { sub, email: uniqueEmail(), emailVerified: true });
      assertRedirect(later.response, '/');
      assert.equal((await later.agent.get('/api/v1/me').expect(200)).body.id, shopper.userId);
    });

    it('when the MojeID login to link belongs to another account, then 409 and nothing changes', async () => {
      const sub = uniqueSubject('mojeid');
      const other = await loginAs('mojeid', { sub, email: uniqueEmail(), emailVerified: true });
      const otherId = (await other.agent.get('/api/v1/me').expect(200)).body.id as string;

      const shopper = await passwordShopper();
      person = { sub, email: uniqueEmail(), emailVerified: true };
      const { response } = await roundTrip(shopper.agent, 'mojeid', { link: true });
      assertProblem(response, 409, 'IDENTITY_LINKED_ELSEWHERE');
      assert.equal((await identityFor('mojeid', sub))?.userId, otherId);
      assert.deepEqual(await identitiesOf(shopper.userId), []);
    });

    it('when linking is asked without a login, then 401 and no redirect to the provider', async () => {
      assertProblem(await newAgent().get('/api/v1/auth/mojeid?link=1'), 401, 'UNAUTHENTICATED');
    });

    it('when another site sends a logged-in browser to start linking, then 403 and no round trip starts', async () => {
      const shopper = await passwordShopper();
      const forged = await shopper.agent
        .get('/api/v1/auth/mojeid?link=1')
        .set('Sec-Fetch-Site', 'cross-site');
      assertProblem(forged, 403, 'CROSS_SITE_REQUEST');
      // The login itself may come from anywhere (a link on our home page, a bookmark).
      const login = await newAgent().get('/api/v1/auth/mojeid').set('Sec-Fetch-Site', 'cross-site');
      assert.equal(login.status, 302);
    });

    it('when the callback has no state, then 400 OAUTH_STATE_MISMATCH and no session', async () => {
      const agent = newAgent();
      const sub = uniqueSubject('mojeid');
      person = { sub, email: uniqueEmail(), emailVerified: true };
      const { response } = await roundTrip(agent, 'mojeid', {
        tamper: (url) => url.searchParams.delete('state'),
      });
      assertProblem(response, 400, 'OAUTH_STATE_MISMATCH');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('mojeid', sub), null);

      // A callback from a browser that never started a login creates no session at all.
      const stranger = await request(app.express).get('/api/v1/auth/mojeid/callback?code=abc&state=def');
      assertProblem(stranger, 400, 'OAUTH_STATE_MISMATCH');
      assert.equal(stranger.headers['set-cookie'], undefined);
    });

    it('when the state does not match, then 400 OAUTH_STATE_MISMATCH, no session, and the round trip is spent', async () => {
      const agent = newAgent();
      const sub = uniqueSubject('mojeid');
      person = { sub, email: uniqueEmail(), emailVerified: true };
      let genuine: URL | undefined;
      const { response } = await roundTrip(agent, 'mojeid', {
        tamper: (url) => {
          genuine = new URL(url);
          url.searchParams.set('state', `${url.searchParams.get('state')}x`);
        },
      });
      assertProblem(response, 400, 'OAUTH_STATE_MISMATCH');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('mojeid', sub), null);

      const replay = await agent.get(`${genuine!.pathname}${genuine!.search}`);
      assertProblem(replay, 400, 'OAUTH_STATE_MISMATCH');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('mojeid', sub), null);
    });

    it('when the shopper cancels at the provider, then back to /login with an error code and no session', async () => {
      const agent = newAgent();
      const start = await agent.get('/api/v1/auth/mojeid');
      const state = new URL(start.headers.location!).searchParams.get('state')!;
      const response = await agent.get(`/api/v1/auth/mojeid/callback?error=access_denied&state=${state}`);
      assertRedirect(response, '/login?error=oauth_denied');
      await assertLoggedOut(agent);
    });

    it('unlinks a provider, but never the last way into the account', async () => {
      const onlyMojeId = await loginAs('mojeid', {
        sub: uniqueSubject('mojeid'),
        email: uniqueEmail(),
        emailVerified: true,
      });
      const refused = await change(onlyMojeId.agent, 'delete', '/api/v1/me/identities/mojeid');
      assertProblem(refused, 409, 'LAST_LOGIN_METHOD');
      const onlyId = (await onlyMojeId.agent.get('/api/v1/me')).body.id as string;
      assert.equal((await identitiesOf(onlyId)).length, 1);

      const shopper = await passwordShopper();
      person = { sub: uniqueSubject('mojeid'), email: uniqueEmail(), emailVerified: true };
      assertRedirect(
        (await roundTrip(shopper.agent, 'mojeid', { link: true })).response,
        '/settings?linked=mojeid',
      );
      const csrf = await csrfToken(shopper.agent);
      await shopper.agent.delete('/api/v1/me/identities/mojeid').set('X-CSRF-Token', csrf).expect(204);
      assert.deepEqual(await identitiesOf(shopper.userId), []);
      assert.deepEqual((await shopper.agent.get('/api/v1/me')).body.providers, []);
      assert.ok((await auditActions(shopper.userId)).includes('provider_unlinked'));
      assertProblem(
        await shopper.agent.delete('/api/v1/me/identities/mojeid').set('X-CSRF-Token', csrf),
        404,
        'NOT_FOUND',
      );
      assertProblem(await shopper.agent.delete('/api/v1/me/identities/mojeid'), 403, 'CSRF_INVALID');
    });
  });

  describe('Facebook (passport-facebook)', () => {
    it('when the Facebook id and e-mail are new, then an account is created with enableProof and only id,email asked', async () => {
      const email = uniqueEmail();
      const sub = uniqueSubject('facebook');
      const { agent, authorizeUrl, response } = await loginAs('facebook', { sub, email });
      assert.equal(authorizeUrl.searchParams.get('scope'), 'email');
      assert.equal(authorizeUrl.searchParams.get('client_id'), 'facebook-app-id');
      assert.equal(
        authorizeUrl.searchParams.get('redirect_uri'),
        `${PUBLIC_URL}/api/v1/auth/facebook/callback`,
      );
      assert.match(authorizeUrl.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32,}$/);
      assertRedirect(response, '/onboarding');

      const profileUrl = lastProfileRequestUrl!;
      assert.equal(profileUrl.searchParams.get('fields'), 'id,email');
      const accessToken = profileUrl.searchParams.get('access_token')!;
      assert.equal(
        profileUrl.searchParams.get('appsecret_proof'),
        createHmac('sha256', FACEBOOK_SECRET).update(accessToken).digest('hex'),
      );

      const me = (await agent.get('/api/v1/me').expect(200)).body;
      assert.equal(me.email, email);
      assert.equal(me.emailVerified, false, 'Facebook does not say the address is confirmed');
      assert.equal(me.onboardingRequired, true);
      assert.deepEqual(me.providers, ['facebook']);
      assert.equal((await identityFor('facebook', sub))?.userId, me.id);
      assert.deepEqual(await auditActions(me.id as string), ['register', 'provider_linked', 'login']);

      const again = await loginAs('facebook', { sub, email });
      assertRedirect(again.response, '/onboarding');
      assert.equal((await again.agent.get('/api/v1/me').expect(200)).body.id, me.id);
    });

    it('when the state does not match, then 400 OAUTH_STATE_MISMATCH and no session', async () => {
      const agent = newAgent();
      const sub = uniqueSubject('facebook');
      person = { sub, email: uniqueEmail() };
      const { response } = await roundTrip(agent, 'facebook', {
        tamper: (url) => url.searchParams.set('state', 'forged-state'),
      });
      assertProblem(response, 400, 'OAUTH_STATE_MISMATCH');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('facebook', sub), null);
    });

    it('when Facebook gives no e-mail for a new person, then no account and back to /login with an error code', async () => {
      const agent = newAgent();
      const sub = uniqueSubject('facebook');
      const { response } = await loginAs('facebook', { sub }, agent);
      assertRedirect(response, '/login?error=oauth_email_missing');
      await assertLoggedOut(agent);
      assert.equal(await identityFor('facebook', sub), null);
    });

    it('when a logged-in shopper links Facebook from settings, then it shows and can be unlinked while a password remains', async () => {
      const shopper = await passwordShopper();
      person = { sub: uniqueSubject('facebook'), email: uniqueEmail() };
      assertRedirect(
        (await roundTrip(shopper.agent, 'facebook', { link: true })).response,
        '/settings?linked=facebook',
      );
      assert.deepEqual((await shopper.agent.get('/api/v1/me')).body.providers, ['facebook']);
      assert.equal((await change(shopper.agent, 'delete', '/api/v1/me/identities/facebook')).status, 204);
    });
  });

  it('when a provider is not configured, then its routes answer 404 PROVIDER_NOT_CONFIGURED', async () => {
    for (const provider of ['facebook', 'mojeid']) {
      assertProblem(
        await request(ctx().app.express).get(`/api/v1/auth/${provider}`),
        404,
        'PROVIDER_NOT_CONFIGURED',
      );
    }
  });
});
