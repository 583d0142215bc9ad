import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { MAX_STORABLE_MINOR } from '../money.js';
import { NETWORK_KINDS, NetworkSlugSchema, ShopSlugSchema } from './admin-catalogue.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';
import { CONVERSION_SOURCE_KINDS, CONVERSION_STATES } from './money-path.js';

/**
 * The staff side of the money path: networks' postback credentials, their health, and the
 * conversions with their ledger transfers, manual adjustments and the unattributed queue.
 */

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();

// ---------------------------------------------------------------------------------------------
// Network credentials

export const CREDENTIAL_KINDS = ['hmac', 'token'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const NetworkCredentialParamsSchema = z.object({ slug: NetworkSlugSchema, id: IdSchema }).strict();

export const NetworkCredentialCreateSchema = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS).meta({
      description: '`hmac` for networks on our signed protocol, `token` for template networks',
    }),
    label: z.string().trim().min(1).max(60),
  })
  .strict()
  .meta({ id: 'AdminNetworkCredentialCreate' });
export type NetworkCredentialCreate = z.infer<typeof NetworkCredentialCreateSchema>;

export const CredentialRetireQuerySchema = z
  .object({
    graceDays: z.coerce
      .number()
      .int()
      .min(0)
      .max(90)
      .default(7)
      .meta({ description: 'Days the credential keeps verifying; 0 retires it at once' }),
  })
  .strict();

export const NetworkCredentialSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CREDENTIAL_KINDS),
    label: z.string(),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime.nullable().meta({ description: 'When it stops verifying; null while in use' }),
  })
  .meta({ id: 'AdminNetworkCredential' });
export type NetworkCredential = z.infer<typeof NetworkCredentialSchema>;

export const NetworkCredentialListSchema = z
  .object({ items: z.array(NetworkCredentialSchema) })
  .meta({ id: 'AdminNetworkCredentialList' });

export const NetworkCredentialCreatedSchema = NetworkCredentialSchema.extend({
  secret: z.string().meta({
    description: 'Shown this once: `whsec_…` for hmac (Standard Webhooks), the URL token for token',
  }),
  postbackUrl: z
    .string()
    .nullable()
    .meta({ description: 'For a token: the postback address to give the network, token included' }),
}).meta({ id: 'AdminNetworkCredentialCreated' });
export type NetworkCredentialCreated = z.infer<typeof NetworkCredentialCreatedSchema>;

// ---------------------------------------------------------------------------------------------
// Network health

export const NetworkHealthSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(NETWORK_KINDS),
    isActive: z.boolean(),
    lastPostbackAt: IsoDateTime.nullable(),
    postbacksLast24h: z.number().int().min(0),
    usuallySends: z.boolean().meta({
      description: 'At least one postback in the 30 days before the silence window',
    }),
    silent: z.boolean().meta({
      description: 'Active, usually sends, and nothing arrived within the silence window',
    }),
  })
  .meta({ id: 'AdminNetworkHealth' });
export type NetworkHealth = z.infer<typeof NetworkHealthSchema>;

export const NetworkHealthListSchema = z
  .object({
    items: z.array(NetworkHealthSchema),
    silenceAlertHours: z.number().int(),
    checkedAt: IsoDateTime,
  })
  .meta({ id: 'AdminNetworkHealthList' });
export type NetworkHealthList = z.infer<typeof NetworkHealthListSchema>;

// ---------------------------------------------------------------------------------------------
// Conversions

export const ATTRIBUTIONS = ['click', 'manual', 'unattributed', 'dismissed'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];
export const LEDGER_POSITIONS = ['none', 'pending', 'available', 'reversed'] as const;

/** A day (`2025-03-01`, midnight UTC) or an exact instant with its offset. */
const InstantQuery = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

export const AdminConversionQuerySchema = z
  .object({
    shop: ShopSlugSchema.optional(),
    network: NetworkSlugSchema.optional(),
    orderId: z.string().min(1).max(128).optional(),
    clickId: z.string().min(1).max(26).optional(),
    userId: IdSchema.optional(),
    state: z.enum(CONVERSION_STATES).optional(),
    attribution: z.enum(ATTRIBUTIONS).optional(),
    from: InstantQuery.optional().meta({ description: 'Received at or after (inclusive)' }),
    to: InstantQuery.optional().meta({ description: 'Received before (exclusive)' }),
    limit: LimitQuery,
    cursor: CursorQuery,
  })
  .strict();
export type AdminConversionQuery = z.infer<typeof AdminConversionQuerySchema>;

export const ConversionIdParamsSchema = z.object({ id: IdSchema }).strict();

