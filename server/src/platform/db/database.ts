import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import type { Logger } from '../logger.js';
import { dialectOf, type Dialect } from './data-source.js';
import { isRetryableTransactionError } from './errors.js';

export interface TransactionOptions {
  /** How many times to run the work again after a deadlock or certification failure. */
  retries?: number;
}

/**
 * The database as the services see it: the data source, its dialect, and the ways to write.
 * SQLite has a single connection in TypeORM, so concurrent transactions would interleave on it;
 * they are queued here instead, and so are writes made outside a transaction (`run`). MySQL/MariaDB transactions are retried on
 * deadlock (and on Galera certification failure, which looks the same), because InnoDB picks a
 * victim and expects the client to try again.
 */
export class Database {
  readonly dialect: Dialect;
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private idStep: Promise<number | null> | undefined;

  constructor(
    readonly dataSource: DataSource,
    private readonly logger?: Logger,
  ) {
    this.dialect = dialectOf(dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');
    if (this.dialect === 'mysql') this.readCommittedSessions();
  }

  /**
   * READ COMMITTED for every pooled connection, set once per connection when it is first handed
   * out (the statement queues ahead of the borrower's), rather than once per transaction: one round
   * trip less for each. Correctness rests on unique keys, conditional updates and row locks on rows
   * that exist; REPEATABLE READ's gap locks would only turn concurrent inserts of new keys (orders,
   * transfers) into deadlocks. Should the SET fail, the connection keeps the server's level and the
   * next borrower tries again.
   */
  private readCommittedSessions(): void {
    const pool = (this.dataSource.driver as unknown as { pool?: RawPoolEvents }).pool;
    const configured = new WeakSet<RawConnection>();
    pool?.on('acquire', (connection) => {
      if (configured.has(connection)) return;
      configured.add(connection);
      connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', [], (error) => {
        if (!error) return;
        configured.delete(connection);
        this.logger?.warn({ err: error }, 'could not set READ COMMITTED on a connection');
      });
    });
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `work` alone on SQLite's single connection, after everything queued before it. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.sqliteQueue.then(work);
    // The queue must keep going whether this work succeeds or fails.
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Statements that need no transaction of their own (an autocommit insert, a single update) but
   * must not land inside another caller's open SQLite transaction, whose rollback would take them
   * along. On MySQL/MariaDB each statement simply autocommits on a pooled connection.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.exclusive(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }

  /**
   * One write statement on the hottest paths, without TypeORM's per-query bookkeeping: straight
   * to the mysql2 pool (autocommit), or queued on SQLite's connection like `run`.
   */
  async execute(sql: string, parameters: unknown[]): Promise<void> {
    if (this.dialect === 'sqlite') {
      await this.exclusive(() => this.dataSource.query(sql, parameters));
      return;
    }
    const pool = (this.dataSource.driver as unknown as { pool: RawPool }).pool;
    await new Promise<void>((resolve, reject) =>
      pool.query(sql, parameters, (error) => (error ? reject(error) : resolve())),
    );
  }

