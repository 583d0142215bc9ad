import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
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

  constructor(
    readonly dataSource: DataSource,
    private readonly logger?: Logger,
  ) {
    this.dialect = dialectOf(dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');
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
        // READ COMMITTED: correctness rests on unique keys, conditional updates and row locks on
        // rows that exist; REPEATABLE READ's gap locks would only turn concurrent inserts of new
        // keys (orders, transfers) into deadlocks.
        return await this.dataSource.transaction('READ COMMITTED', work);
      } catch (error) {
        if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
        this.logger?.warn({ attempt: attempt + 1 }, 'transaction conflict, retrying');
        await sleep(Math.random() * 5 * 2 ** attempt);
      }
    }
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

/** The slice of mysql2's callback pool that `execute` uses. */
interface RawPool {
  query(sql: string, values: unknown[], callback: (error: Error | null) => void): void;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
