import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idTransformer } from '../../platform/db/transformers.js';

/** Makes a signed link single-use: its hash is inserted on use, and the primary key refuses a second. */
@Entity('used_link_tokens')
export class UsedLinkToken {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 32 })
  purpose!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ name: 'used_at', type: 'datetime', precision: 3 })
  usedAt!: Date;
}
