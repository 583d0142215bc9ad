import { Column, Entity } from 'typeorm';
import type { BatchSkipReason, BatchState } from '@shared/contracts/payout-batches.js';
import type { Currency } from '@shared/markets.js';
import {
  IdColumn,
  idTransformer,
  jsonTransformer,
  moneyTransformer,
} from '../../../platform/db/transformers.js';

/**
 * A bank export: one currency's approved payouts, claimed when the batch is made (`payouts.batch_id`,
 * so a payout is in at most one batch), then moved to `exported` step by step (`exported_count` is
 * the progress), and `ready` once its files are stored.
 */
@Entity('payout_batches')
export class PayoutBatch {
  @IdColumn()
  id!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ type: 'varchar', length: 16 })
  state!: BatchState;

  @Column({ name: 'payout_count', type: 'int' })
  payoutCount!: number;

  @Column({ name: 'exported_count', type: 'int' })
  exportedCount!: number;

  @Column({ name: 'total_minor', type: 'bigint', transformer: moneyTransformer })
  totalMinor!: bigint;

  /** Approved payouts beyond the cap of one batch when it was made; they wait for the next. */
  @Column({ name: 'left_over', type: 'int' })
  leftOver!: number;

  @Column({ name: 'skipped_json', type: 'text', transformer: jsonTransformer })
  skipped!: Array<{ payoutId: string; reason: BatchSkipReason }>;

  /** The client's `Idempotency-Key`, UNIQUE per staff member: a retry answers this batch again. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  /** SHA-256 of the request it was made from: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ name: 'created_by', type: 'bigint', transformer: idTransformer })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;
}
