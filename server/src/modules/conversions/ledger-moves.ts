import type { EntityManager } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { AccountRef, Ledger, TransferCode } from '../ledger/ledger.service.js';
import type { LedgerPosition } from './conversion-state.js';

export interface Holding {
  position: LedgerPosition;
  shareMinor: bigint;
  commissionMinor: bigint;
}

interface Context {
  manager: EntityManager;
  ledger: Ledger;
  conversionId: string;
  revision: number;
  userId: string;
  networkId: string;
  currency: Currency;
  createdBy: string;
  reason?: string | undefined;
}

type Posting = { account: AccountRef; amountMinor: bigint };

/**
 * Moves a conversion's money in the shopper's ledger from what it holds to what it should hold,
 * as a chain of transfers keyed by (conversion, revision, step): replaying the same revision posts
 * nothing twice. Credits to `available` first pay off any debt; debits take what `available` has
 * and put the rest in `debt`, so `available` never goes below zero (I3, I9).
 */
export async function moveHolding(context: Context, from: Holding, to: Holding): Promise<void> {
  let step = 0;
  const user = (kind: 'pending' | 'available' | 'debt') =>
    ({ kind, userId: context.userId, currency: context.currency }) as const;
  const receivable: AccountRef = {
    kind: 'network_receivable',
    networkId: context.networkId,
    currency: context.currency,
  };
  const platform = (kind: 'platform_pending' | 'platform_revenue'): AccountRef => ({
    kind,
    currency: context.currency,
  });

  const post = async (code: TransferCode, postings: Posting[]) => {
    step += 1;
    const nonZero = postings.filter((posting) => posting.amountMinor !== 0n);
    if (nonZero.length === 0) return;
    await context.ledger.post(context.manager, {
      idempotencyKey: `conversion:${context.conversionId}:r${context.revision}:${step}`,
      code,
      currency: context.currency,
      userId: context.userId,
      reference: `conversion:${context.conversionId}`,
      createdBy: context.createdBy,
      ...(context.reason ? { reason: context.reason } : {}),
      postings: nonZero,
    });
  };

  /** Postings that add `amount` to what the shopper can withdraw, debt first. */
  const creditAvailable = async (amount: bigint): Promise<Posting[]> => {
    const owed = -(await context.ledger.balanceOf(context.manager, user('debt')));
    const toDebt = owed > 0n ? (owed < amount ? owed : amount) : 0n;
    return [
      { account: user('debt'), amountMinor: toDebt },
      { account: user('available'), amountMinor: amount - toDebt },
    ];
  };
  /** Postings that take `amount` away from what the shopper can withdraw; what is missing becomes debt. */
  const debitAvailable = async (amount: bigint): Promise<Posting[]> => {
    const available = await context.ledger.balanceOf(context.manager, user('available'));
    const fromAvailable = available < amount ? (available > 0n ? available : 0n) : amount;
    return [
      { account: user('available'), amountMinor: -fromAvailable },
      { account: user('debt'), amountMinor: -(amount - fromAvailable) },
    ];
  };
  const changeAvailable = (delta: bigint) => (delta >= 0n ? creditAvailable(delta) : debitAvailable(-delta));

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
  const approve = async (share: bigint, commission: bigint) =>
    post('conversion_approved', [
      { account: user('pending'), amountMinor: -share },
      ...(await creditAvailable(share)),
      { account: platform('platform_pending'), amountMinor: -(commission - share) },
      { account: platform('platform_revenue'), amountMinor: commission - share },
    ]);
  const rejectPending = (share: bigint, commission: bigint) =>
    post('conversion_rejected', [
      { account: user('pending'), amountMinor: -share },
      { account: platform('platform_pending'), amountMinor: -(commission - share) },
      { account: receivable, amountMinor: commission },
    ]);
  const amendAvailable = async (shareDelta: bigint, commissionDelta: bigint) =>
    post('conversion_amended', [
      ...(await changeAvailable(shareDelta)),
      { account: platform('platform_revenue'), amountMinor: commissionDelta - shareDelta },
      { account: receivable, amountMinor: -commissionDelta },
    ]);
  const rejectAvailable = async (share: bigint, commission: bigint) =>
    post('conversion_rejected', [
      ...(await debitAvailable(share)),
      { account: platform('platform_revenue'), amountMinor: -(commission - share) },
      { account: receivable, amountMinor: commission },
    ]);

  const shareDelta = to.shareMinor - from.shareMinor;
  const commissionDelta = to.commissionMinor - from.commissionMinor;
  switch (from.position) {
    case 'none':
    case 'reversed':
      if (to.position === 'pending' || to.position === 'available')
        await enterPending(to.shareMinor, to.commissionMinor);
      if (to.position === 'available') await approve(to.shareMinor, to.commissionMinor);
      return;
    case 'pending':
      if (to.position === 'reversed')
        return void (await rejectPending(from.shareMinor, from.commissionMinor));
      await amendPending(shareDelta, commissionDelta);
      if (to.position === 'available') await approve(to.shareMinor, to.commissionMinor);
      return;
    case 'available':
      if (to.position === 'reversed')
        return void (await rejectAvailable(from.shareMinor, from.commissionMinor));
      if (to.position === 'available') return void (await amendAvailable(shareDelta, commissionDelta));
      throw new Error(`a conversion cannot move from available back to ${to.position}`);
  }
}

/** The network paid us the commission: cash against the receivable. */
export async function postSettlement(context: Context, commission: bigint): Promise<void> {
  if (commission === 0n) return;
  await context.ledger.post(context.manager, {
    idempotencyKey: `conversion:${context.conversionId}:r${context.revision}:settled`,
    code: 'conversion_settled',
    currency: context.currency,
    userId: null,
    reference: `conversion:${context.conversionId}`,
    createdBy: context.createdBy,
    postings: [
      {
        account: { kind: 'network_receivable', networkId: context.networkId, currency: context.currency },
        amountMinor: commission,
      },
      { account: { kind: 'bank', currency: context.currency }, amountMinor: -commission },
    ],
  });
}
