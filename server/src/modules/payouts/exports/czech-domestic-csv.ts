import { minorToDecimal } from '@shared/money.js';
import { ibanToCzechAccount } from '../../bank-accounts/index.js';
import { bankName, fitted, toBankText } from './bank-text.js';

/**
 * CZK payouts as Czech domestic transfers, one CSV row each: the account as prefix, number and bank
 * code (derived from the stored CZ IBAN), the amount as an exact decimal with a dot, the variable
 * symbol (the payout's reference), a message and the payee's name. `;`-separated (what Czech
 * spreadsheets and bank imports expect), a header row, CRLF line ends, UTF-8 without BOM; every
 * text is transliterated to the SEPA character set, and quoted whenever it holds `;`, `"` or a line
 * break (RFC 4180).
 */

export const CZECH_CSV_COLUMNS = [
  'account_prefix',
  'account_number',
  'bank_code',
  'amount',
  'currency',
  'variable_symbol',
  'message',
  'payee_name',
] as const;

export interface CzechTransfer {
  iban: string;
  amountMinor: bigint;
  /** The variable symbol (at most 10 digits). */
  reference: string;
  message: string;
  payeeName: string;
}

/** Czech banks' domestic payment message (AV field) holds 140 characters; names 35 in many imports. */
const MESSAGE_LENGTH = 140;
const NAME_LENGTH = 35;

export function czechDomesticCsv(transfers: readonly CzechTransfer[]): string {
  const rows = transfers.map((transfer) => {
    const account = ibanToCzechAccount(transfer.iban);
    if (!account) throw new Error(`not a Czech IBAN: ${transfer.iban.slice(0, 4)}…`);
    if (!/^\d{1,10}$/.test(transfer.reference))
      throw new Error(`not a variable symbol: ${transfer.reference}`);
    return [
      account.prefix,
      account.number,
      account.bankCode,
      minorToDecimal(transfer.amountMinor),
      'CZK',
      transfer.reference,
      fitted(toBankText(transfer.message), MESSAGE_LENGTH),
      bankName(transfer.payeeName, NAME_LENGTH),
    ];
  });
  return [[...CZECH_CSV_COLUMNS], ...rows].map((row) => `${row.map(quoted).join(';')}\r\n`).join('');
}

function quoted(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
