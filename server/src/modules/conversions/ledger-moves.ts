import type { Currency } from '@shared/markets.js';
import type { AccountRef, Posting, TransferCode } from '../ledger/index.js';
import type { LedgerPosition } from './conversion-state.js';

export interface Holding {
  position: LedgerPosition;
  shareMinor: bigint;
  commissionMinor: bigint;
}

/** Whose money moves: the conversion's shopper, network and currency. */
export interface MoveParties {
  userId: string;
  networkId: string;
  currency: Currency;
}

/**
 * What the shopper can withdraw and what they owe, as the ledger holds it (read locked at the start
 * of the transaction) plus the moves planned since. `debt` is the raw balance: ≤ 0.
 */
export interface Wallet {
  available: bigint;
  debt: bigint;
}

/** One transfer of a move; `step` orders it within the conversion's revision (its idempotency key). */
export interface PlannedMove {
  step: number | 'settled';
  code: TransferCode;
  postings: Posting[];
}

/**
 * How a change of what the shopper can withdraw splits between `available` and `debt`: a credit
 * first pays off the debt, a debit takes what `available` has and puts the rest in `debt`, so
 * `available` never goes below zero (I3, I9). Signed amounts to post to each.
 */
export function splitAvailableChange(delta: bigint, wallet: Wallet): { available: bigint; debt: bigint } {
  if (delta >= 0n) {
    const owed = -wallet.debt;
    const toDebt = owed > 0n ? (owed < delta ? owed : delta) : 0n;
    return { available: delta - toDebt, debt: toDebt };
  }
  const taken = -delta;
  const fromAvailable = wallet.available < taken ? (wallet.available > 0n ? wallet.available : 0n) : taken;
  return { available: -fromAvailable, debt: -(taken - fromAvailable) };
}

/**
 * Plans the transfers that move a conversion's money in the shopper's ledger from what it holds to
 * what it should hold, keyed later by (conversion, revision, step): replaying the same revision
 * posts nothing twice. Credits to `available` first pay off any debt; debits take what `available`
 * has and put the rest in `debt`, so `available` never goes below zero (I3, I9). The wallet is
 * updated with every planned posting, so several moves of one shopper in one batch see each other.
 */
export function planHoldingMoves(
  parties: MoveParties,
  from: Holding,
  to: Holding,
  wallet: Wallet,
): PlannedMove[] {
  const moves: PlannedMove[] = [];
  let step = 0;
  const user = (kind: 'pending' | 'available' | 'debt') =>
    ({ kind, userId: parties.userId, currency: parties.currency }) as const;
  const receivable: AccountRef = {
    kind: 'network_receivable',
    networkId: parties.networkId,
    currency: parties.currency,
  };
  const platform = (kind: 'platform_pending' | 'platform_revenue'): AccountRef => ({
    kind,
    currency: parties.currency,
  });

  const post = (code: TransferCode, postings: Posting[]) => {
    step += 1;
    const nonZero = postings.filter((posting) => posting.amountMinor !== 0n);
    if (nonZero.length === 0) return;
    for (const posting of nonZero) {
      if (posting.account.kind === 'available') wallet.available += posting.amountMinor;
      if (posting.account.kind === 'debt') wallet.debt += posting.amountMinor;
    }
    moves.push({ step, code, postings: nonZero });
  };

  const changeAvailable = (delta: bigint): Posting[] => {
    const split = splitAvailableChange(delta, wallet);
    return [
      { account: user('available'), amountMinor: split.available },
      { account: user('debt'), amountMinor: split.debt },
    ];
  };
  const creditAvailable = (amount: bigint) => changeAvailable(amount);
  const debitAvailable = (amount: bigint) => changeAvailable(-amount);

  const enterPending = (share: bigint, commission: bigint) =>
    post('conversion_pending', [
      { account: receivable, amountMinor: -commission },
      { account: user('pending'), amountMinor: share },
      { account: platform('platform_pending'), amountMinor: commission - share },
    ]);
  const amendPending = (shareDelta: bigint, commissionDelta: bigint) =>
    post('conversion_amended', [
      { account: receivable, amountMinor: -commissionDelta },
      { account: user('pending'), amountMinor: shareDelta },
      { account: platform('platform_pending'), amountMinor: commissionDelta - shareDelta },
    ]);
  const approve = (share: bigint, commission: bigint) =>
    post('conversion_approved', [
      { account: user('pending'), amountMinor: -share },
      ...creditAvailable(share),
      { account: platform('platform_pending'), amountMinor: -(commission - share) },
      { account: platform('platform_revenue'), amountMinor: commission - share },
    ]);
  const rejectPending = (share: bigint, commission: bigint) =>
    post('conversion_rejected', [
      { account: user('pending'), amountMinor: -share },
      { account: platform('platform_pending'), amountMinor: -(commission - share) },
      { account: receivable, amountMinor: commission },
    ]);
  const amendAvailable = (shareDelta: bigint, commissionDelta: bigint) =>
    post('conversion_amended', [
      ...changeAvailable(shareDelta),
      { account: platform('platform_revenue'), amountMinor: commissionDelta - shareDelta },
      { account: receivable, amountMinor: -commissionDelta },
    ]);
  const rejectAvailable = (share: bigint, commission: bigint) =>
    post('conversion_rejected', [
      ...debitAvailable(share),
      { account: platform('platform_revenue'), amountMinor: -(commission - share) },
      { account: receivable, amountMinor: commission },
    ]);

  const shareDelta = to.shareMinor - from.shareMinor;
  const commissionDelta = to.commissionMinor - from.commissionMinor;
  switch (from.position) {
    case 'none':
    case 'reversed':
      if (to.position === 'pending' || to.position === 'available')
        enterPending(to.shareMinor, to.commissionMinor);
      if (to.position === 'available') approve(to.shareMinor, to.commissionMinor);
      return moves;
    case 'pending':
      if (to.position === 'reversed') {
        rejectPending(from.shareMinor, from.commissionMinor);
        return moves;
      }
      amendPending(shareDelta, commissionDelta);
      if (to.position === 'available') approve(to.shareMinor, to.commissionMinor);
      return moves;
    case 'available':
      if (to.position === 'reversed') rejectAvailable(from.shareMinor, from.commissionMinor);
      else if (to.position === 'available') amendAvailable(shareDelta, commissionDelta);
      else throw new Error(`a conversion cannot move from available back to ${to.position}`);
      return moves;
  }
}

/** The network paid us the commission: cash against the receivable. */
export function planSettlement(parties: Omit<MoveParties, 'userId'>, commission: bigint): PlannedMove[] {
  if (commission === 0n) return [];
  return [
    {
      step: 'settled',
      code: 'conversion_settled',
      postings: [
        {
          account: { kind: 'network_receivable', networkId: parties.networkId, currency: parties.currency },
          amountMinor: commission,
        },
        { account: { kind: 'bank', currency: parties.currency }, amountMinor: -commission },
      ],
    },
  ];
}
