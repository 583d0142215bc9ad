import assert from 'node:assert/strict';
import { PAYOUT_STATES } from '../../shared/src/contracts/payouts.js';
import {
  endToEndIdOf,
  FINAL_STATES,
  nextState,
  PAYOUT_TRANSITIONS,
  payoutLedgerKey,
  variableSymbolOf,
  type PayoutTransition,
} from '../../server/src/modules/payouts/payout-state.js';

const TRANSITIONS = Object.keys(PAYOUT_TRANSITIONS) as PayoutTransition[];

describe('payout state machine', () => {
  it('when a payout is final, then nothing moves it again (I7)', () => {
    for (const state of FINAL_STATES) {
      for (const transition of TRANSITIONS)
        assert.equal(nextState(state, transition), null, `${state} ${transition}`);
    }
  });

  it('paid and failed come from exported only (money leaves through a bank file); cancel only while requested', () => {
    for (const state of PAYOUT_STATES) {
      assert.equal(nextState(state, 'paid') !== null, state === 'exported', state);
      assert.equal(nextState(state, 'failed') !== null, state === 'exported', state);
      assert.equal(nextState(state, 'export') !== null, state === 'approved', state);
      assert.equal(nextState(state, 'cancel') !== null, state === 'requested', state);
    }
    assert.equal(nextState('requested', 'approve'), 'approved');
    assert.equal(nextState('approved', 'reject'), 'rejected');
    assert.equal(nextState('exported', 'reject'), null);
  });

  it('every path from requested ends in one final state with the hold paid or released exactly once', () => {
    const walk = (state: (typeof PAYOUT_STATES)[number], moves: number): void => {
      for (const transition of TRANSITIONS) {
        const to = nextState(state, transition);
        if (!to) continue;
        const outcome = PAYOUT_TRANSITIONS[transition].hold;
        assert.equal(outcome !== 'keep', FINAL_STATES.includes(to), `${state} → ${to}`);
        if (!FINAL_STATES.includes(to)) walk(to, moves + 1);
        else assert.ok(moves < 3);
      }
    };
    walk('requested', 0);
  });

  it('derives the bank references and ledger keys from the id', () => {
    assert.equal(variableSymbolOf('17'), '1000000017');
    assert.match(variableSymbolOf('8999999999'), /^\d{10}$/);
    assert.throws(() => variableSymbolOf('9000000000'), RangeError);
    assert.ok(endToEndIdOf('123456789012345678').length <= 35);
    assert.equal(payoutLedgerKey('5', 'hold'), 'payout:5:hold');
    assert.equal(payoutLedgerKey('5', 'paid'), 'payout:5:paid');
  });
});
