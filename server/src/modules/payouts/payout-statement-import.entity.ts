import { Column, Entity } from 'typeorm';
import type { StatementFormat, StatementResult } from '@shared/contracts/payout-statements.js';
import { IdColumn, idTransformer, jsonTransformer } from '../../platform/db/transformers.js';

/**
 * One bank statement finance imported: who, when, which file (its SHA-256 is UNIQUE, so the same
 * file imported again answers this import), and how its lines came out. Its lines are
 * `payout_statement_lines`.
 */
@Entity('payout_statement_imports')
export class PayoutStatementImport {
  @IdColumn()
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  format!: StatementFormat;

  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'line_count', type: 'int' })
  lineCount!: number;

  /** How many lines had each result (JSON). */
  @Column({ type: 'text', transformer: jsonTransformer })
  counts!: Partial<Record<StatementResult, number>>;

  @Column({ name: 'created_by', type: 'bigint', transformer: idTransformer })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
