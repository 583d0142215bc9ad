import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import {
  bankOfIban,
  czechAccountToIban,
  formatCzechAccount,
  ibanCheckDigits,
  ibanToCzechAccount,
  maskIban,
  parseBankAccount,
  parseCzechAccount,
  passesMod11,
  type ParseResult,
} from '../../server/src/modules/bank-accounts/bank-account-number.js';
import { bankDirectory } from '../../server/src/modules/bank-accounts/bank-directory.js';

const banks = bankDirectory();
const CZECH_CODES = [...banks.CZ.keys()];

function accepted(result: ParseResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.problem}: ${result.message}`);
  return result.account;
}

function refused(result: ParseResult) {
  assert.ok(!result.ok, `accepted ${JSON.stringify(result.ok && result.account)}`);
  return result.problem;
}

/** Digits of the given length that pass the mod-11 check: the last digit is solved for. */
const mod11Digits = (maxLength: number, minLength: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: minLength - 1, maxLength: maxLength - 1 })
    .map((head) => {
      for (let last = 0; last <= 9; last += 1) {
        const candidate = [...head, last].join('');
        if (passesMod11(candidate)) return candidate;
      }
      return null;
    })
    .filter((digits): digits is string => digits !== null);

describe('bank account numbers', () => {
  it('reads the bank directory shipped with the server', () => {
    assert.equal(banks.CZ.get('0800')?.bic, 'GIBACZPX');
    assert.equal(banks.SK.get('0900')?.bic, 'GIBASKBX');
    assert.equal(banks.CZ.get('2100')?.bic, null, 'an empty BIC in the list is no BIC');
    assert.equal(bankOfIban('CZ6508000000192000145399', banks)?.name, 'Česká spořitelna, a.s.');
    assert.equal(bankOfIban('DE89370400440532013000', banks), null);
  });

  it('when a known Czech account is entered, then it becomes its known IBAN and back', () => {
    const account = accepted(parseBankAccount('19-2000145399/0800', banks));
    assert.deepEqual(account, {
      iban: 'CZ6508000000192000145399',
      country: 'CZ',
      bic: 'GIBACZPX',
      domestic: '19-2000145399/0800',
    });
    const fromIban = accepted(parseBankAccount('CZ65 0800 0000 1920 0014 5399', banks));
    assert.deepEqual(fromIban, account);
    assert.deepEqual(ibanToCzechAccount('CZ6508000000192000145399'), {
      prefix: '19',
      number: '2000145399',
      bankCode: '0800',
    });
  });

  it('accepts a number without prefix, leading zeros and stray spaces', () => {
    assert.equal(accepted(parseBankAccount(' 1234567899/0800 ', banks)).iban, 'CZ5508000000001234567899');
    assert.equal(accepted(parseBankAccount('000019-2000145399/0800', banks)).domestic, '19-2000145399/0800');
    assert.equal(
      accepted(parseBankAccount('cz65 0800 0000 1920 0014 5399', banks)).iban,
      'CZ6508000000192000145399',
    );
  });

  it('when a Czech account is wrong, then it says what is wrong', () => {
    assert.equal(refused(parseBankAccount('18-2000145399/0800', banks)), 'PREFIX_CHECKSUM');
    assert.equal(refused(parseBankAccount('19-2000145398/0800', banks)), 'NUMBER_CHECKSUM');
    assert.equal(refused(parseBankAccount('19-2000145399/0801', banks)), 'UNKNOWN_BANK_CODE');
    assert.equal(refused(parseBankAccount('19-2000145399/9999', banks)), 'UNKNOWN_BANK_CODE');
    assert.equal(refused(parseBankAccount('1234567-2000145399/0800', banks)), 'FORMAT', 'prefix too long');
    assert.equal(refused(parseBankAccount('12345678901/0800', banks)), 'FORMAT', 'number too long');
    assert.equal(refused(parseBankAccount('19-2000145399/08000', banks)), 'FORMAT', 'bank code too long');
    assert.equal(refused(parseBankAccount('0/0800', banks)), 'FORMAT');
    assert.equal(refused(parseBankAccount('0000000000/0800', banks)), 'FORMAT');
    assert.equal(refused(parseBankAccount('2000145399', banks)), 'FORMAT', 'no bank code');
    assert.equal(refused(parseBankAccount('', banks)), 'FORMAT');
    assert.equal(refused(parseBankAccount('19/2000145399-0800', banks)), 'FORMAT');
  });

  it('validates IBANs: Czech, Slovak and German, good and bad', () => {
    const slovak = accepted(parseBankAccount('SK08 0900 0000 0001 2312 3123', banks));
    assert.deepEqual(slovak, {
      iban: 'SK0809000000000123123123',
      country: 'SK',
      bic: 'GIBASKBX',
      domestic: null,
    });
    const german = accepted(parseBankAccount('DE89 3704 0044 0532 0130 00', banks));
    assert.deepEqual(german, { iban: 'DE89370400440532013000', country: 'DE', bic: null, domestic: null });

    assert.equal(refused(parseBankAccount('CZ66 0800 0000 1920 0014 5399', banks)), 'IBAN_CHECKSUM');
    assert.equal(refused(parseBankAccount('DE89 3704 0044 0532 0130 01', banks)), 'IBAN_CHECKSUM');
    assert.equal(refused(parseBankAccount('SK08 0900 0000 0001 2312 3124', banks)), 'IBAN_CHECKSUM');
    // A Czech IBAN whose check digits fit but whose number fails mod 11.
    const badNumber = `CZ${ibanCheckDigits('CZ', '08000000192000145398')}08000000192000145398`;
    assert.equal(refused(parseBankAccount(badNumber, banks)), 'NUMBER_CHECKSUM');
    // Valid IBAN, but bank code 1200 is not in today's Slovak list.
    assert.equal(refused(parseBankAccount('SK31 1200 0000 1987 4263 7541', banks)), 'UNKNOWN_BANK_CODE');
    assert.equal(refused(parseBankAccount('DE89 3704 0044 0532 0130', banks)), 'INVALID_IBAN', 'too short');
    assert.equal(refused(parseBankAccount('XX89 3704 0044 0532 0130 00', banks)), 'INVALID_IBAN');
    // A valid IBAN outside SEPA (Brazil).
    assert.equal(refused(parseBankAccount('BR1800360305000010009795493C1', banks)), 'NOT_SEPA');
  });

  it('masks all but the country, the check digits and the last four characters', () => {
    assert.equal(maskIban('CZ6508000000192000145399'), 'CZ65 **** **** **** **** 5399');
    assert.equal(maskIban('DE89370400440532013000'), 'DE89 **** **** **** **30 00');
  });

  it('when a Czech account is valid, then its IBAN is valid and converts back to the same account', () => {
    fc.assert(
      fc.property(
        fc.option(mod11Digits(6, 1), { nil: undefined }),
        mod11Digits(10, 2),
        fc.constantFrom(...CZECH_CODES),
        (prefix, number, bankCode) => {
          const significant = number.replace(/^0+/, '');
          fc.pre(significant.length >= 2);
          const input = `${prefix === undefined ? '' : `${prefix}-`}${number}/${bankCode}`;
          const account = accepted(parseBankAccount(input, banks));
          assert.ok(isValidIBAN(account.iban), account.iban);
          assert.equal(account.iban.length, 24);
          const back = ibanToCzechAccount(account.iban)!;
          assert.equal(czechAccountToIban(back), account.iban);
          assert.equal(formatCzechAccount(back), account.domestic);
          assert.deepEqual(accepted(parseBankAccount(account.domestic!, banks)), account);
          assert.deepEqual(accepted(parseBankAccount(account.iban, banks)), account);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when one digit of a valid number changes, then the check refuses it', () => {
    fc.assert(
      fc.property(mod11Digits(10, 10), fc.nat(9), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
        const changed = [...number];
        changed[at] = String((Number(changed[at]) + delta) % 10);
        // Weights 1..10 are all invertible mod 11, so any single-digit change breaks the sum.
        assert.equal(passesMod11(changed.join('')), false);
      }),
    );
  });

  it('parses the domestic form on its own', () => {
    const parsed = parseCzechAccount('19-2000145399/0800', banks);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.account, { prefix: '19', number: '2000145399', bankCode: '0800' });
  });
});
