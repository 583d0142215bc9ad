import type { EntityManager } from 'typeorm';
import { ID128_PATTERN } from '@shared/ids.js';
import { MARKET_CURRENCY, type Currency } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation, TransactionConflict } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/errors.js';
import { Click } from '../clicks/click.entity.js';
import type { Ledger } from '../ledger/ledger.service.js';
import { CashbackRule } from '../shops/cashback-rule.entity.js';
import { Shop } from '../shops/shop.entity.js';
import { bestRule, rulesInForceAt, shareUnderRule } from './cashback.js';
import { decide, positionFor, type ConversionState } from './conversion-state.js';
import { ConversionEvent } from './conversion-event.entity.js';
import { Conversion } from './conversion.entity.js';
import { moveHolding, postSettlement, type Holding } from './ledger-moves.js';
import type { ShopsService } from '../shops/shops.service.js';

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
}

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
 * Conversions: the state machine of DESIGN §6 applied to network reports, and the ledger moves
 * that follow. Runs inside the caller's transaction, so the report's inbox row, the conversion,
 * its history and its ledger transfers commit together or not at all.
 */
export class ConversionsService {
  constructor(
    private readonly database: Database,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly shops: ShopsService,
  ) {}

  async apply(manager: EntityManager, report: ConversionReport, origin: ApplySource): Promise<ApplyOutcome> {
    const existing = await this.findForUpdate(manager, report.networkId, report.orderId);
    if (existing) return this.update(manager, existing, report, origin);
    try {
      return await this.create(manager, report, origin);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same order arrived twice at once and the other one created it; rerun as an update.
      throw new TransactionConflict('conversion created concurrently');
    }
  }

  private findForUpdate(manager: EntityManager, networkId: string, orderId: string) {
    const query = manager
      .getRepository(Conversion)
      .createQueryBuilder('conversion')
      .where('conversion.network_id = :networkId AND conversion.external_order_id = :orderId', {
        networkId,
        orderId,
      });
    return this.database.forUpdate(query).getOne();
  }

  private async create(
    manager: EntityManager,
    report: ConversionReport,
    origin: ApplySource,
  ): Promise<ApplyOutcome> {
    const now = this.clock.now();
    const click =
      report.clickId && ID128_PATTERN.test(report.clickId)
        ? await manager.findOneBy(Click, { id: report.clickId })
        : null;
    // A click belongs to the shopper who made it, and only counts when this network carries its shop.
    const attributedClick = click && click.userId && click.networkId === report.networkId ? click : null;
    // The shop and its rules come from the in-memory catalogue; an inactive shop from the database.
    const cached = attributedClick ? await this.shops.findActiveById(attributedClick.shopId) : undefined;
    const shop =
      cached?.shop ??
      (attributedClick ? await manager.findOneBy(Shop, { id: attributedClick.shopId }) : null);
    const currency = report.currency ?? (shop ? MARKET_CURRENCY[shop.marketCode] : null);
    if (!currency) throw new AppError('POSTBACK_MALFORMED', 400, 'The currency is missing.');

    let ruleId: string | null = null;
    let shareMinor = 0n;
    if (attributedClick && shop) {
      const rules =
        cached?.rules ??
        (await manager.find(CashbackRule, { where: { shopId: shop.id }, order: { id: 'ASC' } }));
      const best = bestRule(rulesInForceAt(rules, attributedClick.createdAt), report, currency);
      if (best) {
        ruleId = best.rule.id;
        shareMinor = best.shareMinor;
      }
    }
    const userId = attributedClick?.userId ?? null;
    const conversion = manager.create(Conversion, {
      networkId: report.networkId,
      externalOrderId: report.orderId,
      clickId: report.clickId && ID128_PATTERN.test(report.clickId) ? report.clickId : null,
      userId,
      shopId: shop?.id ?? null,
      ruleId,
      currency,
      orderAmountMinor: report.orderAmountMinor,
      commissionMinor: report.commissionMinor,
      shareMinor,
      state: report.state,
      attribution: attributedClick ? 'click' : 'unattributed',
      ...(userId ? holdingFields(report.state, shareMinor, report.commissionMinor) : NOTHING_HELD),
      revision: 1,
      occurredAt: report.occurredAt,
      clickedAt: attributedClick?.createdAt ?? null,
      expectedConfirmationAt: shop
        ? new Date((report.occurredAt ?? now).getTime() + shop.confirmationDays * 86400_000)
        : null,
      networkReason: report.reason,
      createdAt: now,
      updatedAt: now,
    });
    // The row is written with the ledger position it is about to reach: the transfers below
    // commit in the same transaction, or nothing does.
    const inserted = await manager.insert(Conversion, conversion);
    conversion.id = String((inserted.identifiers[0] as { id: string | number }).id);
    await this.recordEvent(manager, conversion, origin);
    if (conversion.userId) await this.postLedger(manager, conversion, NOTHING_HELD_HOLDING, origin);
    return conversion.userId
      ? { kind: 'accepted', conversionId: conversion.id }
      : { kind: 'unattributed', conversionId: conversion.id };
  }

