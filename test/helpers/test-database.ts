import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Config } from '../../server/src/config.js';

export interface TestDatabaseTarget {
  type: Config['database']['type'];
  url: string;
  /** Removes the database (or file) created for this run. */
  drop(): Promise<void>;
}

/**
 * Each test run gets a database of its own, created empty and migrated by the suite: a temporary
 * SQLite file by default, or a fresh MariaDB/MySQL database named after DATABASE_URL plus a
 * per-run suffix when DB_TYPE is mariadb or mysql.
 */
export async function createTestDatabase(): Promise<TestDatabaseTarget> {
  const type = (process.env.DB_TYPE ?? 'sqlite') as Config['database']['type'];
  if (type === 'sqlite') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-test-'));
    return {
      type,
      url: path.join(directory, 'vratka.sqlite'),
      drop: () => fs.promises.rm(directory, { recursive: true, force: true }),
    };
  }
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/vratka_test');
  const name = `${base.pathname.replace(/^\//, '') || 'vratka_test'}_${process.pid}_${Date.now().toString(36)}`;
  const server = new URL(base);
  server.pathname = '/';
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    type,
    url: url.toString(),
    drop: async () => {
      const connection = await mysql.createConnection(server.toString());
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
