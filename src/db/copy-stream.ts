/**
 * A COPY … FROM STDIN that stays open while rows are produced, inside a Drizzle transaction,
 * on both engines. On PostgreSQL the server parses one block while Node prepares the next (the
 * two run on separate cores); PGlite runs in this thread, so each block is its own COPY.
 */
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Tx } from './client.ts';
import { rawClientOf } from './bulk.ts';

export interface CopyStream {
  /** Queues one block of CSV rows; resolves when the stream can take more. */
  write(rows: Buffer): Promise<void>;
  /** Ends the COPY; rejects with the server's error, if it refused any row. */
  end(): Promise<void>;
}

export const openCopyStream = (database: Database, tx: Tx, table: string, columns: readonly string[], delimiter: ',' | ';'): CopyStream => {
  const raw = rawClientOf(database, tx);
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, DELIMITER '${delimiter}')`;
  if (raw.kind === 'pglite') {
    return {
      write: async (rows) => {
        if (rows.length) await raw.tx.query(statement.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([rows as unknown as BlobPart]) });
      },
      end: async () => {},
    };
  }
  const stream = raw.client.query(copyFrom(statement));
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('error', (e: Error) => {
      failure = e;
      reject(e);
    });
    stream.on('finish', () => resolve());
  });
  finished.catch(() => {}); // observed through write() and end()
  return {
    write: async (rows) => {
      if (failure) throw failure;
      if (rows.length === 0 || stream.write(rows)) return;
      await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), finished]);
      if (failure) throw failure;
    },
    end: async () => {
      stream.end();
      await finished;
    },
  };
};
