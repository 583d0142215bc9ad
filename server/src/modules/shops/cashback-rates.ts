import type { CashbackHeadline, CashbackRate, CashbackRates } from '@shared/contracts/shops.js';
import type { CashbackRule } from './cashback-rule.entity.js';

/**
 * Which rules pay a purchase, by the category the network reports for it. One place for both
 * halves: the money path chooses by `rulesForPurchase`, the shop page shows `ratesOf` and the
 * catalogue's "up to" `headlineOf` — so what we advertise is what we pay (see README.md).
 */

/**
 * A reported category in the form rule categories are kept in (`CategorySchema`): accents dropped,
 * lower case, every run of other characters one hyphen, none at the ends. "Elektronika & PC" and
 * "elektronika-pc" are the same category; `CG_ELECTRONICS` is `cg-electronics`. Null when nothing
 * is left (no category).
 */
export function categoryCode(reported: string | null): string | null {
  if (reported === null) return null;
  const code = reported
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return code === '' ? null : code;
}

/** In force on `[validFrom, validTo)`. */
export function isInForceAt(rule: Pick<CashbackRule, 'validFrom' | 'validTo'>, at: Date): boolean {
  return (rule.validFrom === null || rule.validFrom <= at) && (rule.validTo === null || rule.validTo > at);
}

/**
 * The rules that may pay a purchase in `category` (as reported; null when the network sent none)
 * after a click at `at`, among the shop's rules:
 * - an exclusion in force for the category: only the exclusions (nothing is paid), whatever rates
 *   the category also has — an exclusion is the stronger statement;
 * - else the category's own rules in force, when it has any;
 * - else the general rules (no category) in force — also for a category we have no rule for.
 * The caller pays the best of them (`bestRule`).
 */
export function rulesForPurchase(rules: CashbackRule[], at: Date, category: string | null): CashbackRule[] {
  const code = categoryCode(category);
  const inForce = rules.filter((rule) => isInForceAt(rule, at));
  const own =
    code === null
      ? []
      : inForce.filter((rule) => rule.category !== null && categoryCode(rule.category) === code);
  const exclusions = own.filter((rule) => rule.kind === 'excluded');
  if (exclusions.length > 0) return exclusions;
  if (own.length > 0) return own;
  return inForce.filter((rule) => rule.category === null);
}

/** The table the shop page shows, from the rules in force now; it mirrors `rulesForPurchase`. */
export function ratesOf(inForce: CashbackRule[]): CashbackRates {
  const byCategory = new Map<string, CashbackRule[]>();
  for (const rule of inForce) {
    const code = categoryCode(rule.category);
    if (code === null) continue;
    byCategory.set(code, [...(byCategory.get(code) ?? []), rule]);
  }
  const categories: CashbackRates['categories'] = [];
  const excluded: string[] = [];
  for (const [category, rules] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (rules.some((rule) => rule.kind === 'excluded')) excluded.push(category);
    else categories.push({ category, rates: rules.flatMap(rateOf) });
  }
  return { general: inForce.filter((rule) => rule.category === null).flatMap(rateOf), categories, excluded };
}

function rateOf(rule: CashbackRule): CashbackRate[] {
  if (rule.kind === 'excluded') return [];
  return [
    {
      kind: rule.kind,
      basisPoints: rule.rateBasisPoints,
      fixed:
        rule.fixedMinor !== null && rule.currency !== null
          ? { amountMinor: rule.fixedMinor.toString(), currency: rule.currency }
          : null,
      validTo: rule.validTo?.toISOString() ?? null,
    },
  ];
}

/**
 * "Up to X %": the best order-value rate any purchase can earn now — general or a category's, an
 * excluded category's rates left out. A shop paying only fixed amounts shows the best one; rates
 * of our commission are not shown (we cannot state them as a share of the order).
 */
export function headlineOf(inForce: CashbackRule[]): CashbackHeadline | null {
  const rates = ratesOf(inForce);
  const payable = [...rates.general, ...rates.categories.flatMap((entry) => entry.rates)];
  const percent = payable
    .filter((rate) => rate.kind === 'percent_of_order' && rate.basisPoints !== null)
    .map((rate) => rate.basisPoints!);
  if (percent.length > 0) return { kind: 'percent', basisPoints: Math.max(...percent) };
  let best: CashbackRate['fixed'] = null;
  for (const rate of payable) {
    if (
      rate.kind === 'fixed' &&
      rate.fixed &&
      (!best || BigInt(rate.fixed.amountMinor) > BigInt(best.amountMinor))
    )
      best = rate.fixed;
  }
  return best ? { kind: 'fixed', amount: best } : null;
}
