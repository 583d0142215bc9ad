import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCamt053Statement } from '../../server/src/modules/payouts/statements/camt053-statement.js';
import { parseCsvStatement } from '../../server/src/modules/payouts/statements/csv-statement.js';
import { parseGpcStatement } from '../../server/src/modules/payouts/statements/gpc-statement.js';
import { parseStatementAmount } from '../../server/src/modules/payouts/statements/statement-line.js';
import { parseStatement } from '../../server/src/modules/payouts/statements/statement-parsing.js';

const fixture = (name: string) => readFileSync(`test/fixtures/statements/${name}`);
const base64Of = (name: string) => fixture(name).toString('base64');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface Refusal {
  code: string;
  status: number;
  message: string;
  extra?: { problems?: Array<{ line: number | null; message: string }> };
}

function refusal(work: () => unknown): Refusal {
  try {
    work();
  } catch (error) {
    return error as Refusal;
  }
  assert.fail('expected the statement to be refused');
}

describe('statement amounts', () => {
  it('when a bank writes an amount with a sign, grouping and a decimal comma or point, then it parses exactly', () => {
    assert.equal(parseStatementAmount('-1 234,50'), -123450n);
    assert.equal(parseStatementAmount('-1234.50'), -123450n);
    assert.equal(parseStatementAmount('+1.234,50'), 123450n);
    assert.equal(parseStatementAmount('1,234.50'), 123450n);
    assert.equal(parseStatementAmount('\u22121\u00a0234,5'), -123450n);
    assert.equal(parseStatementAmount('0.1'), 10n);
    assert.equal(parseStatementAmount('169'), 16900n);
    assert.equal(parseStatementAmount('90071992547409.91'), 9007199254740991n);
  });

  it('when an amount is ambiguous or not a number, then it is refused', () => {
    for (const bad of [
      '',
      '-',
      '1e5',
      '12.345',
      '1,234',
      '1.2.3',
      '--5',
      '1 23,00',
      'NaN',
      '١٢',
      '0x10',
      '1,234,5',
    ])
      assert.equal(parseStatementAmount(bad), undefined, bad);
  });
});

