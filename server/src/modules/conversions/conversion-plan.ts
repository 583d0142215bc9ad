import { ID128_PATTERN } from '@shared/ids.js';
import { MARKET_CURRENCY, type Currency } from '@shared/markets.js';
import { AppError } from '../../platform/http/errors.js';
import type { ClickRef } from '../clicks/index.js';
import type { CashbackRule } from '../shops/index.js';
import type { Shop } from '../shops/index.js';
import { bestRule, rulesInForceAt, shareUnderRule } from './cashback.js';
import { decide, positionFor, type ConversionState } from './conversion-state.js';
import type { Conversion } from './conversion.entity.js';
import {
  planHoldingMoves,
  planSettlement,
  type Holding,
  type PlannedMove,
  type Wallet,
} from './ledger-moves.js';

/** A network's report about one order, already parsed and authenticated. */
export interface ConversionReport {
  networkId: string;
  clickId: string | null;
  orderId: string;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  currency: Currency | null;
  state: ConversionState;
  occurredAt: Date | null;
  reason: string | null;
  /**
   * The category the network reported the purchase in (its commission group), as sent; null when
   * it sent none. It chooses the rule a new conversion is credited under (`rulesInForceAt`); later
   * reports keep that rule.
   */
  category: string | null;
}

export type { ClickRef };

/** A conversion as planning goes: its row with every change so far, and the revision it was read at. */
export interface Tracked {
  row: Conversion;
  /** The revision read (and locked) from the database; null for a conversion created by this plan. */
  loadedRevision: number | null;
}

export interface PlannedEvent {
  tracked: Tracked;
  reportIndex: number;
  revision: number;
  state: ConversionState;
  orderAmountMinor: bigint;
  commissionMinor: bigint;
  shareMinor: bigint;
  reason: string | null;
}

export interface PlannedTransfer {
  tracked: Tracked;
  reportIndex: number;
  revision: number;
  move: PlannedMove;
  reason: string | null;
}

export type PlannedOutcome =
  | { kind: 'accepted' | 'duplicate' | 'unattributed'; tracked: Tracked }
  | { kind: 'ignored' | 'conflict'; tracked: Tracked; why: string }
  | { kind: 'refused'; error: AppError };

/** Everything planning needs, read (and locked where it will change) before it starts. */
export interface PlanInputs {
  /** Existing conversions by `orderKey`, locked. */
  conversions: Map<string, Conversion>;
  clicks: Map<string, ClickRef>;
  shops: Map<string, { shop: Shop; rules: CashbackRule[] }>;
  /** The rules stored conversions were credited under, by id. */
  rules: Map<string, CashbackRule>;
  /** Wallets by `walletKey`, from locked balances. */
  wallets: Map<string, Wallet>;
  now: Date;
}

export interface ConversionPlan {
  outcomes: PlannedOutcome[];
  /** Conversions the plan creates or changes, in the order first touched. */
  tracked: Tracked[];
  events: PlannedEvent[];
  transfers: PlannedTransfer[];
}

export const orderKey = (networkId: string, orderId: string) => `${networkId}\u0000${orderId}`;
export const walletKey = (userId: string, currency: Currency) => `${userId}:${currency}`;

/** A report's click id, if it has the shape of one of ours (anything else cannot be a click). */
export function clickIdOf(report: ConversionReport): string | null {
  return report.clickId && ID128_PATTERN.test(report.clickId) ? report.clickId : null;
}

/** The click that earns the shopper this order: theirs, and for a shop this network carries. */
export function attributedClick(report: ConversionReport, clicks: Map<string, ClickRef>): ClickRef | null {
  const id = clickIdOf(report);
  const click = id ? clicks.get(id) : undefined;
  return click && click.userId && click.networkId === report.networkId ? click : null;
}

/** The currency a new conversion is kept in: the report's, else the shop's market's. */
export function currencyFor(report: ConversionReport, shop: Shop | undefined): Currency | null {
  return report.currency ?? (shop ? MARKET_CURRENCY[shop.marketCode] : null);
}

