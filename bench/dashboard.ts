/**
 * `npm run bench:dashboard` — the shopper's two hot reads at scale: with 1,000,000 shoppers and
 * 10,000,000 ledger entries loaded (in bulk, not through HTTP) and one shopper with 10,000
 * purchases, measures GET /api/v1/me/balance and a purchases page (first and deep) at 16
 * connections for 10 s each. Uses MariaDB when DATABASE_URL is set (a fresh database), else SQLite.
 * BENCH_USERS / BENCH_ENTRIES scale the data set down for a quick try; BENCH_KEEP_DATABASE=1 keeps
 * the loaded database afterwards (for EXPLAIN) instead of dropping it. Next to latency it prints
 * the CPU each request cost the app server and MariaDB, the figures that do not move with the load
 * other processes put on the machine.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { dropDatabase, markdownTable, start, USER_AGENT, type BenchServer } from './lib.js';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000_000);
const PURCHASES = Number(process.env.BENCH_PURCHASES ?? 10_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
const BATCH = 5_000;
const NOW = '2026-11-01 12:00:00.000';

interface Loader {
  insert(table: string, columns: string[], rows: Array<Array<string | number | null>>): Promise<void>;
  scalar(sql: string): Promise<number>;
  close(): Promise<void>;
}

async function loaderFor(type: string, url: string): Promise<Loader> {
  if (type === 'sqlite') {
    const db = new Database(url);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    return {
      insert: (table, columns, rows) => {
        const statement = db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        db.transaction(() => rows.forEach((row) => statement.run(...row)))();
        return Promise.resolve();
      },
      scalar: (sql) => Promise.resolve(Number(Object.values(db.prepare(sql).get() as object)[0])),
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  }
  const connection = await mysql.createConnection({ uri: url, multipleStatements: false });
  await connection.query('SET unique_checks = 0, foreign_key_checks = 0');
  const literal = (value: string | number | null) =>
    value === null ? 'NULL' : typeof value === 'number' ? String(value) : connection.escape(value);
  return {
    insert: async (table, columns, rows) => {
      await connection.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map((row) => `(${row.map(literal).join(',')})`).join(',')}`,
      );
    },
    scalar: async (sql) => Number(Object.values(((await connection.query(sql))[0] as object[])[0]!)[0]),
    close: () => connection.end(),
  };
}

/** User + system CPU of a process so far, in ms, from /proc (-1 where it cannot be read). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return -1;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return -1;
  }
}

function mariadbPid(): number | undefined {
  try {
    const pid = Number(execSync('pgrep -x mariadbd || pgrep -x mysqld', { encoding: 'utf8' }).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU µs per request, or '?' where the process's CPU time cannot be read. */
function microsecondsPer(before: number, after: number, requests: number): string | number {
  return before < 0 || after < 0 || requests === 0 ? '?' : Math.round(((after - before) * 1000) / requests);
}

async function inBatches(
  total: number,
  make: (index: number) => Array<string | number | null>,
  write: (rows: Array<Array<string | number | null>>) => Promise<void>,
) {
  for (let offset = 0; offset < total; offset += BATCH) {
    const rows = [];
    for (let index = offset; index < Math.min(total, offset + BATCH); index++) rows.push(make(index));
    await write(rows);
  }
}

