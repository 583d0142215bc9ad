import type { RequestHandler } from 'express';
import type { Caller } from './api-router.js';

/**
 * A check of who is calling that needs nothing of HTTP: it throws an `AppError` (401/403) when the
 * caller may not go on. Because it is a plain function of the caller, every path that serves a
 * route — the Express router, the cached-session router and the listener's hot path — runs the
 * very same checks; a fast path cannot skip one.
 */
export type CallerGuard = (caller: Caller | undefined) => void;

/** The guard as Express middleware (an `AppError` it throws goes to the error handler). */
export function guardMiddleware(guard: CallerGuard): RequestHandler {
  return (req, _res, next) => {
    guard(req.auth);
    next();
  };
}

/** True when every guard lets the caller through. */
export function passesGuards(guards: readonly CallerGuard[], caller: Caller | undefined): boolean {
  try {
    for (const guard of guards) guard(caller);
    return true;
  } catch {
    return false;
  }
}
