/** Shared parts of the benchmarks: child servers, the benchmark database, and a little SQL. */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';

export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

export interface BenchServer {
  port: number;
  cookie: string;
  userId: string;
  databaseUrl: string;
  type: 'sqlite' | 'mariadb';
  webhookSecret: string;
  clickIds: string[];
  shopperIds: string[];
  demoNetworkId: string;
}

/** Starts a script in a child process and resolves with the JSON line it prints when ready. */
export function start<T>(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
        : []),
      '--import',
      'tsx',
      script,
    ],
    {
      env: { ...process.env, NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) as T }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export async function query<T>(
  type: string,
  databaseUrl: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  if (type === 'sqlite') {
    const db = new Database(databaseUrl, { readonly: true });
    try {
      return db.prepare(sql).all(...parameters) as T[];
    } finally {
      db.close();
    }
  }
  const connection = await mysql.createConnection(databaseUrl);
  try {
    const [rows] = await connection.query(sql, parameters);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(type: string, databaseUrl: string): Promise<void> {
  if (type !== 'mariadb') return;
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/';
  const connection = await mysql.createConnection(url.toString());
  await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await connection.end();
}

export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
