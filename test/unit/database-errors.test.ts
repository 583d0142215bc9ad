import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import {
  isDatabaseUnavailable,
  isRetryableTransactionError,
  isUniqueViolation,
} from '../../server/src/platform/db/errors.js';

/** The error a call throws (real driver errors, not imitations). */
function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('database errors: unavailable or not', () => {
  let directory: string;
  let file: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-db-errors-'));
    file = path.join(directory, 'test.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id integer PRIMARY KEY, v integer)');
    db.exec('INSERT INTO t VALUES (1, 1)');
    db.close();
  });

  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('when mysql2 cannot connect (port closed), then the database is unavailable, also wrapped by TypeORM', async () => {
    const port = await closedPort();
    const error = await mysql.createConnection({ host: '127.0.0.1', port, connectTimeout: 2000 }).then(
      () => assert.fail('connected to a closed port'),
      (failure: unknown) => failure,
    );
    assert.equal((error as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(isDatabaseUnavailable(error), true);
    assert.equal(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error as Error)), true);
    assert.equal(isRetryableTransactionError(error), false);
  });

  it('when another connection holds the SQLite write lock past the busy timeout, then it is unavailable, not retried', () => {
    const holder = new BetterSqlite3(file);
    const waiter = new BetterSqlite3(file);
    try {
      waiter.pragma('busy_timeout = 0');
      holder.exec('BEGIN IMMEDIATE');
      const error = thrownBy(() => waiter.exec('UPDATE t SET v = 2'));
      assert.equal((error as { code?: string }).code, 'SQLITE_BUSY');
      assert.equal(isDatabaseUnavailable(error), true);
      assert.equal(isRetryableTransactionError(error), false);
      holder.exec('ROLLBACK');
    } finally {
      holder.close();
      waiter.close();
    }
  });

  it("when another process's commit made a SQLite read snapshot stale, then the transaction is retried", () => {
    const writer = new BetterSqlite3(file);
    const reader = new BetterSqlite3(file);
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT * FROM t').all();
      writer.exec('UPDATE t SET v = 3');
      const error = thrownBy(() => reader.exec('UPDATE t SET v = 4'));
      assert.equal((error as { code?: string }).code, 'SQLITE_BUSY_SNAPSHOT');
      assert.equal(isRetryableTransactionError(error), true);
      reader.exec('ROLLBACK');
    } finally {
      writer.close();
      reader.close();
    }
  });

  it('when the SQLite file cannot be opened, then it is unavailable', () => {
    const error = thrownBy(
      () => new BetterSqlite3(path.join(directory, 'missing.sqlite'), { fileMustExist: true }),
    );
    assert.equal((error as { code?: string }).code, 'SQLITE_CANTOPEN');
    assert.equal(isDatabaseUnavailable(error), true);
  });

  it('when a statement is wrong or a key is taken, then the database is not unavailable', () => {
    const db = new BetterSqlite3(file);
    try {
      const duplicate = thrownBy(() => db.exec('INSERT INTO t VALUES (1, 1)'));
      assert.equal(isUniqueViolation(duplicate), true);
      assert.equal(isDatabaseUnavailable(duplicate), false);
      assert.equal(isDatabaseUnavailable(thrownBy(() => db.exec('SELEC nonsense'))), false);
      assert.equal(isDatabaseUnavailable(new Error('something else')), false);
      assert.equal(isDatabaseUnavailable(undefined), false);
    } finally {
      db.close();
    }
  });
});
