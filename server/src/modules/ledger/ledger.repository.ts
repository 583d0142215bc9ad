import { In, type EntityManager, type QueryRunner } from 'typeorm';
import type { Currency } from '@shared/markets.js';
import type { Dialect } from '../../platform/db/data-source.js';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { LedgerAccount } from './ledger-account.entity.js';
import type { AccountRow, BalanceRule } from './ledger-accounts.js';
import type { AccountKind } from './ledger.types.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { LedgerTransfer } from './ledger-transfer.entity.js';

/** What drivers hand back for BIGINT and SUM(): strings (mysql2) or numbers (better-sqlite3). */
type RawInteger = string | number | bigint;

export interface NewTransfer {
  idempotencyKey: string;
  code: string;
  currency: string;
  userId: string | null;
  reference: string | null;
  createdBy: string;
  reason: string | null;
}

export interface StoredTransfer {
  id: string;
  code: string;
  currency: string;
  userId: string | null;
  reference: string | null;
}

export interface NewEntry {
  transferId: string;
  accountId: string;
  userId: string | null;
  amountMinor: bigint;
}

export interface BalanceChange {
  accountId: string;
  accountKey: string;
  amountMinor: bigint;
  rule: BalanceRule;
}

/** One of a shopper's accounts as cached: raw balance, signed as stored (a debt is ≤ 0). */
export interface UserAccountBalance {
  kind: string;
  currency: Currency;
  balanceMinor: bigint;
}

/** The sum of the cached balances of one kind of account, per network and currency. */
export interface KindBalance {
  kind: AccountKind;
  networkId: string | null;
  currency: Currency;
  balanceMinor: bigint;
}

export { sqlDateTime } from '../../platform/db/sql-time.js';

/** Exact integer from a driver value; refuses a JavaScript number that has lost precision. */
export function toBigInt(value: RawInteger | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`integer column returned an inexact value: ${value}`);
  }
  return BigInt(value);
}

function idOf(value: RawInteger | null): string | null {
  return value === null ? null : String(value);
}

/**
 * The ledger's SQL. The posting statements run on the caller's transaction (its query runner) and
 * are hand-written so that a posting costs three round trips: the transfer, its entries, the
 * balances. Amounts travel as decimal strings and are cast to integers in SQL: mysql2 would
 * otherwise compare and add them as doubles. The reads for balances and staff views (after them)
 * go through the ORM on the caller's `EntityManager`; only `userBalances` runs on its own.
 */
export class LedgerRepository {
  private readonly integer: string;
  /** Locking reads see rows committed after the transaction's snapshot (REPEATABLE READ). */
  private readonly lockForUpdate: string;
  private readonly lockShared: string;

  private readonly dialect: Dialect;

  constructor(private readonly database: Database) {
    this.dialect = database.dialect;
    const mysql = this.dialect === 'mysql';
    this.integer = mysql ? 'CAST(? AS SIGNED)' : 'CAST(? AS INTEGER)';
    this.lockForUpdate = mysql ? ' FOR UPDATE' : '';
    this.lockShared = mysql ? ' LOCK IN SHARE MODE' : '';
  }

