import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  AdminPayout,
  AdminPayoutQuery,
  Payout as PayoutView,
  PayoutPage,
  PayoutRequest,
  PayoutState,
} from '@shared/contracts/payouts.js';
import type { Currency } from '@shared/markets.js';
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
import { maskIban, type PayoutTarget } from '../bank-accounts/index.js';
import type { Ledger, Posting } from '../ledger/index.js';
import type { MarketsRepository } from '../markets/index.js';
import { payoutMail, type PayoutMailKind } from './payout-mails.js';
import {
  endToEndIdOf,
  nextState,
  PAYOUT_TRANSITIONS,
  payoutLedgerKey,
  variableSymbolOf,
  type PayoutTransition,
} from './payout-state.js';
import type { Payout } from './payout.entity.js';
import type { PayoutsRepository } from './payouts.repository.js';

/** What payouts need of the bank accounts module (its `BankAccountsService` provides it). */
export interface PayoutTargets {
  payoutTarget(userId: string, bankAccountId: string, manager?: EntityManager): Promise<PayoutTarget | null>;
  markPaidTo(manager: EntityManager, userId: string, bankAccountId: string, at: Date): Promise<void>;
}

export interface PayoutsDeps {
  database: Database;
  clock: Clock;
  ledger: Ledger;
  audit: AuditService;
  accounts: AccountsService;
  bankAccounts: PayoutTargets;
  markets: MarketsRepository;
  repository: PayoutsRepository;
  publicUrl: string;
}

/** Who acts: the shopper themselves, or a staff member of the finance queue. */
export interface PayoutActor {
  userId: string;
  kind: 'user' | 'staff';
  client: ClientInfo;
}

/** A request's answer: the payout, and whether the key was seen before (a replay). */
export interface RequestOutcome {
  payout: PayoutView;
  replayed: boolean;
}

/** Thrown inside the request's transaction to undo it when the key turns out to be taken. */
class KeyTaken extends Error {}

const AUDIT_ACTION: Record<PayoutTransition, AuditAction | null> = {
  approve: 'payout_approved',
  reject: 'payout_rejected',
  cancel: 'payout_cancelled',
  export: 'payout_exported',
  paid: 'payout_paid',
  failed: 'payout_failed',
};

/**
 * Payouts: the shopper asks for available cashback to be sent to a confirmed bank account; the
 * money is held (available → payout_hold) in the same transaction as the request, and every later
 * step is one conditional UPDATE of the payout, one ledger transfer keyed `payout:<id>:<step>`, one
 * audit row and one mail to the shopper — together or not at all.
 */
export class PayoutsService {
  constructor(private readonly deps: PayoutsDeps) {}

  /**
   * A payout request, idempotent by the client's key: the same key with the same body answers the
   * payout it made; with another body it is refused (422). A request that was refused made nothing,
   * so its key may be used again.
   */
  async request(
    userId: string,
    idempotencyKey: string,
    input: PayoutRequest,
    client: ClientInfo,
  ): Promise<RequestOutcome> {
    const requestHash = hashOf(input);
    try {
      return await this.deps.database.transaction((manager) =>
        this.requestIn(manager, userId, idempotencyKey, requestHash, input, client),
      );
    } catch (error) {
      if (!(error instanceof KeyTaken) && !isUniqueViolation(error)) throw error;
      // A concurrent request with this key committed first: answer what it made.
      const existing = await this.deps.database.run((manager) =>
        this.deps.repository.findByKey(manager, userId, idempotencyKey),
      );
      if (!existing) throw error;
      return { payout: this.replay(existing, requestHash), replayed: true };
    }
  }

