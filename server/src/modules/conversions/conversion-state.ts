/**
 * The conversion state machine (DESIGN §6), pure. A network's status report is applied to what we
 * know; the answer says whether anything changes. Monotone: pending → approved → settled, with
 * rejected reachable from pending and approved (and settled: a network may claw back); a later
 * approval after a rejection re-credits; a late "pending" is acknowledged and ignored.
 */
export const CONVERSION_STATES = ['pending', 'approved', 'settled', 'rejected'] as const;
export type ConversionState = (typeof CONVERSION_STATES)[number];

/** What the shopper's ledger holds for a conversion. */
export type LedgerPosition = 'none' | 'pending' | 'available' | 'reversed';

export interface Amounts {
  orderAmountMinor: bigint;
  commissionMinor: bigint;
}

export type Decision =
  | { kind: 'duplicate' }
  | { kind: 'ignored'; why: string }
  | { kind: 'conflict'; why: string }
  | { kind: 'apply'; state: ConversionState; amounts: Amounts };

const sameAmounts = (a: Amounts, b: Amounts) =>
  a.orderAmountMinor === b.orderAmountMinor && a.commissionMinor === b.commissionMinor;

export function decide(
  current: { state: ConversionState } & Amounts,
  incoming: { state: ConversionState } & Amounts,
): Decision {
  const unchanged = sameAmounts(current, incoming);
  const amounts = { orderAmountMinor: incoming.orderAmountMinor, commissionMinor: incoming.commissionMinor };
  const apply = (state: ConversionState): Decision => ({ kind: 'apply', state, amounts });
  switch (current.state) {
    case 'pending':
      if (incoming.state === 'pending') return unchanged ? { kind: 'duplicate' } : apply('pending');
      return apply(incoming.state);
    case 'approved':
      if (incoming.state === 'pending') return { kind: 'ignored', why: 'late pending after approval' };
      if (incoming.state === 'approved') return unchanged ? { kind: 'duplicate' } : apply('approved');
      return apply(incoming.state);
    case 'settled':
      if (incoming.state === 'pending' || incoming.state === 'approved') {
        return unchanged
          ? { kind: 'ignored', why: 'already settled' }
          : { kind: 'conflict', why: 'amounts changed after settlement' };
      }
      if (incoming.state === 'settled') {
        return unchanged
          ? { kind: 'duplicate' }
          : { kind: 'conflict', why: 'amounts changed after settlement' };
      }
      return apply('rejected');
    case 'rejected':
      if (incoming.state === 'rejected') return { kind: 'duplicate' };
      if (incoming.state === 'pending') return { kind: 'ignored', why: 'late pending after rejection' };
      return apply(incoming.state);
  }
}

/** The ledger position a conversion in this state should have (for an attributed conversion). */
export function positionFor(state: ConversionState): LedgerPosition {
  switch (state) {
    case 'pending':
      return 'pending';
    case 'approved':
    case 'settled':
      return 'available';
    case 'rejected':
      return 'reversed';
  }
}
