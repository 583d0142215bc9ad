import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start`: builds the web client when its sources are newer than the last build, then starts
 * the server from TypeScript sources. Production uses `npm run build` + `npm run start:prod`.
 */
const root = process.cwd();
const builtIndex = path.join(root, 'client/dist/index.html');

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged = Math.max(
  newestModification(path.join(root, 'client')),
  newestModification(path.join(root, 'shared')),
);
if (!fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < sourcesChanged) {
  process.stdout.write('Building the web client…\n');
  // In a child process: Vite sets NODE_ENV=production in its own process, which must not leak into the server.
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import('../main.js');
