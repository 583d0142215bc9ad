import type { EntityManager } from 'typeorm';
import type {
  AdjustmentCreate,
  AdjustmentResult,
  AdminConversion,
  AdminConversionDetail,
  AdminConversionQuery,
  AdminLedgerTransfer,
  ConversionAssign,
  ConversionDismiss,
} from '@shared/contracts/admin-money.js';
import type { Currency } from '@shared/markets.js';
import { toMoney } from '@shared/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuditService } from '../audit/index.js';
import type { Ledger, Posting, TransferView } from '../ledger/index.js';
import type { NetworksRepository, StaffActor } from '../networks/index.js';
import type { Shop, ShopsRepository } from '../shops/index.js';
import { bestRule, rulesInForceAt } from './cashback.js';
import type { Conversion } from './conversion.entity.js';
import type { ConversionsRepository } from './conversions.repository.js';
import type { ConversionsService } from './conversions.service.js';
import { splitAvailableChange, type Wallet } from './ledger-moves.js';

export type { StaffActor };

export interface AdminConversionsDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  ledger: Ledger;
  conversions: ConversionsService;
  repository: ConversionsRepository;
  accounts: AccountsService;
  shops: ShopsRepository;
  networks: NetworksRepository;
}

/**
 * Manual adjustments are kept apart from the conversion's own credit chain (`conversion:<id>`),
 * whose sum the I4 check compares with what the conversion holds.
 */
export const adjustmentReference = (conversionId: string) => `adjustment:conversion:${conversionId}`;
const adjustmentKey = (idempotencyKey: string) => `adjustment:${idempotencyKey}`;

/** Thrown inside the adjustment's transaction to undo it when the key turns out to be posted already. */
class AlreadyPosted extends Error {}

/**
 * Staff work on conversions: finding them, reading one with everything behind it (history, raw
 * postbacks, ledger transfers), manual ledger adjustments, and the queue of unattributed
 * conversions (assign to a shopper, or dismiss). Every change is audited in its own transaction.
 */
export class AdminConversionsService {
  constructor(private readonly deps: AdminConversionsDeps) {}

