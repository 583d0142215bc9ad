import { z } from 'zod';
import { MARKET_CODES } from '../markets.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

/**
 * What a rule pays: a share of our commission, a share of the order value, a fixed amount — or,
 * for a category only, nothing (`excluded`: "no cashback on gift cards").
 */
export const CASHBACK_RULE_KINDS = [
  'percent_of_commission',
  'percent_of_order',
  'fixed',
  'excluded',
] as const;
export type CashbackRuleKind = (typeof CASHBACK_RULE_KINDS)[number];
/** The kinds that pay something. */
export const CASHBACK_RATE_KINDS = ['percent_of_commission', 'percent_of_order', 'fixed'] as const;
export type CashbackRateKind = (typeof CASHBACK_RATE_KINDS)[number];

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

/** One rate a purchase can earn; when several are in force for the same purchases, the best one pays. */
export const CashbackRateSchema = z
  .object({
    kind: z.enum(CASHBACK_RATE_KINDS),
    basisPoints: z.number().int().nullable(),
    fixed: MoneySchema.nullable(),
    validTo: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CashbackRate' });
export type CashbackRate = z.infer<typeof CashbackRateSchema>;

/**
 * What a purchase earns, by the category the network reports for it: a category's own rates, no
 * cashback at all in an excluded category, and the general rates for any other purchase (also one
 * the network reports without a category). The money path pays by exactly this table.
 */
export const CashbackRatesSchema = z
  .object({
    general: z.array(CashbackRateSchema),
    categories: z.array(z.object({ category: z.string(), rates: z.array(CashbackRateSchema) })),
    excluded: z.array(z.string()),
  })
  .meta({ id: 'CashbackRates' });
export type CashbackRates = z.infer<typeof CashbackRatesSchema>;

export const ShopDetailSchema = ShopSummarySchema.extend({
  description: z.string(),
  conditions: z.string(),
  confirmationDays: z.number().int(),
  /** The rules in force now, as stored. */
  rules: z.array(CashbackRuleSchema),
  cashbackRates: CashbackRatesSchema,
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
