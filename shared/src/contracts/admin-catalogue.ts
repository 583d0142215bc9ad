import { z } from 'zod';
import { CURRENCIES, MARKET_CODES } from '../markets.js';
import { MAX_STORABLE_MINOR } from '../money.js';
import {
  MAX_DEEP_LINK_HOSTS,
  MAX_TRACKING_TEMPLATE_LENGTH,
  validateDeepLinkHosts,
} from '../tracking-template.js';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';
import { CASHBACK_RULE_KINDS, CashbackHeadlineSchema, ShopSlugParamsSchema } from './shops.js';

/**
 * The admin side of the catalogue: networks, shops and their cashback rules. Requests name
 * networks and shops by slug, never by id. The tracking template is checked by the server with
 * `validateTrackingTemplate` (its answer depends on the deployment: http://localhost is only for
 * development), so here it is only bounded in size.
 */

/** How a network talks to us: our signed protocol, or one of the template presets. */
export const NETWORK_KINDS = ['signed', 'awin', 'impact', 'admitad', 'generic'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export const MAX_NETWORK_SETTINGS = 20;
export const MAX_SHOP_CATEGORIES = 20;

/**
 * Setting names that look like secrets. Settings are shown to every staff role and written to the
 * audit log; postback secrets are stored hashed and shown once, through their own endpoint.
 */
const SECRET_SETTING_NAME = /pass(word)?|secret|token|key|hash|signature|credential/i;

export const NetworkSlugSchema = z
  .string()
  .regex(/^[a-z0-9-]{2,64}$/, '2–64 lower-case letters, digits and hyphens');

export const ShopSlugSchema = z
  .string()
  .regex(/^[a-z0-9-]{2,80}$/, '2–80 lower-case letters, digits and hyphens');

/**
 * A category code: a shop's catalogue category, or the category a cashback rule is for — the code
 * the network reports for a purchase (its commission group), compared after `categoryCode`
 * (server/src/modules/shops/cashback-rates.ts) brings it to this form.
 */
export const CategorySchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, '1–64 lower-case letters, digits and hyphens');

const SettingValueSchema = z.union([z.string().max(500), z.number(), z.boolean()]);

export const NetworkSettingsSchema = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a name of letters, digits, "_", "." and "-"')
      .refine((name) => !SECRET_SETTING_NAME.test(name), {
        message: 'secrets are not settings: they would be shown to staff and written to the audit log',
      }),
    SettingValueSchema,
  )
  .refine((settings) => Object.keys(settings).length <= MAX_NETWORK_SETTINGS, {
    message: `at most ${MAX_NETWORK_SETTINGS} settings`,
  });
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>;

const NameSchema = z.string().trim().min(1).max(120);

/** Slugs that name admin pages under `/admin/networks/` rather than a network. */
const RESERVED_NETWORK_SLUGS: ReadonlySet<string> = new Set(['health']);

export const NetworkCreateSchema = z
  .object({
    slug: NetworkSlugSchema.refine((slug) => !RESERVED_NETWORK_SLUGS.has(slug), {
      message: 'this slug is reserved',
    }),
    name: NameSchema,
    kind: z.enum(NETWORK_KINDS),
    settings: NetworkSettingsSchema.default({}),
    isActive: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'AdminNetworkCreate' });
export type NetworkCreate = z.infer<typeof NetworkCreateSchema>;

/**
 * The slug is the network's postback address (`/postback/:slug`), so it never changes. `settings`,
 * when given, replaces the whole set.
 */
export const NetworkUpdateSchema = z
  .object({
    name: NameSchema.optional(),
    kind: z.enum(NETWORK_KINDS).optional(),
    settings: NetworkSettingsSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'AdminNetworkUpdate' });
export type NetworkUpdate = z.infer<typeof NetworkUpdateSchema>;

export const AdminNetworkSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(NETWORK_KINDS),
    settings: z.record(z.string(), SettingValueSchema),
    isActive: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminNetwork' });
export type AdminNetwork = z.infer<typeof AdminNetworkSchema>;
export const AdminNetworkPageSchema = pageOf(AdminNetworkSchema, 'AdminNetworkPage');

export const NetworkSlugParamsSchema = z.object({ slug: NetworkSlugSchema }).strict();

/** A logo on an https URL, or a path on our own origin (`/logos/alza.svg`, not `//elsewhere`). */
export const LogoUrlSchema = z
  .string()
  .max(500)
  .refine(
    (value) =>
      (value.startsWith('/') && !/^\/[/\\]/.test(value) && /^[\x21-\x7e]+$/.test(value)) || isHttpsUrl(value),
    { message: 'an https:// URL or a path on this site starting with /' },
  );

function isHttpsUrl(value: string): boolean {
  if (!value.startsWith('https://') || /[^\x21-\x7e]/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const DeepLinkHostsSchema = z
  .array(z.string().max(253))
  .max(MAX_DEEP_LINK_HOSTS)
  .superRefine((hosts, ctx) => {
    for (const problem of validateDeepLinkHosts(hosts)) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: problem.index === null ? [] : [problem.index],
      });
    }
  });

const CategoriesSchema = z
  .array(CategorySchema)
  .max(MAX_SHOP_CATEGORIES)
  .refine((categories) => new Set(categories).size === categories.length, {
    message: 'a category is listed twice',
  });

const shopFields = {
  name: NameSchema,
  networkSlug: NetworkSlugSchema,
  logoUrl: LogoUrlSchema.nullable(),
  description: z.string().trim().max(5000),
  categories: CategoriesSchema,
  /** Checked by the server with `validateTrackingTemplate`; refused as INVALID_TRACKING_TEMPLATE. */
  trackingTemplate: z.string().trim().min(1).max(MAX_TRACKING_TEMPLATE_LENGTH),
  deepLinkHosts: DeepLinkHostsSchema,
  conditions: z.string().trim().max(5000),
  confirmationDays: z.number().int().min(1).max(365),
  isActive: z.boolean(),
};

