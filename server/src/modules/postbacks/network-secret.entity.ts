import { Column, Entity } from 'typeorm';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

/**
 * A network's credential. `hmac`: the Standard Webhooks key, sealed with SECRETS_KEY (we must be
 * able to compute signatures). `token`: the secret in a template network's postback URL, stored as
 * SHA-256 only. Rotation: add a new one, give the old an `expires_at` (grace period).
 */
@Entity('network_secrets')
export class NetworkSecret {
  @IdColumn()
  id!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'hmac' | 'token';

  @Column({ type: 'varchar', length: 60 })
  label!: string;

  @Column({ name: 'sealed_secret', type: 'text', nullable: true })
  sealedSecret!: string | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
