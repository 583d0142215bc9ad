import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_STORABLE_MINOR } from '@shared/money.js';
import {
  invalidStatement,
  LineProblem,
  optionalText,
  parseStatementDate,
  unlessProblems,
  variableSymbolOf,
  type StatementLine,
  type StatementProblem,
} from './statement-line.js';

/** A parsed element: text, attributes (`@_Ccy`) and children, as fast-xml-parser gives them. */
type Node = Record<string, unknown>;

/** Elements that may repeat, read as arrays whether one or many. */
const REPEATING = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Every value stays text: an amount or a symbol must never pass through a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // No entity expansion at all (a DOCTYPE is refused before parsing); the five XML escapes and
  // character references are decoded by `unescape` below.
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => REPEATING.has(name),
});

const XML_ESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return XML_ESCAPES[name]!;
  });
}

const child = (node: unknown, ...path: string[]): unknown => {
  let current = node;
  for (const name of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Node)[name];
  }
  return Array.isArray(current) ? current[0] : current;
};

const list = (node: unknown, name: string): Node[] => {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return Array.isArray(value) ? (value as Node[]) : [];
};

/** The element's text (an element with attributes keeps it under `#text`). */
function text(node: unknown, ...path: string[]): string | undefined {
  const value = child(node, ...path);
  const raw = value && typeof value === 'object' ? (value as Node)['#text'] : value;
  return typeof raw === 'string' && raw !== '' ? unescape(raw) : undefined;
}

/** `<Amt Ccy="CZK">1234.50</Amt>` in minor units and its currency; ISO 20022 writes a decimal point. */
function amountOf(node: unknown): { minor: bigint; currency: string } | undefined {
  const element = child(node, 'Amt');
  if (element === undefined) return undefined;
  const value = text(element);
  const currency = element && typeof element === 'object' ? (element as Node)['@_Ccy'] : undefined;
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(value ?? '');
  if (!match) throw new LineProblem(`amount "${value ?? ''}" is not an ISO 20022 amount`);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    throw new LineProblem('the amount has no currency (Ccy)');
  const minor = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (minor > MAX_STORABLE_MINOR) throw new LineProblem(`amount ${value} is larger than any we hold`);
  return { minor, currency };
}

function signOf(indicator: string | undefined): bigint {
  if (indicator === 'DBIT') return -1n;
  if (indicator === 'CRDT') return 1n;
  throw new LineProblem(`CdtDbtInd "${indicator ?? ''}" is neither CRDT nor DBIT`);
}

/**
 * The variable symbol of a Czech payment: in structured remittance (`Strd/CdtrRefInf/Ref`), in the
 * EndToEndId as Czech banks fill it (`/VS123/SS/KS`), or in the free text (`VS:123`, `/VS/123`).
 */
function variableSymbolIn(details: unknown, endToEndId: string | null): string | null {
  for (const structured of list(child(details, 'RmtInf'), 'Strd')) {
    const reference = text(structured, 'CdtrRefInf', 'Ref');
    const found = reference && /^(?:VS[:/ ]?)?(\d{1,10})$/.exec(reference.trim());
    if (found) return variableSymbolOf(found[1]);
  }
  const sources = [
    endToEndId ?? '',
    ...list(child(details, 'RmtInf'), 'Ustrd').map((line) => text(line) ?? ''),
  ];
  for (const source of sources) {
    const found = /(?:^|[^A-Z])VS[:/ ]?(\d{1,10})(?!\d)/i.exec(
      typeof source === 'string' ? unescape(source) : '',
    );
    if (found) return variableSymbolOf(found[1]);
  }
  return null;
}

function counterAccountOf(details: unknown, sign: bigint): string | null {
  // Money out goes to the creditor; money in comes from the debtor.
  const account = child(details, 'RltdPties', sign < 0n ? 'CdtrAcct' : 'DbtrAcct', 'Id');
  return optionalText(text(account, 'IBAN') ?? text(account, 'Othr', 'Id'), 60);
}

