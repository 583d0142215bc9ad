import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { ConversionSourceKind } from './conversion-source.js';
import type { ConversionState } from './conversion-state.js';

/** One step in a conversion's history (what the shopper sees as "state history with dates"). */
@Entity('conversion_events')
export class ConversionEvent {
  @IdColumn()
  id!: string;

  @Column({ name: 'conversion_id', type: 'bigint', transformer: idTransformer })
  conversionId!: string;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: ConversionState;

  @Column({ name: 'order_amount_minor', type: 'bigint', transformer: moneyTransformer })
  orderAmountMinor!: bigint;

  @Column({ name: 'commission_minor', type: 'bigint', transformer: moneyTransformer })
  commissionMinor!: bigint;

  @Column({ name: 'share_minor', type: 'bigint', transformer: moneyTransformer })
  shareMinor!: bigint;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: ConversionSourceKind;

  @Column({ name: 'source_ref', type: 'varchar', length: 64, nullable: true })
  sourceReference!: string | null;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
