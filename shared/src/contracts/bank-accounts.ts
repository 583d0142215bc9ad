import { z } from 'zod';
import { CursorQuery, LimitQuery } from './common.js';

/**
 * Shoppers' bank accounts (`/api/v1/me/bank-accounts`) and the staff list of IBANs that several
 * shoppers use. The full IBAN never leaves the server towards the shopper; the masked form does.
 */

/** How long payouts wait after a bank account is added or removed. */
export const PAYOUT_HOLD_HOURS = 72;
export const HOLDER_NAME_MAX_LENGTH = 70;

export const BankAccountSchema = z
  .object({
    id: z.string(),
    maskedIban: z.string().meta({ example: 'CZ65 **** **** **** **** 5399' }),
    bic: z.string().nullable(),
    bankName: z.string().nullable().meta({ description: 'Czech and Slovak banks, from the bank code list' }),
    holderName: z.string(),
    /** Czech accounts only, masked like the IBAN. */
    maskedDomestic: z.string().nullable().meta({ example: '**-******5399/0800' }),
    createdAt: z.iso.datetime(),
    verifiedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When the shopper confirmed the account through the mailed link' }),
  })
  .meta({ id: 'BankAccount' });
export type BankAccount = z.infer<typeof BankAccountSchema>;

export const BankAccountListSchema = z
  .object({
    items: z.array(BankAccountSchema),
    payoutsBlockedUntil: z.iso
      .datetime()
      .nullable()
      .meta({ description: `Payouts wait ${PAYOUT_HOLD_HOURS} h after an account is added or removed` }),
  })
  .meta({ id: 'BankAccountList' });
export type BankAccountList = z.infer<typeof BankAccountListSchema>;

export const BankAccountCreateSchema = z
  .object({
    account: z
      .string()
      .trim()
      .min(1, 'enter an IBAN or a Czech account number')
      .max(60)
      .meta({ description: 'An IBAN (SEPA) or a Czech account number as [prefix-]number/bank code' }),
    holderName: z.string().trim().min(1, 'enter the account holder’s name').max(HOLDER_NAME_MAX_LENGTH),
  })
  .strict()
  .meta({ id: 'BankAccountCreate' });
export type BankAccountCreate = z.infer<typeof BankAccountCreateSchema>;

export const BankAccountConfirmSchema = z
  .object({ token: z.string().min(10).max(1000) })
  .strict()
  .meta({ id: 'BankAccountConfirm' });

export const BankAccountIdParamsSchema = z
  .object({ id: z.string().regex(/^[1-9]\d{0,18}$/, 'not an id') })
  .strict();

export const SharedIbanQuerySchema = z.object({ limit: LimitQuery, cursor: CursorQuery }).strict();

export const SharedIbanSchema = z
  .object({
    iban: z.string(),
    bic: z.string().nullable(),
    users: z.number().int().meta({ description: 'How many shoppers entered this IBAN' }),
    accounts: z.array(
      z.object({
        id: z.string(),
        userId: z.string(),
        holderName: z.string(),
        createdAt: z.iso.datetime(),
        verifiedAt: z.iso.datetime().nullable(),
        removedAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: 'SharedIban' });
export const SharedIbanPageSchema = z
  .object({ items: z.array(SharedIbanSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SharedIbanPage' });
