import { Column, Entity } from 'typeorm';
import type { DiffKind } from '@shared/contracts/reconciliation.js';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { ConversionState } from '../conversions/index.js';

/**
 * One line of an import's diff: what the report says about an order next to what we held when it
 * was imported. `report_*` is null for `missing_in_report`, `our_*` for `missing_here`. Applying
 * the line sends the report's side through conversions once (`applied_at`).
 */
@Entity('reconciliation_lines')
export class ReportLineRow {
  @IdColumn()
  id!: string;

  @Column({ name: 'import_id', type: 'bigint', transformer: idTransformer })
  importId!: string;

  @Column({ name: 'line_no', type: 'int' })
  lineNo!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: DiffKind;

  @Column({ name: 'order_id', type: 'varchar', length: 128 })
  orderId!: string;

  @Column({ name: 'click_id', type: 'varchar', length: 64, nullable: true })
  clickId!: string | null;

  @Column({ name: 'conversion_id', type: 'bigint', nullable: true, transformer: idTransformer })
  conversionId!: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'report_state', type: 'varchar', length: 16, nullable: true })
  reportState!: ConversionState | null;

  @Column({
    name: 'report_order_amount_minor',
    type: 'bigint',
    nullable: true,
    transformer: moneyTransformer,
  })
  reportOrderAmountMinor!: bigint | null;

  @Column({ name: 'report_commission_minor', type: 'bigint', nullable: true, transformer: moneyTransformer })
  reportCommissionMinor!: bigint | null;

  @Column({ name: 'our_state', type: 'varchar', length: 16, nullable: true })
  ourState!: ConversionState | null;

  @Column({ name: 'our_order_amount_minor', type: 'bigint', nullable: true, transformer: moneyTransformer })
  ourOrderAmountMinor!: bigint | null;

  @Column({ name: 'our_commission_minor', type: 'bigint', nullable: true, transformer: moneyTransformer })
  ourCommissionMinor!: bigint | null;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3, nullable: true })
  occurredAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'applied_at', type: 'datetime', precision: 3, nullable: true })
  appliedAt!: Date | null;

  @Column({ name: 'applied_by', type: 'bigint', nullable: true, transformer: idTransformer })
  appliedBy!: string | null;

  /** The conversions module's answer when applied: accepted, duplicate, ignored, unattributed, conflict. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  outcome!: string | null;
}
