import type { EntityManager } from 'typeorm';
import { PAYOUT_HOLD_HOURS, type BankAccountCreate } from '@shared/contracts/bank-accounts.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ClientInfo } from '../../platform/http/client-info.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { enqueueMail, type OutboxDispatcher } from '../../platform/mail/outbox.js';
import type { SignedTokens } from '../../platform/security/signed-tokens.js';
import { AccountsRepository, type AccountsService, type User } from '../accounts/index.js';
import type { AuditService } from '../audit/index.js';
import type { BankAccount } from './bank-account.entity.js';
import { bankAccountMail } from './bank-account-mails.js';
import { maskIban, parseBankAccount, type BankDirectory } from './bank-account-number.js';
import { BankAccountsRepository } from './bank-accounts.repository.js';
import { bankDirectory } from './bank-directory.js';

/** What the payouts module needs to pay to an account, and whether it may yet. */
export interface PayoutTarget {
  bankAccountId: string;
  userId: string;
  iban: string;
  bic: string | null;
  holderName: string;
  /** When the shopper confirmed the account through the mailed link; null: not verified. */
  verifiedAt: Date | null;
  /** The last add or removal of any of the shopper's accounts + 72 h; null once that has passed. */
  payoutsBlockedUntil: Date | null;
  /** No payout has been paid to this account yet (finance reviews the first one). */
  firstPayout: boolean;
}

export const PAYOUT_HOLD_MS = PAYOUT_HOLD_HOURS * 3600_000;
export const CONFIRM_LINK_PURPOSE = 'bank-account-confirm';
const CONFIRM_LINK_TTL_S = 7 * 24 * 3600;
/** Active accounts per shopper; more is a sign of abuse, not of need. */
const MAX_ACTIVE_ACCOUNTS = 5;

const notFound = () => new AppError('NOT_FOUND', 404, 'There is no such bank account.');
const invalidLink = () => new AppError('LINK_INVALID', 400, 'This link is invalid, expired or already used.');

export interface BankAccountsDeps {
  database: Database;
  clock: Clock;
  tokens: SignedTokens;
  audit: AuditService;
  accounts: AccountsService;
  outbox: OutboxDispatcher;
  publicUrl: string;
  /** The Czech and Slovak bank codes; the list shipped in `server/data/banks` unless a test says otherwise. */
  banks?: BankDirectory;
}

export interface SharedIban {
  iban: string;
  bic: string | null;
  users: number;
  accounts: BankAccount[];
}

/** The end of the hold after the latest add or removal of any of the accounts, or null once passed. */
export function payoutsBlockedUntil(accounts: readonly BankAccount[], now: Date): Date | null {
  let latest = 0;
  for (const account of accounts) {
    latest = Math.max(latest, account.createdAt.getTime(), account.removedAt?.getTime() ?? 0);
  }
  if (latest === 0) return null;
  const until = new Date(latest + PAYOUT_HOLD_MS);
  return until > now ? until : null;
}

/**
 * The shopper's bank accounts: added as an IBAN or a Czech domestic number, confirmed through a
 * signed link mailed to the shopper, removed (never deleted). Every change is audited and mailed
 * in its transaction, and holds payouts for 72 hours.
 */
export class BankAccountsService {
  private readonly repository: BankAccountsRepository;
  private readonly users: AccountsRepository;
  private readonly banks: BankDirectory;

