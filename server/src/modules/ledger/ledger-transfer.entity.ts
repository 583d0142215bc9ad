import { Column, Entity } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';
import type { TransferCode } from './ledger.types.js';

/** One movement of money: its entries sum to zero. Append-only (triggers refuse UPDATE and DELETE). */
@Entity('ledger_transfers')
export class LedgerTransfer {
  @IdColumn()
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 32 })
  code!: TransferCode;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reference!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
