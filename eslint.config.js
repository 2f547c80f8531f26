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
  // The layers (README, "Design"): each folder imports only the folders below it. Data flows one way:
  // files → validated inventory → engine result → renderers → files.
  ...layers(),
  {
    files: [
      'src/engine/**',
      'src/model/**',
      'src/domain/**',
      'src/text/**',
      'src/generate/**',
      'src/report/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'No clock here: pass `now` in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'No unseeded randomness.' },
      ],
    },
  },
);

/**
 * One `no-restricted-imports` rule per layer: the project folders it may not import, whether it may
 * touch node: modules (I/O), and the libraries that live behind one module each.
 */
function layers() {
  const FOLDERS = ['text', 'domain', 'model', 'engine', 'io', 'report', 'generate', 'cli'];
  /** Folder → the project folders it may import (besides itself and src/errors.ts). */
  const ALLOWED = {
    text: [],
    domain: ['text'],
    model: ['text', 'domain'],
    engine: ['text', 'domain', 'model'],
    io: ['text', 'domain', 'model'],
    report: ['text', 'domain'],
    generate: ['text', 'domain'],
    cli: ['text', 'domain', 'model', 'engine', 'io', 'report', 'generate'],
  };
  /** Folders that may do I/O (node: modules). */
  const IO = new Set(['io', 'cli']);
  /** A library → the only files that may import it. */
  const BEHIND = {
    papaparse: ['src/io/csv.ts', 'src/text/csv.ts'],
    mathjs: ['src/model/math.ts'],
    zod: ['src/io/fields.ts', 'src/io/schemas.ts', 'src/io/file-schemas.ts', 'src/io/model-file.ts', 'src/io/rows.ts'],
  };
  const configs = [];
  for (const folder of FOLDERS) {
    const patterns = [];
    const banned = FOLDERS.filter((f) => f !== folder && !ALLOWED[folder].includes(f));
    if (banned.length > 0) {
      patterns.push({
        group: banned.map((f) => `**/${f}/**`),
        message: `src/${folder} may import only ${['its own modules', ...ALLOWED[folder].map((f) => `src/${f}`)].join(', ')} (README, "Design").`,
      });
    }
    if (folder === 'cli') {
      patterns.push({
        group: ['**/engine/**', '!**/engine/index.js'],
        message: 'The CLI calls the engine through src/engine/index.ts only.',
      });
    }
    if (!IO.has(folder)) {
      patterns.push({
        group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
        message: `src/${folder} is pure: no I/O.`,
      });
    }
    const libs = (file) =>
      Object.entries(BEHIND)
        .filter(([, owners]) => !owners.includes(file))
        .map(([lib, owners]) => ({ group: [lib], message: `Use ${owners.join(' or ')}.` }));
    const rule = (file) => ({
      'no-restricted-imports': ['error', { patterns: [...patterns, ...libs(file)] }],
    });
    // The owners of a library may import it, and keep the folder's other restrictions.
    const owners = [...new Set(Object.values(BEHIND).flat())].filter((o) =>
      o.startsWith(`src/${folder}/`),
    );
    configs.push({ files: [`src/${folder}/**`], ignores: owners, rules: rule(null) });
    for (const owner of owners) configs.push({ files: [owner], rules: rule(owner) });
  }
  return configs;
}
