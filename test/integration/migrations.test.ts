import assert from 'node:assert/strict';
import { migrate, openDatabase } from '../../server/src/database.js';
import { ctx } from '../helpers/context.js';

describe('migrations', () => {
  it('when run again on a migrated database, then nothing is applied and the data stays', async () => {
    const { config, logger, database } = ctx();
    const shopsBefore = await database.dataSource.query<Array<{ n: unknown }>>(
      'SELECT COUNT(*) AS n FROM shops',
    );
    // A second, independent connection, as `npm run db:migrate` would open.
    const second = await openDatabase(config.database, logger);
    try {
      assert.deepEqual(await migrate(second), []);
      assert.deepEqual(await migrate(second), []);
    } finally {
      await second.close();
    }
    const shopsAfter = await database.dataSource.query<Array<{ n: unknown }>>(
      'SELECT COUNT(*) AS n FROM shops',
    );
    assert.equal(Number(shopsAfter[0]?.n), Number(shopsBefore[0]?.n));
  });

  it('records each applied migration once', async () => {
    const rows = await ctx().database.dataSource.query<
      Array<{
        name: string;
      }>
    >('SELECT name FROM schema_migrations');
    const names = rows.map((row) => row.name);
    assert.ok(names.includes('Foundation1764000000000'));
    assert.equal(new Set(names).size, names.length);
  });
});
