import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { safeReturnPath } from '@shared/redirects.js';
import { PROVIDERS, ProviderParamsSchema, type Provider } from '@shared/contracts/accounts.js';
import { LANGUAGES, type Language, type MarketCode } from '@shared/markets.js';
import type { Config } from '../../../config.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import type { ApiRouter } from '../../../platform/http/api-router.js';
import { clientInfo } from '../../../platform/http/client-info.js';
import { AppError } from '../../../platform/http/errors.js';
import { limit } from '../../../platform/http/rate-limit.js';
import type { Logger } from '../../../platform/logger.js';
import type { AuditService } from '../../audit/index.js';
import { needsOnboarding, type AccountsService } from '../accounts.service.js';
import { requireSession } from '../auth.middleware.js';
import { startSession } from '../session.js';
import { FacebookProvider } from './facebook.provider.js';
import { MojeIdProvider } from './mojeid.provider.js';
import type { OAuthProviderClient } from './oauth-provider.js';
import { SocialLoginService } from './social-login.service.js';

const WINDOW_MS = 15 * 60_000;

export interface OAuthRoutesDeps {
  config: Config;
  clock: Clock;
  database: Database;
  logger: Logger;
  accounts: AccountsService;
  audit: AuditService;
}

const StartQuerySchema = z
  .object({
    link: z.literal('1').optional().meta({ description: '`1` links the provider to the logged-in account' }),
    next: z
      .string()
      .max(500)
      .optional()
      .meta({ description: 'A path on this site to return to after logging in' }),
  })
  .strict();

/** The provider decides what else it appends (Facebook `error_reason`, OIDC `iss`…), so extras pass. */
const CallbackQuerySchema = z.looseObject({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
});

/** Client pages the callbacks end on: fixed paths on our own origin, never taken from the request. */
const PAGES = {
  home: '/',
  onboarding: '/onboarding',
  login: '/login',
  settings: '/settings',
} as const;

/**
 * Login and account linking through Facebook and MojeID (see README.md in this folder for the
 * flow and how callback errors are answered). The routes exist whether or not a provider is
 * configured, so the API document does not depend on deployment secrets; an unconfigured one
 * answers 404 PROVIDER_NOT_CONFIGURED.
 */
