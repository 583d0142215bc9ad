import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idTransformer } from '../../platform/db/transformers.js';

/** A shop's own claim window, where it differs from the default (its tracking reports later). */
@Entity('claim_shop_settings')
export class ClaimShopSetting {
  @PrimaryColumn({ name: 'shop_id', type: 'bigint', transformer: idTransformer })
  shopId!: string;

  @Column({ name: 'claim_after_days', type: 'int' })
  claimAfterDays!: number;

  @Column({ name: 'updated_by', type: 'bigint', nullable: true, transformer: idTransformer })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
