import type { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { assertStorableAmount } from '../../platform/db/transformers.js';
import { isUniqueViolation, TransactionConflict } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/errors.js';
import type { LedgerTransfer } from './ledger-transfer.entity.js';
import { accountRowOf, BALANCE_RULE, type AccountRow, type BalanceRule } from './ledger-accounts.js';
import { runLedgerChecks } from './ledger-checks.js';
import { reportOf, type LedgerReport } from './ledger-report.js';
import { LedgerRepository, sqlDateTime, type KindBalance } from './ledger.repository.js';
import {
  SYSTEM_ACCOUNT_KINDS,
  TRANSFER_CODES,
  USER_ACCOUNT_KINDS,
  type AccountRef,
  type PostResult,
  type TransferRequest,
  type TransferView,
  type UserBalances,
} from './ledger.types.js';

export type {
  AccountKind,
  AccountRef,
  Posting,
  PostResult,
  TransferCode,
  TransferRequest,
  TransferView,
  UserAccountKind,
  UserBalances,
} from './ledger.types.js';
export type { LedgerCheck, LedgerReport } from './ledger-report.js';

export interface LedgerOptions {
  /** How many account key → id pairs to remember (least recently used go first). */
  accountCacheSize?: number;
}

/** A posting after validation: the account's stored form and its rule. */
interface CheckedPosting {
  account: AccountRow;
  amountMinor: bigint;
  rule: BalanceRule;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const NUMERIC_ID = /^[1-9]\d{0,17}$/;
const ACCOUNT_KINDS: ReadonlySet<string> = new Set([...USER_ACCOUNT_KINDS, ...SYSTEM_ACCOUNT_KINDS]);

/** A programming error in the caller's request: nothing was written, and retrying cannot help. */
function invalid(code: string, message: string): AppError {
  return new AppError(code, 500, message);
}

/**
 * The only writer of balances (DESIGN §7, README.md beside this file). `post` runs inside the
 * caller's transaction so that a cause and its money commit or roll back together; every balance
 * moves by an atomic conditional UPDATE, so concurrent transfers can never overdraw an account, on
 * one server or on a Galera cluster. Construct one per database and share it: it keeps the account
 * id cache and registers a transaction subscriber on the data source.
 */
export class Ledger {
  private readonly repository: LedgerRepository;
  /** Ids of accounts known to be committed; an id is a hint checked by every balance UPDATE. */
  private readonly committedIds: AccountIdCache;
  /** Ids resolved inside a transaction that has not committed yet (the row may still vanish). */
  private readonly uncommittedIds = new WeakMap<QueryRunner, Map<string, string>>();
  /** Balances a transaction holds locked, as they stand in it (read once, then kept up to date). */
  private readonly lockedInTransaction = new WeakMap<QueryRunner, Map<string, bigint>>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    options: LedgerOptions = {},
  ) {
    this.repository = new LedgerRepository(database);
    this.committedIds = new AccountIdCache(options.accountCacheSize ?? 100_000);
    database.dataSource.subscribers.push(this.transactionListener());
  }

  /**
   * Posts one transfer in the caller's transaction (`manager` from `database.transaction`).
   * Returns `duplicate: true`, writing nothing, when the idempotency key was posted before with the
   * same content; throws LEDGER_IDEMPOTENCY_CONFLICT (409) when it was posted with other content,
   * LEDGER_INSUFFICIENT_FUNDS (409) when a balance would cross zero against its rule (the caller's
   * transaction must then roll back, which rethrowing does), and a 500 AppError for a malformed
   * request. Call it as the last statement before commit: it locks the hot system accounts.
   */
  async post(manager: EntityManager, request: TransferRequest): Promise<PostResult> {
    const runner = transactionRunnerOf(manager, 'post');
    const postings = checkRequest(request);
    const now = sqlDateTime(this.clock.now());
    const transferId = await this.repository.insertTransfer(
      runner,
      {
        idempotencyKey: request.idempotencyKey,
        code: request.code,
        currency: request.currency,
        userId: request.userId,
        reference: request.reference ?? null,
        createdBy: request.createdBy,
        reason: request.reason ?? null,
      },
      now,
    );
    if (transferId === undefined) return this.alreadyPosted(runner, request, postings);

    const ids = await this.accountIdsOf(runner, postings, now);
    const idOf = (posting: CheckedPosting) => ids.get(posting.account.key)!;
    await this.repository.insertEntries(
      runner,
      postings.map((posting) => ({
        transferId,
        accountId: idOf(posting),
        userId: posting.account.userId,
        amountMinor: posting.amountMinor,
      })),
      now,
    );
    // Only shoppers' accounts keep a cached balance. System accounts (receivables, platform, bank)
    // take part in every transfer; caching theirs would make every transaction queue on the same
    // few rows. Their balance is the sum of their entries (`balanceOf`, `ledger:verify`).
    const cached = postings.filter((posting) => posting.rule !== 'any');
    const changed =
      cached.length === 0
        ? 0
        : await this.repository.applyBalances(
            runner,
            cached.map((posting) => ({
              accountId: idOf(posting),
              accountKey: posting.account.key,
              amountMinor: posting.amountMinor,
              rule: posting.rule,
            })),
            now,
          );
    if (changed !== cached.length) await this.refuse(runner, cached, ids);
    const locked = this.lockedInTransaction.get(runner);
    for (const posting of cached) locked?.delete(posting.account.key);
    return { transferId, duplicate: false };
  }

  /**
   * Posts several transfers in the caller's transaction with a fixed number of statements, however
   * many there are (the batch path of postbacks). Each constrained balance is checked after every
   * transfer, in order, against its locked current value, then moved once by the sum. Unlike
   * `post`, an idempotency key that exists already is no duplicate to skip: the caller planned these
   * transfers from rows it holds locked, so it means the plan is stale, and the whole transaction
   * runs again (TransactionConflict). Returns the transfer ids in request order.
   */
  async postMany(manager: EntityManager, requests: TransferRequest[]): Promise<string[]> {
    if (requests.length === 0) return [];
    const runner = transactionRunnerOf(manager, 'postMany');
    const checked = requests.map((request) => checkRequest(request));
    const now = sqlDateTime(this.clock.now());
    const accounts = new Map<string, CheckedPosting>();
    for (const postings of checked)
      for (const posting of postings) accounts.set(posting.account.key, posting);
    const ids = await this.accountIdsOf(runner, [...accounts.values()], now);

    const constrained = [...accounts.values()].filter((posting) => posting.rule !== 'any');
    const locked = await this.lockedBalances(
      runner,
      constrained.map((posting) => posting.account.key),
    );
    const balances = new Map(locked);
    const moved = new Map<string, bigint>();
    checked.forEach((postings, index) => {
      for (const posting of postings) {
        if (posting.rule === 'any') continue;
        const key = posting.account.key;
        const next = (balances.get(key) ?? 0n) + posting.amountMinor;
        if (!withinRule(posting.rule, next)) {
          throw new AppError(
            'LEDGER_INSUFFICIENT_FUNDS',
            409,
            `Transfer ${requests[index]!.idempotencyKey} would take ${posting.account.kind} ${posting.account.currency} past zero.`,
          );
        }
        balances.set(key, next);
        moved.set(key, (moved.get(key) ?? 0n) + posting.amountMinor);
      }
    });

    let transferIds: string[];
    try {
      transferIds = await this.repository.insertTransfers(
        runner,
        requests.map((request) => ({
          idempotencyKey: request.idempotencyKey,
          code: request.code,
          currency: request.currency,
          userId: request.userId,
          reference: request.reference ?? null,
          createdBy: request.createdBy,
          reason: request.reason ?? null,
        })),
        now,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new TransactionConflict('a planned transfer exists already');
      throw error;
    }
    await this.repository.insertEntries(
      runner,
      checked.flatMap((postings, index) =>
        postings.map((posting) => ({
          transferId: transferIds[index]!,
          accountId: ids.get(posting.account.key)!,
          userId: posting.account.userId,
          amountMinor: posting.amountMinor,
        })),
      ),
      now,
    );
    // An account whose movements cancel out keeps its row as it is.
    const changes = constrained.filter((posting) => (moved.get(posting.account.key) ?? 0n) !== 0n);
    if (changes.length > 0) {
      const changed = await this.repository.applyBalances(
        runner,
        changes.map((posting) => ({
          accountId: ids.get(posting.account.key)!,
          accountKey: posting.account.key,
          amountMinor: moved.get(posting.account.key)!,
          rule: posting.rule,
        })),
        now,
      );
      if (changed !== changes.length) await this.refuse(runner, changes, ids);
    }
    for (const [key, balance] of balances) locked.set(key, balance);
    return transferIds;
  }

  /**
   * Raw balances of shoppers' accounts (0 for one not created yet), in the order asked, row-locked
   * on MySQL/MariaDB until the caller's transaction ends: decisions taken on them (netting a debt)
   * cannot race another transaction. One query however many accounts.
   */
  async balancesForUpdate(manager: EntityManager, refs: AccountRef[]): Promise<bigint[]> {
    const runner = transactionRunnerOf(manager, 'balancesForUpdate');
    const keys = refs.map((ref) => {
      if (BALANCE_RULE[ref.kind] === 'any') {
        throw invalid('LEDGER_INVALID_ACCOUNT', `${ref.kind} keeps no cached balance; use balanceOf.`);
      }
      return checkAccount(ref, ref.currency).key;
    });
    const balances = await this.lockedBalances(runner, keys);
    return keys.map((key) => balances.get(key) ?? 0n);
  }

  /**
   * Balances by key, locked: those this transaction has locked and knows already, the others read
   * (and locked) in one query. Accounts that do not exist yet are absent (they start at 0 when
   * created, or at what a concurrent creator left, which their locking read then sees).
   */
  private async lockedBalances(runner: QueryRunner, keys: string[]): Promise<Map<string, bigint>> {
    const known = this.lockedInTransaction.get(runner) ?? new Map<string, bigint>();
    const unknown = [...new Set(keys)].filter((key) => !known.has(key));
    for (const [key, balance] of await this.repository.lockBalancesByKey(runner, unknown))
      known.set(key, balance);
    this.lockedInTransaction.set(runner, known);
    return known;
  }

  /**
   * The raw balance of one account (0 when it does not exist yet), read inside the caller's
   * transaction and row-locked on MySQL/MariaDB until it ends, so a decision taken on it (netting a
   * debt, the size of a hold) cannot race another transaction. Raw means signed as stored: a debt is
   * ≤ 0. SQLite needs no lock: its transactions are serialised.
   */
  async balanceOf(manager: EntityManager, ref: AccountRef): Promise<bigint> {
    transactionRunnerOf(manager, 'balanceOf');
    const key = checkAccount(ref, ref.currency).key;
    // System accounts keep no cached balance (see `post`): sum their entries.
    if (BALANCE_RULE[ref.kind] === 'any') return this.repository.sumOfEntries(manager, key);
    return (await this.repository.lockedBalance(manager, key)) ?? 0n;
  }

  /**
   * A shopper's cached balances per currency, from one indexed query (the dashboard's hot read).
   * Not for use inside a transaction (on SQLite it would wait for that very transaction to end):
   * use `balanceOf(manager, …)` there.
   */
  async balancesOf(userId: string): Promise<UserBalances[]> {
    if (!NUMERIC_ID.test(userId)) throw invalid('LEDGER_INVALID_ACCOUNT', `invalid user id ${userId}`);
    const accounts = await this.repository.userBalances(userId);
    const byCurrency = new Map<Currency, UserBalances>();
    for (const account of accounts) {
      let balances = byCurrency.get(account.currency);
      if (!balances) {
        balances = {
          currency: account.currency,
          pending: 0n,
          available: 0n,
          payoutHold: 0n,
          paidOut: 0n,
          debt: 0n,
        };
        byCurrency.set(account.currency, balances);
      }
      const amount = account.balanceMinor;
      if (account.kind === 'pending') balances.pending = amount;
      else if (account.kind === 'available') balances.available = amount;
      else if (account.kind === 'payout_hold') balances.payoutHold = amount;
      else if (account.kind === 'paid_out') balances.paidOut = amount;
      else if (account.kind === 'debt') balances.debt = -amount;
    }
    return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  }

  /**
   * Raw balances summed per account kind, network and currency (read only, outside any
   * transaction): what the finance overview shows and ties its totals to.
   */
  balancesByKind(): Promise<KindBalance[]> {
    return this.repository.sumsByKind();
  }

  /** The transfers caused by these references (e.g. `conversion:17`), oldest first, with their legs. */
  async transfersByReference(manager: EntityManager, references: string[]): Promise<TransferView[]> {
    if (references.length === 0) return [];
    return this.withEntries(manager, await this.repository.transfersByReference(manager, references));
  }

  /** The transfer posted under this idempotency key, with its legs, if there is one. */
  async transferByKey(manager: EntityManager, idempotencyKey: string): Promise<TransferView | undefined> {
    const transfer = await this.repository.transferByKey(manager, idempotencyKey);
    return transfer ? (await this.withEntries(manager, [transfer]))[0] : undefined;
  }

  private async withEntries(manager: EntityManager, transfers: LedgerTransfer[]): Promise<TransferView[]> {
    if (transfers.length === 0) return [];
    const entries = await this.repository.entriesOfTransfers(
      manager,
      transfers.map((transfer) => transfer.id),
    );
    const accounts = await this.repository.findAccounts(
      manager,
      entries.map((entry) => entry.accountId),
    );
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    return transfers.map((transfer) => ({
      id: transfer.id,
      idempotencyKey: transfer.idempotencyKey,
      code: transfer.code,
      currency: transfer.currency,
      userId: transfer.userId,
      reference: transfer.reference,
      createdBy: transfer.createdBy,
      reason: transfer.reason,
      createdAt: transfer.createdAt,
      entries: entries
        .filter((entry) => entry.transferId === transfer.id)
        .map((entry) => {
          const account = accountById.get(entry.accountId);
          if (!account)
            throw new Error(`ledger entry ${entry.id} names a missing account ${entry.accountId}`);
          return { accountKey: account.accountKey, kind: account.kind, amountMinor: entry.amountMinor };
        }),
    }));
  }

  /** Checks I1, I2, I3, I5 and I6 over the whole database in one consistent snapshot (own transaction). */
  async verify(): Promise<LedgerReport> {
    const checks = await this.database.transaction((manager) =>
      runLedgerChecks(manager, this.database.dialect),
    );
    return reportOf(checks);
  }

  /** The idempotency key exists: the same transfer is a duplicate, a different one a conflict. */
  private async alreadyPosted(
    runner: QueryRunner,
    request: TransferRequest,
    postings: CheckedPosting[],
  ): Promise<PostResult> {
    const stored = await this.repository.findTransferByKey(runner, request.idempotencyKey);
    if (!stored) throw new Error(`transfer ${request.idempotencyKey} reported as existing but not found`);
    const conflict = () =>
      new AppError(
        'LEDGER_IDEMPOTENCY_CONFLICT',
        409,
        `Transfer ${request.idempotencyKey} was already posted with different content.`,
      );
    if (
      stored.code !== request.code ||
      stored.currency !== request.currency ||
      stored.userId !== request.userId ||
      stored.reference !== (request.reference ?? null)
    ) {
      throw conflict();
    }
    const entries = await this.repository.entriesOf(runner, stored.id);
    const wanted = new Map(postings.map((posting) => [posting.account.key, posting.amountMinor]));
    if (
      entries.length !== wanted.size ||
      entries.some((entry) => wanted.get(entry.accountKey) !== entry.amountMinor)
    ) {
      throw conflict();
    }
    return { transferId: stored.id, duplicate: true };
  }

  /**
   * Account ids by key: from the cache, else created on first use (insert-or-keep on the UNIQUE
   * key, in key order so that two transactions creating the same accounts cannot deadlock) and
   * read back with a locking read, which sees rows other transactions committed meanwhile.
   */
  private async accountIdsOf(
    runner: QueryRunner,
    postings: CheckedPosting[],
    now: string,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const uncommitted = this.uncommittedIds.get(runner);
    const missing: AccountRow[] = [];
    for (const { account } of postings) {
      const id = this.committedIds.get(account.key) ?? uncommitted?.get(account.key);
      if (id === undefined) missing.push(account);
      else ids.set(account.key, id);
    }
    if (missing.length === 0) return ids;

    missing.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await this.repository.insertMissingAccounts(runner, missing, now);
    const found = await this.repository.lockAccountIds(
      runner,
      missing.map((account) => account.key),
    );
    const remembered = uncommitted ?? new Map<string, string>();
    this.uncommittedIds.set(runner, remembered);
    for (const account of missing) {
      const id = found.get(account.key);
      if (id === undefined) throw new Error(`ledger account ${account.key} was neither created nor found`);
      ids.set(account.key, id);
      remembered.set(account.key, id);
    }
    return ids;
  }

  /** The balance UPDATE changed fewer rows than it should: say why, and abort the transaction. */
  private async refuse(
    runner: QueryRunner,
    postings: CheckedPosting[],
    ids: Map<string, string>,
  ): Promise<never> {
    const stored = new Map(
      (await this.repository.accountsById(runner, [...ids.values()])).map((account) => [account.id, account]),
    );
    const stale = postings.filter(
      (posting) => stored.get(ids.get(posting.account.key)!)?.accountKey !== posting.account.key,
    );
    if (stale.length > 0) {
      // Cannot happen while account rows are never deleted; forget the ids so a retry re-reads them.
      for (const posting of stale) this.committedIds.delete(posting.account.key);
      throw new AppError(
        'LEDGER_ACCOUNT_CACHE_STALE',
        500,
        `Ledger accounts changed under the cache: ${stale.map((posting) => posting.account.key).join(', ')}.`,
      );
    }
    const limited = postings
      .filter(
        (posting) =>
          (posting.rule === 'non_negative' && posting.amountMinor < 0n) ||
          (posting.rule === 'non_positive' && posting.amountMinor > 0n),
      )
      .map((posting) => `${posting.account.kind} ${posting.account.currency}`);
    throw new AppError(
      'LEDGER_INSUFFICIENT_FUNDS',
      409,
      `The transfer would take a balance past zero (${limited.join(', ') || 'a constrained account'}).`,
    );
  }

  /** Promotes ids to the shared cache only once their transaction has committed. */
  private transactionListener(): EntitySubscriberInterface {
    return {
      afterTransactionCommit: ({ queryRunner }) => {
        // A released savepoint is not a commit: the outer transaction can still roll back.
        if (queryRunner.isTransactionActive) return;
        this.lockedInTransaction.delete(queryRunner);
        const ids = this.uncommittedIds.get(queryRunner);
        if (!ids) return;
        this.uncommittedIds.delete(queryRunner);
        for (const [key, id] of ids) this.committedIds.set(key, id);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        // After a rollback to a savepoint some of these rows may survive; they are re-read then.
        this.uncommittedIds.delete(queryRunner);
        this.lockedInTransaction.delete(queryRunner);
      },
    };
  }
}

function withinRule(rule: BalanceRule, balance: bigint): boolean {
  if (rule === 'non_negative') return balance >= 0n;
  if (rule === 'non_positive') return balance <= 0n;
  return true;
}

function transactionRunnerOf(manager: EntityManager, operation: string): QueryRunner {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    throw invalid(
      'LEDGER_NO_TRANSACTION',
      `Ledger.${operation} must run inside the caller's transaction (database.transaction).`,
    );
  }
  return runner;
}

/** Validates a request completely before anything is written; returns its checked postings. */
function checkRequest(request: TransferRequest): CheckedPosting[] {
  if (!IDEMPOTENCY_KEY.test(request.idempotencyKey)) {
    throw invalid('LEDGER_INVALID_TRANSFER', 'The idempotency key must be 1–128 visible ASCII characters.');
  }
  if (!(TRANSFER_CODES as readonly string[]).includes(request.code)) {
    throw invalid('LEDGER_INVALID_TRANSFER', `Unknown transfer code ${String(request.code)}.`);
  }
  if (!(CURRENCIES as readonly string[]).includes(request.currency)) {
    throw invalid('LEDGER_INVALID_TRANSFER', `Unknown currency ${String(request.currency)}.`);
  }
  if (request.userId !== null && !NUMERIC_ID.test(request.userId)) {
    throw invalid('LEDGER_INVALID_TRANSFER', `Invalid user id ${request.userId}.`);
  }
  if (request.createdBy.length === 0 || request.createdBy.length > 64) {
    throw invalid('LEDGER_INVALID_TRANSFER', 'createdBy must be 1–64 characters.');
  }
  if (request.reference !== undefined && (request.reference.length === 0 || request.reference.length > 64)) {
    throw invalid('LEDGER_INVALID_TRANSFER', 'The reference must be 1–64 characters.');
  }
  if (request.reason !== undefined && request.reason.length > 500) {
    throw invalid('LEDGER_INVALID_TRANSFER', 'The reason must be at most 500 characters.');
  }
  if (request.postings.length < 2) {
    throw invalid(
      'LEDGER_TOO_FEW_POSTINGS',
      `Transfer ${request.idempotencyKey} needs at least two postings.`,
    );
  }

  const seen = new Set<string>();
  let sum = 0n;
  const checked = request.postings.map((posting): CheckedPosting => {
    const account = checkAccount(posting.account, request.currency);
    if (account.userId !== null && account.userId !== request.userId) {
      throw invalid(
        'LEDGER_USER_MISMATCH',
        `Transfer ${request.idempotencyKey} of user ${String(request.userId)} posts to user ${account.userId}.`,
      );
    }
    // Refused rather than merged: two legs on one account are almost always a caller's mistake.
    if (seen.has(account.key)) {
      throw invalid(
        'LEDGER_DUPLICATE_ACCOUNT',
        `Transfer ${request.idempotencyKey} posts twice to ${account.key}.`,
      );
    }
    seen.add(account.key);
    const amount = posting.amountMinor;
    if (typeof amount !== 'bigint' || amount === 0n) {
      throw invalid(
        'LEDGER_INVALID_AMOUNT',
        `Every posting needs a non-zero bigint amount (${account.key}).`,
      );
    }
    try {
      assertStorableAmount(amount);
    } catch {
      throw invalid('LEDGER_INVALID_AMOUNT', `Amount ${amount} on ${account.key} is out of range.`);
    }
    sum += amount;
    return { account, amountMinor: amount, rule: BALANCE_RULE[account.kind] };
  });
  if (sum !== 0n) {
    throw invalid('LEDGER_UNBALANCED', `Transfer ${request.idempotencyKey} does not sum to zero (${sum}).`);
  }
  return checked;
}

function checkAccount(ref: AccountRef, currency: Currency): AccountRow {
  if (!ACCOUNT_KINDS.has(ref.kind)) {
    throw invalid('LEDGER_INVALID_ACCOUNT', `Unknown account kind ${String(ref.kind)}.`);
  }
  if (!(CURRENCIES as readonly string[]).includes(ref.currency)) {
    throw invalid('LEDGER_INVALID_ACCOUNT', `Unknown currency ${String(ref.currency)}.`);
  }
  if (ref.currency !== currency) {
    throw invalid(
      'LEDGER_CURRENCY_MISMATCH',
      `Account ${ref.kind} in ${ref.currency} in a ${currency} transfer.`,
    );
  }
  if ('userId' in ref && !NUMERIC_ID.test(ref.userId)) {
    throw invalid('LEDGER_INVALID_ACCOUNT', `Invalid user id ${ref.userId}.`);
  }
  if ('networkId' in ref && !NUMERIC_ID.test(ref.networkId)) {
    throw invalid('LEDGER_INVALID_ACCOUNT', `Invalid network id ${ref.networkId}.`);
  }
  return accountRowOf(ref);
}

/** Account key → id, least recently used evicted first (a Map iterates in insertion order). */
class AccountIdCache {
  private readonly ids = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(key: string): string | undefined {
    const id = this.ids.get(key);
    if (id !== undefined) {
      this.ids.delete(key);
      this.ids.set(key, id);
    }
    return id;
  }

  set(key: string, id: string): void {
    this.ids.delete(key);
    this.ids.set(key, id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.keys().next().value!);
  }

  delete(key: string): void {
    this.ids.delete(key);
  }
}
