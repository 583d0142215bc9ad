import { parse as parseCsv } from 'csv-parse/sync';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import type { ReportEncoding, ReportFormat } from '@shared/contracts/reconciliation.js';
import { AppError } from '../../platform/http/errors.js';
import type { ConversionState } from '../conversions/index.js';
import { parseWrittenAmount } from '../../platform/imports/written-amount.js';
import { base64Bytes, fileText } from '../../platform/imports/file-text.js';
import { headerKey } from '../../platform/imports/header-key.js';

/** One order as a network's report states it, before it is compared with ours. */
export interface ReportLine {
  /** 1-based position in the report (data rows, after the CSV header). */
  lineNo: number;
  orderId: string;
  clickId: string | null;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  currency: Currency;
  state: ConversionState;
  occurredAt: Date | null;
  reason: string | null;
}

export const invalidReport = (detail: string, extra?: Record<string, unknown>) =>
  new AppError('RECONCILIATION_REPORT_INVALID', 400, detail, extra);

/** Most problems listed in one refusal; a broken file usually repeats one mistake. */
const MAX_LISTED_PROBLEMS = 20;

// --- text --------------------------------------------------------------------------------------

/**
 * The report's text. UTF-8 comes as the text itself (refused when it holds U+FFFD: a browser
 * read a file in another character set as UTF-8); windows-1250 (what Czech and Slovak Excel saves
 * as "CSV") comes base64-encoded, since its bytes are not JSON text. A byte order mark is dropped.
 */
export function decodeReport(content: string, encoding: ReportEncoding): string {
  const bytes = encoding === 'windows-1250' ? base64Bytes(content) : Buffer.from(content, 'utf8');
  if (!bytes) throw invalidReport('A windows-1250 report must be sent base64-encoded.');
  const text = fileText(bytes, encoding);
  if (text === undefined)
    throw invalidReport('The report is not UTF-8; choose windows-1250 if it was saved so.');
  return text;
}

/** `;` or `,`: whichever occurs more often outside quotes in the header line. */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** Rows of a CSV report as records keyed by normalised header names (see `headerKey`). */
export function readCsv(text: string): Array<Map<string, string>> {
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalidReport(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header || header.length < 2) throw invalidReport('The CSV has no header row.');
  const keys = header.map(headerKey);
  return data.map((row) => new Map(row.map((value, index) => [keys[index]!, value])));
}

// --- fields ------------------------------------------------------------------------------------

class LineProblem extends Error {}

/** A value for a message: text and numbers as they are, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : (JSON.stringify(value) ?? '');
}

function field(record: Map<string, string> | Record<string, unknown>, names: string[]): unknown {
  for (const name of names) {
    const value = record instanceof Map ? record.get(name) : record[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function textOf(value: unknown, what: string, maxLength = 128): string {
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof raw !== 'string' || raw.trim() === '') throw new LineProblem(`${what} is missing`);
  if (raw.trim().length > maxLength) throw new LineProblem(`${what} is longer than ${maxLength} characters`);
  return raw.trim();
}

function optionalTextOf(value: unknown, maxLength: number): string | null {
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().slice(0, maxLength) : null;
}

function amountOf(
  value: unknown,
  what: string,
  options: { allowNegative?: boolean; roundExtraDigits?: boolean } = {},
): bigint {
  const parsed = parseWrittenAmount(value, options);
  if (parsed === undefined) throw new LineProblem(`${what} "${shown(value)}" is not an amount`);
  return parsed;
}

function currencyOf(value: unknown, fallback: Currency | undefined): Currency {
  if (value === undefined || value === null || value === '') {
    if (fallback) return fallback;
    throw new LineProblem('the currency is missing (name it in the import when the report has none)');
  }
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (upper === 'KČ' || upper === 'KC') return 'CZK';
  if (upper === '€') return 'EUR';
  if (!(CURRENCIES as readonly string[]).includes(upper))
    throw new LineProblem(`currency ${shown(value)} is not one we pay in`);
  return upper as Currency;
}

function stateOf(value: unknown, mapping: Record<string, ConversionState>, what: string): ConversionState {
  const key = typeof value === 'string' ? headerKey(value) : '';
  const state = mapping[key];
  if (!state) throw new LineProblem(`${what} "${shown(value)}" is not a status we know`);
  return state;
}

/**
 * ISO 8601 (an offset or `Z`; without one it is UTC, as Awin exports in the requested time zone
 * UTC), `YYYY-MM-DD HH:MM[:SS]` (UTC) and the Czech `D. M. YYYY [H:MM[:SS]]` (UTC).
 */
