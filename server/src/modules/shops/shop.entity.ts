import { Column, Entity } from 'typeorm';
import type { MarketCode } from '@shared/markets.js';
import { IdColumn, idTransformer, jsonTransformer } from '../../platform/db/transformers.js';

@Entity('shops')
export class Shop {
  @IdColumn()
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  slug!: string;

  @Column({ name: 'market_code', type: 'varchar', length: 2 })
  marketCode!: MarketCode;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'logo_url', type: 'varchar', length: 500, nullable: true })
  logoUrl!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', transformer: jsonTransformer })
  categories!: string[];

  /** Absolute URL with `{click_id}` (and optionally `{to}`) placeholders. */
  @Column({ name: 'tracking_template', type: 'varchar', length: 2000 })
  trackingTemplate!: string;

  /** Exact host names a `?to=` deep link may point at. */
  @Column({ name: 'deep_link_hosts', type: 'text', transformer: jsonTransformer })
  deepLinkHosts!: string[];

  @Column({ type: 'text' })
  conditions!: string;

  @Column({ name: 'confirmation_days', type: 'int' })
  confirmationDays!: number;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
