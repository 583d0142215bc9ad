import { z } from 'zod';
import { CursorQuery, LimitQuery, pageOf } from './common.js';

export const MyClickSchema = z
  .object({
    id: z.string().meta({ description: 'The pseudonymous click id the e-shop received' }),
    shop: z.object({ slug: z.string(), name: z.string() }),
    createdAt: z.iso.datetime(),
    /** The purchase a network reported for this visit, if any. */
    purchase: z.object({ state: z.enum(['pending', 'approved', 'settled', 'rejected']) }).nullable(),
  })
  .meta({ id: 'MyClick' });
export type MyClick = z.infer<typeof MyClickSchema>;

export const MyClickPageSchema = pageOf(MyClickSchema, 'MyClickPage');
export const MyClicksQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();

/** Cookie holding the pseudonymous visitor id (never the user id), 30 days. */
export const VISITOR_COOKIE = 'vratka_ref';
export const VISITOR_COOKIE_DAYS = 30;
