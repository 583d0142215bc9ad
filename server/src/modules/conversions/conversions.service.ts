import type { EntityManager } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { AppError } from '../../platform/http/errors.js';
import type { ClicksRepository } from '../clicks/index.js';
import type { Ledger, TransferRequest } from '../ledger/index.js';
import type { ShopsService } from '../shops/index.js';
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
  type ConversionPlan,
  type ConversionReport,
  type PlanInputs,
  type PlannedOutcome,
} from './conversion-plan.js';
import type { ConversionSource } from './conversion-source.js';
import type { Conversion } from './conversion.entity.js';
import type { ConversionsRepository } from './conversions.repository.js';
import type { Wallet } from './ledger-moves.js';

export type { ConversionReport } from './conversion-plan.js';

export type ApplyOutcome =
  | { kind: 'accepted'; conversionId: string }
  | { kind: 'duplicate'; conversionId: string }
  | { kind: 'ignored'; conversionId: string; why: string }
  | { kind: 'unattributed'; conversionId: string }
  | { kind: 'conflict'; conversionId: string; why: string };

/** A conversion a `record` call created: the order a network (or a claim, report, staff) reported first. */
export interface CreatedConversion {
  conversionId: string;
  networkId: string;
  orderId: string;
  userId: string | null;
}

/**
 * Told, inside the recording transaction, of the conversions a `record` call created: whatever it
 * writes commits or rolls back with them. Registered by the composition root (e.g. claims resolve
 * a claim for the order), so conversions never import those who listen.
 */
export type ConversionsCreatedListener = (
  manager: EntityManager,
  created: CreatedConversion[],
) => Promise<void>;

/** A report about an order and where it came from. */
export interface SourcedReport {
  report: ConversionReport;
  source: ConversionSource;
}

/**
 * Conversions: reports about orders — from a network's postback, a shopper's claim, a network's
 * report or staff — applied to the state machine of DESIGN §6, and the ledger moves that follow, in
 * the caller's transaction, so that the caller's own record (an inbox row, a claim), the
 * conversion, its history and its ledger transfers commit together or not at all.
 *
 * `record` is the one entry point for every source. It works on a batch with a fixed number of
 * statements: read and lock what the reports touch, decide in memory (`planReports`), write.
 */
export class ConversionsService {
  readonly onCreated = new Set<ConversionsCreatedListener>();

  constructor(
    private readonly repository: ConversionsRepository,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly shops: ShopsService,
    private readonly clicks: ClicksRepository,
  ) {}

  /**
   * Applies reports in order, as if one after the other, and answers each one's outcome — or, for
   * a report refused as malformed, its 4xx error (nothing is written for it).
   */
  async record(manager: EntityManager, items: SourcedReport[]): Promise<Array<ApplyOutcome | AppError>> {
    const plan = await this.plan(
      manager,
      items.map((item) => item.report),
    );
    await this.write(
      manager,
      plan,
      items.map((item) => item.source),
    );
    if (this.onCreated.size > 0) {
      const created = plan.tracked
        .filter((tracked) => tracked.loadedRevision === null)
        .map(({ row }) => ({
          conversionId: row.id,
          networkId: row.networkId,
          orderId: row.externalOrderId,
          userId: row.userId,
        }));
      if (created.length > 0) for (const listener of this.onCreated) await listener(manager, created);
    }
    return plan.outcomes.map((planned) => (planned.kind === 'refused' ? planned.error : outcomeOf(planned)));
  }

  /** Reads and locks what the reports touch, then decides everything in memory. Writes nothing. */
  private async plan(manager: EntityManager, reports: ConversionReport[]): Promise<ConversionPlan> {
    const conversions = await this.lockConversions(manager, reports);
    const fresh = reports.filter((report) => !conversions.has(orderKey(report.networkId, report.orderId)));
    const clicks = await this.clicks.refsByIds(manager, [
      ...new Set(fresh.map(clickIdOf).filter((id): id is string => id !== null)),
    ]);
    const shopIds = new Set<string>();
    for (const report of fresh) {
      const click = attributedClick(report, clicks);
      if (click) shopIds.add(click.shopId);
    }
    for (const conversion of conversions.values())
      if (conversion.ruleId && conversion.shopId) shopIds.add(conversion.shopId);
    const shops = await this.shops.withRulesForMoney(manager, [...shopIds]);
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
   * at), their history events with each report's source, and the ledger transfers.
   */
  private async write(
    manager: EntityManager,
    plan: ConversionPlan,
    sources: ConversionSource[],
  ): Promise<void> {
    const now = this.clock.now();
    await this.repository.insertAll(
      manager,
      plan.tracked.filter((tracked) => tracked.loadedRevision === null).map((tracked) => tracked.row),
    );
    await this.repository.updateChanged(
      manager,
      plan.tracked.filter(
        ({ row, loadedRevision }) => loadedRevision !== null && row.revision !== loadedRevision,
      ),
      now,
    );
    await this.repository.insertEvents(
      manager,
      plan.events.map((event) => ({
        ...event,
        conversion: event.tracked.row,
        source: sources[event.reportIndex]!,
      })),
      now,
    );
    await this.ledger.postMany(
      manager,
      plan.transfers.map(({ tracked, revision, move, reason, reportIndex }) =>
        transferOf(tracked.row, revision, move, reason, sources[reportIndex]!.actor),
      ),
    );
  }

  /** Appends the conversion's current revision to its history (staff changes outside a report). */
  async recordEvent(manager: EntityManager, conversion: Conversion, source: ConversionSource): Promise<void> {
    await this.repository.insertEvents(
      manager,
      [{ ...conversion, reason: conversion.networkReason, conversion, source }],
      this.clock.now(),
    );
  }

  /**
   * Brings the ledger to what the conversion's state says, posting only the difference, and
   * records the new position on the row (used when a conversion gains a shopper by assignment).
   */
  async settleLedger(
    manager: EntityManager,
    conversion: Conversion,
    source: ConversionSource,
  ): Promise<void> {
    const before = holdingOf(conversion);
    Object.assign(
      conversion,
      holdingFields(conversion.state, conversion.shareMinor, conversion.commissionMinor, conversion.settled),
    );
    await this.repository.updateHolding(
      manager,
      conversion.id,
      holdingFields(conversion.state, conversion.shareMinor, conversion.commissionMinor, before.settled),
    );
    if (!conversion.userId) return;
    const wallets = await this.walletsOf(manager, [
      { userId: conversion.userId, currency: conversion.currency },
    ]);
    await this.ledger.postMany(
      manager,
      movesOf(conversion, before, wallets).map((move) =>
        transferOf(conversion, conversion.revision, move, conversion.networkReason, source.actor),
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
    for (const conversion of await this.repository.lockByOrders(manager, byNetwork)) {
      found.set(orderKey(conversion.networkId, conversion.externalOrderId), conversion);
    }
    return found;
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
    for (const rule of await this.shops.rulesByIds(manager, [...missing])) rules.set(rule.id, rule);
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

function outcomeOf(planned: Exclude<PlannedOutcome, { kind: 'refused' }>): ApplyOutcome {
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
