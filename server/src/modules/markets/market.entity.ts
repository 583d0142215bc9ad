import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Currency, Language, MarketCode } from '@shared/markets.js';
import { moneyTransformer } from '../../platform/db/transformers.js';

/** Reference data seeded by the foundation migration: CZ (CZK, cs) and SK (EUR, sk). */
@Entity('markets')
export class Market {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code!: MarketCode;

  @Column({ name: 'country_code', type: 'varchar', length: 2 })
  countryCode!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ type: 'varchar', length: 5 })
  language!: Language;

  @Column({ name: 'minimum_payout_minor', type: 'bigint', transformer: moneyTransformer })
  minimumPayoutMinor!: bigint;
}
