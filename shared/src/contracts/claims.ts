import { z } from 'zod';
import { CURRENCIES } from '../markets.js';
import { MAX_STORABLE_MINOR } from '../money.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

/**
 * Missing-cashback claims (issue 11): the shopper tells us about a purchase tracking missed; support
 * asks for more, accepts it (the purchase is recorded as a network's postback would record it) or
 * rejects it with a reason. A claim whose order the network reports before a decision resolves itself.
 */

export const CLAIM_STATES = ['open', 'needs_info', 'accepted', 'rejected', 'resolved'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/** A claim may be filed from this many days after the purchase (unless the shop says otherwise)… */
export const DEFAULT_CLAIM_AFTER_DAYS = 7;
/** …until this many days after it. */
export const CLAIM_CLOSES_AFTER_DAYS = 60;
/** A proof (order confirmation, invoice) is at most this large. */
export const CLAIM_PROOF_MAX_BYTES = 5 * 1024 * 1024;
export const CLAIM_PROOF_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ClaimProofType = (typeof CLAIM_PROOF_TYPES)[number];

const IdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'not an id');
const IsoDateTime = z.iso.datetime();
/** A calendar date, `YYYY-MM-DD`. */
const CalendarDate = z.iso.date();
const ClickIdSchema = z.string().regex(/^[a-z2-7]{26}$/, 'not a click id');

const PositiveMinor = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'a positive whole number of minor units')
  // zod runs the refinement even after the pattern failed: only digits reach BigInt.
  .refine((value) => !/^\d+$/.test(value) || BigInt(value) <= MAX_STORABLE_MINOR, 'too large');

export const ClaimIdParamsSchema = z.object({ id: IdSchema }).strict();
export const ClaimProofParamsSchema = z.object({ id: IdSchema, proofId: IdSchema }).strict();

export const ClaimCreateSchema = z
  .object({
    shop: z.string().regex(/^[a-z0-9-]{1,80}$/, 'not a shop'),
    orderNumber: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'letters, digits and punctuation as on the order'),
    orderDate: CalendarDate,
    orderValue: z.object({ amountMinor: PositiveMinor, currency: z.enum(CURRENCIES) }).strict(),
    note: z.string().trim().max(1000).optional(),
    /** One of the shopper's clicks on this shop; when left out, the latest one before the order date. */
    clickId: ClickIdSchema.optional(),
  })
  .strict()
  .meta({ id: 'ClaimCreate' });
export type ClaimCreate = z.infer<typeof ClaimCreateSchema>;

export const ClaimMessageCreateSchema = z
  .object({ body: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: 'ClaimMessageCreate' });
export type ClaimMessageCreate = z.infer<typeof ClaimMessageCreateSchema>;

