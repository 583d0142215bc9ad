import { Column, Entity } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { AccountKind } from './ledger.types.js';

/**
 * One account of the chart (README.md), created on first use. `balance_minor` is the cached sum of
 * its entries, changed only by `Ledger.post` in the same transaction as the entries (I5).
 */
@Entity('ledger_accounts')
export class LedgerAccount {
  @IdColumn()
  id!: string;

  @Column({ name: 'account_key', type: 'varchar', length: 96 })
  accountKey!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: AccountKind;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ name: 'network_id', type: 'bigint', nullable: true, transformer: idTransformer })
  networkId!: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'balance_minor', type: 'bigint', default: 0, transformer: moneyTransformer })
  balanceMinor!: bigint;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
