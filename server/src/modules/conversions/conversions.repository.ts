import { IsNull, type EntityManager } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { Database, SqlRow } from '../../platform/db/database.js';
import { isUniqueViolation, TransactionConflict } from '../../platform/db/errors.js';
import { dateFromSql, sqlDateTime } from '../../platform/db/sql-time.js';
import { idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { Tracked } from './conversion-plan.js';
import type { ConversionSource } from './conversion-source.js';
import type { ConversionState } from './conversion-state.js';
import { ConversionEvent } from './conversion-event.entity.js';
import { Conversion } from './conversion.entity.js';

const CONVERSION_COLUMNS = [
  'network_id',
  'external_order_id',
  'click_id',
  'user_id',
  'shop_id',
  'rule_id',
  'currency',
  'order_amount_minor',
  'commission_minor',
  'share_minor',
  'state',
  'attribution',
  'ledger_state',
  'ledger_commission_minor',
  'ledger_share_minor',
  'settled',
  'revision',
  'occurred_at',
  'clicked_at',
  'expected_confirmation_at',
  'network_reason',
  'created_at',
  'updated_at',
];
const EVENT_COLUMNS = [
  'conversion_id',
  'user_id',
  'revision',
  'state',
  'order_amount_minor',
  'commission_minor',
  'share_minor',
  'reason',
  'source',
  'source_ref',
  'actor',
  'created_at',
];
const placeholders = (columns: string[]) => `(${columns.map(() => '?').join(', ')})`;
const time = (date: Date | null) => (date ? sqlDateTime(date) : null);

/** A revision to append to a conversion's history, with where it came from. */
export interface EventDraft {
  conversion: Pick<Conversion, 'id' | 'userId'>;
  revision: number;
  state: ConversionState;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  shareMinor: bigint;
  reason: string | null;
  source: ConversionSource;
}

export interface ConversionFilter {
  shopId?: string;
  networkId?: string;
  orderId?: string;
  clickId?: string;
  userId?: string;
  state?: ConversionState;
  attribution?: Conversion['attribution'];
  from?: Date;
  to?: Date;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/**
 * Every query of the conversions module. The hot statements (postback batches) go straight to the
 * driver with a fixed number of multi-row statements; staff reads use the ORM.
 */
export class ConversionsRepository {
  constructor(private readonly database: Database) {}

  /** The conversions of these orders, row-locked until the transaction ends, by network. */
  async lockByOrders(manager: EntityManager, orders: Map<string, Set<string>>): Promise<Conversion[]> {
    const found: Conversion[] = [];
    for (const [networkId, orderIds] of orders) {
      const { rows } = await this.database.sql(
        manager.queryRunner!,
        `SELECT id, ${CONVERSION_COLUMNS.join(', ')} FROM conversions
         WHERE network_id = ? AND external_order_id IN (${[...orderIds].map(() => '?').join(', ')})${this.database.lockSql}`,
        [networkId, ...orderIds],
      );
      found.push(...rows.map(conversionFromRow));
    }
    return found;
  }

  /**
   * New conversions in one multi-row INSERT; their ids are set on the rows. A duplicate order means
   * another transaction created it meanwhile: the caller's transaction plans again.
   */
  async insertAll(manager: EntityManager, rows: Conversion[]): Promise<void> {
    try {
      const ids = await this.database.insertRows(
        manager.queryRunner!,
        `INSERT INTO conversions (${CONVERSION_COLUMNS.join(', ')})`,
        placeholders(CONVERSION_COLUMNS),
        rows.map(conversionValues),
      );
      rows.forEach((row, index) => (row.id = ids[index]!));
    } catch (error) {
      if (isUniqueViolation(error)) throw new TransactionConflict('conversion created concurrently');
      throw error;
    }
  }

  /**
   * Writes the changed conversions in one UPDATE, each checked against the revision it was read
   * at. The rows are locked, so a miss can only happen where locks do not reach (another Galera
   * node): then the whole transaction runs again on fresh data.
   */
  async updateChanged(manager: EntityManager, changed: Tracked[], now: Date): Promise<void> {
    if (changed.length === 0) return;
    const integer = this.database.dialect === 'mysql' ? 'CAST(? AS SIGNED)' : 'CAST(? AS INTEGER)';
    const parameters: unknown[] = [];
    const column = (name: string, value: (row: Conversion) => unknown, cast = '?') => {
      for (const { row } of changed) parameters.push(row.id, value(row));
      return `${name} = CASE id ${changed.map(() => `WHEN ? THEN ${cast}`).join(' ')} END`;
    };
    const assignments = [
      column('state', (row) => row.state),
      column('order_amount_minor', (row) => row.orderAmountMinor.toString(), integer),
      column('commission_minor', (row) => row.commissionMinor.toString(), integer),
      column('share_minor', (row) => row.shareMinor.toString(), integer),
      column('ledger_state', (row) => row.ledgerState),
      column('ledger_commission_minor', (row) => row.ledgerCommissionMinor.toString(), integer),
      column('ledger_share_minor', (row) => row.ledgerShareMinor.toString(), integer),
      column('settled', (row) => (row.settled ? 1 : 0)),
      column('revision', (row) => row.revision),
      column('network_reason', (row) => row.networkReason),
    ];
    parameters.push(sqlDateTime(now), ...changed.map(({ row }) => row.id));
    for (const { row, loadedRevision } of changed) parameters.push(row.id, loadedRevision);
    const result = await this.database.sql(
      manager.queryRunner!,
      `UPDATE conversions SET ${assignments.join(', ')}, updated_at = ?
       WHERE id IN (${changed.map(() => '?').join(', ')})
         AND revision = CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      parameters,
    );
    if (result.affected !== changed.length) throw new TransactionConflict('conversion changed concurrently');
  }

  /** History events in one multi-row INSERT. */
  async insertEvents(manager: EntityManager, events: EventDraft[], now: Date): Promise<void> {
    if (events.length === 0) return;
    const createdAt = sqlDateTime(now);
    await this.database.sql(
      manager.queryRunner!,
      `INSERT INTO conversion_events (${EVENT_COLUMNS.join(', ')})
       VALUES ${events.map(() => placeholders(EVENT_COLUMNS)).join(', ')}`,
      events.flatMap((event) => [
        event.conversion.id,
        event.conversion.userId,
        event.revision,
        event.state,
        event.orderAmountMinor.toString(),
        event.commissionMinor.toString(),
        event.shareMinor.toString(),
        event.reason,
        event.source.kind,
        event.source.reference,
        event.source.actor,
        createdAt,
      ]),
    );
  }

  /** Records what the ledger holds for a conversion (after its moves are posted). */
  async updateHolding(
    manager: EntityManager,
    id: string,
    holding: Pick<Conversion, 'ledgerState' | 'ledgerShareMinor' | 'ledgerCommissionMinor' | 'settled'>,
  ): Promise<void> {
    await manager.update(Conversion, { id }, holding);
  }

  findById(manager: EntityManager, id: string): Promise<Conversion | null> {
    return manager.findOneBy(Conversion, { id });
  }

  /** The conversion, row-locked until the transaction ends. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<Conversion | null> {
    return this.database
      .forUpdate(manager.getRepository(Conversion).createQueryBuilder('c').where('c.id = :id', { id }))
      .getOne();
  }

  eventsOf(manager: EntityManager, conversionId: string): Promise<ConversionEvent[]> {
    return manager.find(ConversionEvent, { where: { conversionId }, order: { id: 'ASC' } });
  }

  /** Staff search, newest first, keyset on (created_at, id), `limit + 1` rows. */
  search(filter: ConversionFilter): Promise<Conversion[]> {
    const builder = this.database.manager
      .getRepository(Conversion)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(filter.limit + 1);
    // Each filter only when given: an undefined value must never reach a WHERE (typeorm#9316).
    const filters: Array<[string, Record<string, unknown>]> = [];
    if (filter.shopId !== undefined) filters.push(['c.shop_id = :shopId', { shopId: filter.shopId }]);
    if (filter.networkId !== undefined)
      filters.push(['c.network_id = :networkId', { networkId: filter.networkId }]);
    if (filter.orderId !== undefined)
      filters.push(['c.external_order_id = :orderId', { orderId: filter.orderId }]);
    if (filter.clickId !== undefined) filters.push(['c.click_id = :clickId', { clickId: filter.clickId }]);
    if (filter.userId !== undefined) filters.push(['c.user_id = :userId', { userId: filter.userId }]);
    if (filter.state !== undefined) filters.push(['c.state = :state', { state: filter.state }]);
    if (filter.attribution !== undefined)
      filters.push(['c.attribution = :attribution', { attribution: filter.attribution }]);
    if (filter.from !== undefined) filters.push(['c.created_at >= :from', { from: filter.from }]);
    if (filter.to !== undefined) filters.push(['c.created_at < :to', { to: filter.to }]);
    if (filter.after)
      filters.push([
        '(c.created_at < :afterCreatedAt OR (c.created_at = :afterCreatedAt AND c.id < :afterId))',
        { afterCreatedAt: filter.after.createdAt, afterId: filter.after.id },
      ]);
    for (const [condition, parameters] of filters) builder.andWhere(condition, parameters);
    return builder.getMany();
  }

  /**
   * Gives an unattributed conversion to a shopper, checked against the revision it was read at;
   * the network's earlier reports about the order become part of the shopper's history.
   */
  async assign(
    manager: EntityManager,
    conversion: Conversion,
    changes: Partial<Conversion> & { userId: string },
  ): Promise<void> {
    const updated = await manager.update(
      Conversion,
      { id: conversion.id, revision: conversion.revision, attribution: 'unattributed' },
      changes,
    );
    if (!updated.affected) throw new TransactionConflict('conversion changed concurrently');
    await manager.update(
      ConversionEvent,
      { conversionId: conversion.id, userId: IsNull() },
      { userId: changes.userId },
    );
  }

  async dismiss(manager: EntityManager, id: string, changes: Partial<Conversion>): Promise<void> {
    const updated = await manager.update(Conversion, { id, attribution: 'unattributed' }, changes);
    if (!updated.affected) throw new TransactionConflict('conversion changed concurrently');
  }

  /**
   * For reconciliation (read only): a network's conversions with these order ids or these ids, and
   * those that happened (`occurred_at`, else when we received them) within the period, inclusive.
   */
  async forReconciliation(
    manager: EntityManager,
    networkId: string,
    select: { orderIds?: string[]; ids?: string[]; from?: Date | null; to?: Date | null },
  ): Promise<ConversionSummary[]> {
    const builder = manager
      .getRepository(Conversion)
      .createQueryBuilder('c')
      .where('c.network_id = :networkId', { networkId });
    const any: string[] = [];
    const parameters: Record<string, unknown> = {};
    if (select.orderIds?.length) {
      any.push('c.external_order_id IN (:...orderIds)');
      parameters.orderIds = select.orderIds;
    }
    if (select.ids?.length) {
      any.push('c.id IN (:...ids)');
      parameters.ids = select.ids;
    }
    if (select.from && select.to) {
      any.push('COALESCE(c.occurred_at, c.created_at) BETWEEN :from AND :to');
      parameters.from = sqlDateTime(select.from);
      parameters.to = sqlDateTime(select.to);
    }
    if (any.length === 0) return [];
    const rows = await builder
      .andWhere(`(${any.join(' OR ')})`, parameters)
      .orderBy('c.id', 'ASC')
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      orderId: row.externalOrderId,
      clickId: row.clickId,
      userId: row.userId,
      currency: row.currency,
      state: row.state,
      orderAmountMinor: row.orderAmountMinor,
      commissionMinor: row.commissionMinor,
      settled: row.settled,
      occurredAt: row.occurredAt ?? row.createdAt,
    }));
  }

  /**
   * What the ledger holds for conversions per network, currency and ledger position (read only,
   * for the finance overview): the ledger's receivable has no split by state.
   */
  async holdingsByNetwork(): Promise<NetworkHolding[]> {
    const rows = await this.database.run((manager) =>
      manager.query<SqlRow[]>(
        `SELECT network_id, currency, ledger_state, settled,
                SUM(ledger_commission_minor) AS commission, SUM(ledger_share_minor) AS share,
                SUM(commission_minor) AS reported
           FROM conversions GROUP BY network_id, currency, ledger_state, settled`,
      ),
    );
    return rows.map((row) => ({
      networkId: idOf(row.network_id)!,
      currency: row.currency as Currency,
      ledgerState: row.ledger_state as NetworkHolding['ledgerState'],
      settled: row.settled === true || Number(row.settled) === 1,
      ledgerCommissionMinor: moneyOf(row.commission),
      ledgerShareMinor: moneyOf(row.share),
      commissionMinor: moneyOf(row.reported),
    }));
  }
}

/** A conversion as reconciliation compares it with a network's report. */
export interface ConversionSummary {
  id: string;
  orderId: string;
  clickId: string | null;
  userId: string | null;
  currency: Currency;
  state: ConversionState;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  settled: boolean;
  /** When it happened as the network said, else when we received it. */
  occurredAt: Date;
}

export interface NetworkHolding {
  networkId: string;
  currency: Currency;
  ledgerState: 'none' | 'pending' | 'available' | 'reversed';
  settled: boolean;
  ledgerCommissionMinor: bigint;
  ledgerShareMinor: bigint;
  commissionMinor: bigint;
}

const idOf = (value: unknown) => idTransformer.from(value ?? null) as string | null;
const moneyOf = (value: unknown) => moneyTransformer.from(value) as bigint;
const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : dateFromSql(value));

function conversionFromRow(row: SqlRow): Conversion {
  return {
    id: String(row.id),
    networkId: String(row.network_id),
    externalOrderId: row.external_order_id as string,
    clickId: (row.click_id as string | null) ?? null,
    userId: idOf(row.user_id),
    shopId: idOf(row.shop_id),
    ruleId: idOf(row.rule_id),
    currency: row.currency as Currency,
    orderAmountMinor: moneyOf(row.order_amount_minor),
    commissionMinor: moneyOf(row.commission_minor),
    shareMinor: moneyOf(row.share_minor),
    state: row.state as Conversion['state'],
    attribution: row.attribution as Conversion['attribution'],
    ledgerState: row.ledger_state as Conversion['ledgerState'],
    ledgerCommissionMinor: moneyOf(row.ledger_commission_minor),
    ledgerShareMinor: moneyOf(row.ledger_share_minor),
    settled: Boolean(row.settled),
    revision: Number(row.revision),
    occurredAt: dateOrNull(row.occurred_at),
    clickedAt: dateOrNull(row.clicked_at),
    expectedConfirmationAt: dateOrNull(row.expected_confirmation_at),
    networkReason: (row.network_reason as string | null) ?? null,
    createdAt: dateFromSql(row.created_at),
    updatedAt: dateFromSql(row.updated_at),
  };
}

function conversionValues(row: Conversion): unknown[] {
  return [
    row.networkId,
    row.externalOrderId,
    row.clickId,
    row.userId,
    row.shopId,
    row.ruleId,
    row.currency,
    row.orderAmountMinor.toString(),
    row.commissionMinor.toString(),
    row.shareMinor.toString(),
    row.state,
    row.attribution,
    row.ledgerState,
    row.ledgerCommissionMinor.toString(),
    row.ledgerShareMinor.toString(),
    row.settled ? 1 : 0,
    row.revision,
    time(row.occurredAt),
    time(row.clickedAt),
    time(row.expectedConfirmationAt),
    row.networkReason,
    sqlDateTime(row.createdAt),
    sqlDateTime(row.updatedAt),
  ];
}