describe('CSV statements', () => {
  it('when a Fio-like export is windows-1250 with ; and a preamble, then each movement reads with its sign, symbol and account', () => {
    const parsed = parseStatement({
      format: 'csv',
      content: base64Of('csv-fio-windows-1250.csv'),
      base64: true,
      encoding: 'windows-1250',
    });
    assert.match(parsed.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(parsed.lines, [
      {
        lineNo: 1,
        bookingDate: day('2026-03-01'),
        amountMinor: -123450n,
        currency: 'CZK',
        counterAccount: '19-2000145399/0800',
        variableSymbol: '1000000007',
        endToEndId: null,
        message: 'Výplata cashbacku',
        bankReference: '26001',
        booked: true,
      },
      {
        lineNo: 2,
        bookingDate: day('2026-03-01'),
        amountMinor: -16900n,
        currency: 'CZK',
        counterAccount: '123456789/0100',
        variableSymbol: null,
        endToEndId: null,
        message: 'Poplatek',
        bankReference: '26002',
        booked: true,
      },
      {
        lineNo: 3,
        bookingDate: day('2026-03-02'),
        amountMinor: 500000n,
        currency: 'CZK',
        counterAccount: '670100200/2010',
        variableSymbol: '12345',
        endToEndId: null,
        message: 'Úhrada',
        bankReference: '26003',
        booked: true,
      },
    ]);
  });

  it('when the same windows-1250 file is read as UTF-8, then it is refused rather than garbled', () => {
    const problem = refusal(() =>
      parseStatement({
        format: 'csv',
        content: base64Of('csv-fio-windows-1250.csv'),
        base64: true,
        encoding: 'utf-8',
      }),
    );
    assert.equal(problem.code, 'PAYOUT_STATEMENT_INVALID');
    assert.equal(problem.status, 400);
  });

  it('when an English export uses , with quoted amounts and an end-to-end id column, then those are read', () => {
    const lines = parseCsvStatement(fixture('csv-english.csv').toString('utf8'));
    assert.deepEqual(
      lines.map((line) => [
        line.amountMinor,
        line.currency,
        line.endToEndId,
        line.variableSymbol,
        line.counterAccount,
      ]),
      [
        [-123450n, 'EUR', 'VRATKA-PAYOUT-7', null, 'SK3112000000198742637541'],
        [-2000n, 'EUR', null, '1000000009', 'DE89370400440532013000'],
        [150000n, 'EUR', null, null, 'AT611904300234573201'],
      ],
    );
    assert.equal(lines[0]!.message, 'Cashback payout, thank you');
  });

  it('when the delimiter is named, then it is used; a file without currency takes the one given', () => {
    const text = 'Datum,Částka,VS\n1. 3. 2026,"-1 234,50",1000000007\n';
    const [line] = parseCsvStatement(text, { delimiter: ',', currency: 'CZK' });
    assert.equal(line!.amountMinor, -123450n);
    assert.equal(line!.currency, 'CZK');
    const missing = refusal(() => parseCsvStatement(text, { delimiter: ',' }));
    assert.match(missing.extra!.problems![0]!.message, /currency is missing/);
  });

  it('when rows cannot be read, then the file is refused with every problem on its line', () => {
    const problem = refusal(() => parseCsvStatement(fixture('csv-malformed.csv').toString('utf8')));
    assert.equal(problem.code, 'PAYOUT_STATEMENT_INVALID');
    assert.equal(problem.status, 400);
    assert.deepEqual(
      problem.extra!.problems!.map((one) => one.line),
      [2, 3, 4, 5],
    );
    assert.match(problem.extra!.problems![0]!.message, /"-1234\.5\.0" is not an amount/);
    assert.match(problem.extra!.problems![1]!.message, /does not exist/);
    assert.match(problem.extra!.problems![2]!.message, /variable symbol/);
    assert.match(problem.extra!.problems![3]!.message, /columns/);
  });

  it('when a file has no statement header, then it is refused', () => {
    assert.equal(refusal(() => parseCsvStatement('hello;world\n1;2\n')).code, 'PAYOUT_STATEMENT_INVALID');
    assert.equal(refusal(() => parseCsvStatement('')).code, 'PAYOUT_STATEMENT_INVALID');
  });
});

describe('camt.053 statements', () => {
  it('when entries are booked debits and credits, batches and pending ones, then each transaction is a line', () => {
    const lines = parseCamt053Statement(fixture('camt053-statement.xml').toString('utf8'));
    assert.deepEqual(
      lines.map((line) => [
        line.lineNo,
        line.amountMinor,
        line.currency,
        line.endToEndId,
        line.variableSymbol,
        line.counterAccount,
        line.bankReference,
        line.booked,
      ]),
      [
        [1, -1230n, 'EUR', 'VRATKA-PAYOUT-7', null, 'SK3112000000198742637541', 'BANK-REF-1', true],
        [2, -2000n, 'EUR', null, '1000000009', 'DE89370400440532013000', 'BANK-BATCH-2', true],
        [
          3,
          -2500n,
          'EUR',
          '/VS1000000010/SS/KS0308',
          '1000000010',
          '19-2000145399/0800',
          'BANK-BATCH-2',
          true,
        ],
        [4, 150000n, 'EUR', null, '12345', 'AT611904300234573201', null, true],
        [5, -990n, 'EUR', null, null, null, null, false],
      ],
    );
    assert.equal(lines[0]!.bookingDate!.toISOString(), '2026-03-01T00:00:00.000Z');
    assert.equal(lines[0]!.message, 'Jana Nováková & syn · Vratka cashback payout');
    assert.equal(lines[4]!.message, 'Card payment');
    assert.equal(lines[4]!.bookingDate!.toISOString(), '2026-03-02T00:00:00.000Z');
  });

  it('when the XML declares a DOCTYPE with entities, then it is refused without expanding them', () => {
    const problem = refusal(() => parseCamt053Statement(fixture('camt053-doctype.xml').toString('utf8')));
    assert.equal(problem.code, 'PAYOUT_STATEMENT_INVALID');
    assert.match(problem.message, /DOCTYPE/);
  });

  it('when the XML is not well-formed or not a statement, then it is refused', () => {
    assert.equal(
      refusal(() => parseCamt053Statement('<Document><BkToCstmrStmt>')).code,
      'PAYOUT_STATEMENT_INVALID',
    );
    assert.equal(refusal(() => parseCamt053Statement('not xml at all')).code, 'PAYOUT_STATEMENT_INVALID');
    assert.match(
      refusal(() => parseCamt053Statement('<Document><CstmrCdtTrfInitn/></Document>')).message,
      /BkToCstmrStmt/,
    );
  });

  it('when entries have a bad amount, indicator or currency, then every one is named', () => {
    const problem = refusal(() => parseCamt053Statement(fixture('camt053-malformed.xml').toString('utf8')));
    const messages = problem.extra!.problems!.map((one) => one.message);
    assert.equal(messages.length, 3);
    assert.match(messages[0]!, /entry 1 .*"1,5" is not an ISO 20022 amount/);
    assert.match(messages[1]!, /entry 2 .*SIDEWAYS/);
    assert.match(messages[2]!, /entry 3 .*no currency/);
  });
});

describe('GPC statements', () => {
  it('when a windows-1250 ABO file has debits, credits, a reversal and a message record, then each movement reads', () => {
    const parsed = parseStatement({ format: 'gpc', content: base64Of('gpc-statement.gpc'), base64: true });
    assert.deepEqual(
      parsed.lines.map((line) => [
        line.amountMinor,
        line.currency,
        line.variableSymbol,
        line.counterAccount,
        line.bankReference,
        line.bookingDate!.toISOString().slice(0, 10),
      ]),
      [
        [-123450n, 'CZK', '1000000007', '19-2000145399/0800', '1234567890123', '2026-03-01'],
        [-16900n, 'CZK', null, '123456789/0100', '42', '2026-03-01'],
        [500000n, 'CZK', '12345', '670100200/2010', '43', '2026-03-02'],
        [25000n, 'EUR', '1000000008', '19-2000145399/0800', '44', '2026-03-02'],
      ],
    );
    assert.equal(parsed.lines[0]!.message, 'Jana Nováková');
    assert.equal(
      parsed.lines[1]!.message,
      'Poplatek za vedení Výplata cashbacku Vratka Příliš žluťoučký kůň',
    );
    assert.equal(parsed.lines[0]!.endToEndId, null);
  });

  it('when records are broken, then the file is refused with each line named', () => {
    const problem = refusal(() => parseGpcStatement(fixture('gpc-malformed.gpc').toString('latin1')));
    assert.equal(problem.status, 400);
    assert.deepEqual(
      problem.extra!.problems!.map((one) => one.line),
      [2, 3, 4],
    );
    assert.match(problem.extra!.problems![0]!.message, /accounting code "X"/);
    assert.match(problem.extra!.problems![1]!.message, /record type "099"/);
    assert.match(problem.extra!.problems![2]!.message, /does not exist/);
  });

  it('when the file is not GPC at all, then it is refused', () => {
    assert.match(refusal(() => parseGpcStatement('hello\n')).extra!.problems![0]!.message, /record type/);
    assert.match(refusal(() => parseGpcStatement('\n\n')).message, /no 074 header/);
    assert.match(
      refusal(() => parseStatement({ format: 'gpc', content: 'plain text', base64: false })).message,
      /base64/,
    );
  });
});
