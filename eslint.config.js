import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What src/domain may not import: the adapters around it, Node's I/O, the database and HTTP libraries. */
const domainOnly = (allowed) => ({
  group: ['**/db/**', '**/http/**', '**/services/**', '**/exchange/**', '**/documents/**', '**/cli/**', '**/web/**', 'node:*', ...allowed, 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*', 'exceljs', 'docx', 'fflate', 'csv-parse', 'csv-parse/*'],
  message: 'src/domain è il nucleo puro (funzioni e tipi, nessun I/O): database, HTTP, servizi, file e rete stanno negli adattatori intorno (docs/ARCHITECTURE.md).',
});

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'src/db/migrations/', 'reference-data/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', Blob: 'readonly', window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', FormData: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The domain core is plain functions and types (docs/ARCHITECTURE.md): no database, HTTP,
  // services, files or network. Hashing (node:crypto) is computation, not I/O.
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts', 'src/domain/**/*.test-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [domainOnly(['!node:crypto'])] }] },
  },
  {
    files: ['src/domain/**/*.test.ts', 'src/domain/**/*.test-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [domainOnly(['!node:crypto', '!node:test', '!node:assert', '!node:assert/strict'])] }] },
  },
);
