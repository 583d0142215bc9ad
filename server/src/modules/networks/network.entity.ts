import { Column, Entity } from 'typeorm';
import type { NetworkKind } from '@shared/contracts/admin-catalogue.js';
import { IdColumn, jsonTransformer } from '../../platform/db/transformers.js';

/** How a network talks to us (our signed protocol, or one of the template presets): in the contract. */
export { NETWORK_KINDS, type NetworkKind } from '@shared/contracts/admin-catalogue.js';

@Entity('networks')
export class Network {
  @IdColumn()
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  slug!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NetworkKind;

  @Column({ type: 'text', transformer: jsonTransformer })
  settings!: Record<string, unknown>;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
