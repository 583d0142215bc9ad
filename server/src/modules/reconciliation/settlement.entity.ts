import { Column, Entity } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import {
  IdColumn,
  idTransformer,
  jsonTransformer,
  moneyTransformer,
} from '../../platform/db/transformers.js';

/** A network paid us for a set of conversions; each of them went to `settled` with it. */
@Entity('reconciliation_settlements')
export class Settlement {
  @IdColumn()
  id!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: moneyTransformer })
  amountMinor!: bigint;

  /** The sum of the settled conversions' commissions when it was recorded. */
  @Column({ name: 'expected_minor', type: 'bigint', transformer: moneyTransformer })
  expectedMinor!: bigint;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3 })
  paidAt!: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'conversion_ids', type: 'text', transformer: jsonTransformer })
  conversionIds!: string[];

  /** The client's `Idempotency-Key` (UNIQUE, case-sensitive): a retry answers this settlement again. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  /** SHA-256 of the request it was made from: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ name: 'created_by', type: 'bigint', transformer: idTransformer })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