  constructor(private readonly deps: BankAccountsDeps) {
    this.repository = new BankAccountsRepository(deps.database);
    this.users = new AccountsRepository(deps.database);
    this.banks = deps.banks ?? bankDirectory();
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private async owner(userId: string): Promise<User> {
    const user = await this.deps.accounts.findUser(userId);
    if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
    return user;
  }

  private links(token?: string) {
    const page = `${this.deps.publicUrl}/bank-accounts`;
    return {
      // The token travels in the fragment: it never reaches server logs or the Referer header.
      link: token === undefined ? page : `${page}#token=${encodeURIComponent(token)}`,
      securityLink: `${this.deps.publicUrl}/settings`,
    };
  }

  /** The owner's accounts that are not removed, and until when payouts wait. */
  async list(userId: string): Promise<{ items: BankAccount[]; payoutsBlockedUntil: Date | null }> {
    const all = await this.repository.allOf(userId);
    return {
      items: all.filter((account) => account.removedAt === null),
      payoutsBlockedUntil: payoutsBlockedUntil(all, this.now()),
    };
  }

  async add(userId: string, input: BankAccountCreate, client: ClientInfo): Promise<BankAccount> {
    const parsed = parseBankAccount(input.account, this.banks);
    if (!parsed.ok) {
      throw new AppError(`BANK_ACCOUNT_${parsed.problem}`, 400, parsed.message, {
        errors: [{ path: 'account', message: parsed.message }],
      });
    }
    const now = this.now();
    const saved = await this.deps.database.transaction(async (manager) => {
      // The shopper's row is locked until commit, so two adds at once cannot both pass the checks below.
      const user = await this.users.lockUser(userId, manager);
      if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such account.');
      const active = await this.repository.activeOf(userId, manager);
      if (active.some((account) => account.iban === parsed.account.iban)) {
        const message = 'You have added this account already.';
        throw new AppError('BANK_ACCOUNT_EXISTS', 409, message, {
          errors: [{ path: 'account', message }],
        });
      }
      if (active.length >= MAX_ACTIVE_ACCOUNTS) {
        throw new AppError(
          'TOO_MANY_BANK_ACCOUNTS',
          409,
          `Remove an account first; at most ${MAX_ACTIVE_ACCOUNTS} can be active.`,
        );
      }
      const account = await this.repository.insert(manager, {
        userId,
        iban: parsed.account.iban,
        bic: parsed.account.bic,
        holderName: input.holderName,
        domesticNumber: parsed.account.domestic,
        createdAt: now,
        verifiedAt: null,
        removedAt: null,
        firstPaidAt: null,
      });
      await this.deps.audit.record(
        {
          action: 'bank_account_added',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: auditView(account),
        },
        manager,
      );
      const token = this.deps.tokens.sign({
        purpose: CONFIRM_LINK_PURPOSE,
        subject: userId,
        expiresAt: Math.floor(now.getTime() / 1000) + CONFIRM_LINK_TTL_S,
        data: { bankAccountId: account.id, iban: account.iban },
      });
      await this.mail(manager, user, 'added', account, token, now);
      return account;
    });
    this.deps.outbox.kick();
    return saved;
  }

  /** Mails a new confirmation link for an account not confirmed yet. */
  async resendConfirmation(userId: string, bankAccountId: string): Promise<void> {
    const user = await this.owner(userId);
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const account = await this.repository.findActive(userId, bankAccountId, manager);
      if (!account) throw notFound();
      if (account.verifiedAt) return;
      const token = this.deps.tokens.sign({
        purpose: CONFIRM_LINK_PURPOSE,
        subject: userId,
        expiresAt: Math.floor(now.getTime() / 1000) + CONFIRM_LINK_TTL_S,
        data: { bankAccountId: account.id, iban: account.iban },
      });
      await this.mail(manager, user, 'added', account, token, now);
    });
    this.deps.outbox.kick();
  }

  /**
   * Confirms an account from the mailed link: the link must be the logged-in shopper's, for an
   * account they still have with the same IBAN. A second use changes nothing.
   */
  async confirm(userId: string, token: string, client: ClientInfo): Promise<BankAccount> {
    const payload = this.deps.tokens.verify(token, CONFIRM_LINK_PURPOSE, this.now());
    const bankAccountId = payload?.data?.bankAccountId;
    if (!payload || payload.subject !== userId || bankAccountId === undefined) throw invalidLink();
    const user = await this.owner(userId);
    const now = this.now();
    const confirmed = await this.deps.database.transaction(async (manager) => {
      const account = await this.repository.findActive(userId, bankAccountId, manager);
      if (!account || account.iban !== payload.data?.iban) throw invalidLink();
      if (account.verifiedAt) return account;
      await this.repository.markVerified(manager, userId, account.id, now);
      await this.deps.audit.record(
        {
          action: 'bank_account_confirmed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          after: { ...auditView(account), verifiedAt: now.toISOString() },
        },
        manager,
      );
      await this.mail(manager, user, 'confirmed', account, undefined, now);
      return { ...account, verifiedAt: now };
    });
    this.deps.outbox.kick();
    return confirmed;
  }

  /** Marks the account removed (payouts keep naming it); another shopper's id is 404. */
  async remove(userId: string, bankAccountId: string, client: ClientInfo): Promise<void> {
    const user = await this.owner(userId);
    const now = this.now();
    await this.deps.database.transaction(async (manager) => {
      const account = await this.repository.findActive(userId, bankAccountId, manager);
      if (!account) throw notFound();
      await this.repository.markRemoved(manager, userId, account.id, now);
      await this.deps.audit.record(
        {
          action: 'bank_account_removed',
          actor: { kind: 'user', userId },
          subjectUserId: userId,
          client,
          before: auditView(account),
        },
        manager,
      );
      await this.mail(manager, user, 'removed', account, undefined, now);
    });
    this.deps.outbox.kick();
  }

  /**
   * For the payouts module: the account to pay to, or null when it is not the shopper's or was
   * removed. Within `manager`'s transaction the account row stays locked (MySQL/MariaDB) until
   * commit, so it cannot be removed under a payout being requested.
   */
  async payoutTarget(
    userId: string,
    bankAccountId: string,
    manager?: EntityManager,
  ): Promise<PayoutTarget | null> {
    const account = await this.repository.findActive(userId, bankAccountId, manager);
    if (!account) return null;
    const all = await this.repository.allOf(userId, manager);
    return {
      bankAccountId: account.id,
      userId: account.userId,
      iban: account.iban,
      bic: account.bic,
      holderName: account.holderName,
      verifiedAt: account.verifiedAt,
      payoutsBlockedUntil: payoutsBlockedUntil(all, this.now()),
      firstPayout: account.firstPaidAt === null,
    };
  }

  /** For the payouts module, in the transaction that marks a payout paid: the first one sets the date. */
  async markPaidTo(manager: EntityManager, userId: string, bankAccountId: string, at: Date): Promise<void> {
    await this.repository.markFirstPaid(manager, userId, bankAccountId, at);
  }

  /** Staff: IBANs entered by more than one shopper, in IBAN order, keyset-paginated. */
  async sharedIbans(
    limit: number,
    cursor: string | undefined,
  ): Promise<{ items: SharedIban[]; nextCursor: string | null }> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['iban']);
    const ibans = await this.repository.sharedIbans(limit + 1, after?.iban);
    const page = ibans.slice(0, limit);
    const accounts = await this.repository.withIbans(page);
    const items = page.map((iban) => {
      const using = accounts.filter((account) => account.iban === iban);
      return {
        iban,
        bic: using.find((account) => account.bic !== null)?.bic ?? null,
        users: new Set(using.map((account) => account.userId)).size,
        accounts: using,
      };
    });
    return {
      items,
      nextCursor: ibans.length > limit && page.length > 0 ? encodeCursor({ iban: page.at(-1)! }) : null,
    };
  }

  private async mail(
    manager: EntityManager,
    user: User,
    kind: 'added' | 'confirmed' | 'removed',
    account: BankAccount,
    token: string | undefined,
    now: Date,
  ): Promise<void> {
    await enqueueMail(
      manager,
      {
        ...bankAccountMail(kind, user.language, user.email, {
          account: maskIban(account.iban),
          ...this.links(token),
        }),
        userId: user.id,
      },
      now,
    );
  }
}

/** What the audit log keeps of an account: enough to recognise it, not the full number. */
function auditView(account: BankAccount) {
  return {
    id: account.id,
    iban: maskIban(account.iban),
    bic: account.bic,
    holderName: account.holderName,
  };
}
