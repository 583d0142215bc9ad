import type { Request } from 'express';
import { z } from 'zod';
import {
  AcceptedResponseSchema,
  AuditPageSchema,
  CsrfResponseSchema,
  EmailChangeSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
  OnboardingRequestSchema,
  PageQuerySchema,
  PasswordChangeSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  PreferencesSchema,
  PreferencesUpdateSchema,
  ProfilePatchSchema,
  RegisterRequestSchema,
  SessionIdParamsSchema,
  SessionListSchema,
  SessionStateSchema,
  TermsAcceptanceSchema,
  TokenRequestSchema,
} from '@shared/contracts/accounts.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo, truncateIp } from '../../platform/http/client-info.js';
import { AppError } from '../../platform/http/errors.js';
import { emailFromBody, limit } from '../../platform/http/rate-limit.js';
import type { AuditEntry } from '../audit/index.js';
import type { AuditService } from '../audit/index.js';
import type { AccountsService } from './accounts.service.js';
import { requireScope, requireSession, requireUser } from './auth.middleware.js';
import { currentSessionHash, endSession, sessionCookieName, startSession } from './session.js';
import type { DatabaseSessionStore } from './session-store.js';

const WINDOW_MS = 15 * 60_000;
type Security = Array<Record<string, string[]>>;
const SECURITY: Security = [{ cookieSession: [] }];
const READ_SECURITY: Security = [{ cookieSession: [] }, { personalAccessToken: ['read'] }];

export interface AccountRoutesDeps {
  config: Config;
  clock: Clock;
  accounts: AccountsService;
  audit: AuditService;
  sessions: DatabaseSessionStore;
  issueCsrfToken: (req: Request, fresh?: boolean) => string;
}

const accepted = (message: string) => ({ status: 'accepted' as const, message });

export function toAuditView(entry: AuditEntry, subjectUserId: string) {
  return {
    id: entry.id,
    action: entry.action,
    actor:
      entry.actorKind === 'staff' && entry.actorUserId !== subjectUserId
        ? ('staff' as const)
        : entry.actorKind === 'system'
          ? ('system' as const)
          : ('self' as const),
    createdAt: entry.createdAt.toISOString(),
    ip: entry.ip,
    userAgent: entry.userAgent,
    before: entry.before,
    after: entry.after,
  };
}

