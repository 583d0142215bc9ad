import { parse as parseCsv } from 'csv-parse/sync';
import {
  invalidStatement,
  LineProblem,
  optionalText,
  parseStatementAmount,
  parseStatementDate,
  unlessProblems,
  variableSymbolOf,
  type StatementLine,
  type StatementProblem,
} from './statement-line.js';
import { headerKey } from '../../../platform/imports/header-key.js';

/**
 * Column names as Czech, Slovak and English bank exports write them, normalised by `headerKey`
 * (no accents, lower case, letters and digits only). The first present one wins.
 */
const COLUMNS = {
  date: [
    'datum',
    'datumzauctovani',
    'datumpohybu',
    'datumprovedeni',
    'datumsplatnosti',
    'zauctovano',
    'bookingdate',
    'date',
    'valuedate',
    'datumzauctovania',
    'datumuctovania',
  ],
  amount: ['castka', 'objem', 'suma', 'amount', 'ciastka'],
  currency: ['mena', 'currency', 'ccy'],
  account: [
    'protiucet',
    'cisloprotiuctu',
    'ucetprotistrany',
    'protiucetiban',
    'counteraccount',
    'counterpartyaccount',
    'counterpartyiban',
    'iban',
    'account',
    'protiucet1',
  ],
  bank: ['kodbanky', 'kodbankyprotiuctu', 'bankcode', 'banka'],
  variableSymbol: ['vs', 'variabilnisymbol', 'variabilnysymbol', 'variablesymbol'],
  endToEndId: ['endtoendid', 'endtoendreference', 'e2eid', 'e2e', 'referenceplatce', 'endtoend'],
  message: [
    'zpravaproprijemce',
    'sprava',
    'zprava',
    'poznamka',
    'popis',
    'message',
    'description',
    'remittanceinformation',
    'nazevprotiuctu',
    'nazovprotiuctu',
  ],
  bankReference: ['idpohybu', 'idtransakce', 'idtransakcie', 'transactionid', 'id', 'reference'],
} as const;

type Column = keyof typeof COLUMNS;

/** Where each column is in a header row; undefined when the row is no header of a statement. */
function columnsOf(header: string[]): Partial<Record<Column, number>> | undefined {
  const keys = header.map(headerKey);
  const found: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    for (const alias of COLUMNS[column]) {
      const index = keys.indexOf(alias);
      if (index >= 0) {
        found[column] = index;
        break;
      }
    }
  }
  return found.date !== undefined && found.amount !== undefined ? found : undefined;
}

/** Splits one text line at the delimiter outside quotes (enough to recognise a header). */
function cellsOf(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/**
 * The header row: the first of the first 30 lines that names a date and an amount column (Fio and
 * others put the account and period above it), with its delimiter — the one given, else whichever
 * finds more columns there.
 */
function findHeader(text: string, delimiter: ';' | ',' | undefined) {
  const lines = text.split(/\r\n|\n|\r/).slice(0, 30);
  for (const [index, line] of lines.entries()) {
    let best: { delimiter: ';' | ','; columns: Partial<Record<Column, number>>; width: number } | undefined;
    for (const candidate of delimiter ? [delimiter] : ([';', ','] as const)) {
      const cells = cellsOf(line, candidate);
      const columns = columnsOf(cells);
      if (columns && (!best || Object.keys(columns).length > Object.keys(best.columns).length))
        best = { delimiter: candidate, columns, width: cells.length };
    }
    if (best) return { ...best, lineNo: index + 1 };
  }
  return undefined;
}

/**
 * A bank's CSV statement: one movement per row under a header naming at least a date and an amount
 * column (Czech, Slovak or English names, see `COLUMNS`). The amount is signed (a minus for money
 * that left); a separate bank-code column joins the counter-account as `number/bank`. A row that
 * cannot be read refuses the whole file, every problem named.
 */
export function parseCsvStatement(
  text: string,
  options: { delimiter?: ';' | ','; currency?: string } = {},
): StatementLine[] {
  const header = findHeader(text, options.delimiter);
  if (!header)
    throw invalidStatement(
      'No header row with a date and an amount column was found in the first 30 lines of the CSV.',
    );
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parseCsv(text, {
      delimiter: header.delimiter,
      from_line: header.lineNo + 1,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw invalidStatement(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const { columns } = header;
  const cell = (record: string[], column: Column) => {
    const index = columns[column];
    return index === undefined ? undefined : record[index];
  };
  const lines: StatementLine[] = [];
  const problems: StatementProblem[] = [];
  for (const { record, info } of rows) {
    const fileLine = info.lines;
    if (record.every((value) => value === '')) continue;
    try {
      if (record.length !== header.width)
        throw new LineProblem(`has ${record.length} columns, the header ${header.width}`);
      const amountText = cell(record, 'amount') ?? '';
      const amountMinor = parseStatementAmount(amountText);
      if (amountMinor === undefined) throw new LineProblem(`amount "${amountText}" is not an amount`);
      const currency = (cell(record, 'currency') ?? '').trim().toUpperCase() || options.currency;
      if (!currency) throw new LineProblem('the currency is missing (name it in the upload)');
      if (!/^[A-Z]{3}$/.test(currency)) throw new LineProblem(`currency "${currency}" is not an ISO code`);
      const account = optionalText(cell(record, 'account'), 60);
      const bank = optionalText(cell(record, 'bank'), 4);
      lines.push({
        lineNo: lines.length + 1,
        bookingDate: parseStatementDate(cell(record, 'date') ?? ''),
        amountMinor,
        currency,
        counterAccount: account && bank && !account.includes('/') ? `${account}/${bank}` : account,
        variableSymbol: variableSymbolOf(cell(record, 'variableSymbol')),
        endToEndId: optionalText(cell(record, 'endToEndId'), 35),
        message: optionalText(cell(record, 'message'), 500),
        bankReference: optionalText(cell(record, 'bankReference'), 64),
        booked: true,
      });
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      problems.push({ line: fileLine, message: error.message });
    }
  }
  return unlessProblems(lines, problems);
}