const app = await start<BenchServer>('bench/bench-server.ts');
const { port, cookie, userId, databaseUrl, type, demoNetworkId } = app.info;
process.stdout.write(
  `database: ${type === 'mariadb' ? new URL(databaseUrl).pathname.slice(1) : databaseUrl}\n`,
);
try {
  const loader = await loaderFor(type, databaseUrl);
  const loadStarted = Date.now();
  const firstUser = (await loader.scalar('SELECT MAX(id) FROM users')) + 1;
  const firstAccount = (await loader.scalar('SELECT COALESCE(MAX(id), 0) FROM ledger_accounts')) + 1;
  const firstTransfer = (await loader.scalar('SELECT COALESCE(MAX(id), 0) FROM ledger_transfers')) + 1;
  const receivable = firstAccount + USERS;
  process.stdout.write(`loading ${USERS} shoppers and ${ENTRIES} ledger entries …\n`);
  await inBatches(
    USERS,
    (index) => [firstUser + index, `load-${index}@example.test`, 'shopper', 'cz', 'cs', NOW, NOW],
    (rows) =>
      loader.insert(
        'users',
        ['id', 'email', 'role', 'market_code', 'language', 'created_at', 'updated_at'],
        rows,
      ),
  );
  // Each transfer credits a shopper's pending balance against the network's receivable (2 entries).
  const transfers = Math.floor(ENTRIES / 2);
  const perUser = (index: number) => Math.floor(transfers / USERS) + (index < transfers % USERS ? 1 : 0);
  await inBatches(
    USERS,
    (index) => [
      firstAccount + index,
      `user:${firstUser + index}:pending:CZK`,
      'pending',
      firstUser + index,
      null,
      'CZK',
      perUser(index) * 1000,
      NOW,
      NOW,
    ],
    (rows) =>
      loader.insert(
        'ledger_accounts',
        [
          'id',
          'account_key',
          'kind',
          'user_id',
          'network_id',
          'currency',
          'balance_minor',
          'created_at',
          'updated_at',
        ],
        rows,
      ),
  );
  await loader.insert(
    'ledger_accounts',
    [
      'id',
      'account_key',
      'kind',
      'user_id',
      'network_id',
      'currency',
      'balance_minor',
      'created_at',
      'updated_at',
    ],
    [
      [
        receivable,
        `network:${demoNetworkId}:receivable:CZK:load`,
        'network_receivable',
        null,
        Number(demoNetworkId),
        'CZK',
        0,
        NOW,
        NOW,
      ],
      // The measured shopper's balances, as their purchases below leave them (a third approved),
      // so that /me/balance reads real rows (only the cached balances are read, not the entries).
      ...(['pending', 'available'] as const).map((kind, index) => {
        const approved = Math.ceil(PURCHASES / 3);
        const shares = kind === 'available' ? approved : PURCHASES - approved;
        return [
          receivable + 1 + index,
          `user:${userId}:${kind}:CZK`,
          kind,
          Number(userId),
          null,
          'CZK',
          shares * 1500,
          NOW,
          NOW,
        ];
      }),
    ],
  );
  const userOfTransfer = (index: number) => index % USERS;
  await inBatches(
    transfers,
    (index) => [
      firstTransfer + index,
      `load:${index}`,
      'conversion_pending',
      'CZK',
      firstUser + userOfTransfer(index),
      `load:${index}`,
      'bench',
      null,
      NOW,
    ],
    (rows) =>
      loader.insert(
        'ledger_transfers',
        [
          'id',
          'idempotency_key',
          'code',
          'currency',
          'user_id',
          'reference',
          'created_by',
          'reason',
          'created_at',
        ],
        rows,
      ),
  );
  await inBatches(
    transfers * 2,
    (index) => {
      const transfer = Math.floor(index / 2);
      const credit = index % 2 === 0;
      return [
        firstTransfer + transfer,
        credit ? firstAccount + userOfTransfer(transfer) : receivable,
        credit ? firstUser + userOfTransfer(transfer) : null,
        credit ? 1000 : -1000,
        NOW,
      ];
    },
    (rows) =>
      loader.insert(
        'ledger_entries',
        ['transfer_id', 'account_id', 'user_id', 'amount_minor', 'created_at'],
        rows,
      ),
  );

  // The measured shopper: 10,000 purchases with one history event each.
  const firstConversion = (await loader.scalar('SELECT COALESCE(MAX(id), 0) FROM conversions')) + 1;
  const at = (index: number) =>
    new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  await inBatches(
    PURCHASES,
    (index) => [
      firstConversion + index,
      Number(demoNetworkId),
      `LOAD-${index}`,
      null,
      Number(userId),
      null,
      null,
      'CZK',
      100000,
      5000,
      1500,
      index % 3 === 0 ? 'approved' : 'pending',
      'click',
      index % 3 === 0 ? 'available' : 'pending',
      5000,
      1500,
      0,
      1,
      at(index),
      null,
      null,
      null,
      at(index),
      at(index),
    ],
    (rows) =>
      loader.insert(
        'conversions',
        [
          'id',
          'network_id',
          'external_order_id',
          'click_id',
          'user_id',
          'shop_id',
          'rule_id',
          'currency',
          'order_amount_minor',
          'commission_minor',
          'share_minor',
          'state',
          'attribution',
          'ledger_state',
          'ledger_commission_minor',
          'ledger_share_minor',
          'settled',
          'revision',
          'occurred_at',
          'clicked_at',
          'expected_confirmation_at',
          'network_reason',
          'created_at',
          'updated_at',
        ],
        rows,
      ),
  );
  await inBatches(
    PURCHASES,
    (index) => [
      firstConversion + index,
      Number(userId),
      1,
      index % 3 === 0 ? 'approved' : 'pending',
      100000,
      5000,
      1500,
      null,
      'postback',
      null,
      at(index),
    ],
    (rows) =>
      loader.insert(
        'conversion_events',
        [
          'conversion_id',
          'user_id',
          'revision',
          'state',
          'order_amount_minor',
          'commission_minor',
          'share_minor',
          'reason',
          'source',
          'inbox_id',
          'created_at',
        ],
        rows,
      ),
  );
  const entries = await loader.scalar('SELECT COUNT(*) FROM ledger_entries');
  const shoppers = await loader.scalar("SELECT COUNT(*) FROM users WHERE role = 'shopper'");
  await loader.close();
  process.stdout.write(
    `loaded in ${Math.round((Date.now() - loadStarted) / 1000)} s: ${shoppers} shoppers, ${entries} ledger entries, ${PURCHASES} purchases for the measured shopper\n`,
  );

  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie, 'user-agent': USER_AGENT };
  // A cursor half way through the purchases, reached the way a client would page (100 at a time).
  let deepCursor = '';
  for (let page = 0; page < PURCHASES / 2 / 100; page++) {
    const response = await fetch(
      `${base}/api/v1/me/purchases?limit=100${deepCursor ? `&cursor=${deepCursor}` : ''}`,
      { headers },
    );
    deepCursor = ((await response.json()) as { nextCursor: string }).nextCursor;
  }
  // What is measured must be the real answer: the shopper's balances and a full page.
  const balance = (await (await fetch(`${base}/api/v1/me/balance`, { headers })).json()) as {
    items: Array<{ pending: { amountMinor: string }; available: { amountMinor: string } }>;
  };
  if (balance.items.length !== 1 || balance.items[0]!.available.amountMinor === '0') {
    throw new Error(`unexpected balance: ${JSON.stringify(balance)}`);
  }
  const runs = [
    { name: 'GET /api/v1/me/balance', path: '/api/v1/me/balance', target: 5 },
    {
      name: 'GET /api/v1/me/purchases (first page of 20)',
      path: '/api/v1/me/purchases?limit=20',
      target: 10,
    },
    {
      name: 'GET /api/v1/me/purchases (page 251, keyset)',
      path: `/api/v1/me/purchases?limit=20&cursor=${deepCursor}`,
      target: 10,
    },
  ];
  const databasePid = type === 'mariadb' ? mariadbPid() : undefined;
  const results = [];
  for (const run of runs) {
    await autocannon({ url: base + run.path, connections: 4, duration: 2, headers });
    const appBefore = processCpuMs(app.child.pid);
    const databaseBefore = processCpuMs(databasePid);
    const result = await autocannon({
      url: base + run.path,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers,
    });
    const requests = result.requests.total;
    results.push({
      ...run,
      result,
      appCpu: microsecondsPer(appBefore, processCpuMs(app.child.pid), requests),
      databaseCpu: microsecondsPer(databaseBefore, processCpuMs(databasePid), requests),
    });
  }
  process.stdout.write(
    `\n${markdownTable(
      ['request', 'req/s', 'p50 ms', 'p99 ms', 'target p99', 'non-2xx', 'app CPU µs/req', 'db CPU µs/req'],
      results.map(({ name, result, target, appCpu, databaseCpu }) => [
        name,
        Math.round(result.requests.average),
        result.latency.p50,
        result.latency.p99,
        `<= ${target} ms`,
        result.non2xx,
        appCpu,
        databaseCpu,
      ]),
    )}\n\n${CONNECTIONS} connections, ${DURATION_S} s each, ${type}, ${shoppers} shoppers, ${entries} ledger entries` +
      ' (db CPU is the whole MariaDB server, other clients included)\n',
  );
  process.exitCode = results.every(({ result }) => result.non2xx === 0) ? 0 : 1;
} finally {
  app.child.kill('SIGTERM');
  if (KEEP_DATABASE) process.stdout.write(`kept ${databaseUrl}\n`);
  else await dropDatabase(type, databaseUrl);
}
