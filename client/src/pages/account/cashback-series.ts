import type { Currency } from '@shared/markets.js';
import type { Purchase, PurchaseState } from '../../api/money.js';

/** The shopper's cashback at the end of one day on which something changed. */
export interface CashbackDay {
  /** `YYYY-MM-DD` in the reader's time zone. */
  day: string;
  /** Local midnight of that day, in seconds since the epoch (uPlot's time unit). */
  startSeconds: number;
  /** Confirmed by the shop (approved or settled), in minor units. */
  confirmedMinor: bigint;
  /** Reported and waiting for the shop's decision, in minor units. */
  pendingMinor: bigint;
}

export interface CashbackSeries {
  currency: Currency;
  days: CashbackDay[];
}

interface Change {
  purchaseId: string;
  state: PurchaseState;
  at: number;
  shareMinor: bigint;
}

function localDay(at: number): { day: string; startSeconds: number } {
  const date = new Date(at);
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    day: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    startSeconds: Math.floor(start.getTime() / 1000),
  };
}

/** What each purchase said, as changes in time; a purchase without history counts as it is now. */
function changesOf(purchase: Purchase): Change[] {
  if (purchase.history.length === 0) {
    return [
      {
        purchaseId: purchase.id,
        state: purchase.state,
        at: Date.parse(purchase.createdAt),
        shareMinor: BigInt(purchase.share.amountMinor),
      },
    ];
  }
  return purchase.history.map((event) => ({
    purchaseId: purchase.id,
    state: event.state,
    at: Date.parse(event.at),
    shareMinor: BigInt(event.share.amountMinor),
  }));
}

/**
 * Cumulative cashback per currency, replayed from the purchases' histories: at the end of each day
 * on which a purchase arrived or changed, how much was confirmed and how much was still pending.
 * A rejected purchase counts for nothing from the day it was rejected. Sums stay in bigint minor
 * units; only the chart turns them into plot coordinates.
 */
export function cashbackSeries(purchases: readonly Purchase[]): CashbackSeries[] {
  const byCurrency = new Map<Currency, Change[]>();
  for (const purchase of purchases) {
    const currency = purchase.share.currency;
    const changes = byCurrency.get(currency) ?? [];
    changes.push(...changesOf(purchase));
    byCurrency.set(currency, changes);
  }

  const result: CashbackSeries[] = [];
  for (const [currency, changes] of byCurrency) {
    changes.sort((left, right) => left.at - right.at);
    const current = new Map<string, { state: PurchaseState; shareMinor: bigint }>();
    const days: CashbackDay[] = [];
    for (let index = 0; index < changes.length; index++) {
      const change = changes[index]!;
      current.set(change.purchaseId, { state: change.state, shareMinor: change.shareMinor });
      const next = changes[index + 1];
      const { day, startSeconds } = localDay(change.at);
      // Record the day once all of its changes are in.
      if (next && localDay(next.at).day === day) continue;
      let confirmedMinor = 0n;
      let pendingMinor = 0n;
      for (const { state, shareMinor } of current.values()) {
        switch (state) {
          case 'pending':
            pendingMinor += shareMinor;
            break;
          case 'approved':
          case 'settled':
            confirmedMinor += shareMinor;
            break;
          case 'rejected':
            break;
        }
      }
      days.push({ day, startSeconds, confirmedMinor, pendingMinor });
    }
    result.push({ currency, days });
  }
  return result.sort((left, right) => left.currency.localeCompare(right.currency));
}

/** The local midnight before `startSeconds`' day, in seconds (the chart starts from zero there). */
export function dayBefore(startSeconds: number): number {
  const date = new Date(startSeconds * 1000);
  return Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate() - 1).getTime() / 1000);
}

/** The local midnight after `startSeconds`' day, in seconds. */
export function dayAfter(startSeconds: number): number {
  const date = new Date(startSeconds * 1000);
  return Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() / 1000);
}

/** Local midnight of today, in seconds. */
export function todayStart(now: number = Date.now()): number {
  return localDay(now).startSeconds;
}
