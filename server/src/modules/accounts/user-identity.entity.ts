import { Column, Entity } from 'typeorm';
import type { Provider } from '@shared/contracts/accounts.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/** A login through Facebook or MojeID, linked by the provider's subject id (never by e-mail). */
@Entity('user_identities')
export class UserIdentity {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: Provider;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
