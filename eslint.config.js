import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFolders = ['src/scenario/**', 'src/metrics/**', 'src/slo/**', 'src/ledger/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'fixtures/**/node_modules/**', 'fixtures/proxy/proxy-dist/**', 'coverage/**', 'test/fixtures/invalid/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the runtime's Docker adapter and the CLI (which picks the runtime) know Docker is
    // underneath; everything else talks to src/runtime/runtime.ts. The pure layers' rule below
    // replaces this one for their folders with a stricter list.
    files: ['src/**/*.ts', 'test/unit/**/*.ts'],
    ignores: ['src/runtime/docker/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/runtime/docker', '**/runtime/docker/**', 'dockerode', 'dockerode/**', 'testcontainers', 'testcontainers/**', '@testcontainers/**'], message: 'only src/runtime/docker and src/cli may know about Docker: use the runtime interface (src/runtime/runtime.ts)' },
        ],
      }],
    },
  },
  {
    // Pure layers: data in, data out. No I/O, no Docker, no process.
    files: pureFolders,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:fs*', 'node:child_process', 'node:net', 'node:http', 'dockerode', 'testcontainers', '**/runtime/**', '**/cli/**'], message: 'pure layers must not do I/O' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'pure layers must not touch process' }],
      // The fault catalogue sits above the pure core: the core may name its types (FaultPlan,
      // FaultInput) but is handed its modules (see src/resolve-scenario.ts), never imports them.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/faults/**'], allowTypeImports: true, message: 'the pure core is handed fault kinds; import only their types' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', performance: 'readonly', structuredClone: 'readonly' } },
  },
);