export function registerAccountRoutes(api: ApiRouter, deps: AccountRoutesDeps): void {
  const { accounts, clock } = deps;
  const perIp = (name: string) =>
    limit({ name: `${name}-ip`, windowMs: WINDOW_MS, limit: deps.config.authRateLimit.perIp });
  const perAccount = (name: string) =>
    limit({
      name: `${name}-account`,
      windowMs: WINDOW_MS,
      limit: deps.config.authRateLimit.perAccount,
      key: emailFromBody,
    });

  api.route(
    {
      method: 'get',
      path: '/auth/csrf',
      summary: 'A CSRF token for this browser session; send it as X-CSRF-Token on every change',
      tags: ['auth'],
      responses: { 200: { description: 'The token', schema: CsrfResponseSchema } },
    },
    ({ req }) => ({ csrfToken: deps.issueCsrfToken(req) }),
  );

  api.route(
    {
      method: 'get',
      path: '/auth/session',
      summary:
        'Who is logged in (null for visitors), which social logins are offered, and the terms in effect',
      description:
        'Always 200, so a browser can ask without logging a 401. `legal` names the versions of the ' +
        'terms and the privacy notice in effect now and any version announced to take effect later; ' +
        '`user.mustAcceptTerms` says the shopper accepted an older one and must accept the current ' +
        'ones (`POST /me/terms-acceptance`) before going on.',
      tags: ['auth'],
      responses: { 200: { description: 'The session state', schema: SessionStateSchema } },
    },
    async ({ req }) => ({
      user: req.auth?.via === 'session' ? await accounts.toMe(req.auth.user) : null,
      providers: { facebook: deps.config.facebook !== undefined, mojeid: deps.config.mojeId !== undefined },
      legal: accounts.legal(),
    }),
  );

  api.route(
    {
      method: 'post',
      path: '/auth/register',
      summary: 'Create an account (18+ only); a verification link is e-mailed',
      description: 'Answers the same whether or not the address already has an account.',
      tags: ['auth'],
      body: RegisterRequestSchema,
      before: [perIp('register'), perAccount('register')],
      responses: { 202: { description: 'Accepted; check your mailbox', schema: AcceptedResponseSchema } },
    },
    async ({ body, req }) => {
      await accounts.register(body, clientInfo(req));
      return accepted('If this address is new, your account is ready and a verification link is on its way.');
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with e-mail and password; starts a new session',
      tags: ['auth'],
      body: LoginRequestSchema,
      before: [perIp('login'), perAccount('login')],
      responses: { 200: { description: 'Logged in', schema: LoginResponseSchema } },
    },
    async ({ body, req }) => {
      const client = clientInfo(req);
      const user = await accounts.login(body, client);
      await startSession(req, user.id, body.remember, client, clock);
      return { user: await accounts.toMe(user), csrfToken: deps.issueCsrfToken(req, true) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Log out: the session ends on the server',
      tags: ['auth'],
      security: SECURITY,
      before: [requireSession],
      responses: { 204: { description: 'Logged out' } },
    },
    async ({ req, res }) => {
      const user = req.auth!.user;
      await deps.audit.record({
        action: 'logout',
        actor: { kind: 'user', userId: user.id },
        subjectUserId: user.id,
        client: clientInfo(req),
      });
      await endSession(req);
      res.clearCookie(sessionCookieName(deps.config), { path: '/' });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/verify-email',
      summary: 'Confirm the e-mail address with the token from the verification link',
      tags: ['auth'],
      body: TokenRequestSchema,
      responses: { 204: { description: 'Verified' } },
    },
    async ({ body, req }) => {
      await accounts.verifyEmail(body.token, clientInfo(req));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/verify-email/resend',
      summary: 'Send the verification link again',
      tags: ['auth'],
      security: SECURITY,
      before: [
        requireSession,
        limit({ name: 'resend', windowMs: WINDOW_MS, limit: 5, key: (req) => req.auth?.user.id }),
      ],
      responses: { 202: { description: 'Sent if not verified yet', schema: AcceptedResponseSchema } },
    },
    async ({ req }) => {
      await accounts.resendVerification(req.auth!.user.id);
      return accepted('If your address is not verified yet, a new link is on its way.');
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/password-reset',
      summary: 'E-mail a single-use link to set a new password',
      description: 'Answers the same whether or not the address has an account.',
      tags: ['auth'],
      body: PasswordResetRequestSchema,
      before: [perIp('reset'), perAccount('reset')],
      responses: { 202: { description: 'Accepted', schema: AcceptedResponseSchema } },
    },
    async ({ body, req }) => {
      await accounts.requestPasswordReset(body.email, clientInfo(req));
      return accepted('If this address has an account, a link to set a new password is on its way.');
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      summary: 'Set a new password with the token from the reset link; ends every session',
      tags: ['auth'],
      body: PasswordResetConfirmSchema,
      before: [perIp('reset-confirm')],
      responses: { 204: { description: 'Password set' } },
    },
    async ({ body, req }) => {
      await accounts.confirmPasswordReset(body.token, body.password, clientInfo(req));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/email-change/confirm',
      summary: 'Confirm a new e-mail address with the token sent to it',
      tags: ['auth'],
      body: TokenRequestSchema,
      responses: { 204: { description: 'E-mail changed' } },
    },
    async ({ body, req }) => {
      await accounts.confirmEmailChange(body.token, clientInfo(req));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/me',
      summary: 'My profile',
      tags: ['me'],
      security: READ_SECURITY,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'The profile', schema: MeSchema } },
    },
    ({ req }) => accounts.toMe(req.auth!.user),
  );

  api.route(
    {
      method: 'patch',
      path: '/me',
      summary: 'Change name, language or market (nothing else can be changed here)',
      tags: ['me'],
      security: SECURITY,
      body: ProfilePatchSchema,
      before: [requireSession],
      responses: { 200: { description: 'The updated profile', schema: MeSchema } },
    },
    async ({ body, req }) =>
      accounts.toMe(await accounts.updateProfile(req.auth!.user.id, body, clientInfo(req))),
  );

  api.route(
    {
      method: 'post',
      path: '/me/onboarding',
      summary: 'Confirm 18+ and accept the current terms (accounts created through a provider)',
      tags: ['me'],
      security: SECURITY,
      body: OnboardingRequestSchema,
      before: [requireSession],
      responses: { 200: { description: 'The updated profile', schema: MeSchema } },
    },
    async ({ body, req }) =>
      accounts.toMe(await accounts.completeOnboarding(req.auth!.user.id, body, clientInfo(req))),
  );

  api.route(
    {
      method: 'post',
      path: '/me/terms-acceptance',
      summary: 'Accept the terms and the privacy notice in effect now, after a new version took effect',
      description:
        'Both versions must be the ones in effect (see `legal` in `GET /auth/session`); anything else ' +
        'is 400 VALIDATION_FAILED and nothing is recorded. Audited as `terms_accepted`.',
      tags: ['me'],
      security: SECURITY,
      body: TermsAcceptanceSchema,
      before: [requireSession],
      responses: { 200: { description: 'The updated profile', schema: MeSchema } },
    },
    async ({ body, req }) =>
      accounts.toMe(await accounts.acceptTerms(req.auth!.user.id, body, clientInfo(req))),
  );

  api.route(
    {
      method: 'get',
      path: '/me/preferences',
      summary: 'My marketing e-mail consent per category, and my language',
      tags: ['me'],
      security: READ_SECURITY,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'The preferences', schema: PreferencesSchema } },
    },
    ({ req }) => accounts.preferences(req.auth!.user),
  );

  api.route(
    {
      method: 'put',
      path: '/me/preferences',
      summary: 'Give or withdraw marketing e-mail consent per category (and change the language)',
      description:
        'Takes every category. Each category whose consent changes is one row of the consent log; ' +
        'a category that stays as it was writes nothing.',
      tags: ['me'],
      security: SECURITY,
      body: PreferencesUpdateSchema,
      before: [requireSession],
      responses: { 200: { description: 'The preferences now', schema: PreferencesSchema } },
    },
    ({ body, req }) => accounts.updatePreferences(req.auth!.user.id, body, clientInfo(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change my password; optionally end my other sessions',
      tags: ['me'],
      security: SECURITY,
      body: PasswordChangeSchema,
      before: [requireSession],
      responses: { 200: { description: 'Changed', schema: z.object({ endedSessions: z.number().int() }) } },
    },
    ({ body, req }) =>
      accounts.changePassword(req.auth!.user.id, body, currentSessionHash(req), clientInfo(req)),
  );

  api.route(
    {
      method: 'post',
      path: '/me/email',
      summary: 'Change my e-mail: needs the current password and a confirmation at the new address',
      tags: ['me'],
      security: SECURITY,
      body: EmailChangeSchema,
      before: [requireSession],
      responses: {
        202: { description: 'Confirmation sent to the new address', schema: AcceptedResponseSchema },
      },
    },
    async ({ body, req }) => {
      await accounts.requestEmailChange(
        req.auth!.user.id,
        body.currentPassword,
        body.newEmail,
        clientInfo(req),
      );
      return accepted('Confirm the change with the link we sent to the new address.');
    },
  );

  api.route(
    {
      method: 'get',
      path: '/me/sessions',
      summary: 'My active sessions',
      tags: ['me'],
      security: SECURITY,
      before: [requireSession],
      responses: { 200: { description: 'Sessions, most recently used first', schema: SessionListSchema } },
    },
    async ({ req }) => {
      const current = currentSessionHash(req);
      const records = await deps.sessions.listForUser(req.auth!.user.id);
      return {
        items: records.map((record) => ({
          id: record.id,
          current: record.id === current,
          createdAt: record.createdAt.toISOString(),
          lastSeenAt: record.lastSeenAt.toISOString(),
          expiresAt: record.expiresAt.toISOString(),
          userAgent: record.userAgent,
          ip: truncateIp(record.ip),
        })),
      };
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/me/sessions/:id',
      summary: 'End one of my sessions',
      tags: ['me'],
      security: SECURITY,
      params: SessionIdParamsSchema,
      before: [requireSession],
      responses: { 204: { description: 'Ended' } },
    },
    async ({ params, req }) => {
      const user = req.auth!.user;
      if (!(await deps.sessions.destroyForUser(user.id, params.id))) {
        throw new AppError('NOT_FOUND', 404, 'There is no such session.');
      }
      await deps.audit.record({
        action: 'session_revoked',
        actor: { kind: 'user', userId: user.id },
        subjectUserId: user.id,
        client: clientInfo(req),
        after: { session: params.id.slice(0, 8) },
      });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/me/sessions',
      summary: 'End all my other sessions',
      tags: ['me'],
      security: SECURITY,
      before: [requireSession],
      responses: { 200: { description: 'Ended', schema: z.object({ endedSessions: z.number().int() }) } },
    },
    async ({ req }) => {
      const user = req.auth!.user;
      const endedSessions = await deps.sessions.destroyAllForUser(user.id, currentSessionHash(req));
      await deps.audit.record({
        action: 'session_revoked',
        actor: { kind: 'user', userId: user.id },
        subjectUserId: user.id,
        client: clientInfo(req),
        after: { others: endedSessions },
      });
      return { endedSessions };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/me/audit',
      summary: 'The history of changes to my account',
      tags: ['me'],
      security: READ_SECURITY,
      query: PageQuerySchema,
      before: [requireUser, requireScope('read')],
      responses: { 200: { description: 'Newest first', schema: AuditPageSchema } },
    },
    async ({ query, req }) => {
      const userId = req.auth!.user.id;
      const page = await deps.audit.pageForSubject(userId, query.limit, query.cursor);
      return { items: page.items.map((entry) => toAuditView(entry, userId)), nextCursor: page.nextCursor };
    },
  );
}
