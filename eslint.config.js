import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What src/domain may not import: the adapters around it, Node's I/O, the database and HTTP libraries. */
const domainOnly = (allowed) => ({
  group: ['**/db/**', '**/http/**', '**/services/**', '**/exchange/**', '**/documents/**', '**/cli/**', '**/web/**', 'node:*', ...allowed, 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*', 'exceljs', 'docx', 'fflate', 'csv-parse', 'csv-parse/*'],
  message: 'src/domain è il nucleo puro (funzioni e tipi, nessun I/O): database, HTTP, servizi, file e rete stanno negli adattatori intorno (docs/ARCHITECTURE.md).',
});

/**
 * What the web may import from the server's side: only the pure domain and the contract (src/domain,
 * src/contract). Services, database, HTTP, file formats and Node's I/O stay on the server.
 */
const webOnly = {
  group: ['**/src/db/**', '**/src/http/**', '**/src/services/**', '**/src/exchange/**', '**/src/documents/**', '**/src/cli/**', 'node:*', 'pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*', 'exceljs', 'docx', 'pdfmake'],
  message: 'Il web chiede al dominio (src/domain) e al contratto (src/contract), nient’altro del server: servizi, database, HTTP e file stanno dietro le API (docs/ARCHITECTURE.md).',
};

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
  // The web asks the domain and the contract; nothing else of the server (issue #11).
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['web/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webOnly] }] },
  },
  // The contract is schemas: TypeBox and the domain's vocabularies only.
  {
    files: ['src/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [domainOnly([])] }] },
  },
);
