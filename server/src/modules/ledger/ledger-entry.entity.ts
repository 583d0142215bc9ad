import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';

/**
 * One leg of a transfer on one account. `user_id` is copied from the account so that a shopper's
 * entries live with the shopper when the tables are sharded. Append-only (triggers refuse changes).
 */
@Entity('ledger_entries')
export class LedgerEntry {
  @IdColumn()
  id!: string;

  @Column({ name: 'transfer_id', type: 'bigint', transformer: idTransformer })
  transferId!: string;

  @Column({ name: 'account_id', type: 'bigint', transformer: idTransformer })
  accountId!: string;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: moneyTransformer })
  amountMinor!: bigint;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
