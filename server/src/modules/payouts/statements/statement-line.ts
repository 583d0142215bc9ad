import type { StatementEncoding } from '@shared/contracts/payout-statements.js';
import { AppError } from '../../../platform/http/errors.js';
import { base64Bytes, fileText } from '../../../platform/imports/file-text.js';
import { parseWrittenAmount } from '../../../platform/imports/written-amount.js';

/**
 * One movement on our payout account as the bank's statement states it, whatever the file's
 * format: what the matching needs and what finance reads when it did not match.
 */
export interface StatementLine {
  /** 1-based position among the statement's movements (not the file's text lines). */
  lineNo: number;
  /** The day the bank booked it (UTC midnight); null when the file gives none. */
  bookingDate: Date | null;
  /** Minor units, signed: negative left our account (a payout), positive came in. */
  amountMinor: bigint;
  /** ISO 4217 letters (`CZK`), or the numeric code when a GPC file names a currency we do not know. */
  currency: string;
  /** The other side: an IBAN or a Czech `prefix-number/bank`. */
  counterAccount: string | null;
  /** The Czech variable symbol, without leading zeros. */
  variableSymbol: string | null;
  /** SEPA EndToEndId (camt.053 and CSVs that carry one). */
  endToEndId: string | null;
  message: string | null;
  /** The bank's own id of the movement. */
  bankReference: string | null;
  /** False for entries the bank lists but has not booked (camt.053 `PDNG`/`INFO`). */
  booked: boolean;
}

/** A statement's problem in one place: shown to finance with the line (of the file) it is on. */
export interface StatementProblem {
  line: number | null;
  message: string;
}

/** Most problems listed in one refusal; a broken file usually repeats one mistake. */
const MAX_LISTED_PROBLEMS = 20;

/** A file we cannot read: 400, with the problems named; nothing is stored. */
export function invalidStatement(detail: string, problems: StatementProblem[] = []): AppError {
  return new AppError('PAYOUT_STATEMENT_INVALID', 400, detail, {
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    ...(problems.length > MAX_LISTED_PROBLEMS ? { moreProblems: problems.length - MAX_LISTED_PROBLEMS } : {}),
  });
}

/** Thrown while reading one line; the parser collects them and refuses the file with all of them. */
export class LineProblem extends Error {}

/** Refuses the file when any line had a problem; otherwise hands the lines back. */
export function unlessProblems<T>(lines: T[], problems: StatementProblem[]): T[] {
  if (problems.length > 0)
    throw invalidStatement(
      `The statement has ${problems.length} unreadable line${problems.length === 1 ? '' : 's'}; nothing was imported.`,
      problems,
    );
  return lines;
}

/**
 * The file's bytes: base64 as sent (a browser reads any file so), or the UTF-8 of text content.
 * The import's fingerprint is taken over these, so the same file is the same statement however
 * it was sent.
 */
export function statementBytes(content: string, base64: boolean): Buffer {
  if (!base64) return Buffer.from(content, 'utf8');
  const bytes = base64Bytes(content);
  if (!bytes) throw invalidStatement('The content is not base64, though `base64` says it is.');
  return bytes;
}

/** The file's text in its character set; a UTF-8 byte order mark is dropped. */
export function decodeStatement(bytes: Buffer, encoding: StatementEncoding): string {
  const text = fileText(bytes, encoding);
  if (text === undefined)
    throw invalidStatement('The file is not UTF-8; choose windows-1250 if your bank saved it so.');
  return text;
}

/**
 * An amount as a bank's CSV writes it, in minor units, exactly and never through a float:
 * `-1 234,50`, `-1234.50`, `+1.234,50`, `1,234.50`, with a leading `-`, `+` or `−` (U+2212, as
 * some banks type it). Undefined for anything else (`1e5`, `12.345`, `1,234` — three decimals are
 * no bank's amount).
 */
export function parseStatementAmount(value: string): bigint | undefined {
  const signed = /^([-+\u2212]?)\s*(\d.*)$/su.exec(value.trim());
  if (!signed) return undefined;
  const amount = parseWrittenAmount(signed[2]!);
  if (amount === undefined) return undefined;
  return signed[1] === '' || signed[1] === '+' ? amount : -amount;
}

/**
 * A booking date: `2026-03-01`, `2026-03-01T10:00:00[Z|+01:00]`, `01.03.2026` or `1. 3. 2026`
 * (with or without a time), as the UTC day the bank named.
 */
export function parseStatementDate(value: string): Date {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const czech = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : czech
      ? [czech[3], czech[2], czech[1]]
      : [undefined, undefined, undefined];
  if (year === undefined) throw new LineProblem(`"${text}" is not a date we read (2026-03-01, 1. 3. 2026)`);
  return utcDay(Number(year), Number(month), Number(day), text);
}

/** The UTC midnight of a calendar day, refusing days that do not exist (31. 2.). */
export function utcDay(year: number, month: number, day: number, shown: string): Date {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new LineProblem(`the date ${shown} does not exist`);
  return date;
}

/** A variable symbol without its leading zeros (GPC pads to ten); null when it is empty or all zeros. */
export function variableSymbolOf(value: string | null | undefined): string | null {
  const digits = value?.trim().replace(/^0+/, '') ?? '';
  if (digits === '') return null;
  if (!/^\d{1,10}$/.test(digits)) throw new LineProblem(`variable symbol "${value}" is not up to ten digits`);
  return digits;
}

/** Text trimmed and cut to what a column holds; null when empty. */
export function optionalText(value: string | null | undefined, maxLength: number): string | null {
  const text = value?.replace(/\s+/g, ' ').trim() ?? '';
  return text === '' ? null : text.slice(0, maxLength);
}