export function dateOf(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new LineProblem(`date ${shown(value)} is not a date`);
  const trimmed = value.trim();
  const czech = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  let date: Date;
  if (czech) {
    const [, day, month, year, hour, minute, second] = czech;
    date = new Date(
      Date.UTC(
        Number(year),
        Number(month) - 1,
        Number(day),
        Number(hour ?? 0),
        Number(minute ?? 0),
        Number(second ?? 0),
      ),
    );
    if (date.getUTCDate() !== Number(day)) throw new LineProblem(`date ${trimmed} does not exist`);
  } else if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(trimmed)) {
    date = new Date(`${trimmed.replace(' ', 'T')}${trimmed.length === 10 ? 'T00:00:00' : ''}Z`);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    date = new Date(trimmed);
  } else {
    throw new LineProblem(`date "${trimmed}" is not a date we read (2026-03-01 10:00, 1. 3. 2026)`);
  }
  if (Number.isNaN(date.getTime())) throw new LineProblem(`date "${trimmed}" is not a date`);
  return date;
}

// --- presets -----------------------------------------------------------------------------------

const GENERIC_STATUSES: Record<string, ConversionState> = {
  pending: 'pending',
  new: 'pending',
  open: 'pending',
  ceka: 'pending',
  cekajici: 'pending',
  nova: 'pending',
  nevyrizena: 'pending',
  approved: 'approved',
  confirmed: 'approved',
  accepted: 'approved',
  locked: 'approved',
  schvaleno: 'approved',
  schvalena: 'approved',
  potvrzeno: 'approved',
  potvrzena: 'approved',
  rejected: 'rejected',
  declined: 'rejected',
  cancelled: 'rejected',
  canceled: 'rejected',
  reversed: 'rejected',
  zamitnuto: 'rejected',
  zamitnuta: 'rejected',
  stornovano: 'rejected',
  storno: 'rejected',
  settled: 'settled',
  paid: 'settled',
  cleared: 'settled',
  vyplaceno: 'settled',
  zaplaceno: 'settled',
};

/** Header names of the generic CSV, normalised by `headerKey`, first match wins. */
const GENERIC_COLUMNS = {
  orderId: ['orderid', 'order', 'ordernumber', 'transactionid', 'objednavka', 'cisloobjednavky'],
  clickId: ['clickid', 'subid', 'subid1', 'clickref', 'sid'],
  orderAmount: ['orderamount', 'ordervalue', 'saleamount', 'amount', 'hodnotaobjednavky', 'castka'],
  commission: ['commission', 'payout', 'provize'],
  currency: ['currency', 'mena'],
  status: ['status', 'state', 'stav'],
  date: ['date', 'occurredat', 'transactiondate', 'eventdate', 'datum'],
  reason: ['reason', 'note', 'duvod', 'poznamka'],
};

/** Awin's `commissionStatus` in its transactions export. */
const AWIN_STATUSES: Record<string, ConversionState> = {
  pending: 'pending',
  approved: 'approved',
  declined: 'rejected',
  deleted: 'rejected',
};

/** CJ's `actionStatus`: new and extended are still open, locked and closed will be paid. */
const CJ_STATUSES: Record<string, ConversionState> = {
  new: 'pending',
  extended: 'pending',
  locked: 'approved',
  closed: 'approved',
};

/** Impact's action `State` (and the lower-case forms its postbacks use). */
const IMPACT_STATUSES: Record<string, ConversionState> = {
  pending: 'pending',
  approved: 'approved',
  locked: 'approved',
  cleared: 'settled',
  paid: 'settled',
  reversed: 'rejected',
  rejected: 'rejected',
};

type Draft = Omit<ReportLine, 'lineNo'>;
type RecordSource = Map<string, string> | Record<string, unknown>;

