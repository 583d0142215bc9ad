import { Column, Entity } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { ConversionState, LedgerPosition } from './conversion-state.js';

/**
 * A purchase a network told us about, unique per (network, order id). `state` is what the network
 * says now; `ledger_*` is what the shopper's ledger currently holds for it, so every change posts
 * exactly the difference. `revision` increases with every change and keys its ledger transfers.
 */
@Entity('conversions')
export class Conversion {
  @IdColumn()
  id!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  @Column({ name: 'external_order_id', type: 'varchar', length: 128 })
  externalOrderId!: string;

  @Column({ name: 'click_id', type: 'varchar', length: 26, nullable: true })
  clickId!: string | null;

  @Column({ name: 'user_id', type: 'bigint', nullable: true, transformer: idTransformer })
  userId!: string | null;

  @Column({ name: 'shop_id', type: 'bigint', nullable: true, transformer: idTransformer })
  shopId!: string | null;

  @Column({ name: 'rule_id', type: 'bigint', nullable: true, transformer: idTransformer })
  ruleId!: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ name: 'order_amount_minor', type: 'bigint', transformer: moneyTransformer })
  orderAmountMinor!: bigint;

  @Column({ name: 'commission_minor', type: 'bigint', transformer: moneyTransformer })
  commissionMinor!: bigint;

  @Column({ name: 'share_minor', type: 'bigint', transformer: moneyTransformer })
  shareMinor!: bigint;

  @Column({ type: 'varchar', length: 16 })
  state!: ConversionState;

  @Column({ type: 'varchar', length: 16 })
  attribution!: 'click' | 'manual' | 'unattributed' | 'dismissed';

  @Column({ name: 'ledger_state', type: 'varchar', length: 16 })
  ledgerState!: LedgerPosition;

  @Column({ name: 'ledger_commission_minor', type: 'bigint', transformer: moneyTransformer })
  ledgerCommissionMinor!: bigint;

  @Column({ name: 'ledger_share_minor', type: 'bigint', transformer: moneyTransformer })
  ledgerShareMinor!: bigint;

  @Column({ type: 'boolean' })
  settled!: boolean;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3, nullable: true })
  occurredAt!: Date | null;

  @Column({ name: 'clicked_at', type: 'datetime', precision: 3, nullable: true })
  clickedAt!: Date | null;

  @Column({ name: 'expected_confirmation_at', type: 'datetime', precision: 3, nullable: true })
  expectedConfirmationAt!: Date | null;

  @Column({ name: 'network_reason', type: 'varchar', length: 500, nullable: true })
  networkReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
