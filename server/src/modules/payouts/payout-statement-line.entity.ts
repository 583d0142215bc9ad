import { Column, Entity } from 'typeorm';
import type { StatementResult } from '@shared/contracts/payout-statements.js';
import type { PayoutState } from '@shared/contracts/payouts.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';

/**
 * One movement of an imported statement as the bank gave it, and what the import made of it:
 * the payout it named (if any), that payout's state and amount when the line was read, the result.
 */
@Entity('payout_statement_lines')
export class PayoutStatementLine {
  @IdColumn()
  id!: string;

  @Column({ name: 'import_id', type: 'bigint', transformer: idTransformer })
  importId!: string;

  @Column({ name: 'line_no', type: 'int' })
  lineNo!: number;

  @Column({ type: 'varchar', length: 24 })
  result!: StatementResult;

  @Column({ name: 'booking_date', type: 'datetime', precision: 3, nullable: true })
  bookingDate!: Date | null;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: moneyTransformer })
  amountMinor!: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'counter_account', type: 'varchar', length: 60, nullable: true })
  counterAccount!: string | null;

  @Column({ name: 'variable_symbol', type: 'varchar', length: 10, nullable: true })
  variableSymbol!: string | null;

  @Column({ name: 'end_to_end_id', type: 'varchar', length: 35, nullable: true })
  endToEndId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @Column({ name: 'bank_reference', type: 'varchar', length: 64, nullable: true })
  bankReference!: string | null;

  @Column({ name: 'payout_id', type: 'bigint', nullable: true, transformer: idTransformer })
  payoutId!: string | null;

  @Column({ name: 'payout_state', type: 'varchar', length: 16, nullable: true })
  payoutState!: PayoutState | null;

  @Column({ name: 'payout_amount_minor', type: 'bigint', nullable: true, transformer: moneyTransformer })
  payoutAmountMinor!: bigint | null;

  @Column({ name: 'payout_currency', type: 'varchar', length: 3, nullable: true })
  payoutCurrency!: string | null;
}
