import { z } from 'zod';

/** RFC 9457 problem details, as every API error is answered. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable machine-readable error code, e.g. VALIDATION_FAILED' }),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** Money travels as a string of minor units so no precision is lost in JSON. */
export const MoneySchema = z
  .object({
    amountMinor: z.string().regex(/^-?\d+$/),
    currency: z.enum(['CZK', 'EUR']),
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof MoneySchema>;

/**
 * The `Idempotency-Key` header of every money write (payout requests, settlements, adjustments):
 * 8–64 visible ASCII characters chosen by the client, e.g. a UUID.
 */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,64}$/, 'must be 8–64 visible ASCII characters')
  .meta({
    description:
      'Chosen by the client, new for each intended write; the same key with the same request answers it again',
  });

export const LimitQuery = z.coerce.number().int().min(1).max(100).default(20);
export const CursorQuery = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor returned by this API')
  .optional();

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}