  private async rows(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<unknown> {
    return (await this.database.sql(runner, sql, parameters)).rows;
  }

  private run(runner: QueryRunner, sql: string, parameters: unknown[]) {
    return this.database.sql(runner, sql, parameters);
  }

  /** Inserts the transfer; `undefined` when its idempotency key exists (the transaction goes on). */
  async insertTransfer(runner: QueryRunner, transfer: NewTransfer, now: string): Promise<string | undefined> {
    try {
      return (await this.insertTransfers(runner, [transfer], now))[0];
    } catch (error) {
      // A failed INSERT undoes only itself on both dialects: the caller's transaction stays usable.
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Inserts transfers in one multi-row INSERT; their ids in order (see `Database.insertRows`). */
  insertTransfers(runner: QueryRunner, transfers: NewTransfer[], now: string): Promise<string[]> {
    return this.database.insertRows(
      runner,
      `INSERT INTO ledger_transfers
         (idempotency_key, code, currency, user_id, reference, created_by, reason, created_at)`,
      '(?, ?, ?, ?, ?, ?, ?, ?)',
      transfers.map((transfer) => [
        transfer.idempotencyKey,
        transfer.code,
        transfer.currency,
        transfer.userId,
        transfer.reference,
        transfer.createdBy,
        transfer.reason,
        now,
      ]),
    );
  }

  async findTransferByKey(runner: QueryRunner, idempotencyKey: string): Promise<StoredTransfer | undefined> {
    const rows = (await this.rows(
      runner,
      `SELECT id, code, currency, user_id, reference FROM ledger_transfers
       WHERE idempotency_key = ?${this.lockShared}`,
      [idempotencyKey],
    )) as Array<{
      id: RawInteger;
      code: string;
      currency: string;
      user_id: RawInteger | null;
      reference: string | null;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.id),
      code: row.code,
      currency: row.currency,
      userId: idOf(row.user_id),
      reference: row.reference,
    };
  }

  async entriesOf(
    runner: QueryRunner,
    transferId: string,
  ): Promise<Array<{ accountKey: string; amountMinor: bigint }>> {
    const rows = (await this.rows(
      runner,
      `SELECT a.account_key, e.amount_minor FROM ledger_entries e
       LEFT JOIN ledger_accounts a ON a.id = e.account_id
       WHERE e.transfer_id = ?${this.lockShared}`,
      [transferId],
    )) as Array<{ account_key: string | null; amount_minor: RawInteger }>;
    return rows.map((row) => ({
      accountKey: row.account_key ?? '?',
      amountMinor: toBigInt(row.amount_minor),
    }));
  }

  /** Creates the accounts that do not exist yet; existing keys are left as they are. */
  async insertMissingAccounts(runner: QueryRunner, accounts: AccountRow[], now: string): Promise<void> {
    const placeholders = accounts.map(() => '(?, ?, ?, ?, ?, 0, ?, ?)').join(', ');
    const values = accounts.flatMap((account) => [
      account.key,
      account.kind,
      account.userId,
      account.networkId,
      account.currency,
      now,
      now,
    ]);
    const onConflict =
      this.dialect === 'mysql'
        ? 'ON DUPLICATE KEY UPDATE account_key = account_key'
        : 'ON CONFLICT (account_key) DO NOTHING';
    await this.run(
      runner,
      `INSERT INTO ledger_accounts
         (account_key, kind, user_id, network_id, currency, balance_minor, created_at, updated_at)
       VALUES ${placeholders} ${onConflict}`,
      values,
    );
  }

  /** Ids of the accounts with these keys, row-locked on MySQL (they are about to be updated). */
  async lockAccountIds(runner: QueryRunner, keys: string[]): Promise<Map<string, string>> {
    const rows = (await this.rows(
      runner,
      `SELECT id, account_key FROM ledger_accounts
       WHERE account_key IN (${keys.map(() => '?').join(', ')})${this.lockForUpdate}`,
      keys,
    )) as Array<{ id: RawInteger; account_key: string }>;
    return new Map(rows.map((row) => [row.account_key, String(row.id)]));
  }

  /** Entries (of one or several transfers) in one multi-row INSERT. */
  async insertEntries(runner: QueryRunner, entries: NewEntry[], now: string): Promise<void> {
    const placeholders = entries.map(() => `(?, ?, ?, ${this.integer}, ?)`).join(', ');
    const values = entries.flatMap((entry) => [
      entry.transferId,
      entry.accountId,
      entry.userId,
      entry.amountMinor.toString(),
      now,
    ]);
    await this.run(
      runner,
      `INSERT INTO ledger_entries (transfer_id, account_id, user_id, amount_minor, created_at)
       VALUES ${placeholders}`,
      values,
    );
  }

  /** Balances by account key, row-locked on MySQL until the transaction ends; missing keys are absent. */
  async lockBalancesByKey(runner: QueryRunner, keys: string[]): Promise<Map<string, bigint>> {
    if (keys.length === 0) return new Map();
    const rows = (await this.rows(
      runner,
      `SELECT account_key, balance_minor FROM ledger_accounts
       WHERE account_key IN (${keys.map(() => '?').join(', ')})${this.lockForUpdate}`,
      keys,
    )) as Array<{ account_key: string; balance_minor: RawInteger }>;
    return new Map(rows.map((row) => [row.account_key, toBigInt(row.balance_minor)]));
  }

  /**
   * Moves every cached balance of a transfer in one atomic conditional UPDATE and returns how many
   * rows it changed: fewer than `changes.length` means a balance would have crossed zero against its
   * rule (or an account is not what the cache says), and the caller must abort. `id IN (…)` keeps
   * the statement on the primary key, which also takes the row locks in id order.
   */
  async applyBalances(runner: QueryRunner, changes: BalanceChange[], now: string): Promise<number> {
    const delta = changes.map(() => `WHEN ? THEN ${this.integer}`).join(' ');
    const deltaValues = changes.flatMap((change) => [change.accountId, change.amountMinor.toString()]);
    const conditions: string[] = [];
    const conditionValues: unknown[] = [];
    for (const change of changes) {
      const guard =
        change.rule === 'non_negative'
          ? ` AND balance_minor + ${this.integer} >= 0`
          : change.rule === 'non_positive'
            ? ` AND balance_minor + ${this.integer} <= 0`
            : '';
      conditions.push(`(id = ? AND account_key = ?${guard})`);
      conditionValues.push(change.accountId, change.accountKey);
      if (guard) conditionValues.push(change.amountMinor.toString());
    }
    const result = await this.run(
      runner,
      `UPDATE ledger_accounts
       SET balance_minor = balance_minor + CASE id ${delta} END, updated_at = ?
       WHERE id IN (${changes.map(() => '?').join(', ')}) AND (${conditions.join(' OR ')})`,
      [...deltaValues, now, ...changes.map((change) => change.accountId), ...conditionValues],
    );
    return result.affected;
  }

  async accountsById(
    runner: QueryRunner,
    ids: string[],
  ): Promise<Array<{ id: string; accountKey: string; balanceMinor: bigint }>> {
    const rows = (await this.rows(
      runner,
      `SELECT id, account_key, balance_minor FROM ledger_accounts
       WHERE id IN (${ids.map(() => '?').join(', ')})${this.lockForUpdate}`,
      ids,
    )) as Array<{ id: RawInteger; account_key: string; balance_minor: RawInteger }>;
    return rows.map((row) => ({
      id: String(row.id),
      accountKey: row.account_key,
      balanceMinor: toBigInt(row.balance_minor),
    }));
  }

  /**
   * The sum of an account's entries (0 when it has none or does not exist): the balance of a
   * system account, which keeps no cached one.
   */
  async sumOfEntries(manager: EntityManager, accountKey: string): Promise<bigint> {
    const [row] = await manager.query<Array<{ total: RawInteger | null }>>(
      `SELECT COALESCE(SUM(e.amount_minor), 0) AS total FROM ledger_entries e
       JOIN ledger_accounts a ON a.id = e.account_id WHERE a.account_key = ?`,
      [accountKey],
    );
    return toBigInt(row?.total ?? 0);
  }

  /**
   * The cached balance of an account, row-locked on MySQL/MariaDB until the caller's transaction
   * ends; `undefined` when the account does not exist yet.
   */
  async lockedBalance(manager: EntityManager, accountKey: string): Promise<bigint | undefined> {
    const query = manager
      .createQueryBuilder(LedgerAccount, 'account')
      .select('account.balanceMinor', 'balance')
      .where('account.accountKey = :key', { key: accountKey });
    const row = await this.database.forUpdate(query).getRawOne<{ balance: RawInteger }>();
    return row === undefined ? undefined : toBigInt(row.balance);
  }

  /**
   * The owner's accounts with their cached balances, from one indexed query, outside any
   * transaction: queued on SQLite so that it never reads another caller's uncommitted transaction.
   */
  async userBalances(userId: string): Promise<UserAccountBalance[]> {
    const rows = await this.database.run((manager) =>
      manager.query<Array<{ kind: string; currency: Currency; balance_minor: RawInteger }>>(
        'SELECT kind, currency, balance_minor FROM ledger_accounts WHERE user_id = ?',
        [userId],
      ),
    );
    return rows.map((row) => ({
      kind: row.kind,
      currency: row.currency,
      balanceMinor: toBigInt(row.balance_minor),
    }));
  }

  /**
   * Balances summed per account kind, network (the receivable's; null for the others) and
   * currency, outside any transaction: the finance overview's read. Shoppers' accounts from their
   * cached balances; system accounts keep none (see `post`), so theirs are the sums of their entries.
   */
  async sumsByKind(): Promise<KindBalance[]> {
    type Row = { kind: string; network_id: RawInteger | null; currency: Currency; total: RawInteger | null };
    const rows = await this.database.run(async (manager) => [
      ...(await manager.query<Row[]>(
        `SELECT kind, network_id, currency, SUM(balance_minor) AS total
           FROM ledger_accounts WHERE user_id IS NOT NULL GROUP BY kind, network_id, currency`,
      )),
      ...(await manager.query<Row[]>(
        `SELECT a.kind, a.network_id, a.currency, SUM(e.amount_minor) AS total
           FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
          WHERE a.user_id IS NULL GROUP BY a.kind, a.network_id, a.currency`,
      )),
    ]);
    return rows.map((row) => ({
      kind: row.kind as AccountKind,
      networkId: idOf(row.network_id),
      currency: row.currency,
      balanceMinor: toBigInt(row.total),
    }));
  }

  /** The transfers with these references (their causes, e.g. `conversion:17`), oldest first. */
  transfersByReference(manager: EntityManager, references: string[]): Promise<LedgerTransfer[]> {
    if (references.length === 0) return Promise.resolve([]);
    return manager.find(LedgerTransfer, { where: { reference: In(references) }, order: { id: 'ASC' } });
  }

  transferByKey(manager: EntityManager, idempotencyKey: string): Promise<LedgerTransfer | null> {
    return manager.findOneBy(LedgerTransfer, { idempotencyKey });
  }

  /** The legs of these transfers, in the order they were written. */
  entriesOfTransfers(manager: EntityManager, transferIds: string[]): Promise<LedgerEntry[]> {
    if (transferIds.length === 0) return Promise.resolve([]);
    return manager.find(LedgerEntry, { where: { transferId: In(transferIds) }, order: { id: 'ASC' } });
  }

  findAccounts(manager: EntityManager, ids: string[]): Promise<LedgerAccount[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(LedgerAccount, { where: { id: In([...new Set(ids)]) } });
  }
}
