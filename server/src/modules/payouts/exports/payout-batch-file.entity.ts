import { Column, Entity } from 'typeorm';
import type { BatchFileFormat } from '@shared/contracts/payout-batches.js';
import { IdColumn, idTransformer } from '../../../platform/db/transformers.js';

/** One bank file of a batch, kept as it was made: every download sends exactly these bytes. */
@Entity('payout_batch_files')
export class PayoutBatchFile {
  @IdColumn()
  id!: string;

  @Column({ name: 'batch_id', type: 'bigint', transformer: idTransformer })
  batchId!: string;

  @Column({ type: 'varchar', length: 16 })
  format!: BatchFileFormat;

  @Column({ name: 'file_name', type: 'varchar', length: 100 })
  fileName!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 64 })
  mediaType!: string;

  /** The file's text (UTF-8; the exporters write ASCII only). */
  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'int' })
  bytes!: number;

  /** SHA-256 of the content's UTF-8 bytes, hex; checked again before every download. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
