import { Column, Entity } from 'typeorm';
import type { ClaimProofType } from '@shared/contracts/claims.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/**
 * A proof of purchase the shopper attached (order confirmation, invoice). The bytes live in the
 * proof directory under `storage_key`, a random name, outside anything the web server serves.
 */
@Entity('claim_proofs')
export class ClaimProofRow {
  @IdColumn()
  id!: string;

  @Column({ name: 'claim_id', type: 'bigint', transformer: idTransformer })
  claimId!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  /** Decided from the file's first bytes, never from what the browser said. */
  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType!: ClaimProofType;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
