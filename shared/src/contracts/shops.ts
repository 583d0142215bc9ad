import { z } from 'zod';
import { MARKET_CODES } from '../markets.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

export const CASHBACK_RULE_KINDS = ['percent_of_commission', 'percent_of_order', 'fixed'] as const;
export type CashbackRuleKind = (typeof CASHBACK_RULE_KINDS)[number];

export const MarketCodeSchema = z.enum(MARKET_CODES);

export const MarketSchema = z
  .object({
    code: MarketCodeSchema,
    countryCode: z.string(),
    currency: z.enum(['CZK', 'EUR']),
    language: z.enum(['cs', 'sk', 'en']),
    minimumPayout: MoneySchema,
  })
  .meta({ id: 'Market' });
export type MarketView = z.infer<typeof MarketSchema>;
export const MarketListSchema = z.object({ items: z.array(MarketSchema) }).meta({ id: 'MarketList' });

/** The shopper-facing headline: "up to 4 %" or "150 Kč back". */
export const CashbackHeadlineSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(10000) }),
    z.object({ kind: z.literal('fixed'), amount: MoneySchema }),
  ])
  .meta({ id: 'CashbackHeadline' });
export type CashbackHeadline = z.infer<typeof CashbackHeadlineSchema>;

export const ShopSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    market: MarketCodeSchema,
    logoUrl: z.string().nullable(),
    categories: z.array(z.string()),
    cashback: CashbackHeadlineSchema.nullable(),
  })
  .meta({ id: 'ShopSummary' });
export type ShopSummary = z.infer<typeof ShopSummarySchema>;

export const CashbackRuleSchema = z
  .object({
    category: z.string().nullable(),
    kind: z.enum(CASHBACK_RULE_KINDS),
    basisPoints: z.number().int().nullable(),
    fixed: MoneySchema.nullable(),
    validFrom: z.iso.datetime().nullable(),
    validTo: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CashbackRule' });

export const ShopDetailSchema = ShopSummarySchema.extend({
  description: z.string(),
  conditions: z.string(),
  confirmationDays: z.number().int(),
  rules: z.array(CashbackRuleSchema),
}).meta({ id: 'ShopDetail' });
export type ShopDetail = z.infer<typeof ShopDetailSchema>;

export const ShopListQuerySchema = z
  .object({
    market: MarketCodeSchema.optional(),
    q: z.string().trim().max(100).optional(),
    category: z.string().trim().max(64).optional(),
    limit: LimitQuery,
    cursor: CursorQuery,
  })
  .strict();
export type ShopListQuery = z.infer<typeof ShopListQuerySchema>;

export const ShopSlugParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) }).strict();

export const ShopPageSchema = pageOf(ShopSummarySchema, 'ShopPage');
export type ShopPage = z.infer<typeof ShopPageSchema>;
