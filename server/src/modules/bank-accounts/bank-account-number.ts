import { electronicFormatIBAN, isSEPACountry, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

/**
 * Bank account numbers, pure: Czech domestic numbers (`[prefix-]number/bankcode`), their IBAN,
 * IBAN validation (ibantools) and the masked form shown on screen. Nothing here reads files or the
 * database; the bank directory is passed in.
 */

/** A bank of the Czech or Slovak clearing system, as the bank directory lists it. */
export interface Bank {
  bankCode: string;
  bic: string | null;
  name: string;
}

/** Bank codes by country (`CZ`, `SK`); the Czech list decides which domestic numbers exist. */
export type BankDirectory = Readonly<Record<'CZ' | 'SK', ReadonlyMap<string, Bank>>>;

/** A Czech domestic account: digits without leading zeros; `prefix` is '' when there is none. */
export interface CzechAccount {
  prefix: string;
  number: string;
  bankCode: string;
}

/** What the shopper entered, understood: the normalised IBAN and what goes with it. */
export interface ParsedBankAccount {
  /** Electronic form: upper case, no spaces. */
  iban: string;
  country: string;
  /** From the bank directory for CZ/SK (null where the bank has none), else null. */
  bic: string | null;
  /** `19-2000145399/0800`, for Czech accounts only. */
  domestic: string | null;
}

export type BankAccountProblem =
  | 'FORMAT'
  | 'PREFIX_CHECKSUM'
  | 'NUMBER_CHECKSUM'
  | 'UNKNOWN_BANK_CODE'
  | 'INVALID_IBAN'
  | 'IBAN_CHECKSUM'
  | 'NOT_SEPA';

export interface ParseFailure {
  ok: false;
  problem: BankAccountProblem;
  /** Plain words for the shopper, next to the field. */
  message: string;
}

export type ParseResult = { ok: true; account: ParsedBankAccount } | ParseFailure;

/** Weights of the Czech mod-11 check, applied right-aligned (the prefix uses the last six). */
const WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1] as const;
const DOMESTIC = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/;

const MESSAGES: Record<BankAccountProblem, string> = {
  FORMAT: 'Enter an IBAN or a Czech account number as prefix-number/bank code, e.g. 19-2000145399/0800.',
  PREFIX_CHECKSUM: 'The prefix (the part before the dash) fails its check digit; please check it.',
  NUMBER_CHECKSUM: 'The account number fails its check digit; please check it.',
  UNKNOWN_BANK_CODE: 'There is no bank with this bank code.',
  INVALID_IBAN: 'This is not a valid IBAN.',
  IBAN_CHECKSUM: 'The IBAN check digits do not match; please check it.',
  NOT_SEPA: 'We can only pay to accounts in the SEPA area.',
};

const fail = (problem: BankAccountProblem): ParseFailure => ({
  ok: false,
  problem,
  message: MESSAGES[problem],
});

/** True when the digits, right-aligned to ten places, pass the weighted mod-11 check. */
export function passesMod11(digits: string): boolean {
  if (!/^\d{1,10}$/.test(digits)) return false;
  const padded = digits.padStart(10, '0');
  let sum = 0;
  for (let index = 0; index < 10; index += 1) sum += Number(padded[index]) * WEIGHTS[index]!;
  return sum % 11 === 0;
}

const stripZeros = (digits: string) => digits.replace(/^0+/, '');

/** Parses `[prefix-]number/bankcode` (spaces around the parts are ignored). */
export function parseCzechAccount(
  input: string,
  banks: BankDirectory,
): { ok: true; account: CzechAccount } | ParseFailure {
  const match = DOMESTIC.exec(input.replace(/\s+/g, ''));
  if (!match) return fail('FORMAT');
  const [, prefixDigits = '', numberDigits = '', bankCode = ''] = match;
  const prefix = stripZeros(prefixDigits);
  const number = stripZeros(numberDigits);
  // A basic number has at least two significant digits (CNB decree 169/2011).
  if (number.length < 2) return fail('FORMAT');
  if (prefixDigits !== '' && !passesMod11(prefixDigits)) return fail('PREFIX_CHECKSUM');
  if (!passesMod11(numberDigits)) return fail('NUMBER_CHECKSUM');
  if (!banks.CZ.has(bankCode)) return fail('UNKNOWN_BANK_CODE');
  return { ok: true, account: { prefix, number, bankCode } };
}

