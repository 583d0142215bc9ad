import assert from 'node:assert/strict';
import { CashbackRule } from '../../server/src/modules/shops/cashback-rule.entity.js';
import { Database } from '../../server/src/platform/db/database.js';
import { isUniqueViolation, TransactionConflict } from '../../server/src/platform/db/errors.js';
import { MAX_STORABLE_MINOR } from '../../shared/src/money.js';
import { ctx } from '../helpers/context.js';

const onMysql = (process.env.DB_TYPE ?? 'sqlite') !== 'sqlite';

describe('database platform', () => {
  before(async () => {
    await ctx().database.dataSource.query(
      'CREATE TABLE test_counters (id int NOT NULL PRIMARY KEY, counter_value bigint NOT NULL)',
    );
    await ctx().database.dataSource.query(
      'INSERT INTO test_counters (id, counter_value) VALUES (1, 0), (2, 0)',
    );
  });
  after(async () => {
    await ctx().database.dataSource.query('DROP TABLE test_counters');
  });

  it('when 40 read-modify-write transactions run at once, then none is lost', async () => {
    const { database } = ctx();
    const lockSuffix = database.dialect === 'mysql' ? ' FOR UPDATE' : '';
    await Promise.all(
      Array.from({ length: 40 }, () =>
        database.transaction(async (manager) => {
          const rows = await manager.query<
            Array<{
              counter_value: string | number;
            }>
          >(`SELECT counter_value FROM test_counters WHERE id = 1${lockSuffix}`);
          await new Promise((resolve) => setImmediate(resolve));
          await manager.query('UPDATE test_counters SET counter_value = ? WHERE id = 1', [
            Number(rows[0]!.counter_value) + 1,
          ]);
        }),
      ),
    );
    const [row] = await database.dataSource.query<
      Array<{
        counter_value: string | number;
      }>
    >('SELECT counter_value FROM test_counters WHERE id = 1');
    assert.equal(Number(row!.counter_value), 40);
  });

  it('returns the ids a multi-row INSERT generated, in row order, and the same row by row (interleaved ids)', async () => {
    const { database } = ctx();
    const table = 'test_generated_ids';
    const autoIncrement =
      database.dialect === 'mysql'
        ? 'bigint NOT NULL AUTO_INCREMENT PRIMARY KEY'
        : 'INTEGER PRIMARY KEY AUTOINCREMENT';
    await database.dataSource.query(
      `CREATE TABLE ${table} (id ${autoIncrement}, label varchar(16) NOT NULL)`,
    );
    try {
      const interleaved = new Database(database.dataSource);
      interleaved.assumeInterleavedIds();
      for (const [name, db] of [
        ['consecutive', database],
        ['interleaved', interleaved],
      ] as const) {
        const labels = Array.from({ length: 5 }, (_, index) => `${name.slice(0, 4)}-${index}`);
        const ids = await db.transaction((manager) =>
          db.insertRows(
            manager.queryRunner!,
            `INSERT INTO ${table} (label)`,
            '(?)',
            labels.map((label) => [label]),
          ),
        );
        const rows = await database.dataSource.query<Array<{ id: string | number; label: string }>>(
          `SELECT id, label FROM ${table} WHERE label LIKE ?`,
          [`${name.slice(0, 4)}-%`],
        );
        const labelOf = new Map(rows.map((row) => [String(row.id), row.label]));
        assert.deepEqual(
          ids.map((id) => labelOf.get(id)),
          labels,
          name,
        );
      }
    } finally {
      await database.dataSource.query(`DROP TABLE ${table}`);
    }
  });

  it('when the work throws, then the transaction rolls back and later ones still run', async () => {
    const { database } = ctx();
    await assert.rejects(
      database.transaction(async (manager) => {
        await manager.query('UPDATE test_counters SET counter_value = 999 WHERE id = 2');
        throw new Error('boom');
      }),
      /boom/,
    );
    const value = await database.transaction(async (manager) => {
      const rows = await manager.query<
        Array<{
          counter_value: string | number;
        }>
      >('SELECT counter_value FROM test_counters WHERE id = 2');
      return Number(rows[0]!.counter_value);
    });
    assert.equal(value, 0);
  });

  it('keeps bigint money exact up to the storable maximum, and refuses to store beyond it', async () => {
    const { database } = ctx();
    const [shop] = await database.dataSource.query<
      Array<{
        id: string | number;
      }>
    >("SELECT id FROM shops WHERE slug = 'alza-cz'");
    const rule = (fixedMinor: bigint) =>
      database.manager.create(CashbackRule, {
        shopId: String(shop!.id),
        category: 'transformer-test',
        kind: 'fixed',
        rateBasisPoints: null,
        fixedMinor,
        currency: 'CZK',
        validFrom: new Date('2000-01-01T00:00:00Z'),
        validTo: new Date('2000-01-02T00:00:00Z'),
        createdAt: new Date(),
      });
    // 2^53 - 1 is odd and the largest exact double integer: any rounding would show.
    const saved = await database.manager.save(rule(MAX_STORABLE_MINOR));
    try {
      const loaded = await database.manager.findOneByOrFail(CashbackRule, { id: saved.id });
      assert.equal(typeof loaded.fixedMinor, 'bigint');
      assert.equal(loaded.fixedMinor, MAX_STORABLE_MINOR);
      assert.equal(typeof loaded.id, 'string');
      await assert.rejects(database.manager.save(rule(MAX_STORABLE_MINOR + 2n)), RangeError);
      assert.equal(await database.manager.countBy(CashbackRule, { category: 'transformer-test' }), 1);
    } finally {
      await database.manager.delete(CashbackRule, { category: 'transformer-test' });
    }
  });

  it('when a service reports a conflicting concurrent change, then the transaction runs again', async () => {
    let attempts = 0;
    const result = await ctx().database.transaction((manager) => {
      attempts += 1;
      if (attempts === 1) return Promise.reject(new TransactionConflict('changed meanwhile'));
      return manager.query('SELECT 1').then(() => 'done');
    });
    assert.equal(result, 'done');
    assert.equal(attempts, 2);
  });

  it('recognises a unique-key violation on this dialect', async () => {
    const error = await ctx()
      .database.dataSource.query('INSERT INTO test_counters (id, counter_value) VALUES (1, 5)')
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    assert.ok(error, 'duplicate insert must fail');
    assert.equal(isUniqueViolation(error), true);
  });

  if (onMysql) {
    it('runs transactions at READ COMMITTED (set once per pooled connection)', async () => {
      const { database } = ctx();
      const levels = await Promise.all(
        Array.from({ length: 6 }, () =>
          database.transaction(async (manager) => {
            const [row] = await manager.query<Array<{ level: string }>>('SELECT @@tx_isolation AS level');
            return row!.level;
          }),
        ),
      );
      assert.deepEqual(new Set(levels), new Set(['READ-COMMITTED']));
    });

    it('when two transactions deadlock, then the victim is retried and both complete', async () => {
      const { database } = ctx();
      let arrived = 0;
      let release!: () => void;
      const bothHoldFirstLock = new Promise<void>((resolve) => (release = resolve));
      const attempts = { a: 0, b: 0 };
      const crosswise = (name: 'a' | 'b', first: number, second: number) =>
        database.transaction(async (manager) => {
          attempts[name] += 1;
          await manager.query('UPDATE test_counters SET counter_value = counter_value + 1 WHERE id = ?', [
            first,
          ]);
          if (attempts[name] === 1) {
            arrived += 1;
            if (arrived === 2) release();
            await bothHoldFirstLock;
          }
          await manager.query('UPDATE test_counters SET counter_value = counter_value + 1 WHERE id = ?', [
            second,
          ]);
        });
      const [before] = await database.dataSource.query<
        Array<{
          counter_value: string;
        }>
      >('SELECT counter_value FROM test_counters WHERE id = 2');
      await Promise.all([crosswise('a', 1, 2), crosswise('b', 2, 1)]);
      assert.equal(attempts.a + attempts.b, 3, 'exactly one deadlock victim, retried once');
      const [after] = await database.dataSource.query<
        Array<{
          counter_value: string;
        }>
      >('SELECT counter_value FROM test_counters WHERE id = 2');
      assert.equal(Number(after!.counter_value) - Number(before!.counter_value), 2);
    });
  }
});
