import { In, type EntityManager, type QueryRunner } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation, TransactionConflict } from '../../platform/db/errors.js';
import type { SqlRow } from '../../platform/db/database.js';
import { dateFromSql, sqlDateTime } from '../../platform/db/sql-time.js';
import { idTransformer, moneyTransformer } from '../../platform/db/transformers.js';
import type { Ledger, TransferRequest } from '../ledger/ledger.service.js';
import { CashbackRule } from '../shops/cashback-rule.entity.js';
import { Shop } from '../shops/shop.entity.js';
import type { ShopsService } from '../shops/shops.service.js';
import {
  attributedClick,
  clickIdOf,
  currencyFor,
  holdingFields,
  holdingOf,
  movesOf,
  orderKey,
  planReports,
  walletKey,
  type ClickRef,
  type ConversionPlan,
  type ConversionReport,
  type PlanInputs,
  type PlannedEvent,
  type PlannedOutcome,
  type Tracked,
} from './conversion-plan.js';
import { Conversion } from './conversion.entity.js';
import type { Wallet } from './ledger-moves.js';

export type { ConversionReport } from './conversion-plan.js';

export type ApplyOutcome =
  | { kind: 'accepted'; conversionId: string }
  | { kind: 'duplicate'; conversionId: string }
  | { kind: 'ignored'; conversionId: string; why: string }
  | { kind: 'unattributed'; conversionId: string }
  | { kind: 'conflict'; conversionId: string; why: string };

export interface ApplySource {
  source: 'postback' | 'admin' | 'replay';
  inboxId: string | null;
  createdBy: string;
}

/**
 * Records where the reports of a plan came from, once their outcomes are known (undefined for a
 * refused report), and answers each one's source.
 */
export type StampSources = (
  outcomes: Array<ApplyOutcome | undefined>,
) => Promise<Array<ApplySource | undefined>>;

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
  'inbox_id',
  'created_at',
];
const placeholders = (columns: string[]) => `(${columns.map(() => '?').join(', ')})`;
const time = (date: Date | null) => (date ? sqlDateTime(date) : null);

/**
 * Conversions: network reports applied to the state machine of DESIGN §6, and the ledger moves that
 * follow, in the caller's transaction, so that a report's inbox row, the conversion, its history and
 * its ledger transfers commit together or not at all. Works on a batch of reports with a fixed
 * number of statements: read and lock what they touch, decide in memory (`planReports`), write.
 */
export class ConversionsService {
  constructor(
    private readonly database: Database,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly shops: ShopsService,
  ) {}

  /** Applies one report (admin tools and tests); a refused report throws its 4xx error. */
  async apply(manager: EntityManager, report: ConversionReport, origin: ApplySource): Promise<ApplyOutcome> {
    const plan = await this.plan(manager, [report]);
    const first = plan.outcomes[0]!;
    if (first.kind === 'refused') throw first.error;
    const [outcome] = await this.commit(manager, plan, () => Promise.resolve([origin]));
    return outcome!;
  }

  /** Reads and locks what the reports touch, then decides everything in memory. Writes nothing. */
  async plan(manager: EntityManager, reports: ConversionReport[]): Promise<ConversionPlan> {
    const conversions = await this.lockConversions(manager, reports);
    const fresh = reports.filter((report) => !conversions.has(orderKey(report.networkId, report.orderId)));
    const clicks = await this.clicksOf(manager, fresh);
    const shopIds = new Set<string>();
    for (const report of fresh) {
      const click = attributedClick(report, clicks);
      if (click) shopIds.add(click.shopId);
    }
    for (const conversion of conversions.values())
      if (conversion.ruleId && conversion.shopId) shopIds.add(conversion.shopId);
    const shops = await this.shopsOf(manager, [...shopIds]);
    const rules = await this.rulesOf(manager, [...conversions.values()], shops);

    const owners = new Map<string, { userId: string; currency: Currency }>();
    const own = (userId: string, currency: Currency) =>
      owners.set(walletKey(userId, currency), { userId, currency });
    for (const conversion of conversions.values()) {
      if (conversion.userId) own(conversion.userId, conversion.currency);
    }
    for (const report of fresh) {
      const click = attributedClick(report, clicks);
      const currency = click ? currencyFor(report, shops.get(click.shopId)?.shop) : null;
      if (click && currency) own(click.userId!, currency);
    }
    const wallets = await this.walletsOf(manager, [...owners.values()]);
    return planReports(reports, { conversions, clicks, shops, rules, wallets, now: this.clock.now() });
  }

