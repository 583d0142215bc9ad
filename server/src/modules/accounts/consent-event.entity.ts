import { Column, Entity } from 'typeorm';
import type { MarketingCategory } from '@shared/legal.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/**
 * Append-only proof of marketing consent (triggers refuse UPDATE and DELETE): the latest event per
 * category is the current state, and `textVersion` says which wording the shopper saw.
 */
@Entity('consent_events')
export class ConsentEvent {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: MarketingCategory;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ type: 'varchar', length: 32 })
  source!: string;

  /** `MARKETING_CONSENT_TEXT_VERSION` at the time: the wording the shopper agreed to or withdrew. */
  @Column({ name: 'text_version', type: 'varchar', length: 32 })
  textVersion!: string;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 400, nullable: true })
  userAgent!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
