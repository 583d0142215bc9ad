import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  CLAIM_PROOF_MAX_BYTES,
  DEFAULT_CLAIM_AFTER_DAYS,
  type AdminClaim,
  type AdminClaimDetail,
  type AdminClaimPage,
  type AdminClaimQuery,
  type Claim as ClaimView,
  type ClaimAccept,
  type ClaimCreate,
  type ClaimDetail,
  type ClaimListQuery,
  type ClaimMessage,
  type ClaimPage,
  type ClaimPreview,
  type ClaimProof,
  type ClaimShopSettings,
  type ClaimState,
} from '@shared/contracts/claims.js';
import { minorToDecimal, toMoney } from '@shared/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { decodeTimeCursor, nextTimeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuditAction, AuditService } from '../audit/index.js';
import type { ClickRef, ClicksRepository } from '../clicks/index.js';
import type { ConversionsRepository, ConversionsService, CreatedConversion } from '../conversions/index.js';
import type { Network, NetworksRepository } from '../networks/index.js';
import type { Shop, ShopsRepository } from '../shops/index.js';
import { claimMail, type ClaimMailKind } from './claim-mails.js';
import type { ClaimMessageRow } from './claim-message.entity.js';
import type { ClaimProofRow } from './claim-proof.entity.js';
import {
  calendarDate,
  canStep,
  claimWindow,
  cleanFileName,
  endOfOrderDay,
  isWithin,
  oneMonthAfter,
  proofTypeOf,
  STEP_TARGET,
  UNDECIDED,
  type ClaimStep,
} from './claim-rules.js';
import type { Claim } from './claim.entity.js';
import type { ClaimsRepository } from './claims.repository.js';

/** A claim may carry at most this many proofs. */
const MAX_PROOFS = 5;

export interface ClaimsDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  accounts: AccountsService;
  repository: ClaimsRepository;
  shops: ShopsRepository;
  networks: NetworksRepository;
  clicks: ClicksRepository;
  conversions: ConversionsService;
  conversionRows: ConversionsRepository;
  /** Where proof files are kept: outside anything the web server serves. */
  proofDirectory: string;
  publicUrl: string;
}

/** Support staff working the queue. */
export interface ClaimActor {
  userId: string;
  client: ClientInfo;
}

/**
 * Missing-cashback claims. The shopper files one for a visit through us that tracking missed;
 * support asks for more, accepts or rejects it. Accepting records the order through the
 * conversions entry point (source `claim`) under the network and order number, so the ledger is
 * credited exactly as a postback would credit it, and the network's own report of the order later
 * is a duplicate or an amendment. Each decision is one transaction: the claim's conditional
 * UPDATE, its audit row, the mail to the shopper and (accept) the conversion.
 */
export class ClaimsService {
  constructor(private readonly deps: ClaimsDeps) {}

  // ------------------------------------------------------------------------------------------
  // The shopper

  /** The window for this shop and order date, and the visit a claim would be filed for. */
  async preview(userId: string, shopSlug: string, orderDate: string): Promise<ClaimPreview> {
    return this.deps.database.transaction(async (manager) => {
      const shop = await this.shopBySlug(manager, shopSlug);
      const window = claimWindow(orderDate, await this.claimAfterDays(manager, shop.id));
      const click = await this.deps.clicks.latestForShop(manager, userId, shop.id, endOfOrderDay(orderDate));
      return {
        ...window,
        open: isWithin(window, calendarDate(this.deps.clock.now())),
        click: click ? { id: click.id, createdAt: click.createdAt.toISOString() } : null,
      };
    });
  }

  /**
   * Files a claim: within the shop's window, for a visit of the shopper's to that shop before the
   * purchase, and for an order nobody has claimed and no network has reported to anyone yet.
   */
  async file(userId: string, input: ClaimCreate, client: ClientInfo): Promise<ClaimDetail> {
    try {
      const claim = await this.deps.database.transaction((manager) =>
        this.fileIn(manager, userId, input, client),
      );
      return this.detail(userId, claim.id);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateClaim();
      throw error;
    }
  }

