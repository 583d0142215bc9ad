import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendProblem } from './errors.js';

export interface LimitOptions {
  /** Name used in the problem detail and to keep limiters apart. */
  name: string;
  windowMs: number;
  limit: number;
  /** Key of the bucket; the client IP (trusted hops only) when absent. */
  key?: (req: Request) => string | undefined;
}

/**
 * A fixed-window limiter answering 429 problem+json with `Retry-After`. Counters live in this
 * process's memory — right for one instance; several instances need a shared store (DESIGN §3).
 */
export function limit(options: LimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The client address is Express's req.ip, trusted only as far as TRUST_PROXY says; a spoofed
    // X-Forwarded-For without a trusted proxy is simply ignored, so the library's warning is noise.
    validate: { xForwardedForHeader: false },
    ...(options.key
      ? {
          keyGenerator: (req: Request) => `${options.name}:${options.key!(req) ?? 'none'}`,
          // Only requests that carry the key count (e.g. per-account limits on a given e-mail).
          skip: (req: Request) => options.key!(req) === undefined,
        }
      : {}),
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      res.setHeader('Retry-After', String(seconds));
      sendProblem(req, res, 429, 'RATE_LIMITED', `Too many attempts. Try again in ${seconds} s.`);
    },
  });
}

/** The e-mail in a JSON body, normalised, for per-account limits. */
export function emailFromBody(req: Request): string | undefined {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : undefined;
}
