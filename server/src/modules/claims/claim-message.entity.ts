import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/** One message of a claim's thread: support's request for information, the shopper's answer. */
@Entity('claim_messages')
export class ClaimMessageRow {
  @IdColumn()
  id!: string;

  @Column({ name: 'claim_id', type: 'bigint', transformer: idTransformer })
  claimId!: string;

  @Column({ type: 'varchar', length: 16 })
  author!: 'shopper' | 'support';

  @Column({ name: 'author_user_id', type: 'bigint', transformer: idTransformer })
  authorUserId!: string;

  @Column({ type: 'varchar', length: 2000 })
  body!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
