/**
 * `npm run bench:click` — the click redirect against a bare node:http 302, in one run.
 * Both servers run in child processes; autocannon (loopback, 100 connections, 10 s each) runs
 * here. Uses MariaDB when DATABASE_URL is set (a fresh database per run), else SQLite.
 * Prints req/s, p50/p99, the ratio to the baseline, and click rows written vs 302s served; then the
 * CPU each process spent per answered request (from /proc, so the figures hold on a busy machine
 * better than req/s do), and on MariaDB the rows per INSERT.
 */
import { execSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { dropDatabase, markdownTable, query, start, USER_AGENT, type BenchServer } from './lib.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);

/**
 * CPU of a process (or `pid/task/tid` thread) so far, in ms, from /proc: user + system, or system
 * (kernel) only; -1 where it is not available. /proc counts in ticks of 10 ms (USER_HZ = 100).
 */
function processCpuMs(pid: number | string | undefined, only?: 'system'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((only === 'system' ? 0 : Number(fields[11])) + Number(fields[12])) * 10;
  } catch {
    return -1;
  }
}

function mariadbPid(): number | undefined {
  try {
    return Number(
      execSync('pgrep -x mariadbd || pgrep -x mysqld', { encoding: 'utf8' }).trim().split('\n')[0],
    );
  } catch {
    return undefined;
  }
}

/**
 * CPU ms of the MariaDB threads serving one database's connections (by thread id), so other
 * databases' work on a shared server does not count; background threads are not included.
 */
async function databaseThreadsCpuMs(
  type: string,
  databaseUrl: string,
  pid: number | undefined,
): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  if (type !== 'mariadb' || pid === undefined) return cpu;
  const name = new URL(databaseUrl).pathname.slice(1);
  const threads = await query<{ TID: number | string }>(
    type,
    databaseUrl,
    'SELECT TID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
    [name],
  );
  for (const { TID } of threads) {
    const ms = processCpuMs(`${pid}/task/${TID}`);
    if (ms >= 0) cpu.set(Number(TID), ms);
  }
  return cpu;
}

/** CPU µs per answered request of this process (autocannon) and of each of `pids` while `work` runs. */
async function cpuPerRequest<T extends { requests: number }>(
  pids: Record<string, number | undefined>,
  work: () => Promise<T>,
): Promise<T & { cpuUsPerRequest: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid)]));
  const systemBefore = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid, 'system')]),
  );
  const selfBefore = process.cpuUsage();
  const result = await work();
  const self = process.cpuUsage(selfBefore);
  const cpuUsPerRequest: Record<string, number> = {
    autocannon: (self.user + self.system) / result.requests,
  };
  for (const [name, pid] of Object.entries(pids)) {
    if (before[name]! < 0) continue;
    cpuUsPerRequest[name] = ((processCpuMs(pid) - before[name]!) * 1000) / result.requests;
    cpuUsPerRequest[`${name} in kernel`] =
      ((processCpuMs(pid, 'system') - systemBefore[name]!) * 1000) / result.requests;
  }
  return { ...result, cpuUsPerRequest };
}

/** MariaDB's count of INSERT statements so far (server-wide), to report clicks per statement. */
async function insertStatements(type: string, databaseUrl: string): Promise<number> {
  if (type !== 'mariadb') return 0;
  const [row] = await query<{ Value: string }>(type, databaseUrl, "SHOW GLOBAL STATUS LIKE 'Com_insert'");
  return Number(row!.Value);
}

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
    requests: result.requests.total,
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

  // MariaDB's CPU is shown for the baseline too: it should be idle then.
  const database = type === 'mariadb' ? mariadbPid() : undefined;
  const baseline = await cpuPerRequest({ server: bare.child.pid, mariadb: database }, () =>
    measure('bare node:http 302 + cookie', `http://127.0.0.1:${bare.info.port}/`, {}),
  );
  const insertsBefore = await insertStatements(type, databaseUrl);
  const threadsBefore = await databaseThreadsCpuMs(type, databaseUrl, database);
  const click = await cpuPerRequest({ server: app.child.pid, mariadb: database }, () =>
    measure(`GET /go/:shop (${type}, click committed before 302)`, `http://127.0.0.1:${port}/go/alza-cz`, {
      cookie,
    }),
  );
  // Let requests still in flight when autocannon stopped finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rows = (await countClicks(type, databaseUrl, userId)) - before;
  const inserts = (await insertStatements(type, databaseUrl)) - insertsBefore;
  let threadsMs = 0;
  for (const [thread, ms] of await databaseThreadsCpuMs(type, databaseUrl, database))
    threadsMs += ms - (threadsBefore.get(thread) ?? 0);
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
  for (const run of [baseline, click]) {
    const parts = Object.entries(run.cpuUsPerRequest).map(([name, us]) => `${name} ${us.toFixed(1)}`);
    process.stdout.write(`CPU µs per request, ${run.name}: ${parts.join(', ')}\n`);
  }
  if (type === 'mariadb')
    process.stdout.write(
      `CPU µs per click of the MariaDB threads serving this database: ${((threadsMs * 1000) / rows).toFixed(1)}; ` +
        `clicks per INSERT statement (server-wide count): ${(rows / inserts).toFixed(1)}\n`,
    );
  process.stdout.write(`${CONNECTIONS} connections, ${DURATION_S} s each, loopback, ${type}\n`);
  await dropDatabase(type, databaseUrl);
  process.exitCode = rows === sent ? 0 : 1;
} finally {
  bare.child.kill('SIGTERM');
  app.child.kill('SIGTERM');
}
