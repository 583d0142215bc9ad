import { defineConfig } from 'tsup';

/** Production server bundle: one ESM file; node_modules stay external (native addons included). */
export default defineConfig({
  entry: { main: 'server/src/main.ts', migrate: 'server/src/cli/migrate.ts' },
  outDir: 'dist/server',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  keepNames: true,
  splitting: true,
  tsconfig: 'tsconfig.json',
});