  private async update(
    manager: EntityManager,
    conversion: Conversion,
    report: ConversionReport,
    origin: ApplySource,
  ): Promise<ApplyOutcome> {
    const conversionId = conversion.id;
    if (report.clickId && conversion.clickId && report.clickId !== conversion.clickId) {
      return { kind: 'conflict', conversionId, why: 'the order was reported with another click id' };
    }
    if (report.currency && report.currency !== conversion.currency) {
      return { kind: 'conflict', conversionId, why: 'the order was reported in another currency' };
    }
    const decision = decide(conversion, report);
    switch (decision.kind) {
      case 'duplicate':
        return { kind: 'duplicate', conversionId };
      case 'ignored':
        return { kind: 'ignored', conversionId, why: decision.why };
      case 'conflict':
        return { kind: 'conflict', conversionId, why: decision.why };
      case 'apply':
        break;
    }
    const rule = conversion.ruleId ? await manager.findOneBy(CashbackRule, { id: conversion.ruleId }) : null;
    const shareMinor = rule ? shareUnderRule(rule, decision.amounts, conversion.currency) : 0n;
    const revision = conversion.revision + 1;
    // Optimistic check on the revision: a concurrent writer (another Galera node, say) makes this
    // affect no row, and the whole transaction runs again on fresh data.
    const updated = await manager.update(
      Conversion,
      { id: conversionId, revision: conversion.revision },
      {
        state: decision.state,
        orderAmountMinor: decision.amounts.orderAmountMinor,
        commissionMinor: decision.amounts.commissionMinor,
        shareMinor,
        revision,
        networkReason: report.reason ?? conversion.networkReason,
        updatedAt: this.clock.now(),
        ...(conversion.userId
          ? holdingFields(decision.state, shareMinor, decision.amounts.commissionMinor, conversion.settled)
          : {}),
      },
    );
    if (!updated.affected) throw new TransactionConflict('conversion changed concurrently');
    const heldBefore = holdingOf(conversion);
    Object.assign(conversion, {
      state: decision.state,
      orderAmountMinor: decision.amounts.orderAmountMinor,
      commissionMinor: decision.amounts.commissionMinor,
      shareMinor,
      revision,
      networkReason: report.reason ?? conversion.networkReason,
    });
    await this.recordEvent(manager, conversion, origin);
    if (conversion.userId) {
      Object.assign(
        conversion,
        holdingFields(
          conversion.state,
          conversion.shareMinor,
          conversion.commissionMinor,
          conversion.settled,
        ),
      );
      await this.postLedger(manager, conversion, heldBefore, origin);
    }
    return { kind: 'accepted', conversionId };
  }

  /** Appends the conversion's current revision to its history. */
  async recordEvent(manager: EntityManager, conversion: Conversion, origin: ApplySource): Promise<void> {
    await manager.insert(ConversionEvent, {
      conversionId: conversion.id,
      userId: conversion.userId,
      revision: conversion.revision,
      state: conversion.state,
      orderAmountMinor: conversion.orderAmountMinor,
      commissionMinor: conversion.commissionMinor,
      shareMinor: conversion.shareMinor,
      reason: conversion.networkReason,
      source: origin.source,
      inboxId: origin.inboxId,
      createdAt: this.clock.now(),
    });
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
    await this.postLedger(manager, conversion, before, origin);
  }

  /** Posts the transfers from what the ledger held (`before`) to what the conversion now says. */
  private async postLedger(
    manager: EntityManager,
    conversion: Conversion,
    before: Holding & { settled: boolean },
    origin: Pick<ApplySource, 'createdBy'>,
  ): Promise<void> {
    const context = {
      manager,
      ledger: this.ledger,
      conversionId: conversion.id,
      revision: conversion.revision,
      userId: conversion.userId!,
      networkId: conversion.networkId,
      currency: conversion.currency,
      createdBy: origin.createdBy,
      reason: conversion.networkReason ?? undefined,
    };
    await moveHolding(context, before, {
      position: positionFor(conversion.state),
      shareMinor: conversion.shareMinor,
      commissionMinor: conversion.commissionMinor,
    });
    if (conversion.settled && !before.settled) await postSettlement(context, conversion.commissionMinor);
  }
}

const NOTHING_HELD = {
  ledgerState: 'none',
  ledgerShareMinor: 0n,
  ledgerCommissionMinor: 0n,
  settled: false,
} as const;
const NOTHING_HELD_HOLDING = {
  position: 'none',
  shareMinor: 0n,
  commissionMinor: 0n,
  settled: false,
} as const;

function holdingOf(conversion: Conversion): Holding & { settled: boolean } {
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
function holdingFields(
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
