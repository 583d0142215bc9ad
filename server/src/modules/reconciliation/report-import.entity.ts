import { Column, Entity } from 'typeorm';
import type { ReportFormat } from '@shared/contracts/reconciliation.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/** One uploaded network report; its lines are the dry run's diff, kept so finance can come back. */
@Entity('reconciliation_imports')
export class ReportImport {
  @IdColumn()
  id!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ type: 'varchar', length: 16 })
  format!: ReportFormat;

  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ name: 'period_from', type: 'datetime', precision: 3, nullable: true })
  periodFrom!: Date | null;

  @Column({ name: 'period_to', type: 'datetime', precision: 3, nullable: true })
  periodTo!: Date | null;

  @Column({ name: 'line_count', type: 'int' })
  lineCount!: number;

  /** The staff member who uploaded it; null for the scheduled pull. */
  @Column({ name: 'created_by', type: 'bigint', nullable: true, transformer: idTransformer })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
