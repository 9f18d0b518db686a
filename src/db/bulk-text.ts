/**
 * COPY of raw CSV text into a table, inside a Drizzle transaction, on both engines: the
 * database's C parser reads the file, which is what makes a bulk import close to a raw COPY.
 */
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Tx } from './client.ts';

export const copyCsvText = async (database: Database, tx: Tx, table: string, columns: readonly string[], delimiter: ',' | ';', text: Buffer) => {
  if (text.length === 0) return;
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('transaction without a client: Drizzle internals changed');
  const options = `(FORMAT csv, DELIMITER '${delimiter}')`;
  if (database.engine === 'pglite') {
    await (client as PgliteTransaction).query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH ${options}`, [], { blob: new Blob([text as unknown as BlobPart]) });
    return;
  }
  const stream = (client as PoolClient).query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH ${options}`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
};