  private async fileIn(
    manager: EntityManager,
    userId: string,
    input: ClaimCreate,
    client: ClientInfo,
  ): Promise<Claim> {
    const now = this.deps.clock.now();
    const shop = await this.shopBySlug(manager, input.shop);
    const window = claimWindow(input.orderDate, await this.claimAfterDays(manager, shop.id));
    if (!isWithin(window, calendarDate(now))) {
      throw new AppError(
        'CLAIM_OUTSIDE_WINDOW',
        422,
        `A claim for a purchase on ${input.orderDate} can be filed from ${window.opensOn} until ${window.closesOn}.`,
        { ...window, errors: [{ path: 'orderDate', message: 'outside the claim window' }] },
      );
    }
    const click = await this.visitFor(manager, userId, shop, input);
    const orderNumber = input.orderNumber.trim();
    if (await this.deps.repository.findByOrder(manager, shop.networkId, orderNumber)) throw duplicateClaim();
    const [reported] = await this.deps.conversionRows.lockByOrders(
      manager,
      new Map([[shop.networkId, new Set([orderNumber])]]),
    );
    if (reported?.userId === userId) {
      throw new AppError(
        'CLAIM_ORDER_TRACKED',
        409,
        'This purchase is already among your purchases; there is nothing to claim.',
        { errors: [{ path: 'orderNumber', message: 'already tracked' }] },
      );
    }
    // Reported for someone else: to this shopper it looks like any other claimed order.
    if (reported?.userId) throw duplicateClaim();

    const claim = await this.deps.repository.insert(manager, {
      userId,
      shopId: shop.id,
      networkId: shop.networkId,
      clickId: click.id,
      clickedAt: click.createdAt,
      orderNumber,
      orderDate: input.orderDate,
      orderAmountMinor: BigInt(input.orderValue.amountMinor),
      currency: input.orderValue.currency,
      note: input.note ? input.note : null,
      state: 'open',
      reason: null,
      conversionId: null,
      deadlineAt: oneMonthAfter(now),
      decidedBy: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
    await this.deps.audit.record(
      {
        action: 'claim_filed',
        actor: { kind: 'user', userId },
        subjectUserId: userId,
        client,
        after: {
          claimId: claim.id,
          shopId: shop.id,
          orderNumber,
          orderDate: input.orderDate,
          amountMinor: input.orderValue.amountMinor,
          currency: input.orderValue.currency,
          clickId: click.id,
        },
      },
      manager,
    );
    return claim;
  }

  /** The visit the claim is for: the one the shopper picked, else their latest before the purchase. */
  private async visitFor(
    manager: EntityManager,
    userId: string,
    shop: Shop,
    input: ClaimCreate,
  ): Promise<ClickRef> {
    const before = endOfOrderDay(input.orderDate);
    if (input.clickId !== undefined) {
      const picked = (await this.deps.clicks.refsByIds(manager, [input.clickId])).get(input.clickId);
      if (!picked || picked.userId !== userId || picked.shopId !== shop.id || picked.createdAt >= before) {
        throw new AppError(
          'CLAIM_CLICK_INVALID',
          422,
          'That visit is not one of yours to this shop before the purchase.',
          { errors: [{ path: 'clickId', message: 'not your visit to this shop before the order date' }] },
        );
      }
      return picked;
    }
    const latest = await this.deps.clicks.latestForShop(manager, userId, shop.id, before);
    if (!latest) {
      throw new AppError(
        'CLAIM_NO_CLICK',
        422,
        'We have no visit of yours to this shop through Vratka before the purchase, so the shop could not have paid cashback for it.',
        { errors: [{ path: 'shop', message: 'no visit through Vratka before the order date' }] },
      );
    }
    return latest;
  }

  async list(userId: string, query: ClaimListQuery): Promise<ClaimPage> {
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    const rows = await this.deps.repository.pageOwned(userId, query.state, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const names = await this.names(page);
    return {
      items: page.map((claim) => this.toView(claim, names)),
      nextCursor: nextTimeCursor(rows, query.limit),
    };
  }

  detail(userId: string, id: string): Promise<ClaimDetail> {
    return this.withThread(
      (manager) => this.deps.repository.findOwned(userId, id, manager),
      (claim, names) => this.toView(claim, names),
    );
  }

  /** A claim (found by `find`, else 404) in its view, with its messages and proofs. */
  private async withThread<V>(
    find: (manager: EntityManager) => Promise<Claim | null>,
    view: (claim: Claim, names: Names) => V,
  ): Promise<V & { messages: ClaimMessage[]; proofs: ClaimProof[] }> {
    const { claim, messages, proofs } = await this.deps.database.run(async (manager) => {
      const found = await find(manager);
      if (!found) throw claimNotFound();
      return {
        claim: found,
        messages: await this.deps.repository.messagesOf(found.id, manager),
        proofs: await this.deps.repository.proofsOf(found.id, manager),
      };
    });
    return {
      ...view(claim, await this.names([claim])),
      messages: messages.map(toMessageView),
      proofs: proofs.map(toProofView),
    };
  }

  /** The shopper answers support: a message, and a claim waiting for them is open again. */
  async answer(userId: string, id: string, body: string, client: ClientInfo): Promise<ClaimDetail> {
    await this.deps.database.transaction(async (manager) => {
      const claim = await this.deps.repository.findByIdForUpdate(manager, id);
      if (!claim || claim.userId !== userId) throw claimNotFound();
      // A message is welcome while the claim is undecided; it reopens a claim waiting for the shopper.
      if (!canStep(claim.state, 'ask')) throw stateConflict(claim.state, 'answered');
      const now = this.deps.clock.now();
      await this.deps.repository.insertMessage(manager, {
        claimId: id,
        author: 'shopper',
        authorUserId: userId,
        body,
        createdAt: now,
      });
      if (claim.state === 'needs_info') {
        if (!(await this.deps.repository.transition(manager, claim, { state: 'open', updatedAt: now }))) {
          throw stateConflict(claim.state, 'answered');
        }
      }
      await this.deps.audit.record(
        {
          action: 'claim_answered',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: { claimId: id, state: 'open' },
        },
        manager,
      );
    });
    return this.detail(userId, id);
  }

  /**
   * A proof of purchase: PDF, PNG or JPEG by its first bytes, at most 5 MB, kept under a random
   * name in the proof directory. The file is written first; a refused or failed row removes it.
   */
  async addProof(
    userId: string,
    id: string,
    content: Buffer,
    declaredName: string | undefined,
    client: ClientInfo,
  ): Promise<ClaimProof> {
    if (content.length === 0) {
      throw new AppError('CLAIM_PROOF_EMPTY', 400, 'Send the file as the request body.');
    }
    if (content.length > CLAIM_PROOF_MAX_BYTES) {
      throw new AppError('BODY_TOO_LARGE', 413, 'A proof may be at most 5 MB.');
    }
    const type = proofTypeOf(content);
    if (!type) {
      throw new AppError(
        'CLAIM_PROOF_TYPE',
        415,
        'Attach the order confirmation or invoice as a PDF, PNG or JPEG file.',
      );
    }
    const owned = await this.deps.database.run((manager) =>
      this.deps.repository.findOwned(userId, id, manager),
    );
    if (!owned) throw claimNotFound();
    if (!canStep(owned.state, 'ask')) throw stateConflict(owned.state, 'attach a proof to');

    const storageKey = randomBytes(24).toString('hex');
    const file = this.proofPath(storageKey);
    await fs.mkdir(this.deps.proofDirectory, { recursive: true, mode: 0o700 });
    await fs.writeFile(file, content, { flag: 'wx', mode: 0o600 });
    try {
      const proof = await this.deps.database.transaction(async (manager) => {
        const claim = await this.deps.repository.findByIdForUpdate(manager, id);
        if (!claim || claim.userId !== userId) throw claimNotFound();
        if (!canStep(claim.state, 'ask')) throw stateConflict(claim.state, 'attach a proof to');
        if ((await this.deps.repository.countProofs(manager, id)) >= MAX_PROOFS) {
          throw new AppError('CLAIM_PROOF_LIMIT', 422, `A claim takes at most ${MAX_PROOFS} files.`);
        }
        const row = await this.deps.repository.insertProof(manager, {
          claimId: id,
          userId,
          fileName: cleanFileName(declaredName, type),
          contentType: type,
          sizeBytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          storageKey,
          createdAt: this.deps.clock.now(),
        });
        await this.deps.audit.record(
          {
            action: 'claim_proof_added',
            actor: { kind: 'user', userId },
            subjectUserId: userId,
            client,
            after: { claimId: id, proofId: row.id, contentType: type, sizeBytes: content.length },
          },
          manager,
        );
        return row;
      });
      return toProofView(proof);
    } catch (error) {
      await fs.rm(file, { force: true });
      throw error;
    }
  }

  /** A proof's bytes, for its owner (`userId`) or for support (null). */
  async proofFile(
    userId: string | null,
    claimId: string,
    proofId: string,
  ): Promise<{ proof: ClaimProof; content: Buffer }> {
    const claim = await this.deps.database.run((manager) =>
      userId === null
        ? this.deps.repository.findById(claimId, manager)
        : this.deps.repository.findOwned(userId, claimId, manager),
    );
    if (!claim) throw claimNotFound();
    const proof = await this.deps.repository.findProof(claimId, proofId);
    if (!proof) throw new AppError('CLAIM_PROOF_NOT_FOUND', 404, 'There is no such file.');
    return { proof: toProofView(proof), content: await fs.readFile(this.proofPath(proof.storageKey)) };
  }

  private proofPath(storageKey: string): string {
    if (!/^[0-9a-f]{48}$/.test(storageKey)) throw new Error('not a proof storage key');
    return path.join(this.deps.proofDirectory, storageKey);
  }

  // ------------------------------------------------------------------------------------------
  // Support

  /** The queue, oldest first, with overdue claims marked. */
  async queue(query: AdminClaimQuery): Promise<AdminClaimPage> {
    let networkId: string | undefined;
    if (query.network !== undefined) {
      const network = await this.deps.networks.findBySlug(query.network);
      if (!network) return { items: [], nextCursor: null };
      networkId = network.id;
    }
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    const rows = await this.deps.repository.search({
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(networkId !== undefined ? { networkId } : {}),
      ...(query.overdue !== undefined
        ? { overdue: { at: this.deps.clock.now(), overdue: query.overdue } }
        : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const names = await this.names(page);
    return {
      items: page.map((claim) => this.toAdminView(claim, names)),
      nextCursor: nextTimeCursor(rows, query.limit),
    };
  }

  adminDetail(id: string): Promise<AdminClaimDetail> {
    return this.withThread(
      (manager) => this.deps.repository.findById(id, manager),
      (claim, names) => this.toAdminView(claim, names),
    );
  }

  /** Support asks the shopper for more; the question is a message of the thread and the mail. */
  askForInformation(id: string, reason: string, actor: ClaimActor): Promise<AdminClaimDetail> {
    return this.decide(id, 'ask', actor, { reason }, async (manager, claim, now) => {
      await this.deps.repository.insertMessage(manager, {
        claimId: claim.id,
        author: 'support',
        authorUserId: actor.userId,
        body: reason,
        createdAt: now,
      });
      return {};
    });
  }

  reject(id: string, reason: string, actor: ClaimActor): Promise<AdminClaimDetail> {
    return this.decide(id, 'reject', actor, { reason }, () => Promise.resolve({}));
  }

  /**
   * Records the order through the conversions entry point, as the network would have reported it
   * (pending, under the claimed visit), in the claim's own transaction: the claim, the conversion,
   * its ledger credit, the audit row and the mail commit together. A conversion that cannot be
   * created (the network reported the order unattributed, with another click id) refuses the
   * acceptance and changes nothing.
   */
  accept(id: string, input: ClaimAccept, actor: ClaimActor): Promise<AdminClaimDetail> {
    return this.decide(id, 'accept', actor, {}, async (manager, claim) => {
      const orderAmountMinor =
        input.orderAmountMinor !== undefined ? BigInt(input.orderAmountMinor) : claim.orderAmountMinor;
      const commissionMinor = BigInt(input.commissionMinor);
      const [outcome] = await this.deps.conversions.record(manager, [
        {
          report: {
            networkId: claim.networkId,
            clickId: claim.clickId,
            orderId: claim.orderNumber,
            orderAmountMinor,
            commissionMinor,
            currency: claim.currency,
            state: 'pending',
            occurredAt: new Date(`${claim.orderDate}T12:00:00Z`),
            reason: null,
            category: null,
          },
          source: { kind: 'claim', reference: `claim:${claim.id}`, actor: `admin:${actor.userId}` },
        },
      ]);
      if (outcome instanceof AppError) throw outcome;
      if (!outcome || outcome.kind !== 'accepted') {
        throw new AppError(
          'CLAIM_CONVERSION_CONFLICT',
          409,
          outcome?.kind === 'unattributed'
            ? 'The claimed visit does not credit this network; the claim was not accepted.'
            : `The network already reported this order (conversion ${outcome?.conversionId ?? '?'}) ` +
                'without the shopper; assign it in the unattributed queue instead.',
          outcome ? { conversionId: outcome.conversionId } : {},
        );
      }
      return {
        conversionId: outcome.conversionId,
        audit: { orderAmountMinor: orderAmountMinor.toString(), commissionMinor: commissionMinor.toString() },
      };
    });
  }

  /**
   * One step by support in one transaction: the claim moves only from the state and revision it
   * was read at (so it is decided at most once, however many clicks race), then the step's own
   * writes, the audit row and the mail to the shopper.
   */
  private async decide(
    id: string,
    step: Extract<ClaimStep, 'ask' | 'accept' | 'reject'>,
    actor: ClaimActor,
    options: { reason?: string },
    work: (
      manager: EntityManager,
      claim: Claim,
      now: Date,
    ) => Promise<{ conversionId?: string; audit?: Record<string, unknown> }>,
  ): Promise<AdminClaimDetail> {
    await this.deps.database.transaction(async (manager) => {
      const claim = await this.deps.repository.findByIdForUpdate(manager, id);
      if (!claim) throw claimNotFound();
      if (claim.userId === actor.userId) {
        throw new AppError('CLAIM_OWN', 403, 'Staff cannot decide their own claim; ask a colleague.');
      }
      if (!canStep(claim.state, step)) throw stateConflict(claim.state, STEP_VERB[step]);
      const now = this.deps.clock.now();
      const to = STEP_TARGET[step];
      // The claim moves first: a concurrent decision changes no row here and is refused before it
      // records anything.
      const moved = await this.deps.repository.transition(manager, claim, {
        state: to,
        updatedAt: now,
        reason: options.reason ?? null,
        ...(step !== 'ask' ? { decidedBy: actor.userId, decidedAt: now } : {}),
      });
      if (!moved) throw stateConflict(claim.state, STEP_VERB[step]);
      const before = { claimId: id, state: claim.state };
      const movedClaim = { ...claim, state: to, revision: claim.revision + 1 };
      const { audit: auditExtra, conversionId } = await work(manager, movedClaim, now);
      if (conversionId !== undefined) {
        await this.deps.repository.transition(manager, movedClaim, {
          state: to,
          updatedAt: now,
          conversionId,
        });
      }
      await this.deps.audit.record(
        {
          action: STEP_AUDIT[step],
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: claim.userId,
          client: actor.client,
          before,
          after: {
            claimId: id,
            state: to,
            ...(options.reason !== undefined ? { reason: options.reason } : {}),
            ...(conversionId !== undefined ? { conversionId } : {}),
            ...auditExtra,
          },
        },
        manager,
      );
      await this.mail(manager, claim, to as ClaimMailKind, options.reason ?? null, now);
    });
    return this.adminDetail(id);
  }

  /**
   * The network reported orders (a `record` call created their conversions): an undecided claim
   * for one of them, whose shopper the order was credited to, is resolved — in the same
   * transaction as the conversion, with its audit row and a mail.
   */
  async resolveReported(manager: EntityManager, created: CreatedConversion[]): Promise<void> {
    const credited = created.filter((conversion) => conversion.userId !== null);
    if (credited.length === 0) return;
    const claims = await this.deps.repository.undecidedForOrders(
      manager,
      credited.map(({ networkId, orderId }) => ({ networkId, orderNumber: orderId })),
    );
    if (claims.length === 0) return;
    const now = this.deps.clock.now();
    for (const claim of claims) {
      const conversion = credited.find(
        (candidate) =>
          candidate.networkId === claim.networkId &&
          candidate.orderId.toLowerCase() === claim.orderNumber.toLowerCase() &&
          candidate.userId === claim.userId,
      );
      if (!conversion) continue;
      const moved = await this.deps.repository.transition(manager, claim, {
        state: 'resolved',
        updatedAt: now,
        conversionId: conversion.conversionId,
        decidedAt: now,
      });
      if (!moved) continue;
      await this.deps.audit.record(
        {
          action: 'claim_resolved',
          actor: { kind: 'system' },
          subjectUserId: claim.userId,
          client: { ip: null, userAgent: null },
          before: { claimId: claim.id, state: claim.state },
          after: { claimId: claim.id, state: 'resolved', conversionId: conversion.conversionId },
        },
        manager,
      );
      await this.mail(manager, claim, 'resolved', null, now);
    }
  }

  // ------------------------------------------------------------------------------------------
  // A shop's window

  async shopSettings(slug: string): Promise<ClaimShopSettings> {
    return this.deps.database.run(async (manager) => {
      const shop = await this.shopBySlug(manager, slug);
      return { claimAfterDays: await this.claimAfterDays(manager, shop.id) };
    });
  }

  async changeShopSettings(
    slug: string,
    input: ClaimShopSettings,
    actor: ClaimActor,
  ): Promise<ClaimShopSettings> {
    await this.deps.database.transaction(async (manager) => {
      const shop = await this.shopBySlug(manager, slug);
      const before = await this.claimAfterDays(manager, shop.id);
      await this.deps.repository.saveShopSetting(manager, {
        shopId: shop.id,
        claimAfterDays: input.claimAfterDays,
        updatedBy: actor.userId,
        updatedAt: this.deps.clock.now(),
      });
      await this.deps.audit.record(
        {
          action: 'claim_settings_changed',
          actor: { kind: 'staff', userId: actor.userId },
          subjectUserId: null,
          client: actor.client,
          before: { shopId: shop.id, claimAfterDays: before },
          after: { shopId: shop.id, claimAfterDays: input.claimAfterDays },
        },
        manager,
      );
    });
    return this.shopSettings(slug);
  }

  // ------------------------------------------------------------------------------------------
  // The claim portals

  /**
   * The network's undecided claims as its claim portal takes them (CSV, one order a line): the
   * order, its date and value, our sub-ID (the click id) and the time of the visit.
   */
  async exportCsv(networkSlug: string): Promise<{ fileName: string; csv: string }> {
    const network = await this.deps.networks.findBySlug(networkSlug);
    if (!network) throw new AppError('NETWORK_NOT_FOUND', 404, 'There is no such network.');
    const claims = await this.deps.repository.undecidedOfNetwork(network.id);
    const shops = await this.shopsById(claims.map((claim) => claim.shopId));
    const clicks = await this.deps.database.transaction((manager) =>
      this.deps.clicks.refsByIds(manager, [...new Set(claims.map((claim) => claim.clickId))]),
    );
    const header = [
      'order_id',
      'order_date',
      'order_value',
      'currency',
      'sub_id',
      'click_time',
      'shop',
      'claim_id',
      'filed_at',
    ];
    const lines = claims.map((claim) =>
      [
        claim.orderNumber,
        claim.orderDate,
        minorToDecimal(claim.orderAmountMinor),
        claim.currency,
        claim.clickId,
        clicks.get(claim.clickId)?.createdAt.toISOString() ?? '',
        shops.get(claim.shopId)?.name ?? '',
        claim.id,
        claim.createdAt.toISOString(),
      ]
        .map(csvField)
        .join(','),
    );
    return {
      fileName: `claims-${network.slug}-${calendarDate(this.deps.clock.now())}.csv`,
      csv: [header.join(','), ...lines].join('\r\n') + '\r\n',
    };
  }

  // ------------------------------------------------------------------------------------------

  private async mail(
    manager: EntityManager,
    claim: Claim,
    kind: ClaimMailKind,
    reason: string | null,
    now: Date,
  ): Promise<void> {
    const user = await this.deps.accounts.findUser(claim.userId, manager);
    if (!user) return;
    const [shop] = await this.deps.shops.findByIds(manager, [claim.shopId]);
    await enqueueMail(
      manager,
      {
        ...claimMail(kind, user.language, user.email, {
          shop: shop?.name ?? '',
          orderNumber: claim.orderNumber,
          reason,
          link: `${this.deps.publicUrl}/claims#claim-${claim.id}`,
        }),
        userId: user.id,
      },
      now,
    );
  }

  private async shopBySlug(manager: EntityManager, slug: string): Promise<Shop> {
    const shop = await this.deps.shops.findBySlug(slug, manager);
    if (!shop) {
      throw new AppError('SHOP_NOT_FOUND', 404, 'There is no such shop.', {
        errors: [{ path: 'shop', message: 'no such shop' }],
      });
    }
    return shop;
  }

  private async claimAfterDays(manager: EntityManager, shopId: string): Promise<number> {
    return (await this.deps.repository.claimAfterDays(shopId, manager)) ?? DEFAULT_CLAIM_AFTER_DAYS;
  }

  private isOverdue(claim: Claim): boolean {
    return UNDECIDED.includes(claim.state) && claim.deadlineAt.getTime() < this.deps.clock.now().getTime();
  }

  private async shopsById(ids: string[]): Promise<Map<string, Shop>> {
    const shops = await this.deps.database.run((manager) => this.deps.shops.findByIds(manager, ids));
    return new Map(shops.map((shop) => [shop.id, shop]));
  }

  private async names(claims: Claim[]): Promise<Names> {
    const shops = await this.shopsById(claims.map((claim) => claim.shopId));
    const networks = await this.deps.networks.findByIds([...new Set(claims.map((claim) => claim.networkId))]);
    return { shops, networks: new Map(networks.map((network) => [network.id, network])) };
  }

  private toView(claim: Claim, names: Names): ClaimView {
    const shop = names.shops.get(claim.shopId);
    return {
      id: claim.id,
      state: claim.state,
      shop: { slug: shop?.slug ?? '', name: shop?.name ?? '' },
      orderNumber: claim.orderNumber,
      orderDate: claim.orderDate,
      orderValue: toMoney(claim.orderAmountMinor, claim.currency),
      note: claim.note,
      click: { id: claim.clickId, createdAt: claim.clickedAt.toISOString() },
      reason: claim.reason,
      purchase: claim.conversionId ? { conversionId: claim.conversionId } : null,
      deadlineAt: claim.deadlineAt.toISOString(),
      createdAt: claim.createdAt.toISOString(),
      updatedAt: claim.updatedAt.toISOString(),
      decidedAt: claim.decidedAt?.toISOString() ?? null,
    };
  }

  private toAdminView(claim: Claim, names: Names): AdminClaim {
    const network = names.networks.get(claim.networkId);
    return {
      ...this.toView(claim, names),
      userId: claim.userId,
      network: { slug: network?.slug ?? '', name: network?.name ?? '' },
      overdue: this.isOverdue(claim),
      decidedBy: claim.decidedBy,
      revision: claim.revision,
    };
  }
}

interface Names {
  shops: Map<string, Shop>;
  networks: Map<string, Network>;
}

const STEP_VERB: Record<ClaimStep, string> = {
  ask: 'asked about',
  answer: 'answered',
  accept: 'accepted',
  reject: 'rejected',
  resolve: 'resolved',
};

const STEP_AUDIT: Record<'ask' | 'accept' | 'reject', AuditAction> = {
  ask: 'claim_info_requested',
  accept: 'claim_accepted',
  reject: 'claim_rejected',
};

function toMessageView(message: ClaimMessageRow): ClaimMessage {
  return {
    id: message.id,
    author: message.author,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  };
}

function toProofView(proof: ClaimProofRow): ClaimProof {
  return {
    id: proof.id,
    fileName: proof.fileName,
    contentType: proof.contentType,
    sizeBytes: proof.sizeBytes,
    createdAt: proof.createdAt.toISOString(),
  };
}

/** A CSV field, quoted when it must be, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function duplicateClaim(): AppError {
  return new AppError('CLAIM_DUPLICATE', 409, 'This order has been claimed already.', {
    errors: [{ path: 'orderNumber', message: 'already claimed' }],
  });
}

function claimNotFound(): AppError {
  return new AppError('CLAIM_NOT_FOUND', 404, 'There is no such claim.');
}

function stateConflict(state: ClaimState, verb: string): AppError {
  return new AppError('CLAIM_STATE_CONFLICT', 409, `This claim is ${state}; it cannot be ${verb} now.`, {
    state,
  });
}
