import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

/**
 * Bank exports of approved payouts (DESIGN §8): finance makes a batch of one currency's approved
 * payouts, which become `exported`; the batch's bank files are stored as made and can be downloaded
 * again, byte for byte. A large batch is exported in steps, so the client can show progress.
 */

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();

/** At most this many payouts go into one batch (one bank file); the rest wait for the next. */
export const MAX_BATCH_PAYOUTS = 2000;

/**
 * The files a batch has: EUR → SEPA pain.001.001.03; CZK → the Czech domestic CSV and a
 * pain.001.001.03 with `Ccy="CZK"` (ISO 20022, as Czech banks import it).
 */
export const BATCH_FILE_FORMATS = ['sepa-xml', 'czk-xml', 'czk-csv'] as const;
export type BatchFileFormat = (typeof BATCH_FILE_FORMATS)[number];

/** `exporting` while its payouts move to `exported` step by step; `ready` once its files are made. */
export const BATCH_STATES = ['exporting', 'ready'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Why an approved payout was left out of a batch. */
export const BATCH_SKIP_REASONS = [
  /** Four eyes: whoever approved a payout does not export it. */
  'APPROVED_BY_YOU',
  /** Staff never handle their own payout. */
  'OWN_PAYOUT',
  /** A CZK batch pays Czech accounts only (the domestic CSV has no other kind). */
  'NOT_CZECH_ACCOUNT',
  /** Taken by another batch made at the same moment, or moved on (rejected) meanwhile. */
  'TAKEN',
] as const;
export type BatchSkipReason = (typeof BATCH_SKIP_REASONS)[number];

export const PayoutBatchCreateSchema = z
  .object({
    currency: z.enum(CURRENCIES),
    /** Only these approved payouts; all approved payouts of the currency when left out. */
    payoutIds: z.array(IdSchema).min(1).max(MAX_BATCH_PAYOUTS).optional(),
  })
  .strict()
  .meta({ id: 'PayoutBatchCreate' });
export type PayoutBatchCreate = z.infer<typeof PayoutBatchCreateSchema>;

export const PayoutBatchIdParamsSchema = z.object({ id: IdSchema }).strict();

export const PayoutBatchFileParamsSchema = z
  .object({ id: IdSchema, format: z.enum(BATCH_FILE_FORMATS) })
  .strict();

export const PayoutBatchFileSchema = z
  .object({
    format: z.enum(BATCH_FILE_FORMATS),
    fileName: z.string(),
    mediaType: z.string(),
    bytes: z.number().int(),
    sha256: z.string().meta({ description: 'SHA-256 of the file, hex: every download is exactly this' }),
  })
  .meta({ id: 'PayoutBatchFile' });
export type PayoutBatchFile = z.infer<typeof PayoutBatchFileSchema>;

export const PayoutBatchSchema = z
  .object({
    id: z.string(),
    currency: z.enum(CURRENCIES),
    state: z.enum(BATCH_STATES),
    payoutCount: z.number().int().meta({ description: 'Payouts in the batch' }),
    exportedCount: z
      .number()
      .int()
      .meta({ description: 'How many of them have been exported so far (progress while exporting)' }),
    total: MoneySchema,
    /** How the batch's payouts stand now: still exported (sent to the bank), paid, failed. */
    payouts: z.object({ exported: z.number().int(), paid: z.number().int(), failed: z.number().int() }),
    skipped: z.array(z.object({ payoutId: z.string(), reason: z.enum(BATCH_SKIP_REASONS) })).meta({
      description: 'Approved payouts that were left out, and why',
    }),
    leftOver: z
      .number()
      .int()
      .meta({
        description: `Approved payouts beyond the ${MAX_BATCH_PAYOUTS} a batch takes, left for the next batch`,
      }),
    files: z.array(PayoutBatchFileSchema),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    completedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'PayoutBatch' });
export type PayoutBatch = z.infer<typeof PayoutBatchSchema>;

export const PayoutBatchPageSchema = pageOf(PayoutBatchSchema, 'PayoutBatchPage');
export type PayoutBatchPage = z.infer<typeof PayoutBatchPageSchema>;

export const PayoutBatchListQuerySchema = z
  .object({ currency: z.enum(CURRENCIES).optional(), limit: LimitQuery, cursor: CursorQuery })
  .strict();
export type PayoutBatchListQuery = z.infer<typeof PayoutBatchListQuerySchema>;

/** What marking a batch paid did: each exported payout paid (its own transfer), the rest as they were. */
export const PayoutBatchPaidSchema = z
  .object({
    paid: z.number().int(),
    alreadyResolved: z.number().int().meta({ description: 'Payouts marked paid or failed before' }),
    batch: PayoutBatchSchema,
  })
  .meta({ id: 'PayoutBatchPaid' });
export type PayoutBatchPaid = z.infer<typeof PayoutBatchPaidSchema>;
