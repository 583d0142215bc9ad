import assert from 'node:assert/strict';
import { formatBasisPoints, formatMoney } from '../../shared/src/money.js';

/** Intl uses narrow no-break spaces as group separators; compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money formatting', () => {
  it('formats minor units in the shopper’s locale', () => {
    assert.equal(plain(formatMoney('123450', 'CZK', 'cs-CZ')), '1 234,50 Kč');
    assert.equal(plain(formatMoney(1230n, 'EUR', 'sk-SK')), '12,30 €');
    assert.equal(plain(formatMoney('-5', 'EUR', 'en-GB')), '-€0.05');
  });

  it('keeps amounts beyond 2^53 exact', () => {
    assert.equal(plain(formatMoney('900719925474099312', 'CZK', 'en-GB')), 'CZK 9,007,199,254,740,993.12');
  });

  it('formats basis points as a percentage', () => {
    assert.equal(plain(formatBasisPoints(350, 'cs-CZ')), '3,5 %');
    assert.equal(formatBasisPoints(1200, 'en-GB'), '12%');
  });
});
