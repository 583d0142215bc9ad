import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'client/dist',
      'data',
      'test-results',
      '**/*.js',
      '!eslint.config.js',
      '!eslint-rules/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'eslint-rules/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Modules meet only at their index.ts; the money path and platform/ point one way (DESIGN §2).
    files: ['server/**/*.ts', 'bench/**/*.ts'],
    plugins: { vratka: boundaries },
    rules: {
      'vratka/module-boundaries': [
        'error',
        {
          root: import.meta.dirname,
          forbidden: {
            ledger: ['*'],
            conversions: ['postbacks', 'claims', 'reconciliation', 'payouts', 'admin'],
            clicks: ['conversions', 'postbacks', 'ledger', 'admin'],
            shops: ['conversions', 'postbacks', 'clicks', 'ledger', 'admin'],
            networks: ['conversions', 'postbacks', 'clicks', 'ledger', 'admin'],
            accounts: ['conversions', 'postbacks', 'ledger', 'admin'],
            audit: ['*'],
            payouts: ['conversions', 'postbacks', 'claims', 'reconciliation'],
            'bank-accounts': ['payouts', 'conversions', 'ledger', 'reconciliation'],
            claims: ['postbacks', 'reconciliation', 'payouts', 'admin'],
          },
          // The data source's entity list is the one place that names every module's entities.
          entityRegistry: ['server/src/database.ts'],
        },
      ],
    },
  },
  {
    files: ['eslint-rules/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai-style assertions and supertest bodies are untyped JSON by nature
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
