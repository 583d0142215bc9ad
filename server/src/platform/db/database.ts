import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Logger } from '../logger.js';
import { dialectOf, type Dialect } from './data-source.js';
import { isRetryableTransactionError } from './errors.js';

export interface TransactionOptions {
  /** How many times to run the work again after a deadlock or certification failure. */
  retries?: number;
}

/**
 * The database as the services see it: the data source, its dialect, and the one way to run a
 * transaction. SQLite has a single connection in TypeORM, so concurrent transactions would
 * interleave on it; they are queued here instead. MySQL/MariaDB transactions are retried on
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

  async transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (this.dialect === 'sqlite') {
      const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
      // The queue must keep going whether this transaction commits or fails.
      this.sqliteQueue = run.catch(() => undefined);
      return run;
    }
    const retries = options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
