import { Column, Entity } from 'typeorm';
import type { TokenScope } from '@shared/contracts/accounts.js';
import { IdColumn, idTransformer } from '../../platform/db/transformers.js';

const scopesTransformer = {
  to: (scopes: TokenScope[] | undefined) => scopes?.join(' '),
  from: (stored: string | null) => (stored ? (stored.split(' ') as TokenScope[]) : []),
};

/** A personal access token for the companion app; only its SHA-256 is stored. */
@Entity('api_tokens')
export class ApiToken {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The first characters of the token, shown in lists so the shopper can tell tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ type: 'varchar', length: 64, transformer: scopesTransformer })
  scopes!: TokenScope[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