  /** Newest first, keyset on (created_at, id); an unknown shop or network slug matches nothing. */
  async search(
    query: AdminConversionQuery,
  ): Promise<{ items: AdminConversion[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['createdAt', 'id']);
    const afterCreatedAt = after ? new Date(after.createdAt) : undefined;
    if (after && (Number.isNaN(afterCreatedAt!.getTime()) || !/^[1-9]\d{0,18}$/.test(after.id))) {
      throw new AppError('INVALID_CURSOR', 400, 'The cursor is not one this API returned.');
    }
    return this.deps.database.run(async (manager) => {
      const shop =
        query.shop === undefined ? undefined : await this.deps.shops.findBySlug(query.shop, manager);
      const network =
        query.network === undefined ? undefined : await this.deps.networks.findBySlug(query.network, manager);
      if (shop === null || network === null) return { items: [], nextCursor: null };

      const rows = await this.deps.repository.search({
        ...(shop ? { shopId: shop.id } : {}),
        ...(network ? { networkId: network.id } : {}),
        ...(query.orderId !== undefined ? { orderId: query.orderId } : {}),
        ...(query.clickId !== undefined ? { clickId: query.clickId } : {}),
        ...(query.userId !== undefined ? { userId: query.userId } : {}),
        ...(query.state !== undefined ? { state: query.state } : {}),
        ...(query.attribution !== undefined ? { attribution: query.attribution } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(after ? { after: { createdAt: afterCreatedAt!, id: after.id } } : {}),
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit);
      const items = await this.views(manager, page);
      const last = page.at(-1);
      return {
        items,
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
            : null,
      };
    });
  }

  /**
   * One conversion with its history and its ledger transfers (the raw messages behind it belong to
   * the modules that received them: the admin route adds them). A
   * conversion that belongs to a shopper is their personal data: the read is audited, in the same
   * transaction, so no one reads without a trace.
   */
  detail(id: string, actor: StaffActor): Promise<Omit<AdminConversionDetail, 'inbox'>> {
    return this.deps.database.transaction(async (manager) => {
      const conversion = await this.deps.repository.findById(manager, id);
      if (!conversion) throw conversionNotFound();
      const events = await this.deps.repository.eventsOf(manager, id);
      const transfers = await this.deps.ledger.transfersByReference(manager, [
        `conversion:${id}`,
        adjustmentReference(id),
      ]);
      const user = conversion.userId ? await this.deps.accounts.findUser(conversion.userId, manager) : null;
      if (conversion.userId) {
        await this.deps.audit.record(
          {
            action: 'personal_data_viewed',
            actor: { kind: 'staff', userId: actor.userId },
            subjectUserId: conversion.userId,
            client: actor.client,
            after: { view: 'conversion', conversionId: id },
          },
          manager,
        );
      }
      const [view] = await this.views(manager, [conversion]);
      return {
        conversion: view!,
        user: user ? { id: user.id, email: user.email } : null,
        events: events.map((event) => ({
          revision: event.revision,
          state: event.state,
          orderAmount: toMoney(event.orderAmountMinor, conversion.currency),
          commission: toMoney(event.commissionMinor, conversion.currency),
          share: toMoney(event.shareMinor, conversion.currency),
          reason: event.reason,
          source: event.source,
          sourceReference: event.sourceReference,
          actor: event.actor,
          createdAt: event.createdAt.toISOString(),
        })),
        transfers: transfers.map(toTransferView),
      };
    });
  }

  /**
   * A manual correction of the shopper's money on this conversion, through the ledger (code
   * `adjustment`). A credit comes out of the platform's revenue and first pays off any debt; a
   * debit takes what `available` has and records the rest as debt (I3, I9). The caller's
   * `Idempotency-Key` makes it happen once: the same key again answers the first transfer
   * (`duplicate: true`); with another request it is a 422 `IDEMPOTENCY_KEY_REUSED`.
   */
  async adjust(
    id: string,
    input: AdjustmentCreate,
    idempotencyKey: string,
    actor: StaffActor,
  ): Promise<AdjustmentResult> {
    const key = adjustmentKey(idempotencyKey);
    try {
      return await this.deps.database.transaction(async (manager) => {
        const conversion = await this.attributedConversion(manager, id, actor);
        if (input.amount.currency !== conversion.currency) {
          throw new AppError(
            'ADJUSTMENT_CURRENCY_MISMATCH',
            400,
            `This conversion is in ${conversion.currency}; adjust it in the same currency.`,
            { errors: [{ path: 'amount.currency', message: `must be ${conversion.currency}` }] },
          );
        }
        const existing = await this.deps.ledger.transferByKey(manager, key);
        if (existing) return this.replayed(manager, existing, conversion, input);
        return this.postAdjustment(manager, conversion, input, key, actor);
      });
    } catch (error) {
      const raced =
        error instanceof AlreadyPosted ||
        (error instanceof AppError && error.code === 'LEDGER_IDEMPOTENCY_CONFLICT');
      if (!raced) throw error;
      // Another request with this key committed first: answer with what it posted.
      return this.deps.database.transaction(async (manager) => {
        const conversion = await this.attributedConversion(manager, id, actor);
        const existing = await this.deps.ledger.transferByKey(manager, key);
        if (!existing) throw error;
        return this.replayed(manager, existing, conversion, input);
      });
    }
  }

  /** The shopper's `available` and raw `debt` (≤ 0), locked, in one query. */
  private async wallet(manager: EntityManager, userId: string, currency: Currency): Promise<Wallet> {
    const [available, debt] = await this.deps.ledger.balancesForUpdate(manager, [
      { kind: 'available', userId, currency },
      { kind: 'debt', userId, currency },
    ]);
    return { available: available!, debt: debt! };
  }

  private async postAdjustment(
    manager: EntityManager,
    conversion: Conversion & { userId: string },
    input: AdjustmentCreate,
    key: string,
    actor: StaffActor,
  ): Promise<AdjustmentResult> {
    const { userId, currency } = conversion;
    const amount = BigInt(input.amount.amountMinor);
    const { available, debt } = await this.wallet(manager, userId, currency); // debt ≤ 0
    const split = splitAvailableChange(amount, { available, debt });
    const toAvailable = split.available;
    const toDebt = split.debt;
    const legs: Posting[] = [
      { account: { kind: 'platform_revenue', currency }, amountMinor: -amount },
      { account: { kind: 'available', userId, currency }, amountMinor: toAvailable },
      { account: { kind: 'debt', userId, currency }, amountMinor: toDebt },
    ];

    const posted = await this.deps.ledger.post(manager, {
      idempotencyKey: key,
      code: 'adjustment',
      currency,
      userId,
      reference: adjustmentReference(conversion.id),
      createdBy: `admin:${actor.userId}`,
      reason: input.reason,
      // A leg of zero is refused by the ledger (e.g. no debt to net).
      postings: legs.filter((posting) => posting.amountMinor !== 0n),
    });
    if (posted.duplicate) throw new AlreadyPosted();
    const before = { available: available.toString(), debt: (-debt).toString(), currency };
    const after = {
      available: (available + toAvailable).toString(),
      debt: (-(debt + toDebt)).toString(),
      currency,
    };
    // After the post (so the row names its transfer); one insert, the locks are held briefly.
    await this.deps.audit.record(
      {
        action: 'ledger_adjusted',
        actor: { kind: 'staff', userId: actor.userId },
        subjectUserId: userId,
        client: actor.client,
        before,
        after: {
          ...after,
          conversionId: conversion.id,
          transferId: posted.transferId,
          amountMinor: amount.toString(),
          reason: input.reason,
        },
      },
      manager,
    );
    const transfer = await this.deps.ledger.transferByKey(manager, key);
    return {
      conversionId: conversion.id,
      userId,
      duplicate: false,
      transfer: toTransferView(transfer!),
      balance: {
        available: toMoney(BigInt(after.available), currency),
        debt: toMoney(BigInt(after.debt), currency),
      },
    };
  }

  /** The key was used before: the same request gets the first answer, another one a 422. */
  private async replayed(
    manager: EntityManager,
    existing: TransferView,
    conversion: Conversion & { userId: string },
    input: AdjustmentCreate,
  ): Promise<AdjustmentResult> {
    const toShopper = existing.entries
      .filter((entry) => entry.accountKey.startsWith(`user:${conversion.userId}:`))
      .reduce((sum, entry) => sum + entry.amountMinor, 0n);
    const same =
      existing.code === 'adjustment' &&
      existing.reference === adjustmentReference(conversion.id) &&
      existing.currency === input.amount.currency &&
      existing.reason === input.reason &&
      toShopper === BigInt(input.amount.amountMinor);
    if (!same) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'This Idempotency-Key was already used for a different adjustment; use a new key.',
      );
    }
    const { userId, currency } = conversion;
    const { available, debt } = await this.wallet(manager, userId, currency);
    return {
      conversionId: conversion.id,
      userId,
      duplicate: true,
      transfer: toTransferView(existing),
      balance: { available: toMoney(available, currency), debt: toMoney(-debt, currency) },
    };
  }