export const AdminConversionSchema = z
  .object({
    id: z.string(),
    network: z.object({ slug: z.string(), name: z.string() }),
    shop: z.object({ slug: z.string(), name: z.string() }).nullable(),
    orderId: z.string(),
    clickId: z.string().nullable(),
    userId: z.string().nullable(),
    orderAmount: MoneySchema,
    commission: MoneySchema,
    share: MoneySchema,
    state: z.enum(CONVERSION_STATES),
    attribution: z.enum(ATTRIBUTIONS),
    ledgerState: z.enum(LEDGER_POSITIONS),
    settled: z.boolean(),
    revision: z.number().int(),
    occurredAt: IsoDateTime.nullable(),
    clickedAt: IsoDateTime.nullable(),
    expectedConfirmationAt: IsoDateTime.nullable(),
    reason: z.string().nullable().meta({ description: "The network's reason, e.g. on rejection" }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'AdminConversion' });
export type AdminConversion = z.infer<typeof AdminConversionSchema>;
export const AdminConversionPageSchema = pageOf(AdminConversionSchema, 'AdminConversionPage');

export const AdminConversionEventSchema = z
  .object({
    revision: z.number().int(),
    state: z.enum(CONVERSION_STATES),
    orderAmount: MoneySchema,
    commission: MoneySchema,
    share: MoneySchema,
    reason: z.string().nullable(),
    source: z.enum(CONVERSION_SOURCE_KINDS),
    sourceReference: z
      .string()
      .nullable()
      .meta({ description: 'The record behind it: an inbox message id, a claim id, a report line' }),
    actor: z
      .string()
      .meta({ description: 'Who or what applied it, e.g. `postback:17`, `replay:17`, `admin:3`' }),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'AdminConversionEvent' });

export const AdminLedgerEntrySchema = z
  .object({
    account: z.string().meta({ description: 'The account key, e.g. `user:42:available:CZK`' }),
    kind: z.string(),
    amount: MoneySchema,
  })
  .meta({ id: 'AdminLedgerEntry' });

export const AdminLedgerTransferSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    idempotencyKey: z.string(),
    reference: z.string().nullable(),
    createdBy: z.string(),
    reason: z.string().nullable(),
    createdAt: IsoDateTime,
    entries: z.array(AdminLedgerEntrySchema),
  })
  .meta({ id: 'AdminLedgerTransfer' });
export type AdminLedgerTransfer = z.infer<typeof AdminLedgerTransferSchema>;

export const AdminInboxMessageSchema = z
  .object({
    id: z.string(),
    method: z.string(),
    receivedAt: IsoDateTime,
    sourceIp: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    query: z.string(),
    body: z.string(),
    verified: z.boolean(),
    outcome: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
    errorCode: z.string().nullable(),
    processedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'AdminInboxMessage' });

export const AdminConversionDetailSchema = z
  .object({
    conversion: AdminConversionSchema,
    user: z.object({ id: z.string(), email: z.string() }).nullable(),
    events: z.array(AdminConversionEventSchema),
    transfers: z.array(AdminLedgerTransferSchema).meta({
      description: "The conversion's own transfers and the manual adjustments made on it, oldest first",
    }),
    inbox: z.array(AdminInboxMessageSchema).meta({ description: 'The raw postbacks, oldest first' }),
  })
  .meta({ id: 'AdminConversionDetail' });
export type AdminConversionDetail = z.infer<typeof AdminConversionDetailSchema>;

const ReasonSchema = z.string().trim().min(5).max(500);

/** A signed amount of minor units, never zero, within what any column can hold. */
const SignedMinorSchema = z
  .string()
  .regex(/^-?[1-9]\d{0,15}$/, 'a non-zero whole number of minor units, e.g. "-1250"')
  // zod runs every check even after the pattern failed: parse only what the pattern allows.
  .refine((value) => {
    if (!/^-?\d+$/.test(value)) return true;
    const amount = BigInt(value);
    return amount <= MAX_STORABLE_MINOR && amount >= -MAX_STORABLE_MINOR;
  }, 'too large');

export const AdjustmentCreateSchema = z
  .object({
    amount: z
      .object({ amountMinor: SignedMinorSchema, currency: z.enum(CURRENCIES) })
      .strict()
      .meta({
        description: 'Positive credits the shopper, negative takes back (the shortfall becomes debt)',
      }),
    reason: ReasonSchema,
  })
  .strict()
  .meta({
    id: 'AdminAdjustmentCreate',
    description: 'Sent with an `Idempotency-Key` header, as every money write is',
  });
export type AdjustmentCreate = z.infer<typeof AdjustmentCreateSchema>;

export const AdjustmentResultSchema = z
  .object({
    conversionId: z.string(),
    userId: z.string(),
    duplicate: z.boolean().meta({
      description:
        'True when this Idempotency-Key was posted before (the answer then also has `Idempotent-Replayed: true`)',
    }),
    transfer: AdminLedgerTransferSchema,
    balance: z
      .object({ available: MoneySchema, debt: MoneySchema })
      .meta({ description: "The shopper's balance in the transfer's currency now" }),
  })
  .meta({ id: 'AdminAdjustmentResult' });
export type AdjustmentResult = z.infer<typeof AdjustmentResultSchema>;

export const ConversionAssignSchema = z
  .object({
    userId: IdSchema,
    reason: ReasonSchema,
    shopSlug: ShopSlugSchema.optional().meta({
      description: 'The shop the purchase was made in; required when the conversion has none',
    }),
  })
  .strict()
  .meta({ id: 'AdminConversionAssign' });
export type ConversionAssign = z.infer<typeof ConversionAssignSchema>;

export const ConversionDismissSchema = z
  .object({ reason: ReasonSchema })
  .strict()
  .meta({ id: 'AdminConversionDismiss' });
export type ConversionDismiss = z.infer<typeof ConversionDismissSchema>;
