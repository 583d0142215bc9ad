import {
  invalidStatement,
  LineProblem,
  optionalText,
  unlessProblems,
  utcDay,
  variableSymbolOf,
  type StatementLine,
  type StatementProblem,
} from './statement-line.js';

/**
 * The Czech ABO statement ("GPC"): fixed-width records of 128 characters, windows-1250, one per
 * line. The layout, as Czech banks publish it (Česká spořitelna's and Fio banka's "formát GPC"
 * descriptions agree), positions 1-based and inclusive:
 *
 * `074` statement header: 4–19 our account (16 digits), 20–39 account name, 40–45 date of the
 * previous statement (DDMMYY), 46–59 + 60 old balance in minor units and its sign, 61–74 + 75 new
 * balance and sign, 76–89 + 90 debit turnover, 91–104 + 105 credit turnover, 106–108 statement
 * number, 109–114 statement date (DDMMYY), 115–128 spaces.
 *
 * `075` movement: 4–19 our account, 20–35 counter-account (6-digit prefix + 10-digit number),
 * 36–48 document number (the bank's id), 49–60 amount in minor units (unsigned), 61 accounting code
 * (1 debit, 2 credit, 4 reversal of a debit, 5 reversal of a credit), 62–71 variable symbol,
 * 72–81 `00BBBBKSYM` (the counter-account's bank code, then the constant symbol), 82–91 specific
 * symbol, 92–97 value date (DDMMYY, often zeros), 98–117 counter-party name or message,
 * 118 `0`, 119–122 currency (`0` + ISO 4217 numeric: `0203` CZK, `0978` EUR), 123–128 booking
 * date (DDMMYY).
 *
 * `076`–`079`: bank extensions (message lines, AV fields) that belong to the `075` before them;
 * their text after the record type is added to its message.
 */

const RECORD_LENGTH = 128;

/** ISO 4217 numeric → letters for the currencies a Czech account is likely to be kept in. */
const NUMERIC_CURRENCIES: Record<string, string> = {
  '203': 'CZK',
  '978': 'EUR',
  '840': 'USD',
  '826': 'GBP',
  '985': 'PLN',
  '348': 'HUF',
  '756': 'CHF',
};

/** Fields by 1-based inclusive positions, as the layout above names them. */
const at = (record: string, from: number, to: number) => record.slice(from - 1, to);

function digits(record: string, from: number, to: number, what: string): string {
  const value = at(record, from, to);
  if (!/^\d+$/.test(value))
    throw new LineProblem(`${what} (positions ${from}–${to}) is not digits: "${value}"`);
  return value;
}

function gpcDate(value: string, what: string): Date {
  const [, day, month, year] = /^(\d{2})(\d{2})(\d{2})$/.exec(value) ?? [];
  if (day === undefined) throw new LineProblem(`${what} "${value}" is not DDMMYY`);
  return utcDay(2000 + Number(year), Number(month), Number(day), `${day}.${month}.20${year}`);
}

/** `prefix-number/bank` without a zero prefix; null when the field is all zeros. */
function czechAccount(field: string, bankCode: string): string | null {
  const prefix = field.slice(0, 6).replace(/^0+/, '');
  const number = field.slice(6).replace(/^0+/, '');
  if (number === '') return null;
  const bank = /^0000$/.test(bankCode) ? '' : `/${bankCode}`;
  return `${prefix ? `${prefix}-` : ''}${number}${bank}`;
}

function movement(record: string, lineNo: number, fallbackCurrency: string): StatementLine {
  const amount = BigInt(digits(record, 49, 60, 'the amount'));
  const code = at(record, 61, 61);
  // Money leaves with a debit and with the reversal of a credit; it comes in otherwise.
  const sign = { '1': -1n, '2': 1n, '4': 1n, '5': -1n }[code];
  if (sign === undefined)
    throw new LineProblem(`accounting code "${code}" (position 61) is not 1, 2, 4 or 5`);
  const currencyCode = digits(record, 119, 122, 'the currency').slice(1);
  const bankReference = digits(record, 36, 48, 'the document number').replace(/^0+/, '');
  return {
    lineNo,
    bookingDate: gpcDate(at(record, 123, 128), 'the booking date'),
    amountMinor: sign * amount,
    currency: currencyCode === '000' ? fallbackCurrency : (NUMERIC_CURRENCIES[currencyCode] ?? currencyCode),
    counterAccount: czechAccount(digits(record, 20, 35, 'the counter-account'), at(record, 74, 77)),
    variableSymbol: variableSymbolOf(digits(record, 62, 71, 'the variable symbol')),
    endToEndId: null,
    message: optionalText(at(record, 98, 117), 500),
    bankReference: bankReference === '' ? null : bankReference,
    booked: true,
  };
}

/**
 * A GPC statement's movements (`075`), with extension records' text added to the message. The file
 * may hold several statements (one `074` each). Any record of another type or length refuses the
 * whole file, every problem named by its line.
 */
export function parseGpcStatement(text: string, options: { currency?: string } = {}): StatementLine[] {
  const lines: StatementLine[] = [];
  const problems: StatementProblem[] = [];
  let headers = 0;
  for (const [index, raw] of text.split(/\r\n|\n|\r/).entries()) {
    const record = raw.replace(/\s+$/, '').padEnd(RECORD_LENGTH, ' ');
    if (raw.trim() === '') continue;
    const type = record.slice(0, 3);
    try {
      if (record.length !== RECORD_LENGTH)
        throw new LineProblem(`is ${record.length} characters long, a GPC record ${RECORD_LENGTH}`);
      if (type === '074') {
        headers += 1;
        digits(record, 4, 19, 'our account');
        gpcDate(at(record, 109, 114), 'the statement date');
      } else if (type === '075') {
        if (headers === 0) throw new LineProblem('a movement (075) before any statement header (074)');
        lines.push(movement(record, lines.length + 1, options.currency ?? 'CZK'));
      } else if (/^07[6-9]$/.test(type)) {
        const previous = lines.at(-1);
        if (!previous) throw new LineProblem(`an extension record (${type}) before any movement (075)`);
        const extra = optionalText(record.slice(3), 500);
        if (extra) previous.message = optionalText(`${previous.message ?? ''} ${extra}`, 500);
      } else {
        throw new LineProblem(`record type "${type}" is not a GPC record (074, 075, 076–079)`);
      }
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      problems.push({ line: index + 1, message: error.message });
    }
  }
  if (headers === 0 && problems.length === 0)
    throw invalidStatement('This is no GPC statement: it has no 074 header record.');
  return unlessProblems(lines, problems);
}
