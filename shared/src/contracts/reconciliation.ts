import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { NetworkSlugSchema } from './admin-catalogue.js';
import { MoneySchema } from './common.js';
import { CONVERSION_STATES } from './money-path.js';

/**
 * Finance's side of the money path: networks' reports compared with our conversions (a dry run
 * first, then actions line by line), settlements (the network paid us) and the finance overview.
 */

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();

export const REPORT_FORMATS = ['awin', 'cj', 'impact', 'generic'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_ENCODINGS = ['utf-8', 'windows-1250'] as const;
export type ReportEncoding = (typeof REPORT_ENCODINGS)[number];

/** The longest report we take in one import (characters of `content`). */
export const MAX_REPORT_CHARACTERS = 2_000_000;

export const DIFF_KINDS = [
  'matched',
  'amount_differs',
  'status_differs',
  'missing_here',
  'missing_in_report',
] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export const ReportImportCreateSchema = z
  .object({
    network: NetworkSlugSchema,
    format: z.enum(REPORT_FORMATS).meta({
      description:
        '`awin`: the transactions export (JSON); `cj`: the commission detail export (JSON); `impact`: ' +
        'the Actions report (CSV or JSON); `generic`: a CSV with order id, click id, order amount, ' +
        'commission, currency, status and date columns',
    }),
    encoding: z.enum(REPORT_ENCODINGS).default('utf-8').meta({
      description: '`windows-1250` content is sent base64-encoded',
    }),
    content: z.string().min(1).max(MAX_REPORT_CHARACTERS),
    fileName: z.string().trim().max(200).optional(),
    currency: z
      .enum(CURRENCIES)
      .optional()
      .meta({ description: 'The currency of rows that name none (CJ reports)' }),
    periodFrom: IsoDateTime.optional().meta({
      description: 'Start of the period the report covers; by default its earliest order',
    }),
    periodTo: IsoDateTime.optional().meta({
      description: 'End of the period (inclusive); by default its latest order',
    }),
  })
  .strict()
  .meta({ id: 'ReconciliationImportCreate' });
export type ReportImportCreate = z.input<typeof ReportImportCreateSchema>;

const SideSchema = z.object({
  state: z.enum(CONVERSION_STATES),
  orderAmount: MoneySchema,
  commission: MoneySchema,
});

export const ReportLineSchema = z
  .object({
    lineNo: z.number().int(),
    kind: z.enum(DIFF_KINDS),
    orderId: z.string(),
    clickId: z.string().nullable(),
    conversionId: z.string().nullable(),
    report: SideSchema.nullable().meta({ description: 'What the network reports; null when missing there' }),
    ours: SideSchema.nullable().meta({ description: 'What we hold; null when missing here' }),
    occurredAt: IsoDateTime.nullable(),
    actionable: z.boolean().meta({ description: 'Whether applying the line would change anything' }),
    appliedAt: IsoDateTime.nullable(),
    outcome: z.string().nullable().meta({ description: 'What applying it did (conversions outcome)' }),
  })
  .meta({ id: 'ReconciliationLine' });
export type ReportLineView = z.infer<typeof ReportLineSchema>;

export const ReportImportSchema = z
  .object({
    id: z.string(),
    network: z.string(),
    format: z.enum(REPORT_FORMATS),
    fileName: z.string().nullable(),
    periodFrom: IsoDateTime.nullable(),
    periodTo: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    createdBy: z.string().nullable().meta({ description: 'Staff id; null for the scheduled pull' }),
    counts: z.record(z.enum(DIFF_KINDS), z.number().int()),
    lines: z.array(ReportLineSchema),
  })
  .meta({ id: 'ReconciliationImport' });
export type ReportImportView = z.infer<typeof ReportImportSchema>;

export const ReportImportSummarySchema = ReportImportSchema.omit({ lines: true }).meta({
  id: 'ReconciliationImportSummary',
});
export const ReportImportListSchema = z
  .object({ items: z.array(ReportImportSummarySchema) })
  .meta({ id: 'ReconciliationImportList' });

export const ImportIdParamsSchema = z.object({ id: IdSchema }).strict();
export const ImportLineParamsSchema = z
  .object({ id: IdSchema, lineNo: z.coerce.number().int().min(1).max(1_000_000) })
  .strict();

export const ApplyLinesSchema = z
  .object({
    kind: z
      .enum(['amount_differs', 'status_differs', 'missing_here', 'matched'])
      .meta({ description: 'Apply every line of this kind not applied yet' }),
  })
  .strict()
  .meta({ id: 'ReconciliationApplyLines' });

export const ApplyResultSchema = z
  .object({ applied: z.number().int(), lines: z.array(ReportLineSchema) })
  .meta({ id: 'ReconciliationApplyResult' });

export const SettlementCreateSchema = z
  .object({
    network: NetworkSlugSchema,
    currency: z.enum(CURRENCIES),
    amountMinor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/)
      .meta({ description: 'What the network paid, in minor units' }),
    paidAt: IsoDateTime,
    conversionIds: z.array(IdSchema).max(5000).optional(),
    orderIds: z.array(z.string().trim().min(1).max(128)).max(5000).optional(),
    note: z.string().trim().min(1).max(500).optional().meta({
      description: 'Required when the amount differs from the sum of the conversions’ commissions',
    }),
  })
  .strict()
  .refine((value) => (value.conversionIds?.length ?? 0) + (value.orderIds?.length ?? 0) > 0, {
    message: 'name the conversions (conversionIds or orderIds)',
    path: ['conversionIds'],
  })
  .meta({ id: 'ReconciliationSettlementCreate' });
