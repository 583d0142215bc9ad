import assert from 'node:assert/strict';
import fc from 'fast-check';
import { minorToDecimal, parseDecimalToMinor } from '../../shared/src/money.js';
import { shareUnderRule } from '../../server/src/modules/conversions/cashback.js';

describe('decimal amounts from networks', () => {
  it('parses exactly into minor units', () => {
    assert.equal(parseDecimalToMinor('1234.50'), 123450n);
    assert.equal(parseDecimalToMinor('33.7'), 3370n);
    assert.equal(parseDecimalToMinor('0'), 0n);
    assert.equal(parseDecimalToMinor('0.01'), 1n);
    assert.equal(parseDecimalToMinor(' 12 '), 1200n);
  });

  for (const bad of [
    '1e309',
    '-1',
    'NaN',
    '12.345',
    '١٢',
    '１２',
    '1,50',
    '',
    '.5',
    '5.',
    '+5',
    'Infinity',
    '0x10',
    '1 000',
    '99999999999999999999',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.equal(parseDecimalToMinor(bad), undefined);
    });
  }

  it('round-trips every amount (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (minor) => parseDecimalToMinor(minorToDecimal(minor)) === minor,
      ),
    );
  });
});

describe('cashback rounding', () => {
  it('L7: over 100,000 random commissions, share + platform = commission exactly, share rounded down, never above', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom<'percent_of_commission' | 'percent_of_order' | 'fixed'>(
          'percent_of_commission',
          'percent_of_order',
          'fixed',
        ),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        (commissionMinor, orderAmountMinor, rateBasisPoints, kind, fixedMinor) => {
          const rule = { kind, rateBasisPoints, fixedMinor, currency: 'CZK' as const };
          const share = shareUnderRule(rule, { orderAmountMinor, commissionMinor }, 'CZK');
          const platform = commissionMinor - share;
          assert.ok(share >= 0n && share <= commissionMinor, 'I8: 0 ≤ share ≤ commission');
          assert.equal(share + platform, commissionMinor);
          if (kind === 'percent_of_commission') {
            // Rounded down: the exact share lies in [share, share + 1).
            assert.ok(share * 10_000n <= commissionMinor * BigInt(rateBasisPoints));
            assert.ok((share + 1n) * 10_000n > commissionMinor * BigInt(rateBasisPoints));
          }
        },
      ),
      { numRuns: 100_000 },
    );
  });
});
