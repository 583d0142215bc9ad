import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { parseWrittenAmount } from '../../server/src/platform/imports/written-amount.js';
import {
  decodeReport,
  detectDelimiter,
  parseReport,
} from '../../server/src/modules/reconciliation/report-parsing.js';
import { diff } from '../../server/src/modules/reconciliation/reconciliation.service.js';
import type { ConversionSummary } from '../../server/src/modules/conversions/index.js';

interface NetworkFixture {
  report: { example_rows: Array<{ row?: Record<string, unknown>; response?: unknown }> };
}
const fixture = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/networks/${name}.json`, 'utf8')) as NetworkFixture;

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string };
  }
  assert.fail('expected the report to be refused');
}

describe('network report amounts', () => {
  it('when an amount is written as spreadsheets and networks write it, then it parses exactly', () => {
    assert.equal(parseWrittenAmount('1234.50'), 123450n);
    assert.equal(parseWrittenAmount('1234,50'), 123450n);
    assert.equal(parseWrittenAmount('1 234,50'), 123450n);
    assert.equal(parseWrittenAmount('1\u00a0234,5'), 123450n);
    assert.equal(parseWrittenAmount('1.234,50'), 123450n);
    assert.equal(parseWrittenAmount('1,234.50'), 123450n);
    assert.equal(parseWrittenAmount('12 345 678,09'), 1234567809n);
    assert.equal(parseWrittenAmount(4.26), 426n);
    assert.equal(parseWrittenAmount(0.1), 10n);
    assert.equal(parseWrittenAmount('0'), 0n);
  });

  it('when an amount is ambiguous or not a number, then it is refused', () => {
    for (const bad of ['', 'abc', '1e5', '12.345', '1,2,3', '1.2.3', '-5', '12..3', '1 23,00', 'NaN', '١٢'])
      assert.equal(parseWrittenAmount(bad), undefined, bad);
    assert.equal(parseWrittenAmount(1e21), undefined);
    assert.equal(parseWrittenAmount(Number.NaN), undefined);
    assert.equal(parseWrittenAmount({}), undefined);
  });

  it('when CJ writes three decimals, then they round half up only where asked, and a minus only where allowed', () => {
    assert.equal(parseWrittenAmount('7.781', { roundExtraDigits: true }), 778n);
    assert.equal(parseWrittenAmount('7.785', { roundExtraDigits: true }), 779n);
    assert.equal(parseWrittenAmount('3.773', { roundExtraDigits: true }), 377n);
    assert.equal(parseWrittenAmount('-7.781', { roundExtraDigits: true, allowNegative: true }), -778n);
    assert.equal(parseWrittenAmount('7.781'), undefined);
  });
});

describe('network report CSV decoding', () => {
  it('when the report is windows-1250 with Czech characters, then it decodes from base64', () => {
    const text = 'Číslo objednávky;Provize;Měna;Stav\r\nŽLUŤOUČKÝ-1;"1 234,50";CZK;schváleno\r\n';
    const encoded = iconv.encode(text, 'win1250').toString('base64');
    assert.equal(decodeReport(encoded, 'windows-1250'), text);
    const [line] = parseReport(decodeReport(encoded, 'windows-1250'), 'generic');
    assert.equal(line!.orderId, 'ŽLUŤOUČKÝ-1');
    assert.equal(line!.commissionMinor, 123450n);
    assert.equal(line!.state, 'approved');
    assert.equal(line!.currency, 'CZK');
  });

  it('when a windows-1250 report is not base64, then it is refused', () => {
    assert.equal(
      refusal(() => decodeReport('not base64 ✓', 'windows-1250')).code,
      'RECONCILIATION_REPORT_INVALID',
    );
  });

  it('when the separator is ; or , (quoted fields may hold the other), then it is detected', () => {
    assert.equal(detectDelimiter('a;b;"c,d"\n1;2;3'), ';');
    assert.equal(detectDelimiter('a,b,"c;d;e"\n1,2,3'), ',');
    const semicolons = parseReport(
      'order_id;click_id;order_amount;commission;currency;status;date\n' +
        'A-1;;"1 000,00";"15,00";CZK;pending;2026-03-01\n' +
        '"B;2";;200;3;EUR;declined;1. 3. 2026 14:30\n',
      'generic',
    );
    assert.deepEqual(
      semicolons.map((line) => [
        line.lineNo,
        line.orderId,
        line.orderAmountMinor,
        line.commissionMinor,
        line.currency,
        line.state,
      ]),
      [
        [1, 'A-1', 100000n, 1500n, 'CZK', 'pending'],
        [2, 'B;2', 20000n, 300n, 'EUR', 'rejected'],
      ],
    );
    assert.equal(semicolons[1]!.occurredAt?.toISOString(), '2026-03-01T14:30:00.000Z');
    const commas = parseReport(
      'Order ID,Sub ID,Order amount,Commission,Currency,Status,Date\n' +
        '"A,1",01KABCDEFGHJKMNPQRSTVWXYZ0,"1,234.50",12.30,CZK,approved,2026-03-02 10:00:00\n',
      'generic',
    );
    assert.equal(commas[0]!.orderId, 'A,1');
    assert.equal(commas[0]!.clickId, '01KABCDEFGHJKMNPQRSTVWXYZ0');
    assert.equal(commas[0]!.orderAmountMinor, 123450n);
    assert.equal(commas[0]!.occurredAt?.toISOString(), '2026-03-02T10:00:00.000Z');
  });

  it('when lines cannot be read, then the whole report is refused naming them', () => {
    const refused = refusal(() =>
      parseReport(
        'order_id;commission;currency;status\nA;1,5;CZK;pending\nB;x;CZK;pending\nC;1;USD;maybe\n',
        'generic',
      ),
    );
    assert.equal(refused.code, 'RECONCILIATION_REPORT_INVALID');
    assert.match(refused.message, /line 2: the commission "x"/);
    assert.match(refused.message, /line 3: currency USD/);
    assert.match(
      refusal(() => parseReport('order_id;commission;currency\nA;1;CZK\nA;2;CZK\n', 'generic')).message,
      /appears twice/,
    );
    assert.match(refusal(() => parseReport('order_id;commission\n', 'generic')).message, /no lines/);
    assert.match(
      refusal(() => parseReport('a;b\n"unterminated;1\n', 'generic')).message,
      /CSV cannot be read/,
    );
  });
});

describe('network report presets', () => {
  it('Awin: the transactions export maps id, clickRef, money objects, commissionStatus', () => {
    const row = fixture('awin').report.example_rows[0]!.row!;
    const [line] = parseReport(
      JSON.stringify([
        { ...row, saleAmount: { amount: 106.5, currency: 'EUR' }, transactionDate: '2024-05-04T21:00:00' },
        {
          id: 1591984036,
          clickRefs: { clickRef: 'x' },
          commissionAmount: { amount: 10, currency: 'CZK' },
          saleAmount: { amount: 1000, currency: 'CZK' },
          commissionStatus: 'declined',
          declineReason: 'returned',
          transactionDate: '2024-05-05T08:00:00',
        },
      ]),
      'awin',
    );
    assert.equal(line!.orderId, '1591984035');
    assert.equal(line!.clickId, '9184c7g4-9gbb-48g7-9e43-44717t5bed70');
    assert.equal(line!.commissionMinor, 426n);
    assert.equal(line!.orderAmountMinor, 10650n);
    assert.equal(line!.currency, 'EUR');
    assert.equal(line!.state, 'pending');
    assert.equal(line!.occurredAt?.toISOString(), '2024-05-04T21:00:00.000Z');
    const lines = parseReport(
      JSON.stringify([
        {
          id: 7,
          commissionAmount: { amount: 10, currency: 'CZK' },
          commissionStatus: 'declined',
          declineReason: 'returned',
        },
        { id: 8, commissionAmount: { amount: 2.5, currency: 'CZK' }, commissionStatus: 'approved' },
      ]),
      'awin',
    );
    assert.deepEqual(
      lines.map((item) => [item.orderId, item.state, item.commissionMinor, item.reason]),
      [
        ['7', 'rejected', 1000n, 'returned'],
        ['8', 'approved', 250n, null],
      ],
    );
    assert.match(refusal(() => parseReport('id;commission\n1;2', 'awin')).message, /JSON/);
  });

  it('CJ: the commission records (the documented response) map with the currency named at import', () => {
    const response = fixture('cj').report.example_rows[0]!.response;
    const lines = parseReport(JSON.stringify(response), 'cj', 'EUR');
    assert.deepEqual(
      lines.map((line) => [line.orderId, line.commissionMinor, line.currency, line.state]),
      [
        ['2292067663', 778n, 'EUR', 'pending'],
        ['2292491812', 389n, 'EUR', 'pending'],
      ],
    );
    assert.match(refusal(() => parseReport(JSON.stringify(response), 'cj')).message, /currency is missing/);
  });

  it('CJ: a correction with the same originalActionId sums into its action; one that cancels it rejects', () => {
    const records = [
      {
        commissionId: '1',
        originalActionId: '100',
        original: true,
        actionStatus: 'locked',
        shopperId: 'click-1',
        pubCommissionAmountPubCurrency: '50.000',
        saleAmountPubCurrency: '1000.00',
        eventDate: '2026-03-01T10:00:00Z',
      },
      {
        commissionId: '2',
        originalActionId: '100',
        original: false,
        correctionReason: 'RETURNED_MERCHANDISE',
        pubCommissionAmountPubCurrency: '-10.000',
        saleAmountPubCurrency: '-200.00',
      },
      {
        commissionId: '3',
        originalActionId: '200',
        original: true,
        actionStatus: 'new',
        pubCommissionAmountPubCurrency: '20.00',
        saleAmountPubCurrency: '400',
      },
      {
        commissionId: '4',
        originalActionId: '200',
        original: false,
        correctionReason: 'CANT_SHIP_OR_SOLD_OUT',
        pubCommissionAmountPubCurrency: '-20.00',
        saleAmountPubCurrency: '-400',
      },
    ];
    const lines = parseReport(JSON.stringify({ data: { publisherCommissions: { records } } }), 'cj', 'CZK');
    assert.deepEqual(
      lines.map((line) => [
        line.orderId,
        line.clickId,
        line.state,
        line.commissionMinor,
        line.orderAmountMinor,
        line.reason,
      ]),
      [
        ['100', 'click-1', 'approved', 4000n, 80000n, 'RETURNED_MERCHANDISE'],
        ['200', null, 'rejected', 2000n, 40000n, 'CANT_SHIP_OR_SOLD_OUT'],
      ],
    );
  });

  it('Impact: the Actions report maps as CSV and as JSON', () => {
    const row = {
      ...fixture('impact').report.example_rows[0]!.row,
      Currency: 'EUR',
      SubId1: 'click-9',
    } as Record<string, string>;
    const [fromJson] = parseReport(JSON.stringify({ Actions: [row] }), 'impact');
    assert.equal(fromJson!.orderId, '1000.4636.158133');
    assert.equal(fromJson!.commissionMinor, 88n);
    assert.equal(fromJson!.orderAmountMinor, 2199n);
    assert.equal(fromJson!.state, 'pending');
    assert.equal(fromJson!.clickId, 'click-9');
    assert.equal(fromJson!.occurredAt?.toISOString(), '2024-09-10T17:42:38.000Z');
    const csv = parseReport(
      'Id,State,Payout,Amount,Currency,EventDate,SubId1,Oid\n' +
        '1000.1,APPROVED,12.00,240.00,CZK,2026-03-01T10:00:00+01:00,,X1\n' +
        '1000.2,REVERSED,3.00,60.00,CZK,2026-03-01T11:00:00+01:00,,X2\n',
      'impact',
    );
    assert.deepEqual(
      csv.map((line) => [line.orderId, line.state, line.commissionMinor]),
      [
        ['1000.1', 'approved', 1200n],
        ['1000.2', 'rejected', 300n],
      ],
    );
  });
});

describe('the dry run diff', () => {
  const ours = (
    orderId: string,
    state: ConversionSummary['state'],
    commission: bigint,
  ): ConversionSummary => ({
    id: orderId.slice(1),
    orderId,
    clickId: null,
    userId: '1',
    currency: 'CZK',
    state,
    orderAmountMinor: 100000n,
    commissionMinor: commission,
    settled: state === 'settled',
    occurredAt: new Date('2026-03-01T00:00:00Z'),
  });

  it('when a report meets our conversions, then each line gets exactly one kind', () => {
    const lines = parseReport(
      'order_id;order_amount;commission;currency;status\n' +
        'O1;1000;50;CZK;pending\n' +
        'O2;1000;60;CZK;pending\n' +
        'O3;1000;50;CZK;approved\n' +
        'O4;1000;50;CZK;pending\n' +
        'O6;1000;50;CZK;approved\n' +
        'O7;1000;50;CZK;approved\n',
      'generic',
    );
    const rows = diff('9', lines, [
      ours('O1', 'pending', 5000n),
      ours('O2', 'pending', 5000n),
      ours('O3', 'pending', 5000n),
      ours('O5', 'pending', 5000n),
      ours('O6', 'settled', 5000n),
      ours('O7', 'rejected', 5000n),
    ]);
    assert.deepEqual(
      rows.map((row) => [row.lineNo, row.orderId, row.kind]),
      [
        [1, 'O1', 'matched'],
        [2, 'O2', 'amount_differs'],
        [3, 'O3', 'status_differs'],
        [4, 'O4', 'missing_here'],
        [5, 'O6', 'matched'],
        [6, 'O7', 'status_differs'],
        [7, 'O5', 'missing_in_report'],
      ],
    );
  });
});
