/**
 * `npm run bench:postback` — signed postbacks end to end (HTTP, signature, inbox, conversion,
 * ledger), durable, from 16 concurrent senders for 10 s: mostly new orders, plus 20 % repeats and
 * approvals of earlier ones. Then checks the money: every order credited exactly once, balances
 * equal to what the stored messages imply, and `ledger:verify` passing. Uses MariaDB when
 * DATABASE_URL is set (a fresh database per run), else SQLite.
 */
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { signWebhook, webhookKeyFromSecret } from '../server/src/platform/security/standard-webhooks.js';
import { dropDatabase, markdownTable, query, start, type BenchServer } from './lib.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** dobrovsky-cz pays 4 % of the order value: 1000.00 → 40.00 under a 50.00 commission. */
const SHARE_MINOR = 4000n;

/** The database server's CPU time so far (Linux /proc), to show where a postback's cost goes. */
function mariadbCpuMs(): number {
  try {
    const pid = execSync('pgrep -x mariadbd || pgrep -x mysqld', { encoding: 'utf8' }).trim().split('\n')[0];
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return -1;
  }
}

const app = await start<BenchServer>('bench/bench-server.ts');
const { port, databaseUrl, type, webhookSecret, clickIds, shopperIds, demoNetworkId } = app.info;
const key = webhookKeyFromSecret(webhookSecret);
const runId = randomBytes(3).toString('hex');
let sequence = 0;

/** The next message: a new order (80 %), a repeat of a recent one (10 %), or its approval (10 %). */
function nextBody(): string {
  sequence += 1;
  const roll = sequence % 10;
  const recent = Math.max(1, sequence - 1 - Math.floor(Math.random() * 200));
  const order = roll === 3 || roll === 7 ? recent : sequence;
  const status = roll === 7 ? 'approved' : 'pending';
  return JSON.stringify({
    id: `evt_${runId}_${sequence}`,
    click_id: clickIds[order % clickIds.length],
    order_id: `BENCH-${runId}-${order}`,
    order_amount: '1000.00',
    commission: '50.00',
    currency: 'CZK',
    status,
  });
}

const cpuMs = (): Promise<number> =>
  new Promise((resolve) => {
    app.child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
    app.child.send('stats');
  });

try {
  const cpuBefore = await cpuMs();
  const mariaCpuBefore = mariadbCpuMs();
  // Signed ahead of the run, so that the load generator spends its share of the two cores on
  // sending, not on HMACs (the timestamps stay well inside the ±300 s window).
  const prepared = Array.from({ length: DURATION_S * 8000 }, () => {
    const body = nextBody();
    const id = `msg_${runId}_${sequence}`;
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(key, id, timestamp, body),
      },
    };
  });
  let sent = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/postback/demo`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = prepared[sent++];
          if (!next) throw new Error('prepared too few postbacks for this run');
          return { ...request, ...next };
        },
      },
    ],
  });
  const serverCpuMs = (await cpuMs()) - cpuBefore;
  const databaseCpuMs = mariadbCpuMs() - mariaCpuBefore;
  // Let requests still in flight when the run stopped commit before checking.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const stats = result.statusCodeStats as Record<string, { count: number }>;
  const answered = Object.entries(stats)
    .map(([code, { count }]) => `${code}: ${count}`)
    .join(', ');

  // What the stored messages imply, independently of the conversions table.
  const messages = await query<{ body: string }>(
    type,
    databaseUrl,
    "SELECT body FROM postback_inbox WHERE network_id = ? AND outcome IN ('accepted', 'duplicate', 'ignored')",
    [demoNetworkId],
  );
  const approved = new Map<string, boolean>();
  for (const { body } of messages) {
    const parsed = JSON.parse(body) as { order_id: string; status: string };
    approved.set(parsed.order_id, (approved.get(parsed.order_id) ?? false) || parsed.status === 'approved');
  }
  const expectedAvailable = BigInt([...approved.values()].filter(Boolean).length) * SHARE_MINOR;
  const expectedPending = BigInt([...approved.values()].filter((value) => !value).length) * SHARE_MINOR;
  const shoppers = shopperIds.map(() => '?').join(', ');
  const balances = await query<{ kind: string; total: string | number }>(
    type,
    databaseUrl,
    `SELECT kind, SUM(balance_minor) AS total FROM ledger_accounts WHERE user_id IN (${shoppers}) AND currency = 'CZK' GROUP BY kind`,
    shopperIds,
  );
  const balanceOf = (kind: string) => BigInt(balances.find((row) => row.kind === kind)?.total ?? 0);
  const [conversions] = await query<{ n: number | string }>(
    type,
    databaseUrl,
    `SELECT COUNT(*) AS n FROM conversions WHERE user_id IN (${shoppers})`,
    shopperIds,
  );
  const transfers = await query<{ code: string; n: number | string }>(
    type,
    databaseUrl,
    `SELECT code, COUNT(*) AS n FROM ledger_transfers WHERE user_id IN (${shoppers}) GROUP BY code`,
    shopperIds,
  );
  const transfersOf = (code: string) => Number(transfers.find((row) => row.code === code)?.n ?? 0);
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/ledger-verify.ts'], {
    env: { ...process.env, NODE_ENV: 'development', DB_TYPE: type, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });

  const orders = approved.size;
  const checks = {
    'one conversion per order': Number(conversions!.n) === orders,
    'one pending credit per order': transfersOf('conversion_pending') === orders,
    'one approval per approved order':
      transfersOf('conversion_approved') === [...approved.values()].filter(Boolean).length,
    'pending balance = model': balanceOf('pending') === expectedPending,
    'available balance = model': balanceOf('available') === expectedAvailable,
    'ledger:verify passes': verify.status === 0,
  };
  process.stdout.write(
    `\n${markdownTable(['run', 'postbacks/s', 'p50 ms', 'p99 ms', 'answers'], [[`signed postbacks (${type}, ${CONNECTIONS} senders, ${DURATION_S} s)`, Math.round(result.requests.average), result.latency.p50, result.latency.p99, answered]])}\n\n`,
  );
  process.stdout.write(`target: >= 2000 postbacks/s, p99 <= 25 ms\n`);
  const handled = result.requests.total || 1;
  process.stdout.write(
    `CPU per postback: app ${(serverCpuMs / handled).toFixed(2)} ms, database ${databaseCpuMs >= 0 ? (databaseCpuMs / handled).toFixed(2) : '?'} ms\n`,
  );
  process.stdout.write(
    `orders ${orders}, pending ${balanceOf('pending')} (model ${expectedPending}), available ${balanceOf('available')} (model ${expectedAvailable})\n`,
  );
  for (const [name, ok] of Object.entries(checks)) process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}\n`);
  if (verify.status !== 0) process.stdout.write(verify.stdout + verify.stderr);
  process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
  await dropDatabase(type, databaseUrl);
} finally {
  app.child.kill('SIGTERM');
}
