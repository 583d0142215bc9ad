import { Column, Entity } from 'typeorm';
import type { PayoutState } from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';

/**
 * A shopper's request to be paid `amount_minor` to a bank account, and where it got to. The
 * account's IBAN, BIC and holder are copied at request time, so a later change of the account does
 * not redirect money finance already approved. `revision` increases with every transition, which
 * is a conditional UPDATE on (id, state, revision): a payout resolves at most once (I7).
 */
@Entity('payouts')
export class Payout {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ name: 'bank_account_id', type: 'bigint', transformer: idTransformer })
  bankAccountId!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: moneyTransformer })
  amountMinor!: bigint;

  @Column({ type: 'varchar', length: 16 })
  state!: PayoutState;

  /** The Czech variable symbol (10 digits, from the id); set in the request's transaction. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  reference!: string | null;

  /** SEPA EndToEndId (≤ 35 characters, from the id). */
  @Column({ name: 'end_to_end_id', type: 'varchar', length: 35, nullable: true })
  endToEndId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  /** SHA-256 of the request body, to tell a replay from a reuse of the key for another request. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  /** Why finance rejected it or the bank returned it; shown to the shopper. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'first_payout', type: 'boolean' })
  firstPayout!: boolean;

  @Column({ type: 'varchar', length: 34 })
  iban!: string;

  @Column({ type: 'varchar', length: 11, nullable: true })
  bic!: string | null;

  @Column({ name: 'holder_name', type: 'varchar', length: 140 })
  holderName!: string;

  /** The bank export it went into (set when the batch claims it); a payout is in at most one. */
  @Column({ name: 'batch_id', type: 'bigint', nullable: true, transformer: idTransformer })
  batchId!: string | null;

  @Column({ name: 'approved_by', type: 'bigint', nullable: true, transformer: idTransformer })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ type: 'int' })
  revision!: number;
}