export const ClaimMessageSchema = z
  .object({
    id: z.string(),
    author: z.enum(['shopper', 'support']),
    body: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ClaimMessage' });
export type ClaimMessage = z.infer<typeof ClaimMessageSchema>;

export const ClaimProofSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.enum(CLAIM_PROOF_TYPES),
    sizeBytes: z.number().int(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ClaimProof' });
export type ClaimProof = z.infer<typeof ClaimProofSchema>;

export const ClaimSchema = z
  .object({
    id: z.string(),
    state: z.enum(CLAIM_STATES),
    shop: z.object({ slug: z.string(), name: z.string() }),
    orderNumber: z.string(),
    orderDate: CalendarDate,
    orderValue: MoneySchema,
    note: z.string().nullable(),
    click: z
      .object({ id: z.string(), createdAt: IsoDateTime })
      .meta({ description: 'The visit through Vratka the purchase is claimed for' }),
    reason: z.string().nullable().meta({
      description: 'What support asked for (needs_info) or why the claim was rejected',
    }),
    purchase: z
      .object({ conversionId: z.string() })
      .nullable()
      .meta({ description: 'The purchase the claim was accepted or resolved into' }),
    deadlineAt: IsoDateTime.meta({ description: 'We answer by then: one month after filing' }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof ClaimSchema>;

export const ClaimDetailSchema = ClaimSchema.extend({
  messages: z.array(ClaimMessageSchema),
  proofs: z.array(ClaimProofSchema),
}).meta({ id: 'ClaimDetail' });
export type ClaimDetail = z.infer<typeof ClaimDetailSchema>;

export const ClaimPageSchema = pageOf(ClaimSchema, 'ClaimPage');
export type ClaimPage = z.infer<typeof ClaimPageSchema>;

export const ClaimListQuerySchema = z
  .object({ state: z.enum(CLAIM_STATES).optional(), limit: LimitQuery, cursor: CursorQuery })
  .strict();
export type ClaimListQuery = z.infer<typeof ClaimListQuerySchema>;

/** What filing a claim for this shop and order date would do: the window and the visit attached. */
export const ClaimPreviewQuerySchema = z
  .object({ shop: ClaimCreateSchema.shape.shop, orderDate: CalendarDate })
  .strict();
export const ClaimPreviewSchema = z
  .object({
    opensOn: CalendarDate,
    closesOn: CalendarDate,
    open: z.boolean().meta({ description: 'Whether a claim can be filed today' }),
    click: z.object({ id: z.string(), createdAt: IsoDateTime }).nullable(),
  })
  .meta({ id: 'ClaimPreview' });
export type ClaimPreview = z.infer<typeof ClaimPreviewSchema>;

// ---------------------------------------------------------------------------------------------
// Staff: the claims queue

const BooleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const AdminClaimQuerySchema = z
  .object({
    state: z.enum(CLAIM_STATES).optional(),
    network: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .optional(),
    overdue: BooleanQuery.optional(),
    limit: LimitQuery,
    cursor: CursorQuery,
  })
  .strict();
export type AdminClaimQuery = z.infer<typeof AdminClaimQuerySchema>;

export const AdminClaimSchema = ClaimSchema.extend({
  userId: z.string(),
  network: z.object({ slug: z.string(), name: z.string() }),
  overdue: z.boolean().meta({ description: 'Still undecided past its deadline' }),
  decidedBy: z.string().nullable(),
  revision: z.number().int(),
}).meta({ id: 'AdminClaim' });
export type AdminClaim = z.infer<typeof AdminClaimSchema>;

export const AdminClaimDetailSchema = AdminClaimSchema.extend({
  messages: z.array(ClaimMessageSchema),
  proofs: z.array(ClaimProofSchema),
}).meta({ id: 'AdminClaimDetail' });
export type AdminClaimDetail = z.infer<typeof AdminClaimDetailSchema>;

export const AdminClaimPageSchema = pageOf(AdminClaimSchema, 'AdminClaimPage');
export type AdminClaimPage = z.infer<typeof AdminClaimPageSchema>;

/** A reason the shopper will read: what to send (ask for information) or why not (reject). */
export const ClaimReasonSchema = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .strict()
  .meta({ id: 'ClaimReason' });
export type ClaimReason = z.infer<typeof ClaimReasonSchema>;

/**
 * Accepting records the purchase as the network would: the order value (as claimed unless
 * corrected) and the commission the network is expected to pay for it, which decides the
 * shopper's share under the shop's rules.
 */
export const ClaimAcceptSchema = z
  .object({
    commissionMinor: z.string().regex(/^(0|[1-9]\d{0,15})$/, 'a whole number of minor units'),
    orderAmountMinor: PositiveMinor.optional(),
  })
  .strict()
  .meta({ id: 'ClaimAccept' });
export type ClaimAccept = z.infer<typeof ClaimAcceptSchema>;

export const ClaimShopSettingsParamsSchema = z.object({ slug: ClaimCreateSchema.shape.shop }).strict();
export const ClaimShopSettingsSchema = z
  .object({
    claimAfterDays: z
      .number()
      .int()
      .min(0)
      .max(CLAIM_CLOSES_AFTER_DAYS)
      .meta({ description: 'Days after the purchase before a claim can be filed (default 7)' }),
  })
  .strict()
  .meta({ id: 'ClaimShopSettings' });
export type ClaimShopSettings = z.infer<typeof ClaimShopSettingsSchema>;

export const ClaimExportQuerySchema = z.object({ network: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict();
