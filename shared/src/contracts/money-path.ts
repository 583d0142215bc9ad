import { z } from 'zod';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';
import { CASHBACK_RULE_KINDS } from './shops.js';

export const CONVERSION_STATES = ['pending', 'approved', 'settled', 'rejected'] as const;
/** Where a report about an order came from: a network's postback, a shopper's claim, a network report, staff. */
export const CONVERSION_SOURCE_KINDS = ['postback', 'claim', 'report', 'admin'] as const;
export type ConversionSourceKind = (typeof CONVERSION_SOURCE_KINDS)[number];

export const BalanceSchema = z
  .object({
    currency: z.enum(['CZK', 'EUR']),
    pending: MoneySchema,
    available: MoneySchema,
    payoutHold: MoneySchema,
    paidOut: MoneySchema,
    debt: MoneySchema.meta({
      description: 'What the shopper owes after a reversal that came after a payout',
    }),
  })
  .meta({ id: 'Balance' });
export type Balance = z.infer<typeof BalanceSchema>;
export const BalancesSchema = z.object({ items: z.array(BalanceSchema) }).meta({ id: 'Balances' });

export const PurchaseEventSchema = z
  .object({
    state: z.enum(CONVERSION_STATES),
    at: z.iso.datetime(),
    share: MoneySchema,
    reason: z.string().nullable(),
  })
  .meta({ id: 'PurchaseEvent' });

/** The rate a purchase earns: the rule it was credited under, with the category it is for (null: general). */
export const PurchaseRuleSchema = z
  .object({
    kind: z.enum(CASHBACK_RULE_KINDS),
    basisPoints: z.number().int().nullable(),
    fixed: MoneySchema.nullable(),
    category: z.string().nullable(),
  })
  .meta({ id: 'PurchaseRule' });

export const PurchaseSchema = z
  .object({
    id: z.string(),
    shop: z.object({ slug: z.string(), name: z.string() }).nullable(),
    orderId: z.string(),
    orderAmount: MoneySchema,
    commission: MoneySchema.meta({ description: "The network's commission to us" }),
    share: MoneySchema.meta({ description: "The shopper's cashback" }),
    state: z.enum(CONVERSION_STATES),
    occurredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    expectedConfirmationAt: z.iso.datetime().nullable(),
    reason: z.string().nullable().meta({ description: "The network's reason, e.g. on rejection" }),
    rule: PurchaseRuleSchema.nullable().meta({
      description: 'The cashback rule the purchase earns under; null when no rule applied',
    }),
    history: z.array(PurchaseEventSchema),
  })
  .meta({ id: 'Purchase' });
export type Purchase = z.infer<typeof PurchaseSchema>;
export const PurchasePageSchema = pageOf(PurchaseSchema, 'PurchasePage');
export const PurchasesQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();
