/**
 * COPY into a table from inside a Drizzle transaction, on both engines. COPY is several times
 * faster than INSERT for bulk loads (STACK.md), but neither driver exposes it through Drizzle:
 * we reach the transaction's own connection, so the rows stay inside the same transaction.
 */
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Tx } from './client.ts';

export type RawClient = { kind: 'pglite'; tx: PgliteTransaction } | { kind: 'postgres'; client: PoolClient };

/** The connection a Drizzle transaction runs on (Drizzle keeps it as `session.client`). */
export const rawClientOf = (database: Database, tx: Tx): RawClient => {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('transaction without a client: Drizzle internals changed');
  return database.engine === 'pglite' ? { kind: 'pglite', tx: client as PgliteTransaction } : { kind: 'postgres', client: client as PoolClient };
};

/** Quotes one value for COPY … (FORMAT csv). */
export const csvField = (value: string | number | bigint | null): string => {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Copies rows (already in column order) into `table`. Empty unquoted fields are NULL, an
 * empty string must be written quoted (csvField does).
 */
export const copyRows = async (database: Database, tx: Tx, table: string, columns: readonly string[], rows: Iterable<readonly (string | number | bigint | null)[]>) => {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  if (lines.length === 0) return;
  const text = `${lines.join('\n')}\n`;
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const raw = rawClientOf(database, tx);
  if (raw.kind === 'pglite') {
    await raw.tx.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([text]) });
    return;
  }
  const stream = raw.client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
};