  /**
   * Writes a plan: new conversions, changed ones (each checked against the revision it was read
   * at), then — once `stamp` has recorded where each report came from — the history events and the
   * ledger transfers. Returns each report's outcome (undefined for a refused one).
   */
  async commit(
    manager: EntityManager,
    plan: ConversionPlan,
    stamp: StampSources,
  ): Promise<Array<ApplyOutcome | undefined>> {
    const runner = manager.queryRunner!;
    const now = sqlDateTime(this.clock.now());
    const created = plan.tracked.filter((tracked) => tracked.loadedRevision === null);
    try {
      const ids = await this.database.insertRows(
        runner,
        `INSERT INTO conversions (${CONVERSION_COLUMNS.join(', ')})`,
        placeholders(CONVERSION_COLUMNS),
        created.map(({ row }) => conversionValues(row)),
      );
      created.forEach((tracked, index) => (tracked.row.id = ids[index]!));
    } catch (error) {
      // Another transaction created the same order meanwhile: plan again, as an update.
      if (isUniqueViolation(error)) throw new TransactionConflict('conversion created concurrently');
      throw error;
    }
    await this.updateChanged(
      runner,
      plan.tracked.filter(
        ({ row, loadedRevision }) => loadedRevision !== null && row.revision !== loadedRevision,
      ),
      now,
    );

    const outcomes = plan.outcomes.map(outcomeOf);
    const origins = await stamp(outcomes);
    const originOf = (index: number) => {
      const origin = origins[index];
      if (!origin) throw new Error(`no source recorded for report ${index}`);
      return origin;
    };
    await this.insertEvents(
      runner,
      plan.events.map((event) => ({
        ...event,
        conversion: event.tracked.row,
        origin: originOf(event.reportIndex),
      })),
      now,
    );
    await this.ledger.postMany(
      manager,
      plan.transfers.map(({ tracked, revision, move, reason, reportIndex }) =>
        transferOf(tracked.row, revision, move, reason, originOf(reportIndex).createdBy),
      ),
    );
    return outcomes;
  }

  /**
   * Writes the changed conversions in one UPDATE, each checked against the revision it was read
   * at. The rows are locked, so a miss can only happen where locks do not reach (another Galera
   * node): then the whole transaction runs again on fresh data.
   */
  private async updateChanged(runner: QueryRunner, changed: Tracked[], now: string): Promise<void> {
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
    parameters.push(now, ...changed.map(({ row }) => row.id));
    for (const { row, loadedRevision } of changed) parameters.push(row.id, loadedRevision);
    const result = await this.database.sql(
      runner,
      `UPDATE conversions SET ${assignments.join(', ')}, updated_at = ?
       WHERE id IN (${changed.map(() => '?').join(', ')})
         AND revision = CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      parameters,
    );
    if (result.affected !== changed.length) throw new TransactionConflict('conversion changed concurrently');
  }

  /** Appends the conversion's current revision to its history. */
  async recordEvent(manager: EntityManager, conversion: Conversion, origin: ApplySource): Promise<void> {
    await this.insertEvents(
      manager.queryRunner!,
      [{ ...conversion, reason: conversion.networkReason, conversion, origin }],
      sqlDateTime(this.clock.now()),
    );
  }

  /** History events in one multi-row INSERT. */
  private async insertEvents(
    runner: QueryRunner,
    events: Array<
      Pick<
        PlannedEvent,
        'revision' | 'state' | 'orderAmountMinor' | 'commissionMinor' | 'shareMinor' | 'reason'
      > & {
        conversion: Pick<Conversion, 'id' | 'userId'>;
        origin: ApplySource;
      }
    >,
    now: string,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.database.sql(
      runner,
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
        event.origin.source,
        event.origin.inboxId,
        now,
      ]),
    );
  }

  /**
   * Brings the ledger to what the conversion's state says, posting only the difference, and
   * records the new position on the row (used when a conversion gains a shopper by assignment).
   */
  async settleLedger(
    manager: EntityManager,
    conversion: Conversion,
    origin: Pick<ApplySource, 'createdBy'>,
  ): Promise<void> {
    const before = holdingOf(conversion);
    Object.assign(
      conversion,
      holdingFields(conversion.state, conversion.shareMinor, conversion.commissionMinor, conversion.settled),
    );
    await manager.update(
      Conversion,
      { id: conversion.id },
      holdingFields(conversion.state, conversion.shareMinor, conversion.commissionMinor, before.settled),
    );
    if (!conversion.userId) return;
    const wallets = await this.walletsOf(manager, [
      { userId: conversion.userId, currency: conversion.currency },
    ]);
    await this.ledger.postMany(
      manager,
      movesOf(conversion, before, wallets).map((move) =>
        transferOf(conversion, conversion.revision, move, conversion.networkReason, origin.createdBy),
      ),
    );
  }

  /** The conversions these reports concern, row-locked until the transaction ends. */
  private async lockConversions(
    manager: EntityManager,
    reports: ConversionReport[],
  ): Promise<Map<string, Conversion>> {
    const byNetwork = new Map<string, Set<string>>();
    for (const report of reports) {
      const orders = byNetwork.get(report.networkId) ?? new Set<string>();
      orders.add(report.orderId);
      byNetwork.set(report.networkId, orders);
    }
    const found = new Map<string, Conversion>();
    for (const [networkId, orders] of byNetwork) {
      const { rows } = await this.database.sql(
        manager.queryRunner!,
        `SELECT id, ${CONVERSION_COLUMNS.join(', ')} FROM conversions
         WHERE network_id = ? AND external_order_id IN (${[...orders].map(() => '?').join(', ')})${this.database.lockSql}`,
        [networkId, ...orders],
      );
      for (const row of rows) {
        const conversion = conversionFromRow(row);
        found.set(orderKey(conversion.networkId, conversion.externalOrderId), conversion);
      }
    }
    return found;
  }

  private async clicksOf(
    manager: EntityManager,
    reports: ConversionReport[],
  ): Promise<Map<string, ClickRef>> {
    const ids = [...new Set(reports.map(clickIdOf).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const { rows } = await this.database.sql(
      manager.queryRunner!,
      `SELECT id, user_id, shop_id, network_id, created_at FROM clicks WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(
      rows.map((row) => [
        String(row.id),
        {
          id: String(row.id),
          userId: idOf(row.user_id),
          shopId: String(row.shop_id),
          networkId: String(row.network_id),
          createdAt: dateFromSql(row.created_at),
        },
      ]),
    );
  }

  /** Shops with their rules: from the in-memory catalogue, an inactive shop from the database. */
  private async shopsOf(manager: EntityManager, ids: string[]): Promise<PlanInputs['shops']> {
    const shops: PlanInputs['shops'] = new Map();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = await this.shops.findActiveById(id);
      if (cached) shops.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await manager.findBy(Shop, { id: In(missing) });
      const rules = await manager.find(CashbackRule, {
        where: { shopId: In(missing) },
        order: { id: 'ASC' },
      });
      for (const shop of rows) {
        shops.set(shop.id, { shop, rules: rules.filter((rule) => rule.shopId === shop.id) });
      }
    }
    return shops;
  }

