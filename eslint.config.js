// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'reports/**',
      'coverage/**',
      'test/output/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Only the CLI (and scripts/bench run by hand) may print.
  { files: ['src/cli/**', 'scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  // papaparse lives behind src/io/csv.ts only.
  {
    files: ['src/**'],
    ignores: ['src/io/csv.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'papaparse', message: 'Use src/io/csv.ts.' }] },
      ],
    },
  }, // The engine is pure: no I/O, no clock, no CSV, no CLI or renderer imports (style.md practice 8).
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'The engine is pure: no I/O.',
            },
            {
              group: ['papaparse', '**/io/**', '**/cli/**', '**/report/**'],
              message: 'The engine imports only domain/ and its own modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'No clock in the engine: pass `now` in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'No unseeded randomness in the engine.' },
      ],
    },
  },
  // Renderers are pure too: they turn a result into a string.
  {
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'fs', 'node:fs/promises', '**/cli/**'],
              message: 'Renderers are pure (result → string).',
            },
            {
              group: ['**/io/*', '!**/io/csv.js'],
              message: 'Renderers may use only the CSV string helpers of io/.',
            },
            { group: ['papaparse'], message: 'Use src/io/csv.ts.' },
          ],
        },
      ],
    },
  },
);