  /**
   * Gives an unattributed conversion to a shopper: the shop (from the request when the conversion
   * has none), the share under the best rule in force when the purchase happened, a new revision
   * with its history event, and the ledger brought to the conversion's state — one transaction.
   */
  async assign(id: string, input: ConversionAssign, actor: StaffActor): Promise<AdminConversion> {
    if (input.userId === actor.userId) {
      throw new AppError('SELF_ASSIGNMENT', 400, 'Staff cannot assign a purchase to their own account.');
    }
    return this.deps.database.transaction(async (manager) => {
      const conversion = await this.unattributedForUpdate(manager, id);
      const user = await this.deps.accounts.findUser(input.userId, manager);
      if (!user) throw new AppError('USER_NOT_FOUND', 404, 'There is no such account.');
      const shop = await this.shopFor(manager, conversion, input.shopSlug);
      const [{ rules } = { rules: [] }] = await this.deps.shops.withRulesByIds(manager, [shop.id]);
      const purchasedAt = conversion.occurredAt ?? conversion.createdAt;
      const best = bestRule(rulesInForceAt(rules, purchasedAt), conversion, conversion.currency);
      const now = this.deps.clock.now();
      const changes = {
        userId: user.id,
        shopId: shop.id,
        ruleId: best?.rule.id ?? null,
        shareMinor: best?.shareMinor ?? 0n,
        attribution: 'manual' as const,
        revision: conversion.revision + 1,
        expectedConfirmationAt:
          conversion.expectedConfirmationAt ??
          new Date(purchasedAt.getTime() + shop.confirmationDays * 86400_000),
        updatedAt: now,
      };
      await this.deps.repository.assign(manager, conversion, changes);
      Object.assign(conversion, changes);
      const source = { kind: 'admin', reference: null, actor: `admin:${actor.userId}` } as const;
      await this.deps.conversions.recordEvent(manager, conversion, source);
      await this.deps.audit.record(
        {
          action: 'conversion_assigned',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: user.id,
          client: actor.client,
          before: { conversionId: id, attribution: 'unattributed' },
          after: {
            conversionId: id,
            attribution: 'manual',
            shop: shop.slug,
            shareMinor: changes.shareMinor.toString(),
            currency: conversion.currency,
            reason: input.reason,
          },
        },
        manager,
      );
      // Last: the ledger post locks the busy system accounts until commit.
      await this.deps.conversions.settleLedger(manager, conversion, source);
      const [view] = await this.views(manager, [conversion]);
      return view!;
    });
  }

