import type { Currency } from '@shared/markets.js';
import { rulesForPurchase, type CashbackRule } from '../shops/index.js';

const BASIS = 10_000n;

/**
 * The shopper's share of one purchase under one rule, in integer minor units, rounded down; never
 * more than the commission (I8), never negative.
 */
export function shareUnderRule(
  rule: Pick<CashbackRule, 'kind' | 'rateBasisPoints' | 'fixedMinor' | 'currency'>,
  amounts: { orderAmountMinor: bigint; commissionMinor: bigint },
  currency: Currency,
): bigint {
  let share: bigint;
  switch (rule.kind) {
    case 'percent_of_commission':
      share = (amounts.commissionMinor * BigInt(rule.rateBasisPoints ?? 0)) / BASIS;
      break;
    case 'percent_of_order':
      share = (amounts.orderAmountMinor * BigInt(rule.rateBasisPoints ?? 0)) / BASIS;
      break;
    case 'fixed':
      share = rule.currency === currency ? (rule.fixedMinor ?? 0n) : 0n;
      break;
    case 'excluded':
      share = 0n;
      break;
  }
  if (share < 0n) return 0n;
  return share > amounts.commissionMinor ? amounts.commissionMinor : share;
}

/**
 * The rules that may pay a purchase clicked at `at` in the category the network reported (null:
 * none reported, e.g. a purchase staff assign by hand): the category's rules, none but its
 * exclusion when it is excluded, else the general ones (see `rulesForPurchase`).
 */
export function rulesInForceAt(
  rules: CashbackRule[],
  at: Date,
  category: string | null = null,
): CashbackRule[] {
  return rulesForPurchase(rules, at, category);
}

/**
 * The rule that pays: among the rules that apply (`rulesInForceAt`), the one that gives the
 * shopper most for this purchase — the shop page promises "up to", so the shopper gets the best
 * applicable rule. Ties go to the older rule (stable across replays).
 */
export function bestRule(
  rules: CashbackRule[],
  amounts: { orderAmountMinor: bigint; commissionMinor: bigint },
  currency: Currency,
): { rule: CashbackRule; shareMinor: bigint } | undefined {
  let best: { rule: CashbackRule; shareMinor: bigint } | undefined;
  for (const rule of rules) {
    const shareMinor = shareUnderRule(rule, amounts, currency);
    if (!best || shareMinor > best.shareMinor) best = { rule, shareMinor };
  }
  return best;
}
