/**
 * `npm run bench:click` — the click redirect against a bare node:http 302, in one run.
 * Both servers run in child processes; autocannon (loopback, 100 connections, 10 s each) runs
 * here. Uses MariaDB when DATABASE_URL is set (a fresh database per run), else SQLite.
 * Prints req/s, p50/p99, the ratio to the baseline, and click rows written vs 302s served.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { dropDatabase, markdownTable, query, start, USER_AGENT, type BenchServer } from './lib.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);

async function measure(name: string, url: string, headers: Record<string, string>) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'user-agent': USER_AGENT, ...headers },
  });
  const redirects = Number((result.statusCodeStats as Record<string, { count: number }>)['302']?.count ?? 0);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects,
    errors: result.errors + result.timeouts + result.non2xx - redirects,
  };
}

/** The app server's own count of 302s it finished sending (autocannon drops in-flight ones at the end). */
function redirectsSent(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { redirects: number }).redirects));
    child.send('count');
  });
}

async function countClicks(type: string, databaseUrl: string, userId: string): Promise<number> {
  const [row] = await query<{ n: number | string }>(
    type,
    databaseUrl,
    'SELECT COUNT(*) AS n FROM clicks WHERE user_id = ?',
    [userId],
  );
  return Number(row!.n);
}

const bare = await start<{ port: number }>('bench/bare-server.ts');
const app = await start<BenchServer>('bench/bench-server.ts');
try {
  const { port, cookie, userId, databaseUrl, type } = app.info;
  // A short warm-up of both, so neither pays for JIT or connection set-up in the measurement.
  await autocannon({ url: `http://127.0.0.1:${bare.info.port}/`, connections: 10, duration: 2 });
  await autocannon({
    url: `http://127.0.0.1:${port}/go/alza-cz`,
    connections: 10,
    duration: 2,
    headers: { 'user-agent': USER_AGENT, cookie },
  });
  const before = await countClicks(type, databaseUrl, userId);
  const sentBefore = await redirectsSent(app.child);

  const baseline = await measure('bare node:http 302 + cookie', `http://127.0.0.1:${bare.info.port}/`, {});
  const click = await measure(
    `GET /go/:shop (${type}, click committed before 302)`,
    `http://127.0.0.1:${port}/go/alza-cz`,
    {
      cookie,
    },
  );
  // Let requests still in flight when autocannon stopped finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rows = (await countClicks(type, databaseUrl, userId)) - before;
  const sent = (await redirectsSent(app.child)) - sentBefore;

  const ratio = click.requestsPerSecond / baseline.requestsPerSecond;
  const table = markdownTable(
    ['run', 'req/s', 'p50 ms', 'p99 ms', '302s', 'errors'],
    [baseline, click].map((run) => [
      run.name,
      Math.round(run.requestsPerSecond),
      run.p50,
      run.p99,
      run.redirects,
      run.errors,
    ]),
  );
  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(`ratio /go : bare = ${ratio.toFixed(2)} (target >= 0.40)\n`);
  process.stdout.write(`p99 /go = ${click.p99} ms (target <= 10 ms)\n`);
  process.stdout.write(
    `click rows written = ${rows}, 302 answers = ${sent} (${rows === sent ? 'equal' : 'MISMATCH'})\n`,
  );
  process.stdout.write(`${CONNECTIONS} connections, ${DURATION_S} s each, loopback, ${type}\n`);
  await dropDatabase(type, databaseUrl);
  process.exitCode = rows === sent ? 0 : 1;
} finally {
  bare.child.kill('SIGTERM');
  app.child.kill('SIGTERM');
}