export function registerOAuthRoutes(api: ApiRouter, deps: OAuthRoutesDeps): void {
  const { config } = deps;
  const socialLogin = new SocialLoginService(deps);
  const callbackUrl = (provider: Provider) => `${config.publicUrl}${api.prefix}/auth/${provider}/callback`;
  const clients: Partial<Record<Provider, OAuthProviderClient>> = {
    ...(config.facebook ? { facebook: new FacebookProvider(config.facebook, callbackUrl('facebook')) } : {}),
    ...(config.mojeId ? { mojeid: new MojeIdProvider(config.mojeId, callbackUrl('mojeid')) } : {}),
  };
  const configured = (provider: Provider): OAuthProviderClient => {
    const client = clients[provider];
    if (!client)
      throw new AppError('PROVIDER_NOT_CONFIGURED', 404, `Login with ${provider} is not set up here.`);
    return client;
  };
  const perIp = (name: string) => limit({ name, windowMs: WINDOW_MS, limit: config.authRateLimit.perIp });

  for (const provider of PROVIDERS) {
    api.route(
      {
        method: 'get',
        path: `/auth/${provider}`,
        summary: `Log in with ${provider}: redirects to the provider`,
        description:
          'Starts the round trip (state' +
          (provider === 'mojeid' ? ', nonce and PKCE' : '') +
          ' kept in the session). With `link=1` a logged-in shopper links the provider to the account.',
        tags: ['auth'],
        query: StartQuerySchema,
        before: [perIp(`oauth-start-${provider}`)],
        responses: { 302: { description: 'Redirect to the provider’s login page' } },
      },
      async ({ query, req, res }) => {
        const client = configured(provider);
        const link = query.link === '1';
        if (link) {
          if (!req.auth) throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
          if (req.auth.via !== 'session') {
            throw new AppError('SESSION_REQUIRED', 403, 'This needs a logged-in browser, not a token.');
          }
          // A GET, so no CSRF token: refuse a link started by another site's page instead, or a
          // forged visit could link whatever provider account the browser is logged into.
          const site = req.get('sec-fetch-site');
          if (site !== undefined && site !== 'same-origin' && site !== 'none') {
            throw new AppError('CROSS_SITE_REQUEST', 403, 'Start linking from your settings page.');
          }
          await socialLogin.assertCanLink(req.auth.user.id, provider);
        }
        // Only a path on this site survives as the return target (never another origin).
        const next = safeReturnPath(query.next, '');
        const round = { ...client.newRound(link), ...(next ? { next } : {}) };
        req.session.oauth = round;
        // Stored before the browser leaves, so the callback finds it even if it comes back fast.
        await saveSession(req);
        await client.redirect(req, res, round);
      },
    );

    api.route(
      {
        method: 'get',
        path: `/auth/${provider}/callback`,
        summary: `Return from ${provider}: logs in, creates the account, or links it`,
        description:
          'Redirects to `/` (or `/onboarding` while 18+ and the terms are unconfirmed) after a login, to ' +
          '`/settings?linked=' +
          provider +
          '` after linking, and to `/login?link=' +
          provider +
          '` when the e-mail belongs to another account (log in, then link from settings). Provider ' +
          'failures redirect to `/login?error=…` (`/settings?error=…` when linking). A missing or ' +
          'wrong `state` is refused with 400 OAUTH_STATE_MISMATCH and no session.',
        tags: ['auth'],
        query: CallbackQuerySchema,
        before: [perIp(`oauth-callback-${provider}`)],
        responses: { 302: { description: 'Redirect to a page of the web client' } },
      },
      async ({ query, req, res }) => {
        const client = configured(provider);
        const info = clientInfo(req);
        const round = req.session.oauth;
        if (!round || round.provider !== provider || !query.state || !sameSecret(query.state, round.state)) {
          // Single use: a wrong answer also spends the round trip in progress.
          if (round) delete req.session.oauth;
          await deps.audit.record({
            action: 'login_failed',
            actor: req.auth ? { kind: 'user', userId: req.auth.user.id } : { kind: 'anonymous' },
            subjectUserId: req.auth?.user.id ?? null,
            client: info,
            after: { method: provider, reason: 'state_mismatch' },
          });
          throw new AppError(
            'OAUTH_STATE_MISMATCH',
            400,
            'This login did not start in this browser or has expired. Start the login again.',
          );
        }
        delete req.session.oauth;
        const failurePage = round.link ? PAGES.settings : PAGES.login;

        if (query.error !== undefined) {
          await saveSession(req);
          redirect(res, failurePage, {
            error: query.error === 'access_denied' ? 'oauth_denied' : 'oauth_failed',
          });
          return;
        }
        let profile;
        try {
          profile = await client.complete(req, res, round);
        } catch (error) {
          deps.logger.warn(
            { provider, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
            'provider login did not complete',
          );
          await saveSession(req);
          redirect(res, failurePage, { error: 'oauth_failed' });
          return;
        }

        if (round.link) {
          // The round trip was started by this session's user; they must still be logged in.
          if (req.auth?.via !== 'session') throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
          await socialLogin.link(req.auth.user.id, provider, profile, info);
          await saveSession(req);
          redirect(res, PAGES.settings, { linked: provider });
          return;
        }

        const outcome = await socialLogin.login(provider, profile, preferencesOf(req), info);
        switch (outcome.kind) {
          case 'logged_in':
            await startSession(req, outcome.user.id, false, info, deps.clock);
            if (needsOnboarding(outcome.user)) redirect(res, PAGES.onboarding);
            // Back where the login started (e.g. the /go interstitial), re-checked as a same-site path.
            else res.redirect(302, safeReturnPath(round.next, PAGES.home));
            return;
          case 'link_required':
            // Kept only to explain the situation on the login page; a password login starts a new
            // session without it, and linking happens from settings with a fresh round trip.
            req.session.pendingIdentity = { provider, subject: profile.subject, email: profile.email };
            await saveSession(req);
            redirect(res, PAGES.login, { link: provider });
            return;
          case 'email_missing':
            await saveSession(req);
            redirect(res, PAGES.login, { error: 'oauth_email_missing' });
            return;
        }
      },
    );
  }

  api.route(
    {
      method: 'delete',
      path: '/me/identities/:provider',
      summary: 'Unlink a Facebook or MojeID login from my account',
      description: 'Refused with 409 LAST_LOGIN_METHOD when it is the only way left to log in.',
      tags: ['me'],
      security: [{ cookieSession: [] }],
      params: ProviderParamsSchema,
      before: [requireSession],
      responses: { 204: { description: 'Unlinked' } },
    },
    async ({ params, req }) => {
      await socialLogin.unlink(req.auth!.user.id, params.provider, clientInfo(req));
    },
  );
}

function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function redirect(
  res: Response,
  page: (typeof PAGES)[keyof typeof PAGES],
  query: Record<string, string> = {},
) {
  const search = new URLSearchParams(query).toString();
  res.redirect(302, search ? `${page}?${search}` : page);
}

function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((error: unknown) =>
      error
        ? reject(
            error instanceof Error ? error : new Error('the session could not be saved', { cause: error }),
          )
        : resolve(),
    ),
  );
}

/** A new account starts in the browser's language; onboarding lets the shopper pick the market. */
function preferencesOf(req: Request): { market: MarketCode; language: Language } {
  const accepted = req.acceptsLanguages(...LANGUAGES);
  const language: Language = accepted === false ? 'cs' : (accepted as Language);
  return { language, market: language === 'sk' ? 'sk' : 'cz' };
}
