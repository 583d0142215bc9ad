import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import request from 'supertest';
import { CATALOGUE_CHECK_INTERVAL_MS } from '../../server/src/modules/shops/catalogue-version.js';
import { createTestDatabase, type TestDatabaseTarget } from '../helpers/test-database.js';

/** Time allowed on top of the stated bound: process scheduling on a busy 2-core machine. */
const MARGIN_MS = 2000;

interface ServerProcess {
  url: string;
  lines: string[];
  stop(): Promise<void>;
}

/** `server/src/main.ts` in a child process on the given database; resolves once it listens. */
async function startServer(target: TestDatabaseTarget, dataDir: string): Promise<ServerProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts'],
    {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        DB_TYPE: target.type,
        DATABASE_URL: target.url,
        SEED_DEMO: 'true',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { port?: number; msg?: string };
        if (entry.msg?.startsWith('Vratka is listening') && entry.port) resolve(entry.port);
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => reject(new Error(`server exited early with ${code}: ${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** A fresh database for the two processes: a SQLite file in `dataDir`, or a new MariaDB database. */
async function sharedDatabase(dataDir: string): Promise<TestDatabaseTarget> {
  if ((process.env.DB_TYPE ?? 'sqlite') !== 'sqlite') return createTestDatabase();
  // The file goes with `dataDir`.
  return { type: 'sqlite', url: path.join(dataDir, 'shared.sqlite'), drop: () => Promise.resolve() };
}

function headlineRate(body: { cashback: { kind: string; basisPoints?: number } | null }) {
  return body.cashback?.kind === 'percent' ? body.cashback.basisPoints : undefined;
}

describe('the catalogue across app processes', () => {
  it(`when an admin changes a shop's cashback through one process, then another serves it within ${CATALOGUE_CHECK_INTERVAL_MS} ms (+ margin)`, async function () {
    this.timeout(120_000);
    const dataDirA = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-proc-a-'));
    const dataDirB = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-proc-b-'));
    const target = await sharedDatabase(dataDirA);
    const servers: ServerProcess[] = [];
    try {
      // One after the other: the first migrates and seeds, the second finds it done.
      const a = await startServer(target, dataDirA);
      servers.push(a);
      const b = await startServer(target, dataDirB);
      servers.push(b);
      const seeded = a.lines.find((line) => line.includes('Demo data seeded'));
      const message = seeded ? (JSON.parse(seeded) as { msg: string }).msg : '';
      const adminPassword = /demo admin: \S+ \/ (\S+)$/.exec(message)?.[1];
      assert.ok(adminPassword, 'the first process prints the demo admin credentials');
      assert.ok(!b.lines.some((line) => line.includes('Demo data seeded')), 'seeded once');

      // Process B loads and caches the catalogue.
      const before = await request(b.url).get('/api/v1/shops/notino-cz').expect(200);
      const oldRate = headlineRate(before.body);
      const newRate = 9000 + Math.floor(Math.random() * 900);
      assert.notEqual(oldRate, newRate);
      await request(b.url).get('/api/v1/shops').expect(200);

      const admin = request.agent(a.url);
      const csrf = await admin.get('/api/v1/auth/csrf').expect(200);
      const login = await admin
        .post('/api/v1/auth/login')
        .set('X-CSRF-Token', csrf.body.csrfToken as string)
        .send({ email: 'admin@vratka.test', password: adminPassword, remember: false })
        .expect(200);
      await admin
        .post('/api/v1/admin/shops/notino-cz/rules')
        .set('X-CSRF-Token', login.body.csrfToken as string)
        .send({ kind: 'percent_of_order', basisPoints: newRate })
        .expect(201);
      const changedAt = Date.now();
      // The process that made the change serves it at once.
      const onA = await request(a.url).get('/api/v1/shops/notino-cz').expect(200);
      assert.equal(headlineRate(onA.body), newRate);

      let seenAfterMs: number | undefined;
      while (Date.now() - changedAt <= CATALOGUE_CHECK_INTERVAL_MS + MARGIN_MS) {
        const onB = await request(b.url).get('/api/v1/shops/notino-cz').expect(200);
        if (headlineRate(onB.body) === newRate) {
          seenAfterMs = Date.now() - changedAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(
        seenAfterMs !== undefined,
        `process B still served the old rate ${CATALOGUE_CHECK_INTERVAL_MS + MARGIN_MS} ms after the change`,
      );
      // And so does its list, from the same reloaded catalogue.
      const list = await request(b.url).get('/api/v1/shops?q=Notino').expect(200);
      assert.equal(
        headlineRate(
          (list.body.items as Array<{ slug: string; cashback: null }>).find(
            (shop) => shop.slug === 'notino-cz',
          )!,
        ),
        newRate,
      );
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await target.drop();
      fs.rmSync(dataDirA, { recursive: true, force: true });
      fs.rmSync(dataDirB, { recursive: true, force: true });
    }
  });
});
