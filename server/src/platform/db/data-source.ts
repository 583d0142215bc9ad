import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import type { Config } from '../../config.js';

export type Dialect = 'sqlite' | 'mysql';

export interface DataSourceParts {
  // TypeORM's own parameter types: entity classes and migration classes.
  entities: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  migrations: { sqlite: MixedList<Function>; mysql: MixedList<Function> }; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

export function dialectOf(type: Config['database']['type']): Dialect {
  return type === 'sqlite' ? 'sqlite' : 'mysql';
}

/**
 * Builds the TypeORM data source for the configured database. Schema changes come only from the
 * migrations of the matching dialect (`synchronize` stays off in every environment).
 */
export function createDataSource(database: Config['database'], parts: DataSourceParts): DataSource {
  const common = {
    entities: parts.entities,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    logging: false,
  } as const;

  let options: DataSourceOptions;
  if (database.type === 'sqlite') {
    if (database.url !== ':memory:') fs.mkdirSync(path.dirname(database.url), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: database.url,
      migrations: parts.migrations.sqlite,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        // FULL keeps every committed transaction across power loss: money must not go back in time.
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  } else {
    options = {
      ...common,
      type: database.type,
      url: database.url,
      migrations: parts.migrations.mysql,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: database.poolSize,
      // A server that does not complete the handshake fails the request after 5 s (a closed port
      // fails at once): the request is answered 503 instead of hanging (`isDatabaseUnavailable`).
      connectTimeout: 5000,
      // No stack captured at every query (mysql2's `trace`): errors carry the SQL and the driver's
      // code, and capturing a stack for every statement is a measurable share of its client cost.
      // Keep-alive probes after 10 s idle, so a pooled connection to a vanished server is found dead.
      extra: {
        connectionLimit: database.poolSize,
        enableKeepAlive: true,
        keepAliveInitialDelay: 10_000,
        trace: false,
      },
    };
  }
  return new DataSource(options);
}
