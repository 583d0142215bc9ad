import { create } from 'xmlbuilder2';
import type { Currency } from '@shared/markets.js';
import { minorToDecimal } from '@shared/money.js';
import { bankName, fitted, toBankText } from './bank-text.js';

/**
 * ISO 20022 `pain.001.001.03` (customer credit transfer initiation), built with xmlbuilder2 so every
 * text is escaped, and valid against the official XSD (the tests check each file with it):
 *
 * - EUR: a SEPA credit transfer — service level `SEPA`, charges `SLEV`, EPC's 70-character names.
 * - CZK: the same message with `Ccy="CZK"`, as Czech banks import payment orders in ISO 20022; no
 *   SEPA service level. The variable symbol travels as `InstrId` and as the structured creditor
 *   reference `VS:<symbol>`, and again in the free text.
 *
 * One payment information block with `BtchBookg=false`, so the statement books every payout on its
 * own line and the statement import can match it.
 */

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

/** Whose account pays: the operator's, from the configuration. */
export interface Debtor {
  name: string;
  iban: string;
  bic: string;
}

export interface Pain001Transfer {
  /** SEPA EndToEndId (≤ 35), echoed back on the bank statement. */
  endToEndId: string;
  /** The Czech variable symbol (10 digits). */
  reference: string;
  amountMinor: bigint;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  /** Remittance text for the shopper's statement. */
  message: string;
}

export interface Pain001Input {
  /** Unique per debtor over time (≤ 35). */
  messageId: string;
  /** When the batch was made: the message's creation time and the requested execution date. */
  createdAt: Date;
  currency: Currency;
  debtor: Debtor;
  transfers: readonly Pain001Transfer[];
}

/** EPC's limit for names in SEPA messages (the XSD allows 140). */
const NAME_LENGTH = 70;

export function pain001(input: Pain001Input): string {
  const { currency, debtor, transfers } = input;
  if (transfers.length === 0) throw new Error('a pain.001 message needs at least one transfer');
  const sepa = currency === 'EUR';
  const count = String(transfers.length);
  const controlSum = minorToDecimal(transfers.reduce((sum, transfer) => sum + transfer.amountMinor, 0n));
  const debtorName = bankName(debtor.name, NAME_LENGTH);

  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN001_NAMESPACE, 'Document');
  const initiation = document.ele('CstmrCdtTrfInitn');
  initiation
    .ele('GrpHdr')
    .ele('MsgId')
    .txt(fitted(toBankText(input.messageId), 35))
    .up()
    .ele('CreDtTm')
    .txt(`${input.createdAt.toISOString().slice(0, 19)}Z`)
    .up()
    .ele('NbOfTxs')
    .txt(count)
    .up()
    .ele('CtrlSum')
    .txt(controlSum)
    .up()
    .ele('InitgPty')
    .ele('Nm')
    .txt(debtorName);

  const payment = initiation.ele('PmtInf');
  payment
    .ele('PmtInfId')
    .txt(fitted(`${toBankText(input.messageId)}-1`, 35))
    .up()
    .ele('PmtMtd')
    .txt('TRF')
    .up()
    .ele('BtchBookg')
    .txt('false')
    .up()
    .ele('NbOfTxs')
    .txt(count)
    .up()
    .ele('CtrlSum')
    .txt(controlSum);
  if (sepa) payment.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
  payment.ele('ReqdExctnDt').txt(input.createdAt.toISOString().slice(0, 10));
  payment.ele('Dbtr').ele('Nm').txt(debtorName);
  payment.ele('DbtrAcct').ele('Id').ele('IBAN').txt(debtor.iban).up().up().ele('Ccy').txt(currency);
  payment.ele('DbtrAgt').ele('FinInstnId').ele('BIC').txt(debtor.bic);
  if (sepa) payment.ele('ChrgBr').txt('SLEV');

  for (const transfer of transfers) {
    const transaction = payment.ele('CdtTrfTxInf');
    transaction
      .ele('PmtId')
      .ele('InstrId')
      .txt(transfer.reference)
      .up()
      .ele('EndToEndId')
      .txt(fitted(toBankText(transfer.endToEndId), 35));
    transaction.ele('Amt').ele('InstdAmt', { Ccy: currency }).txt(minorToDecimal(transfer.amountMinor));
    if (transfer.creditorBic)
      transaction.ele('CdtrAgt').ele('FinInstnId').ele('BIC').txt(transfer.creditorBic);
    transaction.ele('Cdtr').ele('Nm').txt(bankName(transfer.creditorName, NAME_LENGTH));
    transaction.ele('CdtrAcct').ele('Id').ele('IBAN').txt(transfer.creditorIban);
    // The schema allows no empty text: a message that transliterates to nothing is left out.
    const text = fitted(toBankText(transfer.message), 140);
    if (text !== '' || !sepa) {
      const remittance = transaction.ele('RmtInf');
      if (text !== '') remittance.ele('Ustrd').txt(text);
      if (!sepa) remittance.ele('Strd').ele('CdtrRefInf').ele('Ref').txt(`VS:${transfer.reference}`);
    }
  }
  return `${document.end({ prettyPrint: true })}\n`;
}
