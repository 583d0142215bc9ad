import type { Request, Response } from 'express';
import { z } from 'zod';
import { IdempotencyKeySchema } from '@shared/contracts/common.js';
import { AppError } from './errors.js';

/**
 * One convention for every money write (payout requests, settlements, manual adjustments): the
 * client sends an `Idempotency-Key` header; the same key with the same request answers the first
 * result again with `Idempotent-Replayed: true`, the key with another request is 422
 * `IDEMPOTENCY_KEY_REUSED` (the service decides that, as it alone knows what "the same" is), and a
 * missing or malformed key is 400 `IDEMPOTENCY_KEY_REQUIRED` before anything is read or written.
 */

/** For a route's `headers`, so the OpenAPI document shows the header. */
export const IdempotencyHeaderSchema = z.object({ 'idempotency-key': IdempotencyKeySchema });

/** The request's key, or a 400 naming the write (`what`: "payout", "settlement" …) it is for. */
export function idempotencyKeyOf(req: Request, what: string): string {
  const parsed = IdempotencyKeySchema.safeParse(req.get('idempotency-key'));
  if (!parsed.success) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REQUIRED',
      400,
      `Send an Idempotency-Key header of 8–64 visible ASCII characters, new for each ${what}.`,
    );
  }
  return parsed.data;
}

/** Marks an answer that repeats the first one for this key. */
export function markReplayed(res: Response, replayed: boolean): void {
  if (replayed) res.set('Idempotent-Replayed', 'true');
}
