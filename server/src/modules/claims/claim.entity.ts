import { Column, Entity } from 'typeorm';
import type { ClaimState } from '@shared/contracts/claims.js';
import type { Currency } from '@shared/markets.js';
import { IdColumn, idTransformer, moneyTransformer } from '../../platform/db/transformers.js';

/**
 * A shopper's claim for a purchase tracking missed, one per (network, order number) — the key
 * conversions use, so an accepted claim and the network's own report meet on the same order.
 * `revision` increases with every step, which is a conditional UPDATE on (id, state, revision):
 * a claim is decided at most once.
 */
@Entity('claims')
export class Claim {
  @IdColumn()
  id!: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: idTransformer })
  userId!: string;

  @Column({ name: 'shop_id', type: 'bigint', transformer: idTransformer })
  shopId!: string;

  @Column({ name: 'network_id', type: 'bigint', transformer: idTransformer })
  networkId!: string;

  /** The shopper's visit the purchase is claimed for (the network's sub-ID). */
  @Column({ name: 'click_id', type: 'varchar', length: 26 })
  clickId!: string;

  @Column({ name: 'clicked_at', type: 'datetime', precision: 3 })
  clickedAt!: Date;

  @Column({ name: 'order_number', type: 'varchar', length: 128 })
  orderNumber!: string;

  /** The purchase's calendar date, `YYYY-MM-DD`, as the shopper gave it. */
  @Column({ name: 'order_date', type: 'varchar', length: 10 })
  orderDate!: string;

  @Column({ name: 'order_amount_minor', type: 'bigint', transformer: moneyTransformer })
  orderAmountMinor!: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: ClaimState;

  /** What support asked for, or why it rejected the claim; shown to the shopper. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  /** The purchase the claim became (accepted) or was found as (resolved). */
  @Column({ name: 'conversion_id', type: 'bigint', nullable: true, transformer: idTransformer })
  conversionId!: string | null;

  @Column({ name: 'deadline_at', type: 'datetime', precision: 3 })
  deadlineAt!: Date;

  @Column({ name: 'decided_by', type: 'bigint', nullable: true, transformer: idTransformer })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ type: 'int' })
  revision!: number;
}