function genericLine(record: RecordSource, fallback: Currency | undefined): Draft {
  const get = (names: string[]) => field(record, names);
  const status = get(GENERIC_COLUMNS.status);
  return {
    orderId: textOf(get(GENERIC_COLUMNS.orderId), 'the order id'),
    clickId: optionalTextOf(get(GENERIC_COLUMNS.clickId), 64),
    orderAmountMinor: amountOf(get(GENERIC_COLUMNS.orderAmount) ?? '0', 'the order amount'),
    commissionMinor: amountOf(get(GENERIC_COLUMNS.commission), 'the commission'),
    currency: currencyOf(get(GENERIC_COLUMNS.currency), fallback),
    state: status === undefined ? 'pending' : stateOf(status, GENERIC_STATUSES, 'the status'),
    occurredAt: dateOf(get(GENERIC_COLUMNS.date)),
    reason: optionalTextOf(get(GENERIC_COLUMNS.reason), 500),
  };
}

/** Impact's Actions report: CSV with its column names, or its JSON (`{ "Actions": [...] }`). */
function impactLine(record: RecordSource, fallback: Currency | undefined): Draft {
  const get = (...names: string[]) => field(record, record instanceof Map ? names.map(headerKey) : names);
  return {
    orderId: textOf(get('Id', 'ActionId'), 'Id'),
    clickId: optionalTextOf(get('SubId1'), 64),
    orderAmountMinor: amountOf(get('Amount') ?? '0', 'Amount'),
    commissionMinor: amountOf(get('Payout'), 'Payout'),
    currency: currencyOf(get('Currency'), fallback),
    state: stateOf(get('State', 'Status'), IMPACT_STATUSES, 'State'),
    occurredAt: dateOf(get('EventDate')),
    reason: optionalTextOf(get('StatusDetail'), 500),
  };
}

/** One transaction of Awin's transactions export (the Publisher API's JSON, amounts as numbers). */
function awinLine(record: Record<string, unknown>, fallback: Currency | undefined): Draft {
  const money = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const commission = money(record.commissionAmount);
  const sale = money(record.saleAmount);
  const clickRefs = money(record.clickRefs);
  return {
    // The push's `transactionId` is the export's `id`: the order key our postbacks stored.
    orderId: textOf(record.id, 'id'),
    clickId: optionalTextOf(clickRefs.clickRef, 64),
    orderAmountMinor: amountOf(sale.amount ?? 0, 'saleAmount.amount'),
    commissionMinor: amountOf(commission.amount, 'commissionAmount.amount'),
    currency: currencyOf(commission.currency ?? sale.currency, fallback),
    state: stateOf(record.commissionStatus, AWIN_STATUSES, 'commissionStatus'),
    occurredAt: dateOf(record.transactionDate),
    reason: optionalTextOf(record.declineReason ?? record.amendReason, 500),
  };
}

/**
 * CJ's commission records. A correction is a further record with `original: false` and the same
 * `originalActionId`; the action is the sum of its records, and one whose commission sums to zero
 * or less was reversed. Amounts are strings with three decimals, rounded half up.
 */
function cjLines(
  records: Array<Record<string, unknown>>,
  fallback: Currency | undefined,
): Array<Draft | LineProblem> {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const record of records) {
    const key =
      optionalTextOf(record.originalActionId, 128) ?? optionalTextOf(record.commissionId, 128) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const round = { allowNegative: true, roundExtraDigits: true };
  return [...groups.entries()].map(([orderId, group]) => {
    try {
      if (orderId === '') throw new LineProblem('commissionId is missing');
      const original =
        group.find((record) => record.original !== false && record.original !== 'false') ?? group[0]!;
      let commission = 0n;
      let sale = 0n;
      for (const record of group) {
        commission += amountOf(
          field(record, ['pubCommissionAmountPubCurrency', 'commissionAmount', 'pubCommissionAmountUsd']),
          'pubCommissionAmountPubCurrency',
          round,
        );
        sale += amountOf(
          field(record, ['saleAmountPubCurrency', 'saleAmountUsd']) ?? '0',
          'saleAmountPubCurrency',
          round,
        );
      }
      const reversed =
        commission <= 0n ||
        group.some(
          (record) => typeof record.validationStatus === 'string' && record.validationStatus === 'DECLINED',
        );
      const originalCommission = amountOf(
        field(original, ['pubCommissionAmountPubCurrency', 'commissionAmount', 'pubCommissionAmountUsd']),
        'pubCommissionAmountPubCurrency',
        round,
      );
      const originalSale = amountOf(
        field(original, ['saleAmountPubCurrency', 'saleAmountUsd']) ?? '0',
        'saleAmountPubCurrency',
        round,
      );
      const correction = group.find((record) => typeof record.correctionReason === 'string');
      return {
        orderId,
        clickId: optionalTextOf(original.shopperId ?? original.sid, 64),
        // A reversal keeps the original amounts: the conversion is rejected, not amended to zero.
        orderAmountMinor: reversed ? originalSale : sale,
        commissionMinor: reversed
          ? originalCommission > 0n
            ? originalCommission
            : -originalCommission
          : commission,
        currency: currencyOf(original.currency, fallback),
        state: reversed ? 'rejected' : stateOf(original.actionStatus ?? 'new', CJ_STATUSES, 'actionStatus'),
        occurredAt: dateOf(original.eventDate ?? original.postingDate),
        reason: optionalTextOf(correction?.correctionReason, 500),
      } satisfies Draft;
    } catch (error) {
      if (error instanceof LineProblem) return error;
      throw error;
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidReport('The report is not valid JSON.');
  }
}

function objectsIn(value: unknown, what: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw invalidReport(`${what} is not a list of records.`);
  return value.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidReport(`${what} holds something that is not a record.`);
    return item as Record<string, unknown>;
  });
}

