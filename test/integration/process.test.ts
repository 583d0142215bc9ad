import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The real boot path in a child process: config → migrate → seed → listen, and the graceful stop.
 * Uses its own temporary SQLite directory so it never touches the suite's database.
 */
describe('server process', () => {
  it('when started on a fresh data directory, then it serves /healthz; on SIGTERM it stops cleanly', async function () {
    this.timeout(60_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vratka-boot-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const reader = readline.createInterface({ input: child.stdout });
        reader.on('line', (line) => {
          lines.push(line);
          const entry = JSON.parse(line) as { port?: number; msg?: string };
          if (entry.msg?.startsWith('Vratka is listening') && entry.port) resolve(entry.port);
        });
        void exited.then((code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
      });
      assert.ok(fs.existsSync(path.join(dataDir, 'vratka.sqlite')), 'SQLite file created on first start');
      assert.ok(
        lines.some((line) => line.includes('Demo data seeded')),
        'demo data seeded with credentials',
      );

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');

      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.ok(lines.some((line) => line.includes('shutdown complete')));
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