export type SettlementCreate = z.infer<typeof SettlementCreateSchema>;

export const SettlementSchema = z
  .object({
    id: z.string(),
    network: z.string(),
    amount: MoneySchema,
    expected: MoneySchema.meta({ description: 'The sum of the settled conversions’ commissions' }),
    paidAt: IsoDateTime,
    note: z.string().nullable(),
    conversionIds: z.array(z.string()),
    createdAt: IsoDateTime,
    createdBy: z.string(),
  })
  .meta({ id: 'ReconciliationSettlement' });
export type SettlementView = z.infer<typeof SettlementSchema>;

export const SettlementListSchema = z
  .object({ items: z.array(SettlementSchema) })
  .meta({ id: 'ReconciliationSettlementList' });

const amount = MoneySchema;

export const OverviewNetworkSchema = z
  .object({
    network: z.string(),
    currency: z.enum(CURRENCIES),
    receivablePending: amount.meta({ description: 'Commissions of pending conversions not paid yet' }),
    receivableApproved: amount.meta({ description: 'Commissions of approved conversions not paid yet' }),
    receivable: amount.meta({ description: 'The network’s `network_receivable` account (negated)' }),
    settled: amount.meta({ description: 'Commissions the network paid us (settled conversions)' }),
    owedPending: amount.meta({ description: 'Shoppers’ shares of pending conversions' }),
    owedCredited: amount.meta({ description: 'Shoppers’ shares credited to `available` (approved)' }),
    marginPending: amount,
    marginEarned: amount,
  })
  .meta({ id: 'ReconciliationOverviewNetwork' });

export const OverviewTotalsSchema = z
  .object({
    currency: z.enum(CURRENCIES),
    receivable: amount.meta({ description: '−Σ network_receivable' }),
    bank: amount.meta({ description: '−bank: commissions received from networks' }),
    owedPending: amount.meta({ description: 'Σ pending' }),
    owedAvailable: amount.meta({ description: 'Σ available' }),
    owedHeld: amount.meta({ description: 'Σ payout_hold' }),
    paidOut: amount.meta({ description: 'Σ paid_out' }),
    debt: amount.meta({ description: '−Σ debt: what shoppers owe after reversals' }),
    platformPending: amount.meta({ description: 'platform_pending: margin expected' }),
    platformRevenue: amount.meta({ description: 'platform_revenue: margin earned' }),
  })
  .meta({ id: 'ReconciliationOverviewTotals' });

export const OverviewSchema = z
  .object({
    networks: z.array(OverviewNetworkSchema),
    totals: z.array(OverviewTotalsSchema).meta({ description: 'Per currency, straight from the ledger' }),
  })
  .meta({ id: 'ReconciliationOverview' });
export type Overview = z.infer<typeof OverviewSchema>;
