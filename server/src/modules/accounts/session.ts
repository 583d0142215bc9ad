import { promisify } from 'node:util';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import './auth-context.js';
import { DatabaseSessionStore } from './session-store.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Session lifetimes. Idle: the cookie and the row expire this long after the last request
 * (rolling). Absolute: the session ends this long after login, however active it is.
 */
export const SESSION_LIFETIMES = {
  remembered: { idleMs: 30 * DAY_MS, absoluteMs: 90 * DAY_MS },
  browser: { idleMs: 12 * HOUR_MS, absoluteMs: 7 * DAY_MS },
} as const;

export function sessionCookieName(config: Config): string {
  // __Host- pins the cookie to this exact host, HTTPS and path "/": no subdomain can set or read it.
  return config.isProduction ? '__Host-vratka.sid' : 'vratka.sid';
}

export function sessionMiddleware(config: Config, store: DatabaseSessionStore): RequestHandler {
  const middleware = session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      path: '/',
      maxAge: SESSION_LIFETIMES.browser.idleMs,
    },
  });
  return (req, res, next) => {
    middleware(req, res, (error?: unknown) => {
      // The session could not be loaded (the database is unavailable): with `unset: 'destroy'`,
      // express-session would take the missing session for one to destroy when the response ends
      // — deleting a live session over a passing outage, and reporting a second error. There is
      // no session on this request, so there is nothing to save or destroy.
      if (error) delete (req as { sessionID?: string }).sessionID;
      next(error);
    });
  };
}

/** Logs the user in on a brand-new session id (no fixation), with the chosen lifetime. */
export async function startSession(
  req: Request,
  userId: string,
  remember: boolean,
  client: ClientInfo,
  clock: Clock,
): Promise<void> {
  await promisify(req.session.regenerate.bind(req.session))();
  const lifetime = remember ? SESSION_LIFETIMES.remembered : SESSION_LIFETIMES.browser;
  const now = clock.now().getTime();
  req.session.userId = userId;
  req.session.remember = remember;
  req.session.createdAt = now;
  req.session.absoluteExpiresAt = now + lifetime.absoluteMs;
  req.session.ip = client.ip;
  req.session.userAgent = client.userAgent;
  req.session.cookie.maxAge = lifetime.idleMs;
  await promisify(req.session.save.bind(req.session))();
  if (req.sessionStore instanceof DatabaseSessionStore) {
    for (const listener of req.sessionStore.onLogin) await listener(userId, req);
  }
}

export async function endSession(req: Request): Promise<void> {
  await promisify(req.session.destroy.bind(req.session))();
}

/** The stored id (SHA-256) of the request's session, as listed in /me/sessions. */
export function currentSessionHash(req: Request): string | undefined {
  return req.sessionID ? DatabaseSessionStore.hash(req.sessionID) : undefined;
}