/**
 * Applies reports, in order, to the conversions they concern: the state machine of DESIGN §6 and the
 * ledger moves that follow, decided in memory on locked rows. Several reports about one order in
 * one plan see each other, exactly as if they had come one after the other. Pure: nothing is
 * written here.
 */
export function planReports(reports: ConversionReport[], inputs: PlanInputs): ConversionPlan {
  const plan: ConversionPlan = { outcomes: [], tracked: [], events: [], transfers: [] };
  const byOrder = new Map<string, Tracked>();
  const track = (tracked: Tracked) => {
    byOrder.set(orderKey(tracked.row.networkId, tracked.row.externalOrderId), tracked);
    plan.tracked.push(tracked);
    return tracked;
  };

  reports.forEach((report, reportIndex) => {
    const key = orderKey(report.networkId, report.orderId);
    let tracked = byOrder.get(key);
    if (!tracked) {
      const stored = inputs.conversions.get(key);
      if (stored) tracked = track({ row: { ...stored }, loadedRevision: stored.revision });
    }
    if (!tracked) {
      const created = create(report, inputs);
      if (created instanceof AppError) {
        plan.outcomes.push({ kind: 'refused', error: created });
        return;
      }
      tracked = track({ row: created, loadedRevision: null });
      record(plan, tracked, reportIndex, NOTHING_HELD, inputs);
      plan.outcomes.push({ kind: tracked.row.userId ? 'accepted' : 'unattributed', tracked });
      return;
    }
    plan.outcomes.push(update(plan, tracked, report, reportIndex, inputs));
  });
  return plan;
}

function create(report: ConversionReport, inputs: PlanInputs): Conversion | AppError {
  const click = attributedClick(report, inputs.clicks);
  const found = click ? inputs.shops.get(click.shopId) : undefined;
  const currency = currencyFor(report, found?.shop);
  if (!currency) return new AppError('POSTBACK_MALFORMED', 400, 'The currency is missing.');

  let ruleId: string | null = null;
  let shareMinor = 0n;
  if (click && found) {
    const best = bestRule(rulesInForceAt(found.rules, click.createdAt, report.category), report, currency);
    if (best) {
      ruleId = best.rule.id;
      shareMinor = best.shareMinor;
    }
  }
  const userId = click?.userId ?? null;
  const shop = found?.shop;
  return {
    id: '',
    networkId: report.networkId,
    externalOrderId: report.orderId,
    clickId: clickIdOf(report),
    userId,
    shopId: shop?.id ?? null,
    ruleId,
    currency,
    orderAmountMinor: report.orderAmountMinor,
    commissionMinor: report.commissionMinor,
    shareMinor,
    state: report.state,
    attribution: click ? 'click' : 'unattributed',
    // What the ledger will hold once this plan's transfers are posted (`record` posts them).
    ...(userId ? holdingFields(report.state, shareMinor, report.commissionMinor) : NOTHING_HELD_FIELDS),
    revision: 1,
    occurredAt: report.occurredAt,
    clickedAt: click?.createdAt ?? null,
    expectedConfirmationAt: shop
      ? new Date((report.occurredAt ?? inputs.now).getTime() + shop.confirmationDays * 86400_000)
      : null,
    networkReason: report.reason,
    createdAt: inputs.now,
    updatedAt: inputs.now,
  };
}

