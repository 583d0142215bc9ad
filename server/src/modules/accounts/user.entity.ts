import { Column, Entity } from 'typeorm';
import type { Language, MarketCode } from '@shared/markets.js';
import type { Role } from '@shared/contracts/accounts.js';
import { IdColumn } from '../../platform/db/transformers.js';

@Entity('users')
export class User {
  @IdColumn()
  id!: string;

  /** Stored lower-cased and trimmed; unique. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'email_verified_at', type: 'datetime', precision: 3, nullable: true })
  emailVerifiedAt!: Date | null;

  /** argon2id PHC string; null for accounts that only log in through a provider. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'market_code', type: 'varchar', length: 2 })
  marketCode!: MarketCode;

  @Column({ type: 'varchar', length: 5 })
  language!: Language;

  @Column({ name: 'display_name', type: 'varchar', length: 120, nullable: true })
  displayName!: string | null;

  @Column({ name: 'adult_confirmed_at', type: 'datetime', precision: 3, nullable: true })
  adultConfirmedAt!: Date | null;

  @Column({ name: 'terms_version', type: 'varchar', length: 32, nullable: true })
  termsVersion!: string | null;

  @Column({ name: 'terms_accepted_at', type: 'datetime', precision: 3, nullable: true })
  termsAcceptedAt!: Date | null;

  @Column({ name: 'privacy_version', type: 'varchar', length: 32, nullable: true })
  privacyVersion!: string | null;

  @Column({ name: 'privacy_accepted_at', type: 'datetime', precision: 3, nullable: true })
  privacyAcceptedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