  async transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const retries = options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.dialect === 'sqlite') return await this.exclusive(() => this.dataSource.transaction(work));
        // READ COMMITTED, set on the session (`readCommittedSessions`).
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
        this.logger?.warn({ attempt: attempt + 1 }, 'transaction conflict, retrying');
        await sleep(Math.random() * 5 * 2 ** attempt);
      }
    }
  }

  /**
   * One statement on the caller's transaction straight to the driver: on the hottest paths
   * TypeORM's per-query bookkeeping (events, a promise wrapper capturing a stack) costs as much as
   * the statement. Errors keep the driver's shape, which `isUniqueViolation` and the retry read.
   */
  async sql(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<SqlResult> {
    const connection = (runner as unknown as { databaseConnection?: RawConnection }).databaseConnection;
    if (this.dialect === 'sqlite' || !connection) {
      const result = await runner.query(sql, parameters, true);
      const rows = Array.isArray(result.raw) ? (result.raw as SqlRow[]) : [];
      return { rows, affected: result.affected ?? 0, raw: result.raw };
    }
    return new Promise<SqlResult>((resolve, reject) =>
      connection.query(sql, parameters, (error, result) => {
        if (error) return reject(error);
        if (Array.isArray(result)) return resolve({ rows: result as SqlRow[], affected: 0, raw: result });
        resolve({ rows: [], affected: (result as { affectedRows?: number }).affectedRows ?? 0, raw: result });
      }),
    );
  }

  /**
   * Runs one multi-row `INSERT … VALUES` (`rowSql` is one row's placeholder group, `rows` the values
   * of each row) on the caller's transaction and returns the generated ids in row order. Both
   * dialects hand back one id per statement; the others follow from it where the server promises
   * consecutive ids for a statement (SQLite's single writer; InnoDB with innodb_autoinc_lock_mode
   * 0 or 1, stepping by auto_increment_increment). Under interleaved mode (2, which Galera needs)
   * the rows are inserted one by one instead.
   */
  async insertRows(
    runner: QueryRunner,
    intoSql: string,
    rowSql: string,
    rows: unknown[][],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const step = await this.insertIdStep();
    if (step === null || rows.length === 1) {
      const ids: string[] = [];
      for (const row of rows) {
        const result = await this.sql(runner, `${intoSql} VALUES ${rowSql}`, row);
        ids.push(insertedIdOf(this.dialect, result.raw, 1, 1)[0]!);
      }
      return ids;
    }
    const result = await this.sql(
      runner,
      `${intoSql} VALUES ${rows.map(() => rowSql).join(', ')}`,
      rows.flat(),
    );
    return insertedIdOf(this.dialect, result.raw, rows.length, step);
  }

  /** How generated ids advance within one statement, or null when they may interleave. */
  private insertIdStep(): Promise<number | null> {
    this.idStep ??=
      this.dialect === 'sqlite'
        ? Promise.resolve(1)
        : this.dataSource
            .query<Array<{ mode: number | string; step: number | string }>>(
              'SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step',
            )
            .then(([row]) => (row && Number(row.mode) <= 1 ? Number(row.step) : null));
    return this.idStep;
  }

  /** Forces row-by-row inserts, as under interleaved auto-increment (for tests of that path). */
  assumeInterleavedIds(): void {
    this.idStep = Promise.resolve(null);
  }

  /** ` FOR UPDATE` for a raw locking read; nothing on SQLite, whose single writer serialises. */
  get lockSql(): string {
    return this.dialect === 'mysql' ? ' FOR UPDATE' : '';
  }

  /** Row lock for read-modify-write; SQLite has none (its single writer already serialises). */
  forUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.dialect === 'mysql' ? query.setLock('pessimistic_write') : query;
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.dataSource.query('SELECT 1');
    return performance.now() - started;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export type SqlRow = Record<string, unknown>;

/** What a statement gave back: rows for a SELECT, affected rows for a write, and the driver's own answer. */
export interface SqlResult {
  rows: SqlRow[];
  affected: number;
  raw: unknown;
}

/** The slice of a mysql2 callback connection that `sql` uses. */
interface RawConnection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/** The slice of mysql2's pool events that `readCommittedSessions` uses. */
interface RawPoolEvents {
  on(event: 'acquire', listener: (connection: RawConnection) => void): void;
}

/** The slice of mysql2's callback pool that `execute` uses. */
interface RawPool {
  query(sql: string, values: unknown[], callback: (error: Error | null) => void): void;
}

/**
 * The ids of the `count` rows one INSERT wrote: mysql2 reports the first, better-sqlite3 (through
 * TypeORM) the last.
 */
function insertedIdOf(dialect: Dialect, raw: unknown, count: number, step: number): string[] {
  const reported =
    typeof raw === 'object' && raw !== null && 'insertId' in raw
      ? (raw as { insertId: number | string | bigint }).insertId
      : (raw as number | string | bigint);
  const text = String(reported);
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`unexpected insert id: ${text}`);
  const first = dialect === 'sqlite' ? BigInt(text) - BigInt(count - 1) : BigInt(text);
  return Array.from({ length: count }, (_, index) => String(first + BigInt(index * step)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