export const ShopCreateSchema = z
  .object({
    ...shopFields,
    slug: ShopSlugSchema,
    market: z.enum(MARKET_CODES),
    logoUrl: shopFields.logoUrl.default(null),
    description: shopFields.description.default(''),
    categories: shopFields.categories.default([]),
    deepLinkHosts: shopFields.deepLinkHosts.default([]),
    conditions: shopFields.conditions.default(''),
    isActive: shopFields.isActive.default(true),
  })
  .strict()
  .meta({ id: 'AdminShopCreate' });
export type ShopCreate = z.infer<typeof ShopCreateSchema>;

/**
 * Every field but the slug (it is in every `/go/:slug` link already shared) and the market (the
 * currency of its fixed rules and of its past purchases).
 */
export const ShopUpdateSchema = z.object(shopFields).partial().strict().meta({ id: 'AdminShopUpdate' });
export type ShopUpdate = z.infer<typeof ShopUpdateSchema>;

export const AdminShopQuerySchema = z
  .object({
    market: z.enum(MARKET_CODES).optional(),
    network: NetworkSlugSchema.optional(),
    active: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: LimitQuery,
    cursor: CursorQuery,
  })
  .strict();
export type AdminShopQuery = z.infer<typeof AdminShopQuerySchema>;

export const AdminNetworkQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();
export type AdminNetworkQuery = z.infer<typeof AdminNetworkQuerySchema>;

/** A fixed cashback: a positive whole number of minor units (haléře, cents) in the shop's currency. */
export const FixedAmountSchema = z
  .object({
    amountMinor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'a positive whole number of minor units')
      // zod runs every check, so the refinement must not assume the pattern matched.
      .refine((value) => !/^\d+$/.test(value) || BigInt(value) <= MAX_STORABLE_MINOR, {
        message: 'too large',
      }),
    currency: z.enum(CURRENCIES),
  })
  .strict();

const ruleTiming = {
  category: CategorySchema.optional(),
  /** Omitted: the rule is in force from its creation. A rule never starts in the past. */
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validTo: z.iso.datetime({ offset: true }).optional(),
};

export const CashbackRuleCreateSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.enum(['percent_of_commission', 'percent_of_order']),
        basisPoints: z.number().int().min(1).max(10000),
        ...ruleTiming,
      })
      .strict(),
    z.object({ kind: z.literal('fixed'), fixedAmount: FixedAmountSchema, ...ruleTiming }).strict(),
    // "No cashback on gift cards": only for a category (to stop paying for a whole shop, end its rules).
    z.object({ kind: z.literal('excluded'), ...ruleTiming, category: CategorySchema }).strict(),
  ])
  .superRefine((rule, ctx) => {
    if (
      rule.validFrom !== undefined &&
      rule.validTo !== undefined &&
      Date.parse(rule.validFrom) >= Date.parse(rule.validTo)
    ) {
      ctx.addIssue({ code: 'custom', message: 'must be after validFrom', path: ['validTo'] });
    }
  })
  .meta({ id: 'AdminCashbackRuleCreate' });
export type CashbackRuleCreate = z.infer<typeof CashbackRuleCreateSchema>;

export const CASHBACK_RULE_STATES = ['scheduled', 'in_force', 'ended'] as const;
export type CashbackRuleState = (typeof CASHBACK_RULE_STATES)[number];

export const AdminCashbackRuleSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CASHBACK_RULE_KINDS),
    category: z.string().nullable(),
    basisPoints: z.number().int().nullable(),
    fixedAmount: MoneySchema.nullable(),
    /** In force from `validFrom` (inclusive) to `validTo` (exclusive); null is unbounded. */
    validFrom: z.iso.datetime().nullable(),
    validTo: z.iso.datetime().nullable(),
    state: z.enum(CASHBACK_RULE_STATES),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminCashbackRule' });
export type AdminCashbackRule = z.infer<typeof AdminCashbackRuleSchema>;
export const AdminCashbackRuleListSchema = z
  .object({ items: z.array(AdminCashbackRuleSchema) })
  .meta({ id: 'AdminCashbackRuleList' });

export const AdminShopSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    market: z.enum(MARKET_CODES),
    networkSlug: z.string(),
    logoUrl: z.string().nullable(),
    description: z.string(),
    categories: z.array(z.string()),
    trackingTemplate: z.string(),
    deepLinkHosts: z.array(z.string()),
    conditions: z.string(),
    confirmationDays: z.number().int(),
    isActive: z.boolean(),
    /** The shopper-facing headline from the rules in force now, as the public catalogue shows it. */
    cashback: CashbackHeadlineSchema.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminShop' });
export type AdminShop = z.infer<typeof AdminShopSchema>;
export const AdminShopPageSchema = pageOf(AdminShopSchema, 'AdminShopPage');

export const AdminShopDetailSchema = AdminShopSchema.extend({
  /** Every rule, ended ones included, newest first. */
  rules: z.array(AdminCashbackRuleSchema),
}).meta({ id: 'AdminShopDetail' });
export type AdminShopDetail = z.infer<typeof AdminShopDetailSchema>;

export const AdminShopParamsSchema = ShopSlugParamsSchema;
export const CashbackRuleParamsSchema = z
  .object({
    slug: ShopSlugParamsSchema.shape.slug,
    ruleId: z.string().regex(/^[1-9]\d{0,18}$/, 'not an id'),
  })
  .strict();