function messageOf(details: unknown, entry: unknown, sign: bigint): string | null {
  const party = child(details, 'RltdPties', sign < 0n ? 'Cdtr' : 'Dbtr');
  const name = text(party, 'Nm') ?? text(party, 'Pty', 'Nm');
  const remittance = list(child(details, 'RmtInf'), 'Ustrd').map((line) => text(line) ?? '');
  const info = text(entry, 'AddtlNtryInf');
  return optionalText(
    [name, ...remittance, remittance.length === 0 ? info : undefined].filter(Boolean).join(' · '),
    500,
  );
}

/** One statement line per transaction: an entry's TxDtls, or the entry itself when it has none. */
function linesOfEntry(entry: Node, nextLineNo: () => number): StatementLine[] {
  const status = text(entry, 'Sts') ?? text(entry, 'Sts', 'Cd');
  const bookingDate = text(entry, 'BookgDt', 'Dt') ?? text(entry, 'BookgDt', 'DtTm');
  const entryAmount = amountOf(entry);
  if (!entryAmount) throw new LineProblem('the entry has no Amt');
  const entrySign = signOf(text(entry, 'CdtDbtInd'));
  const details = list(entry, 'NtryDtls').flatMap((group) => list(group, 'TxDtls'));
  const transactions: unknown[] = details.length > 0 ? details : [undefined];
  return transactions.map((transaction) => {
    const own =
      transaction === undefined
        ? undefined
        : (amountOf(child(transaction, 'AmtDtls', 'TxAmt')) ?? amountOf(transaction));
    // A batch's transactions carry their own amounts; a single one may leave it to the entry.
    if (details.length > 1 && !own) throw new LineProblem('a transaction of a batch entry has no amount');
    const amount = own ?? entryAmount;
    const indicator = transaction === undefined ? undefined : text(transaction, 'CdtDbtInd');
    const sign = indicator ? signOf(indicator) : entrySign;
    const endToEndIdRaw = text(transaction, 'Refs', 'EndToEndId');
    const endToEndId = endToEndIdRaw && endToEndIdRaw !== 'NOTPROVIDED' ? endToEndIdRaw.slice(0, 35) : null;
    return {
      lineNo: nextLineNo(),
      bookingDate: bookingDate ? parseStatementDate(bookingDate) : null,
      amountMinor: sign * amount.minor,
      currency: amount.currency,
      counterAccount: counterAccountOf(transaction, sign),
      variableSymbol: variableSymbolIn(transaction, endToEndId),
      endToEndId,
      message: messageOf(transaction, entry, sign),
      bankReference: optionalText(
        text(transaction, 'Refs', 'AcctSvcrRef') ??
          text(entry, 'AcctSvcrRef') ??
          text(transaction, 'Refs', 'TxId'),
        64,
      ),
      booked: status === undefined || status === 'BOOK',
    };
  });
}

/**
 * An ISO 20022 camt.053 BankToCustomerStatement (any version, namespaces ignored): every `Ntry` of
 * every `Stmt`, split into its `NtryDtls/TxDtls` when it has several. The sign comes from
 * `CdtDbtInd`, the amount and currency from `Amt` (the transaction's own amount where a batch
 * gives one). A DOCTYPE is refused: a statement has none, and entities are never expanded.
 */
export function parseCamt053Statement(xml: string): StatementLine[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalidStatement('The XML declares a DOCTYPE or entities; a camt.053 statement has none.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw invalidStatement(`The XML is not well-formed: ${valid.err.msg}`, [
      { line: valid.err.line, message: valid.err.msg },
    ]);
  const document = child(parser.parse(xml) as Node, 'Document', 'BkToCstmrStmt');
  if (!document || typeof document !== 'object')
    throw invalidStatement('This is no camt.053 statement: Document/BkToCstmrStmt is missing.');
  const lines: StatementLine[] = [];
  const problems: StatementProblem[] = [];
  let lineNo = 0;
  for (const statement of list(document, 'Stmt')) {
    for (const [index, entry] of list(statement, 'Ntry').entries()) {
      try {
        lines.push(...linesOfEntry(entry, () => (lineNo += 1)));
      } catch (error) {
        if (!(error instanceof LineProblem)) throw error;
        problems.push({
          line: null,
          message: `entry ${index + 1} (${text(entry, 'NtryRef') ?? text(entry, 'AcctSvcrRef') ?? 'no reference'}): ${error.message}`,
        });
      }
    }
  }
  return unlessProblems(lines, problems);
}
