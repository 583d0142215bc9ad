import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idTransformer } from '../../platform/db/transformers.js';

/**
 * One visit to a shop through us. `id` is the pseudonymous click id the network receives as the
 * sub-ID; `user_id` is null for a visitor who has not logged in yet (`visitor_id` links it to the
 * `vratka_ref` cookie until a login within the window attaches it, and is null on every click that has
 * a user). Written by the ClickWriter.
 */
@Entity('clicks')
export class Click {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ name: 'visitor_id', type: 'varchar', length: 26, nullable: true })
  visitorId!: string | null;

  @Column({ name: 'shop_id', type: 'bigint', transformer: idTransformer })
  shopId!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'ip_trunc', type: 'varchar', length: 45, nullable: true })
  ipTruncated!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 400, nullable: true })
  userAgent!: string | null;
}
