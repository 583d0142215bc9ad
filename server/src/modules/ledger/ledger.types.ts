import type { Currency } from '@shared/markets.js';

/** Accounts every shopper has, per currency (created on first use). */
export const USER_ACCOUNT_KINDS = ['pending', 'available', 'payout_hold', 'paid_out', 'debt'] as const;
export type UserAccountKind = (typeof USER_ACCOUNT_KINDS)[number];

/** Accounts of the platform, per currency (and per network for the receivable). */
export const SYSTEM_ACCOUNT_KINDS = [
  'network_receivable',
  'platform_pending',
  'platform_revenue',
  'bank',
] as const;
export type SystemAccountKind = (typeof SYSTEM_ACCOUNT_KINDS)[number];

export type AccountKind = UserAccountKind | SystemAccountKind;

/** Why money moved. The ledger knows no causes, only these codes (README.md lists their postings). */
export const TRANSFER_CODES = [
  'conversion_pending',
  'conversion_approved',
  'conversion_rejected',
  'conversion_amended',
  'conversion_settled',
  'payout_hold',
  'payout_paid',
  'payout_released',
  'adjustment',
  'clawback',
] as const;
export type TransferCode = (typeof TRANSFER_CODES)[number];

export type AccountRef =
  | { kind: UserAccountKind; userId: string; currency: Currency }
  | { kind: 'network_receivable'; networkId: string; currency: Currency }
  | { kind: 'platform_pending' | 'platform_revenue' | 'bank'; currency: Currency };

export interface Posting {
  account: AccountRef;
  /** Signed minor units; the postings of one transfer sum to exactly 0. */
  amountMinor: bigint;
}

export interface TransferRequest {
  /** UNIQUE across the ledger: the same key posts once, later attempts are reported as duplicates. */
  idempotencyKey: string;
  code: TransferCode;
  currency: Currency;
  /** The shopper the transfer belongs to (the shard key); null for platform-only transfers. */
  userId: string | null;
  /** What caused it, e.g. `conversion:17` or `payout:5`. */
  reference?: string;
  /** Who posted: `system:postbacks`, `admin:12` … */
  createdBy: string;
  reason?: string;
  postings: Posting[];
}

export interface PostResult {
  transferId: string;
  /** True when a transfer with this idempotency key already existed; nothing was written. */
  duplicate: boolean;
}

/** A shopper's cached balances in one currency; `debt` is what they owe us, as a positive amount. */
export interface UserBalances {
  currency: Currency;
  pending: bigint;
  available: bigint;
  payoutHold: bigint;
  paidOut: bigint;
  debt: bigint;
}

/** A stored transfer with its legs, for staff views and idempotent replays. */
export interface TransferView {
  id: string;
  idempotencyKey: string;
  code: TransferCode;
  currency: Currency;
  userId: string | null;
  reference: string | null;
  createdBy: string;
  reason: string | null;
  createdAt: Date;
  entries: Array<{ accountKey: string; kind: AccountKind; amountMinor: bigint }>;
}