/** `19-2000145399/0800`; no prefix part when the prefix is zero. */
export function formatCzechAccount(account: CzechAccount): string {
  return `${account.prefix ? `${account.prefix}-` : ''}${account.number}/${account.bankCode}`;
}

/** ISO 7064 mod 97-10 check digits of a BBAN in a country. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let remainder = 0;
  for (const character of rearranged) {
    const value = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}

/** CZkk + bank code + prefix (6 digits) + number (10 digits). */
export function czechAccountToIban(account: CzechAccount): string {
  const bban = `${account.bankCode}${account.prefix.padStart(6, '0')}${account.number.padStart(10, '0')}`;
  return `CZ${ibanCheckDigits('CZ', bban)}${bban}`;
}

/** The domestic account of a Czech IBAN (electronic form), or null for any other IBAN. */
export function ibanToCzechAccount(iban: string): CzechAccount | null {
  const match = /^CZ\d{2}(\d{4})(\d{6})(\d{10})$/.exec(iban);
  if (!match) return null;
  return { bankCode: match[1]!, prefix: stripZeros(match[2]!), number: stripZeros(match[3]!) };
}

/** The Czech or Slovak bank of an IBAN (electronic form) from the directory, or null. */
export function bankOfIban(iban: string, banks: BankDirectory): Bank | null {
  const country = iban.slice(0, 2);
  if (country !== 'CZ' && country !== 'SK') return null;
  return banks[country].get(iban.slice(4, 8)) ?? null;
}

/** Upper case without spaces; what we store. */
export function normaliseIban(input: string): string {
  return electronicFormatIBAN(input) ?? input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Accepts an IBAN of a SEPA country or a Czech domestic number. Czech and Slovak IBANs must name a
 * bank of the directory; their BIC comes from it.
 */
export function parseBankAccount(input: string, banks: BankDirectory): ParseResult {
  const compact = input.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > 42)
    return fail(compact.length === 0 ? 'FORMAT' : 'INVALID_IBAN');
  if (/^[A-Za-z]{2}/.test(compact)) return parseIban(compact, banks);
  const czech = parseCzechAccount(compact, banks);
  if (!czech.ok) return czech;
  const iban = czechAccountToIban(czech.account);
  return {
    ok: true,
    account: {
      iban,
      country: 'CZ',
      bic: banks.CZ.get(czech.account.bankCode)?.bic ?? null,
      domestic: formatCzechAccount(czech.account),
    },
  };
}

function parseIban(compact: string, banks: BankDirectory): ParseResult {
  const iban = normaliseIban(compact);
  const country = iban.slice(0, 2);
  const validation = validateIBAN(iban, { allowQRIBAN: false });
  if (!validation.valid) {
    // A malformed IBAN also fails its checksum; say the first thing that is wrong.
    const errors = new Set(validation.errorCodes);
    const wellFormed = [...errors].every(
      (error) =>
        error === ValidationErrorsIBAN.WrongIBANChecksum ||
        error === ValidationErrorsIBAN.WrongAccountBankBranchChecksum,
    );
    if (!wellFormed) return fail('INVALID_IBAN');
    return fail(errors.has(ValidationErrorsIBAN.WrongIBANChecksum) ? 'IBAN_CHECKSUM' : 'NUMBER_CHECKSUM');
  }
  if (!isSEPACountry(country)) return fail('NOT_SEPA');
  if (country === 'CZ' || country === 'SK') {
    const bank = banks[country].get(iban.slice(4, 8));
    if (!bank) return fail('UNKNOWN_BANK_CODE');
    const czech = country === 'CZ' ? ibanToCzechAccount(iban) : null;
    return {
      ok: true,
      account: { iban, country, bic: bank.bic, domestic: czech ? formatCzechAccount(czech) : null },
    };
  }
  return { ok: true, account: { iban, country, bic: null, domestic: null } };
}

/** Groups of four with everything but the country, the check digits and the last four hidden. */
export function maskIban(iban: string): string {
  const masked = [...iban].map((character, index) =>
    index < 4 || index >= iban.length - 4 ? character : '*',
  );
  return formatIban(masked.join(''));
}

/** Groups of four, for mails and staff screens. */
export function formatIban(iban: string): string {
  return (iban.match(/.{1,4}/g) ?? []).join(' ');
}