  private async requestIn(
    manager: EntityManager,
    userId: string,
    idempotencyKey: string,
    requestHash: string,
    input: PayoutRequest,
    client: ClientInfo,
  ): Promise<RequestOutcome> {
    const { currency } = input.amount;
    const amount = BigInt(input.amount.amountMinor);
    // First lock what the shopper can withdraw: their requests queue up here, one after another
    // (on SQLite the single writer already serialises them).
    const [available, debt] = await this.deps.ledger.balancesForUpdate(manager, [
      { kind: 'available', userId, currency },
      { kind: 'debt', userId, currency },
    ]);
    const existing = await this.deps.repository.findByKey(manager, userId, idempotencyKey);
    if (existing) return { payout: this.replay(existing, requestHash), replayed: true };

    const user = await this.deps.accounts.findUser(userId, manager);
    if (!user) throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
    if (!user.emailVerifiedAt) {
      throw new AppError(
        'EMAIL_NOT_VERIFIED',
        403,
        'Confirm your e-mail address before asking for a payout.',
      );
    }
    const now = this.deps.clock.now();
    const target = await this.usableTarget(manager, userId, input.bankAccountId, now);
    const market = await this.deps.markets.byCurrency(currency, manager);
    if (!market) throw new AppError('PAYOUT_CURRENCY_UNSUPPORTED', 422, `We pay out no ${currency}.`);
    if (amount < market.minimumPayoutMinor) {
      throw new AppError(
        'PAYOUT_BELOW_MINIMUM',
        422,
        `The smallest payout in ${currency} is ${minorToDecimal(market.minimumPayoutMinor)}.`,
        {
          minimum: toMoney(market.minimumPayoutMinor, currency),
          errors: [{ path: 'amount.amountMinor', message: 'below the minimum payout' }],
        },
      );
    }
    // A debt (a reversal after an earlier payout) is owed first; `available` is never below zero (I3).
    const withdrawable = available! + debt! > 0n ? available! + debt! : 0n;
    if (amount > withdrawable) throw insufficientFunds(withdrawable, currency);

    const id = await this.deps.repository.insert(manager, {
      userId,
      bankAccountId: target.bankAccountId,
      currency,
      amountMinor: amount,
      state: 'requested',
      idempotencyKey,
      requestHash,
      reason: null,
      firstPayout: target.firstPayout,
      iban: target.iban,
      bic: target.bic,
      holderName: target.holderName,
      approvedBy: null,
      approvedAt: null,
      resolvedAt: null,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
    const references = { reference: variableSymbolOf(id), endToEndId: endToEndIdOf(id) };
    await this.deps.repository.setReferences(manager, id, references);
    const payout = (await this.deps.repository.findOwned(manager, userId, id))!;

    await this.deps.audit.record(
      {
        action: 'payout_requested',
        actor: { kind: 'user', userId },
        subjectUserId: userId,
        client,
        after: {
          payoutId: id,
          amountMinor: amount.toString(),
          currency,
          bankAccountId: target.bankAccountId,
          reference: references.reference,
        },
      },
      manager,
    );
    await this.mail(manager, payout, 'requested', now);
    // Last: the balance UPDATE locks the rows until commit. It also refuses to take `available`
    // below zero, whatever raced the check above.
    try {
      const posted = await this.deps.ledger.post(manager, {
        idempotencyKey: payoutLedgerKey(id, 'hold'),
        code: 'payout_hold',
        currency,
        userId,
        reference: `payout:${id}`,
        createdBy: `user:${userId}`,
        postings: [
          { account: { kind: 'available', userId, currency }, amountMinor: -amount },
          { account: { kind: 'payout_hold', userId, currency }, amountMinor: amount },
        ],
      });
      if (posted.duplicate) throw new KeyTaken();
    } catch (error) {
      if (error instanceof AppError && error.code === 'LEDGER_INSUFFICIENT_FUNDS') {
        throw insufficientFunds(withdrawable, currency);
      }
      throw error;
    }
    return { payout: toView(payout), replayed: false };
  }

  /** The same key again: the same body answers the payout it made, another body is refused. */
  private replay(existing: Payout, requestHash: string): PayoutView {
    if (existing.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'This Idempotency-Key was already used for a different payout request; use a new key.',
      );
    }
    return toView(existing);
  }

  /** The account, which must be the shopper's, confirmed, and out of the 72-hour block. */
  private async usableTarget(
    manager: EntityManager,
    userId: string,
    bankAccountId: string,
    now: Date,
  ): Promise<PayoutTarget> {
    const target = await this.deps.bankAccounts.payoutTarget(userId, bankAccountId, manager);
    if (!target || target.userId !== userId) {
      throw new AppError('BANK_ACCOUNT_NOT_FOUND', 404, 'There is no such bank account.', {
        errors: [{ path: 'bankAccountId', message: 'not one of your bank accounts' }],
      });
    }
    if (!target.verifiedAt) {
      throw new AppError(
        'BANK_ACCOUNT_NOT_VERIFIED',
        409,
        'Confirm this bank account through the link we e-mailed you before asking for a payout to it.',
        { errors: [{ path: 'bankAccountId', message: 'not confirmed yet' }] },
      );
    }
    if (target.payoutsBlockedUntil && target.payoutsBlockedUntil.getTime() > now.getTime()) {
      throw new AppError(
        'BANK_ACCOUNT_RECENTLY_CHANGED',
        409,
        'Your bank accounts changed recently; for your safety payouts are possible again after 72 hours.',
        { allowedAt: target.payoutsBlockedUntil.toISOString() },
      );
    }
    return target;
  }

  /** The shopper's payouts, newest first. */
  async history(userId: string, limit: number, cursor: string | undefined): Promise<PayoutPage> {
    const after = cursor === undefined ? undefined : decodeTimeCursor(cursor);
    const rows = await this.deps.repository.pageOwned(userId, after, limit + 1);
    return pageOf(rows, limit, toView);
  }

  /** The shopper takes back a request finance has not approved yet. */
  cancel(userId: string, payoutId: string, client: ClientInfo): Promise<PayoutView> {
    return this.move(payoutId, 'cancel', { userId, kind: 'user', client }, { owner: userId }).then(toView);
  }

  /** The finance queue, oldest first. */
  async queue(query: AdminPayoutQuery): Promise<{ items: AdminPayout[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    const rows = await this.deps.repository.search({
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.currency !== undefined ? { currency: query.currency } : {}),
      ...(query.firstPayout !== undefined ? { firstPayout: query.firstPayout } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, toAdminView);
  }

  /** Four eyes: finance approves another shopper's payout, never their own. */
  approve(payoutId: string, actor: PayoutActor): Promise<AdminPayout> {
    return this.move(payoutId, 'approve', actor).then(toAdminView);
  }

  reject(payoutId: string, reason: string, actor: PayoutActor): Promise<AdminPayout> {
    return this.move(payoutId, 'reject', actor, { reason }).then(toAdminView);
  }

  paid(payoutId: string, actor: PayoutActor): Promise<AdminPayout> {
    return this.move(payoutId, 'paid', actor).then(toAdminView);
  }

  /**
   * The same step as `paid`, inside the caller's transaction: a bank statement import pays each
   * payout its lines name and records those lines together, all or nothing.
   */
  paidWithin(manager: EntityManager, payoutId: string, actor: PayoutActor): Promise<AdminPayout> {
    return this.move(payoutId, 'paid', actor, {}, manager).then(toAdminView);
  }

  failed(payoutId: string, reason: string, actor: PayoutActor): Promise<AdminPayout> {
    return this.move(payoutId, 'failed', actor, { reason }).then(toAdminView);
  }

  /**
   * One step of the state machine in one transaction: the payout moves only from the state and
   * revision it was read at (so it resolves at most once, I7), then the audit row, the mail and,
   * last, the ledger transfer.
   */
  private async move(
    payoutId: string,
    transition: PayoutTransition,
    actor: PayoutActor,
    options: { owner?: string; reason?: string } = {},
    within?: EntityManager,
  ): Promise<Payout> {
    const step = async (manager: EntityManager): Promise<Payout> => {
      const payout = await this.deps.repository.findByIdForUpdate(manager, payoutId);
      // Another shopper's payout does not exist for this one.
      if (!payout || (options.owner !== undefined && payout.userId !== options.owner)) throw payoutNotFound();
      if (actor.kind === 'staff' && payout.userId === actor.userId) {
        throw new AppError('PAYOUT_OWN', 403, 'Staff cannot handle their own payout; ask a colleague.');
      }
      const to = nextState(payout.state, transition);
      if (!to) throw stateConflict(payout.state, transition);
      await this.assertOutOfUnfinishedBatch(manager, payout);
      const now = this.deps.clock.now();
      const changes = {
        state: to,
        updatedAt: now,
        ...(options.reason !== undefined ? { reason: options.reason } : {}),
        ...(transition === 'approve' ? { approvedBy: actor.userId, approvedAt: now } : {}),
        ...(PAYOUT_TRANSITIONS[transition].hold !== 'keep' ? { resolvedAt: now } : {}),
      };
      if (!(await this.deps.repository.transition(manager, payout, changes))) {
        throw stateConflict(payout.state, transition);
      }
      const before = { payoutId, state: payout.state };
      Object.assign(payout, changes, { revision: payout.revision + 1 });

      const action = AUDIT_ACTION[transition];
      if (action) {
        await this.deps.audit.record(
          {
            action,
            actor: { kind: actor.kind, userId: actor.userId },
            subjectUserId: payout.userId,
            client: actor.client,
            before,
            after: {
              payoutId,
              state: payout.state,
              amountMinor: payout.amountMinor.toString(),
              currency: payout.currency,
              ...(options.reason !== undefined ? { reason: options.reason } : {}),
            },
          },
          manager,
        );
      }
      if (to !== 'exported') await this.mail(manager, payout, to, now);
      if (transition === 'paid') {
        await this.deps.bankAccounts.markPaidTo(manager, payout.userId, payout.bankAccountId, now);
      }
      await this.postHoldOutcome(manager, payout, transition, actor);
      return payout;
    };
    return within ? step(within) : this.deps.database.transaction(step);
  }

  /**
   * A payout a batch has claimed moves only with that batch until the batch's files are made: the
   * export is under way, and no one can have sent money for it yet.
   */
  private async assertOutOfUnfinishedBatch(manager: EntityManager, payout: Payout): Promise<void> {
    if (payout.batchId === null) return;
    if (payout.state === 'approved') {
      throw new AppError(
        'PAYOUT_BEING_EXPORTED',
        409,
        `This payout is being exported in batch ${payout.batchId}; wait until its files are ready.`,
        { batchId: payout.batchId },
      );
    }
    if ((await this.deps.repository.batchState(manager, payout.batchId)) !== 'ready') {
      throw new AppError(
        'PAYOUT_BATCH_UNFINISHED',
        409,
        `The files of batch ${payout.batchId} are not made yet; finish the batch first.`,
        { batchId: payout.batchId },
      );
    }
  }

  /**
   * The export step of one payout a batch claimed, inside the batch's transaction: approved →
   * exported from the revision it was read at, with an audit row naming the batch. No money moves
   * and no mail goes out (the shopper sees "being sent"). False when the payout had moved on.
   */
  async markExported(
    manager: EntityManager,
    payout: Payout,
    batchId: string,
    actor: PayoutActor,
  ): Promise<boolean> {
    if (payout.batchId !== batchId || nextState(payout.state, 'export') === null) return false;
    const now = this.deps.clock.now();
    const changes = { state: 'exported' as const, updatedAt: now };
    if (!(await this.deps.repository.transition(manager, payout, changes))) return false;
    await this.deps.audit.record(
      {
        action: 'payout_exported',
        actor: { kind: actor.kind, userId: actor.userId },
        subjectUserId: payout.userId,
        client: actor.client,
        before: { payoutId: payout.id, state: payout.state },
        after: {
          payoutId: payout.id,
          state: 'exported',
          batchId,
          amountMinor: payout.amountMinor.toString(),
          currency: payout.currency,
        },
      },
      manager,
    );
    Object.assign(payout, changes, { revision: payout.revision + 1 });
    return true;
  }

  /**
   * The held money goes out (`payout_paid`: hold → paid_out) or comes back (`payout_released`:
   * hold → available, first paying off any debt a reversal left since the request, I9).
   */
  private async postHoldOutcome(
    manager: EntityManager,
    payout: Payout,
    transition: PayoutTransition,
    actor: PayoutActor,
  ): Promise<void> {
    const outcome = PAYOUT_TRANSITIONS[transition].hold;
    if (outcome === 'keep') return;
    const { userId, currency, amountMinor: amount } = payout;
    let postings: Posting[];
    if (outcome === 'pay') {
      postings = [
        { account: { kind: 'payout_hold', userId, currency }, amountMinor: -amount },
        { account: { kind: 'paid_out', userId, currency }, amountMinor: amount },
      ];
    } else {
      // Locked in the same order as a request locks them, so the two never wait on each other crosswise.
      const [, debt] = await this.deps.ledger.balancesForUpdate(manager, [
        { kind: 'available', userId, currency },
        { kind: 'debt', userId, currency },
      ]);
      const owed = -debt!;
      const toDebt = owed > 0n ? (owed < amount ? owed : amount) : 0n;
      postings = [
        { account: { kind: 'payout_hold', userId, currency }, amountMinor: -amount },
        { account: { kind: 'available', userId, currency }, amountMinor: amount - toDebt },
        { account: { kind: 'debt', userId, currency }, amountMinor: toDebt },
      ];
    }
    const posted = await this.deps.ledger.post(manager, {
      idempotencyKey: payoutLedgerKey(payout.id, transition),
      code: outcome === 'pay' ? 'payout_paid' : 'payout_released',
      currency,
      userId,
      reference: `payout:${payout.id}`,
      createdBy: `${actor.kind === 'staff' ? 'admin' : 'user'}:${actor.userId}`,
      ...(payout.reason ? { reason: payout.reason } : {}),
      // A leg of zero is refused by the ledger (e.g. no debt to net).
      postings: postings.filter((posting) => posting.amountMinor !== 0n),
    });
    // The payout moved from the state it was read at, so its transfer cannot exist yet.
    if (posted.duplicate) throw new Error(`payout ${payout.id}: ${transition} was posted already`);
  }

  private async mail(manager: EntityManager, payout: Payout, kind: PayoutMailKind, now: Date): Promise<void> {
    const user = await this.deps.accounts.findUser(payout.userId, manager);
    if (!user) return;
    await enqueueMail(
      manager,
      {
        ...payoutMail(
          kind,
          user.language,
          user.email,
          {
            amountMinor: payout.amountMinor,
            currency: payout.currency,
            reference: payout.reference ?? payout.id,
            reason: payout.reason,
          },
          `${this.deps.publicUrl}/payouts`,
        ),
        userId: user.id,
      },
      now,
    );
  }
}

/** The request body's fingerprint: a replay must match it exactly. */
function hashOf(input: PayoutRequest): string {
  const canonical = JSON.stringify([input.bankAccountId, input.amount.amountMinor, input.amount.currency]);
  return createHash('sha256').update(canonical).digest('hex');
}

function pageOf<T>(rows: Payout[], limit: number, view: (payout: Payout) => T) {
  return { items: rows.slice(0, limit).map(view), nextCursor: nextTimeCursor(rows, limit) };
}

function toView(payout: Payout): PayoutView {
  return {
    id: payout.id,
    state: payout.state,
    amount: toMoney(payout.amountMinor, payout.currency),
    reference: payout.reference ?? '',
    bankAccount: { id: payout.bankAccountId, iban: maskIban(payout.iban), holderName: payout.holderName },
    reason: payout.reason,
    firstPayout: payout.firstPayout,
    createdAt: payout.createdAt.toISOString(),
    approvedAt: payout.approvedAt?.toISOString() ?? null,
    resolvedAt: payout.resolvedAt?.toISOString() ?? null,
  };
}

function toAdminView(payout: Payout): AdminPayout {
  return {
    ...toView(payout),
    userId: payout.userId,
    bankAccount: {
      id: payout.bankAccountId,
      iban: payout.iban,
      bic: payout.bic,
      holderName: payout.holderName,
    },
    endToEndId: payout.endToEndId ?? '',
    approvedBy: payout.approvedBy,
    updatedAt: payout.updatedAt.toISOString(),
    revision: payout.revision,
  };
}

function insufficientFunds(withdrawable: bigint, currency: Currency): AppError {
  return new AppError(
    'PAYOUT_INSUFFICIENT_FUNDS',
    422,
    `You can withdraw at most ${minorToDecimal(withdrawable)} ${currency} now.`,
    {
      available: toMoney(withdrawable, currency),
      errors: [{ path: 'amount.amountMinor', message: 'more than you have available' }],
    },
  );
}

function payoutNotFound(): AppError {
  return new AppError('PAYOUT_NOT_FOUND', 404, 'There is no such payout.');
}

function stateConflict(state: PayoutState, transition: PayoutTransition): AppError {
  return new AppError(
    'PAYOUT_STATE_CONFLICT',
    409,
    `This payout is ${state}; it cannot be ${PAST_TENSE[transition]} now.`,
    { state },
  );
}

const PAST_TENSE: Record<PayoutTransition, string> = {
  approve: 'approved',
  reject: 'rejected',
  cancel: 'cancelled',
  export: 'exported',
  paid: 'marked paid',
  failed: 'marked failed',
};
