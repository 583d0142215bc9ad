import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import type { Role, TokenScope } from '@shared/contracts/accounts.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { cookieValue } from '../../platform/http/cookies.js';
import { AppError } from '../../platform/http/errors.js';
import { guardMiddleware, type CallerGuard } from '../../platform/http/guards.js';
import type { ApiTokensService } from '../api-tokens/index.js';
import type { AuthContext } from './auth-context.js';
import './auth-context.js';
import { AccountsRepository } from './accounts.repository.js';
import type { SessionUserCache } from './session-user-cache.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The session cookie and the in-process cache of who is behind it. */
export interface SessionUsers {
  cache: SessionUserCache;
  cookieName: string;
}

/**
 * Establishes `req.auth` once per request: a personal access token (Authorization: Bearer) or the
 * browser session. A Bearer request ignores cookies entirely, which is why it needs no CSRF token.
 */
export function authenticate(deps: {
  database: Database;
  apiTokens: ApiTokensService;
  clock: Clock;
  sessionUsers: SessionUsers;
}): RequestHandler {
  const users = new AccountsRepository(deps.database);
  return async (req, _res, next) => {
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      const secret = BEARER.exec(authorization)?.[1];
      const token = secret ? await deps.apiTokens.authenticate(secret) : undefined;
      const user = token ? await users.findUserById(token.userId) : null;
      if (!token || !user) throw new AppError('INVALID_TOKEN', 401, 'The access token is not valid.');
      req.auth = { user, via: 'token', scopes: token.scopes, tokenId: token.id };
      next();
      return;
    }
    const session = req.session as Request['session'] | undefined;
    if (session?.userId) {
      if (
        session.absoluteExpiresAt !== undefined &&
        session.absoluteExpiresAt <= deps.clock.now().getTime()
      ) {
        await new Promise<void>((resolve) => session.destroy(() => resolve()));
        next();
        return;
      }
      const user = await users.findUserById(session.userId);
      if (user) {
        req.auth = { user, via: 'session', scopes: 'all' };
        // Keyed exactly as `sessionFromCache` will look it up.
        const cookie = cookieValue(req.headers.cookie, deps.sessionUsers.cookieName);
        if (SAFE_METHODS.has(req.method) && cookie !== undefined) {
          deps.sessionUsers.cache.remember(
            cookie,
            req.sessionID,
            user,
            session.absoluteExpiresAt ?? Infinity,
          );
        }
      }
    }
    next();
  };
}

/**
 * The session check of the cached reads (`ApiRouter.cachedRead`): a cookie the full check
 * (`authenticate`) accepted within the last 30 s is taken from the in-process cache instead of
 * loading the session and the user from the database again, and the session is neither rewritten
 * nor touched. Ending a session in this process evicts it at once (see `SessionUserCache` for the
 * bound across processes). Anything else — no or an unknown cookie, a Bearer token, another method
 * — gets undefined and goes through the full chain. The session's idle expiry still rolls: each
 * cache entry expires after 30 s, and the next request takes the full path, which touches the row
 * and renews the cookie.
 */
export function sessionFromCache(
  sessionUsers: SessionUsers,
): (req: IncomingMessage) => AuthContext | undefined {
  return (req) => {
    if (!SAFE_METHODS.has(req.method ?? '') || req.headers.authorization !== undefined) return undefined;
    const user = sessionUsers.cache.cachedUser(cookieValue(req.headers.cookie, sessionUsers.cookieName));
    return user ? { user, via: 'session', scopes: 'all' } : undefined;
  };
}

/** `sessionFromCache` as the guard of the Express routes of the cached reads. */
export function authenticateFromCache(sessionUsers: SessionUsers): RequestHandler {
  const fromCache = sessionFromCache(sessionUsers);
  return (req, _res, next) => {
    const auth = fromCache(req);
    if (!auth) {
      next('route');
      return;
    }
    req.auth = auth;
    next();
  };
}

/** Anyone logged in (a browser session or a token). */
export const signedIn: CallerGuard = (caller) => {
  if (!caller) throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
};

/** A token must carry the scope; a browser session may do everything its role allows. */
export function withScope(scope: TokenScope): CallerGuard {
  return (caller) => {
    signedIn(caller);
    if (caller!.scopes !== 'all' && !caller!.scopes.includes(scope)) {
      throw new AppError('INSUFFICIENT_SCOPE', 403, `This token lacks the "${scope}" scope.`);
    }
  };
}

/** A browser session of one of the given roles. Tokens never reach staff routes. */
export function withRole(...roles: Role[]): CallerGuard {
  return (caller) => {
    signedIn(caller);
    if (caller!.via !== 'session' || !roles.includes(caller!.user.role)) {
      throw new AppError('FORBIDDEN', 403, 'Your role does not allow this.');
    }
  };
}

export const requireUser: RequestHandler = guardMiddleware(signedIn);

/** For account security operations (tokens, password, sessions): a logged-in browser only. */
export const requireSession: RequestHandler = (req, _res, next) => {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
  if (req.auth.via !== 'session')
    throw new AppError('SESSION_REQUIRED', 403, 'This needs a logged-in browser, not a token.');
  next();
};

export function requireScope(scope: TokenScope): RequestHandler {
  return guardMiddleware(withScope(scope));
}

/** Staff routes: a browser session of one of the given roles. Tokens never reach admin routes. */
export function requireRole(...roles: Role[]): RequestHandler {
  return guardMiddleware(withRole(...roles));
}

/**
 * CSRF protection for cookie-authenticated state changes (synchroniser token in the session,
 * sent back in `X-CSRF-Token`). Bearer requests carry no ambient credentials and are exempt.
 */
export function csrfProtection() {
  const csrf = csrfSync({
    getTokenFromRequest: (req) => req.get('x-csrf-token'),
    size: 32,
  });
  const protect: RequestHandler = (req, _res, next) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (unsafe && req.get('authorization') === undefined && !csrf.isRequestValid(req)) {
      throw new AppError(
        'CSRF_INVALID',
        403,
        'The CSRF token is missing or wrong. Fetch /api/v1/auth/csrf and retry.',
      );
    }
    next();
  };
  return { protect, issue: (req: Request, fresh = false) => csrf.generateToken(req, fresh) };
}
