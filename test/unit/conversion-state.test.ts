import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decide,
  positionFor,
  type ConversionState,
} from '../../server/src/modules/conversions/conversion-state.js';

const AMOUNTS = { orderAmountMinor: 100000n, commissionMinor: 5000n };
const at = (state: ConversionState, commissionMinor = 5000n) => ({
  state,
  orderAmountMinor: 100000n,
  commissionMinor,
});

describe('conversion state machine', () => {
  it('moves pending → approved → settled, and ignores a late pending', () => {
    assert.deepEqual(decide(at('pending'), at('approved')), {
      kind: 'apply',
      state: 'approved',
      amounts: AMOUNTS,
    });
    assert.deepEqual(decide(at('approved'), at('settled')), {
      kind: 'apply',
      state: 'settled',
      amounts: AMOUNTS,
    });
    assert.equal(decide(at('approved'), at('pending')).kind, 'ignored');
    assert.equal(decide(at('rejected'), at('pending')).kind, 'ignored');
  });

  it('re-approves after a rejection, and treats repeats as duplicates', () => {
    assert.deepEqual(decide(at('rejected'), at('approved')), {
      kind: 'apply',
      state: 'approved',
      amounts: AMOUNTS,
    });
    for (const state of ['pending', 'approved', 'settled', 'rejected'] as const) {
      assert.equal(decide(at(state), at(state)).kind, 'duplicate', state);
    }
  });

  it('amends amounts while pending or approved; refuses to after settlement', () => {
    assert.equal(decide(at('pending'), at('pending', 6000n)).kind, 'apply');
    assert.equal(decide(at('approved'), at('approved', 6000n)).kind, 'apply');
    assert.equal(decide(at('settled'), at('settled', 6000n)).kind, 'conflict');
  });

  it('converges: after any sequence, the state is what the strongest last word implies (property)', () => {
    const strength: Record<ConversionState, number> = { pending: 1, approved: 2, settled: 3, rejected: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<ConversionState>('pending', 'approved', 'settled', 'rejected'), {
          minLength: 1,
          maxLength: 30,
        }),
        (statuses) => {
          let current = at(statuses[0]!);
          for (const next of statuses.slice(1)) {
            const decision = decide(current, at(next));
            if (decision.kind === 'apply') current = { state: decision.state, ...decision.amounts };
          }
          // Reference model: a rejection wins unless a later approval or settlement re-credits;
          // among credits the strongest since the last rejection stands; pending never demotes.
          let model: ConversionState = statuses[0]!;
          for (const next of statuses.slice(1)) {
            if (next === 'rejected') model = 'rejected';
            else if (model === 'rejected') model = next === 'pending' ? 'rejected' : next;
            else if (strength[next] > strength[model]) model = next;
          }
          assert.equal(current.state, model, statuses.join(' → '));
          assert.ok(['pending', 'available', 'reversed'].includes(positionFor(current.state)));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