  /** Takes an unattributed conversion off the queue for good (no shopper will get it). */
  async dismiss(id: string, input: ConversionDismiss, actor: StaffActor): Promise<AdminConversion> {
    return this.deps.database.transaction(async (manager) => {
      const conversion = await this.unattributedForUpdate(manager, id);
      const changes = { attribution: 'dismissed' as const, updatedAt: this.deps.clock.now() };
      await this.deps.repository.dismiss(manager, id, changes);
      Object.assign(conversion, changes);
      await this.deps.audit.record(
        {
          action: 'conversion_dismissed',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          before: { conversionId: id, attribution: 'unattributed' },
          after: { conversionId: id, attribution: 'dismissed', reason: input.reason },
        },
        manager,
      );
      const [view] = await this.views(manager, [conversion]);
      return view!;
    });
  }

  private async unattributedForUpdate(manager: EntityManager, id: string): Promise<Conversion> {
    const conversion = await this.deps.repository.findByIdForUpdate(manager, id);
    if (!conversion) throw conversionNotFound();
    if (conversion.attribution !== 'unattributed') {
      throw new AppError(
        'CONVERSION_NOT_UNATTRIBUTED',
        409,
        `Only unattributed conversions can be assigned or dismissed; this one is ${conversion.attribution}.`,
      );
    }
    return conversion;
  }

  /** The conversion, which must belong to a shopper other than the acting staff member. */
  private async attributedConversion(
    manager: EntityManager,
    id: string,
    actor: StaffActor,
  ): Promise<Conversion & { userId: string }> {
    const conversion = await this.deps.repository.findById(manager, id);
    if (!conversion) throw conversionNotFound();
    if (conversion.userId === null) {
      throw new AppError(
        'CONVERSION_UNATTRIBUTED',
        409,
        'This conversion belongs to no shopper yet; assign it before adjusting.',
      );
    }
    if (conversion.userId === actor.userId) {
      throw new AppError('SELF_ADJUSTMENT', 400, "Staff cannot adjust their own account's money.");
    }
    return conversion as Conversion & { userId: string };
  }

