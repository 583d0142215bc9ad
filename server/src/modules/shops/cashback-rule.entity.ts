import { Column, Entity } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { CashbackRuleKind } from '@shared/contracts/shops.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';

/**
 * What the shopper gets back from one purchase: a share of our commission, a share of the order
 * value (both in basis points), or a fixed amount. Optionally per category and time-bounded.
 */
@Entity('cashback_rules')
export class CashbackRule {
  @IdColumn()
  id!: string;

  @Column({ name: 'shop_id', type: 'bigint', transformer: idTransformer })
  shopId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: CashbackRuleKind;

  @Column({ name: 'rate_bp', type: 'int', nullable: true })
  rateBasisPoints!: number | null;

  @Column({ name: 'fixed_minor', type: 'bigint', nullable: true, transformer: moneyTransformer })
  fixedMinor!: bigint | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: Currency | null;

  @Column({ name: 'valid_from', type: 'datetime', precision: 3, nullable: true })
  validFrom!: Date | null;

  @Column({ name: 'valid_to', type: 'datetime', precision: 3, nullable: true })
  validTo!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