  /** The rules existing conversions were credited under (they decide the share of an amendment). */
  private async rulesOf(
    manager: EntityManager,
    conversions: Conversion[],
    shops: PlanInputs['shops'],
  ): Promise<PlanInputs['rules']> {
    const rules: PlanInputs['rules'] = new Map();
    const missing = new Set<string>();
    for (const { ruleId, shopId } of conversions) {
      if (!ruleId) continue;
      const rule = shopId ? shops.get(shopId)?.rules.find((candidate) => candidate.id === ruleId) : undefined;
      if (rule) rules.set(ruleId, rule);
      else missing.add(ruleId);
    }
    if (missing.size > 0) {
      for (const rule of await manager.findBy(CashbackRule, { id: In([...missing]) }))
        rules.set(rule.id, rule);
    }
    return rules;
  }

  /**
   * Each shopper's `available` and `debt` per currency, locked, in one query; `pending` is locked
   * with them, as the ledger moves it too and then knows it already.
   */
  private async walletsOf(
    manager: EntityManager,
    owners: Array<{ userId: string; currency: Currency }>,
  ): Promise<Map<string, Wallet>> {
    if (owners.length === 0) return new Map();
    const balances = await this.ledger.balancesForUpdate(
      manager,
      owners.flatMap(({ userId, currency }) => [
        { kind: 'available' as const, userId, currency },
        { kind: 'debt' as const, userId, currency },
        { kind: 'pending' as const, userId, currency },
      ]),
    );
    return new Map(
      owners.map(({ userId, currency }, index) => [
        walletKey(userId, currency),
        { available: balances[3 * index]!, debt: balances[3 * index + 1]! },
      ]),
    );
  }
}

function outcomeOf(planned: PlannedOutcome): ApplyOutcome | undefined {
  if (planned.kind === 'refused') return undefined;
  const conversionId = planned.tracked.row.id;
  if (planned.kind === 'ignored' || planned.kind === 'conflict') {
    return { kind: planned.kind, conversionId, why: planned.why };
  }
  return { kind: planned.kind, conversionId };
}

function transferOf(
  conversion: Conversion,
  revision: number,
  move: ConversionPlan['transfers'][number]['move'],
  reason: string | null,
  createdBy: string,
): TransferRequest {
  return {
    idempotencyKey: `conversion:${conversion.id}:r${revision}:${move.step}`,
    code: move.code,
    currency: conversion.currency,
    // Settlement is between the network and us: it belongs to no shopper.
    userId: move.step === 'settled' ? null : conversion.userId,
    reference: `conversion:${conversion.id}`,
    createdBy,
    ...(reason && move.step !== 'settled' ? { reason } : {}),
    postings: move.postings,
  };
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