  private async shopFor(
    manager: EntityManager,
    conversion: Conversion,
    slug: string | undefined,
  ): Promise<Shop> {
    if (conversion.shopId) {
      const [shop] = await this.deps.shops.findByIds(manager, [conversion.shopId]);
      if (!shop) throw new Error(`shop ${conversion.shopId} of conversion ${conversion.id} is missing`);
      if (slug !== undefined && slug !== shop.slug) {
        throw new AppError('SHOP_ALREADY_SET', 400, `This conversion is already for the shop ${shop.slug}.`, {
          errors: [{ path: 'shopSlug', message: `the conversion is for ${shop.slug}` }],
        });
      }
      return shop;
    }
    if (slug === undefined) {
      throw new AppError('SHOP_REQUIRED', 400, 'Name the shop the purchase was made in.', {
        errors: [{ path: 'shopSlug', message: 'required for a conversion without a shop' }],
      });
    }
    const shop = await this.deps.shops.findBySlug(slug, manager);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', 404, 'There is no shop with this slug.');
    if (shop.networkId !== conversion.networkId) {
      throw new AppError(
        'SHOP_NOT_ON_NETWORK',
        400,
        'This shop is not carried by the network that reported the purchase.',
        {
          errors: [{ path: 'shopSlug', message: "not on the conversion's network" }],
        },
      );
    }
    return shop;
  }

  private async views(manager: EntityManager, conversions: Conversion[]): Promise<AdminConversion[]> {
    const networkIds = [...new Set(conversions.map((conversion) => conversion.networkId))];
    const shopIds = [
      ...new Set(
        conversions.map((conversion) => conversion.shopId).filter((id): id is string => id !== null),
      ),
    ];
    const [networks, shops] = await Promise.all([
      this.deps.networks.findByIds(networkIds, manager),
      this.deps.shops.findByIds(manager, shopIds),
    ]);
    const networkById = new Map(networks.map((network) => [network.id, network]));
    const shopById = new Map(shops.map((shop) => [shop.id, shop]));
    return conversions.map((conversion) => {
      const network = networkById.get(conversion.networkId);
      const shop = conversion.shopId ? shopById.get(conversion.shopId) : undefined;
      return {
        id: conversion.id,
        network: { slug: network?.slug ?? '', name: network?.name ?? '' },
        shop: shop ? { slug: shop.slug, name: shop.name } : null,
        orderId: conversion.externalOrderId,
        clickId: conversion.clickId,
        userId: conversion.userId,
        orderAmount: toMoney(conversion.orderAmountMinor, conversion.currency),
        commission: toMoney(conversion.commissionMinor, conversion.currency),
        share: toMoney(conversion.shareMinor, conversion.currency),
        state: conversion.state,
        attribution: conversion.attribution,
        ledgerState: conversion.ledgerState,
        settled: conversion.settled,
        revision: conversion.revision,
        occurredAt: conversion.occurredAt?.toISOString() ?? null,
        clickedAt: conversion.clickedAt?.toISOString() ?? null,
        expectedConfirmationAt: conversion.expectedConfirmationAt?.toISOString() ?? null,
        reason: conversion.networkReason,
        createdAt: conversion.createdAt.toISOString(),
        updatedAt: conversion.updatedAt.toISOString(),
      };
    });
  }
}

function conversionNotFound(): AppError {
  return new AppError('CONVERSION_NOT_FOUND', 404, 'There is no such conversion.');
}

function toTransferView(transfer: TransferView): AdminLedgerTransfer {
  return {
    id: transfer.id,
    code: transfer.code,
    idempotencyKey: transfer.idempotencyKey,
    reference: transfer.reference,
    createdBy: transfer.createdBy,
    reason: transfer.reason,
    createdAt: transfer.createdAt.toISOString(),
    entries: transfer.entries.map((entry) => ({
      account: entry.accountKey,
      kind: entry.kind,
      amount: toMoney(entry.amountMinor, transfer.currency),
    })),
  };
}
