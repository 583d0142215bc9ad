import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A word list of zxcvbn-ts (`…/language-en/dist/commonWords.json.mjs`): language, list. */
const PASSWORD_DICTIONARY = /[\\/]@zxcvbn-ts[\\/]language-(\w+)[\\/]dist[\\/](\w+)\.json\.mjs$/;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: { alias: { '@shared': path.resolve('shared/src') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The password meter's dictionaries load on demand, but as one package they made a
              // 1.2 MB chunk: one chunk per word list keeps each under the 500 kB warning, and the
              // browser fetches them in parallel.
              name: (id) => {
                const match = PASSWORD_DICTIONARY.exec(id);
                return match ? `zxcvbn-${match[1]}-${match[2]}` : null;
              },
              test: PASSWORD_DICTIONARY,
              // Names this group in the bundler's timing report (the name above is a function).
              debugName: 'zxcvbn-dictionaries',
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/go': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
