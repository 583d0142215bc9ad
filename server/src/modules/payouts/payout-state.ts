import type { PayoutState } from '@shared/contracts/payouts.js';

/** What can happen to a payout, by whom: the shopper cancels; finance does the rest. */
export type PayoutTransition = 'approve' | 'reject' | 'cancel' | 'export' | 'paid' | 'failed';

/** What a transition does to the held money: nothing yet, back to the shopper, or out to the bank. */
export type HoldOutcome = 'keep' | 'release' | 'pay';

interface TransitionRule {
  from: readonly PayoutState[];
  to: PayoutState;
  hold: HoldOutcome;
}

/**
 * The payout's state machine. `requested` holds the money (available → payout_hold); every path
 * ends in exactly one of paid (hold → paid_out) or a release (hold → available): cancelled,
 * rejected, failed.
 *
 * Money leaves only through a bank export: approve → export (a batch's bank file, made by someone
 * other than the approver) → paid or failed. So `paid` and `failed` come from `exported` only —
 * a payout paid by hand still goes through a batch (of one), which keeps four eyes and an audited
 * file for every payment. Before the export, finance rejects instead of failing (no money moved);
 * after it, reject is gone: the bank may already have paid, so only paid or failed can follow.
 */
export const PAYOUT_TRANSITIONS: Readonly<Record<PayoutTransition, TransitionRule>> = {
  approve: { from: ['requested'], to: 'approved', hold: 'keep' },
  cancel: { from: ['requested'], to: 'cancelled', hold: 'release' },
  reject: { from: ['requested', 'approved'], to: 'rejected', hold: 'release' },
  export: { from: ['approved'], to: 'exported', hold: 'keep' },
  paid: { from: ['exported'], to: 'paid', hold: 'pay' },
  failed: { from: ['exported'], to: 'failed', hold: 'release' },
};

/** States a payout never leaves: its held money has gone out or come back. */
export const FINAL_STATES: readonly PayoutState[] = ['paid', 'failed', 'cancelled', 'rejected'];

/** The state after `transition`, or null when it is not allowed from `state`. */
export function nextState(state: PayoutState, transition: PayoutTransition): PayoutState | null {
  const rule = PAYOUT_TRANSITIONS[transition];
  return rule.from.includes(state) ? rule.to : null;
}

/** The ledger key of a payout's transfer for one step: `payout:<id>:hold`, `payout:<id>:paid` … */
export function payoutLedgerKey(payoutId: string, step: 'hold' | PayoutTransition): string {
  return `payout:${payoutId}:${step}`;
}

/** The Czech variable symbol of a payout: ten digits, from its id (unique as the id is). */
export function variableSymbolOf(payoutId: string): string {
  const id = BigInt(payoutId);
  if (id <= 0n || id >= 9_000_000_000n) throw new RangeError(`payout id ${payoutId} has no 10-digit symbol`);
  return (1_000_000_000n + id).toString();
}

/** The SEPA EndToEndId of a payout (≤ 35 characters). */
export function endToEndIdOf(payoutId: string): string {
  return `VRATKA-PAYOUT-${payoutId}`;
}
