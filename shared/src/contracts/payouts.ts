import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { MAX_STORABLE_MINOR } from '../money.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

/**
 * Payouts (DESIGN §8): the shopper asks for their available cashback to be sent to a confirmed
 * bank account; finance approves, pays (or the bank refuses) and the ledger follows each step.
 */

export const PAYOUT_STATES = [
  'requested',
  'approved',
  'exported',
  'paid',
  'failed',
  'cancelled',
  'rejected',
] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();

/** Kept here too for older imports; the one definition is in `common.ts`. */
export { IdempotencyKeySchema } from './common.js';

export const PayoutIdParamsSchema = z.object({ id: IdSchema }).strict();

/** A positive amount the database can hold. */
const PositiveMoneySchema = z
  .object({
    amountMinor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'a positive whole number of minor units')
      // zod runs the refinement even after the pattern failed: only digits reach BigInt.
      .refine((value) => !/^\d+$/.test(value) || BigInt(value) <= MAX_STORABLE_MINOR, 'too large'),
    currency: z.enum(CURRENCIES),
  })
  .strict();

export const PayoutRequestSchema = z
  .object({
    bankAccountId: IdSchema,
    amount: PositiveMoneySchema,
  })
  .strict()
  .meta({ id: 'PayoutRequest' });
export type PayoutRequest = z.infer<typeof PayoutRequestSchema>;

export const PayoutSchema = z
  .object({
    id: z.string(),
    state: z.enum(PAYOUT_STATES),
    amount: MoneySchema,
    reference: z.string().meta({ description: 'Variable symbol of the bank transfer (up to 10 digits)' }),
    bankAccount: z.object({
      id: z.string(),
      iban: z.string().meta({ description: 'Masked: only the last four digits are shown' }),
      holderName: z.string(),
    }),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'Why finance rejected it or the bank returned it; null otherwise' }),
    firstPayout: z
      .boolean()
      .meta({ description: 'The first payout to this account; finance checks it twice' }),
    createdAt: IsoDateTime,
    approvedAt: IsoDateTime.nullable(),
    resolvedAt: IsoDateTime.nullable().meta({
      description: 'When it was paid, failed, cancelled or rejected',
    }),
  })
  .meta({ id: 'Payout' });
export type Payout = z.infer<typeof PayoutSchema>;

export const PayoutPageSchema = pageOf(PayoutSchema, 'PayoutPage');
export type PayoutPage = z.infer<typeof PayoutPageSchema>;

export const PayoutListQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();

// ---------------------------------------------------------------------------------------------
// Staff: the payout queue

const BooleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const AdminPayoutQuerySchema = z
  .object({
    state: z.enum(PAYOUT_STATES).optional(),
    currency: z.enum(CURRENCIES).optional(),
    firstPayout: BooleanQuery.optional(),
    limit: LimitQuery,
    cursor: CursorQuery,
  })
  .strict();
export type AdminPayoutQuery = z.infer<typeof AdminPayoutQuerySchema>;

export const AdminPayoutSchema = PayoutSchema.omit({ bankAccount: true })
  .extend({
    userId: z.string(),
    bankAccount: z.object({
      id: z.string(),
      iban: z.string(),
      bic: z.string().nullable(),
      holderName: z.string(),
    }),
    endToEndId: z.string().meta({ description: 'SEPA EndToEndId' }),
    approvedBy: z.string().nullable(),
    updatedAt: IsoDateTime,
    revision: z.number().int(),
  })
  .meta({ id: 'AdminPayout' });
export type AdminPayout = z.infer<typeof AdminPayoutSchema>;

export const AdminPayoutPageSchema = pageOf(AdminPayoutSchema, 'AdminPayoutPage');
export type AdminPayoutPage = z.infer<typeof AdminPayoutPageSchema>;

/** A reason the shopper will read (reject, failed). */
export const PayoutReasonSchema = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .strict()
  .meta({ id: 'PayoutReason' });
export type PayoutReason = z.infer<typeof PayoutReasonSchema>;

export const EmptyBodySchema = z.object({}).strict();