/**
 * A report's text as lines, or a 400 listing the lines that cannot be read (nothing of it is
 * stored then). `currency` is the report's currency when its rows carry none (CJ's records).
 */
export function parseReport(text: string, format: ReportFormat, currency?: Currency): ReportLine[] {
  let drafts: Array<Draft | LineProblem>;
  const each = <T extends RecordSource>(
    records: T[],
    toLine: (record: T, fallback: Currency | undefined) => Draft,
  ) =>
    records.map((record) => {
      try {
        return toLine(record, currency);
      } catch (error) {
        if (error instanceof LineProblem) return error;
        throw error;
      }
    });
  const looksJson = /^\s*[[{]/.test(text);
  switch (format) {
    case 'generic':
      drafts = each(readCsv(text), genericLine);
      break;
    case 'impact': {
      if (looksJson) {
        const json = parseJson(text);
        const actions = Array.isArray(json) ? json : (json as Record<string, unknown> | null)?.Actions;
        drafts = each(objectsIn(actions, 'Actions'), impactLine);
      } else {
        drafts = each(readCsv(text), impactLine);
      }
      break;
    }
    case 'awin': {
      if (!looksJson) throw invalidReport('An Awin report is its transactions export in JSON.');
      const json = parseJson(text);
      const transactions = Array.isArray(json)
        ? json
        : (json as Record<string, unknown> | null)?.transactions;
      drafts = each(objectsIn(transactions, 'The transactions'), awinLine);
      break;
    }
    case 'cj': {
      if (!looksJson) throw invalidReport('A CJ report is its commission detail export in JSON.');
      const json = parseJson(text) as Record<string, unknown> | unknown[] | null;
      const records = Array.isArray(json)
        ? json
        : ((json?.data as Record<string, Record<string, unknown>> | undefined)?.publisherCommissions
            ?.records ?? json?.records);
      drafts = cjLines(objectsIn(records, 'The commission records'), currency);
      break;
    }
  }
  const problems = drafts.flatMap((draft, index) =>
    draft instanceof LineProblem ? [{ line: index + 1, message: draft.message }] : [],
  );
  if (problems.length > 0)
    throw invalidReport(
      `${problems.length} line(s) of the report cannot be read: ` +
        problems
          .slice(0, 3)
          .map((problem) => `line ${problem.line}: ${problem.message}`)
          .join('; '),
      {
        errors: problems
          .slice(0, MAX_LISTED_PROBLEMS)
          .map((p) => ({ path: `line ${p.line}`, message: p.message })),
      },
    );
  const lines = (drafts as Draft[]).map((draft, index) => ({ lineNo: index + 1, ...draft }));
  if (lines.length === 0) throw invalidReport('The report has no lines.');
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.orderId))
      throw invalidReport(`Order ${line.orderId} appears twice in the report (line ${line.lineNo}).`);
    seen.add(line.orderId);
  }
  return lines;
}
