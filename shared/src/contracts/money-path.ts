import { z } from 'zod';
import { CursorQuery, LimitQuery, MoneySchema, pageOf } from './common.js';

export const CONVERSION_STATES = ['pending', 'approved', 'settled', 'rejected'] as const;

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
    history: z.array(PurchaseEventSchema),
  })
  .meta({ id: 'Purchase' });
export type Purchase = z.infer<typeof PurchaseSchema>;
export const PurchasePageSchema = pageOf(PurchaseSchema, 'PurchasePage');
export const PurchasesQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();