function update(
  plan: ConversionPlan,
  tracked: Tracked,
  report: ConversionReport,
  reportIndex: number,
  inputs: PlanInputs,
): PlannedOutcome {
  const conversion = tracked.row;
  if (report.clickId && conversion.clickId && report.clickId !== conversion.clickId) {
    return { kind: 'conflict', tracked, why: 'the order was reported with another click id' };
  }
  if (report.currency && report.currency !== conversion.currency) {
    return { kind: 'conflict', tracked, why: 'the order was reported in another currency' };
  }
  const decision = decide(conversion, report);
  switch (decision.kind) {
    case 'duplicate':
      return { kind: 'duplicate', tracked };
    case 'ignored':
    case 'conflict':
      return { kind: decision.kind, tracked, why: decision.why };
    case 'apply':
      break;
  }
  // The rule it was credited under: read for a stored conversion, from its shop for a new one.
  const rule = conversion.ruleId
    ? (inputs.rules.get(conversion.ruleId) ??
      inputs.shops
        .get(conversion.shopId ?? '')
        ?.rules.find((candidate) => candidate.id === conversion.ruleId))
    : undefined;
  if (conversion.ruleId && !rule)
    throw new Error(`rule ${conversion.ruleId} of conversion ${conversion.id} not loaded`);
  const shareMinor = rule ? shareUnderRule(rule, decision.amounts, conversion.currency) : 0n;
  const before = holdingOf(conversion);
  Object.assign(conversion, {
    state: decision.state,
    orderAmountMinor: decision.amounts.orderAmountMinor,
    commissionMinor: decision.amounts.commissionMinor,
    shareMinor,
    revision: conversion.revision + 1,
    networkReason: report.reason ?? conversion.networkReason,
    updatedAt: inputs.now,
    ...(conversion.userId
      ? holdingFields(decision.state, shareMinor, decision.amounts.commissionMinor, conversion.settled)
      : {}),
  });
  record(plan, tracked, reportIndex, before, inputs);
  return { kind: 'accepted', tracked };
}

/** Appends the conversion's new revision to its history and plans the ledger moves it implies. */
function record(
  plan: ConversionPlan,
  tracked: Tracked,
  reportIndex: number,
  before: Holding & { settled: boolean },
  inputs: PlanInputs,
): void {
  const conversion = tracked.row;
  plan.events.push({
    tracked,
    reportIndex,
    revision: conversion.revision,
    state: conversion.state,
    orderAmountMinor: conversion.orderAmountMinor,
    commissionMinor: conversion.commissionMinor,
    shareMinor: conversion.shareMinor,
    reason: conversion.networkReason,
  });
  if (!conversion.userId) return;
  for (const move of movesOf(conversion, before, inputs.wallets)) {
    plan.transfers.push({
      tracked,
      reportIndex,
      revision: conversion.revision,
      move,
      reason: conversion.networkReason,
    });
  }
}

/**
 * The moves from what the ledger held (`before`) to what the attributed conversion now says (its
 * `ledger_*` columns, already brought up to date).
 */
export function movesOf(
  conversion: Conversion,
  before: Holding & { settled: boolean },
  wallets: Map<string, Wallet>,
): PlannedMove[] {
  const userId = conversion.userId!;
  const wallet = wallets.get(walletKey(userId, conversion.currency));
  if (!wallet) throw new Error(`no wallet read for user ${userId} in ${conversion.currency}`);
  const parties = { userId, networkId: conversion.networkId, currency: conversion.currency };
  const moves = planHoldingMoves(parties, before, holdingOf(conversion), wallet);
  if (conversion.settled && !before.settled)
    moves.push(...planSettlement(parties, conversion.commissionMinor));
  return moves;
}

const NOTHING_HELD_FIELDS = {
  ledgerState: 'none',
  ledgerShareMinor: 0n,
  ledgerCommissionMinor: 0n,
  settled: false,
} as const;
export const NOTHING_HELD = {
  position: 'none',
  shareMinor: 0n,
  commissionMinor: 0n,
  settled: false,
} as const;

export function holdingOf(conversion: Conversion): Holding & { settled: boolean } {
  return {
    position: conversion.ledgerState,
    shareMinor: conversion.ledgerShareMinor,
    commissionMinor: conversion.ledgerCommissionMinor,
    settled: conversion.settled,
  };
}

/**
 * The columns recording what the ledger holds once a conversion is in `state`. Once the network
 * has paid, the money stays paid: a later reversal is a claw-back the receivable carries.
 */
export function holdingFields(
  state: ConversionState,
  shareMinor: bigint,
  commissionMinor: bigint,
  settledBefore = false,
) {
  const position = positionFor(state);
  const reversed = position === 'reversed';
  return {
    ledgerState: position,
    ledgerShareMinor: reversed ? 0n : shareMinor,
    ledgerCommissionMinor: reversed ? 0n : commissionMinor,
    settled: settledBefore || state === 'settled',
  };
}
