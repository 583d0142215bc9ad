import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { MoneySchema } from './common.js';
import { PAYOUT_STATES } from './payouts.js';

/**
 * Finance uploads the bank's statement of the account we pay shoppers from; each outgoing line that
 * is a payout we exported marks it paid, the rest is listed (DESIGN §8, issue 10).
 */

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();

export const STATEMENT_FORMATS = ['csv', 'camt053', 'gpc'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];
export const STATEMENT_ENCODINGS = ['utf-8', 'windows-1250'] as const;
export type StatementEncoding = (typeof STATEMENT_ENCODINGS)[number];

/** The longest statement we take in one upload (characters of `content`, base64 included). */
export const MAX_STATEMENT_CHARACTERS = 4_000_000;

/**
 * What became of one line: `paid` (an exported payout, now paid), `already_paid` (it was before:
 * nothing posted), `amount_differs` (the amount or currency is not the payout's), `unknown_reference`
 * (an outgoing line that names no payout of ours), `not_exported` (a payout in a state that cannot
 * be paid: requested, failed, cancelled …), `own_payout` (the importing staff member's own payout:
 * four eyes, a colleague marks it), `ignored` (money in, or a line the bank has not booked).
 */
export const STATEMENT_RESULTS = [
  'paid',
  'already_paid',
  'amount_differs',
  'unknown_reference',
  'not_exported',
  'own_payout',
  'ignored',
] as const;
export type StatementResult = (typeof STATEMENT_RESULTS)[number];

export const StatementImportCreateSchema = z
  .object({
    format: z.enum(STATEMENT_FORMATS).meta({
      description:
        '`csv`: a bank’s CSV export (date, amount, currency, counter-account, variable symbol columns); ' +
        '`camt053`: ISO 20022 BankToCustomerStatement XML; `gpc`: the Czech ABO statement (074/075 records)',
    }),
    content: z.string().min(1).max(MAX_STATEMENT_CHARACTERS),
    base64: z.boolean().default(false).meta({ description: 'Whether `content` is the file base64-encoded' }),
    encoding: z
      .enum(STATEMENT_ENCODINGS)
      .optional()
      .meta({
        description:
          'The file’s character set; windows-1250 content must be base64. By default windows-1250 for ' +
          'GPC and UTF-8 otherwise',
      }),
    delimiter: z
      .enum([';', ','])
      .optional()
      .meta({ description: 'CSV only; by default the one the header row uses' }),
    currency: z
      .enum(CURRENCIES)
      .optional()
      .meta({ description: 'The currency of lines that name none (a CSV without a currency column)' }),
    fileName: z.string().trim().max(200).optional(),
    dryRun: z.boolean().default(false).meta({
      description: 'Preview: match and answer the lines without paying or storing anything',
    }),
  })
  .strict()
  .meta({ id: 'PayoutStatementImportCreate' });
export type StatementImportCreate = z.input<typeof StatementImportCreateSchema>;

export const StatementLineSchema = z
  .object({
    lineNo: z.number().int(),
    result: z.enum(STATEMENT_RESULTS),
    bookingDate: IsoDateTime.nullable(),
    amountMinor: z
      .string()
      .regex(/^-?\d+$/)
      .meta({ description: 'Signed: negative left our account' }),
    currency: z.string(),
    counterAccount: z.string().nullable(),
    variableSymbol: z.string().nullable(),
    endToEndId: z.string().nullable(),
    message: z.string().nullable(),
    bankReference: z.string().nullable(),
    payoutId: z.string().nullable().meta({ description: 'The payout the line names, when one does' }),
    payoutState: z
      .enum(PAYOUT_STATES)
      .nullable()
      .meta({ description: 'The payout’s state when the line was read (before it was paid)' }),
    payoutAmount: MoneySchema.nullable().meta({ description: 'What the payout was for' }),
  })
  .meta({ id: 'PayoutStatementLine' });
export type StatementLineView = z.infer<typeof StatementLineSchema>;

export const StatementImportSchema = z
  .object({
    id: z.string().nullable().meta({ description: 'Null for a dry run (nothing stored)' }),
    dryRun: z.boolean(),
    replayed: z.boolean().meta({
      description: 'The same file was imported before: this is that import, and nothing changed now',
    }),
    format: z.enum(STATEMENT_FORMATS),
    fileName: z.string().nullable(),
    sha256: z.string().meta({ description: 'SHA-256 of the file’s bytes' }),
    createdAt: IsoDateTime,
    createdBy: z.string(),
    lineCount: z.number().int(),
    counts: z.record(z.enum(STATEMENT_RESULTS), z.number().int()),
    lines: z.array(StatementLineSchema),
  })
  .meta({ id: 'PayoutStatementImport' });
export type StatementImportView = z.infer<typeof StatementImportSchema>;

export const StatementImportSummarySchema = StatementImportSchema.omit({ lines: true }).meta({
  id: 'PayoutStatementImportSummary',
});
export type StatementImportSummary = z.infer<typeof StatementImportSummarySchema>;

export const StatementImportListSchema = z
  .object({ items: z.array(StatementImportSummarySchema) })
  .meta({ id: 'PayoutStatementImportList' });

export const StatementImportParamsSchema = z.object({ id: IdSchema }).strict();
