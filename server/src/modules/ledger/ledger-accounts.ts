import type { Currency } from '@shared/markets.js';
import type { AccountKind, AccountRef } from './ledger.types.js';

/**
 * What a balance may be, enforced by the conditional update that moves it: what we owe or paid a
 * shopper never goes below zero, a debt (stored as the negative amount the shopper owes) never above
 * zero, and system accounts are the counterparties that take any sign.
 */
export type BalanceRule = 'non_negative' | 'non_positive' | 'any';

export const BALANCE_RULE: Record<AccountKind, BalanceRule> = {
  pending: 'non_negative',
  available: 'non_negative',
  payout_hold: 'non_negative',
  paid_out: 'non_negative',
  debt: 'non_positive',
  network_receivable: 'any',
  platform_pending: 'any',
  platform_revenue: 'any',
  bank: 'any',
};

/** An account as stored: its unique key and the columns derived from the reference. */
export interface AccountRow {
  key: string;
  kind: AccountKind;
  userId: string | null;
  networkId: string | null;
  currency: Currency;
}

/** `user:42:available:CZK`, `network:3:receivable:EUR`, `platform:revenue:CZK` (unique, ≤ 96 chars). */
export function accountRowOf(ref: AccountRef): AccountRow {
  const common = { kind: ref.kind, currency: ref.currency };
  switch (ref.kind) {
    case 'pending':
    case 'available':
    case 'payout_hold':
    case 'paid_out':
    case 'debt':
      return {
        ...common,
        key: `user:${ref.userId}:${ref.kind}:${ref.currency}`,
        userId: ref.userId,
        networkId: null,
      };
    case 'network_receivable':
      return {
        ...common,
        key: `network:${ref.networkId}:receivable:${ref.currency}`,
        userId: null,
        networkId: ref.networkId,
      };
    case 'platform_pending':
      return { ...common, key: `platform:pending:${ref.currency}`, userId: null, networkId: null };
    case 'platform_revenue':
      return { ...common, key: `platform:revenue:${ref.currency}`, userId: null, networkId: null };
    case 'bank':
      return { ...common, key: `platform:bank:${ref.currency}`, userId: null, networkId: null };
  }
}
