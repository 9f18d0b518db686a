/**
 * The two engines of the benchmark: PGlite in a temporary folder, and PostgreSQL in a fresh
 * database (CREATE DATABASE on REGIA_BENCH_PG_URL, dropped at the end), both migrated and
 * bootstrapped like a real install. Also the baseline: a raw COPY of `spese.csv` into a bare
 * table with the same columns (no index, no constraint), the fastest the engine can ingest
 * those bytes.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, rowsOf, type Database } from '../src/db/client.ts';
import { sql } from 'drizzle-orm';

export const PG_URL = process.env.REGIA_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchEngine {
  readonly label: string;
  readonly database: Database;
  /** where the data lives, for the report */
  readonly where: string;
  version(): Promise<string>;
  dispose(): Promise<void>;
}

export const openPglite = async (): Promise<BenchEngine> => {
  const dir = await mkdtemp(join(tmpdir(), 'regia-bench-pglite-'));
  const database = await openDatabase({ dataDir: join(dir, 'pgdata') });
  return {
    label: 'PGlite',
    database,
    where: `folder ${dir}/pgdata (removed at the end)`,
    version: () => serverVersion(database),
    dispose: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** Checks that PostgreSQL answers; the reason when it does not. */
export const postgresReachable = async (): Promise<{ ok: true } | { ok: false; reason: string }> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('select 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message || String(e) };
  } finally {
    await c.end().catch(() => {});
  }
};

/** Runs one statement as the server's administrator (CREATE/DROP DATABASE). */
export const adminQuery = async (text: string) => {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};

export const openPostgres = async (): Promise<BenchEngine> => {
  const name = `regia_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    label: 'PostgreSQL',
    database,
    where: `database ${name} on ${url.host} (dropped at the end)`,
    version: () => serverVersion(database),
    dispose: async () => {
      await database.close().catch(() => {});
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

const serverVersion = async (database: Database) => {
  const [row] = rowsOf<{ v: string }>(await database.db.execute(sql`select version() as v`));
  return row?.v.replace(/ on .*$/, '').replace(/,.*$/, '') ?? '?';
};

export const BARE_TABLE = 'bench_copy_raw';

/** Same columns as spese.csv, typed as the import types them; no index, no constraint. */
export const createBareTable = async (database: Database) => {
  await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${BARE_TABLE}`));
  await database.db.execute(
    sql.raw(`CREATE TABLE ${BARE_TABLE} (distretto text, documento text, fondo text, annualita integer, area text, descrizione text,
      importo numeric(14,2), data_pagamento date, importo_riconosciuto numeric(14,2))`),
  );
};

export const dropBareTable = (database: Database) => database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${BARE_TABLE}`));

interface CopyTarget {
  /** `table (columns)` or `table` */
  readonly into: string;
  /** the file's first line is a header, skipped */
  readonly header: boolean;
}

/**
 * COPY of `file` into a table, in one transaction, with `before` and `after` statements inside it.
 * PGlite: blobs of ~`chunkRows` rows cut at line ends (STACK.md: ~100k-row blobs); PostgreSQL:
 * the file piped through pg-copy-streams. Returns the rows the server reports.
 */
const copyFile = async (database: Database, file: string, target: CopyTarget, before: readonly string[] = [], after: readonly string[] = [], chunkRows = 100_000): Promise<number> => {
  const options = `(FORMAT csv, DELIMITER ';'${target.header ? ', HEADER true' : ''})`;
  if (database.raw.kind === 'postgres') {
    const client = await database.raw.pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of before) await client.query(statement);
      const stream = client.query(copyFrom(`COPY ${target.into} FROM STDIN WITH ${options}`));
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), stream);
      for (const statement of after) await client.query(statement);
      await client.query('COMMIT');
      return Number(stream.rowCount);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  const client = database.raw.client;
  let rows = 0;
  let headerSkipped = !target.header;
  let pending: Buffer[] = [];
  let pendingRows = 0;
  let tail: Buffer = Buffer.alloc(0);
  const flush = async () => {
    if (pendingRows === 0) return;
    const res = await client.query(`COPY ${target.into} FROM '/dev/blob' WITH (FORMAT csv, DELIMITER ';')`, [], { blob: new Blob(pending as unknown as BlobPart[]) });
    rows += res.affectedRows ?? pendingRows;
    pending = [];
    pendingRows = 0;
  };
  const countLines = (b: Buffer) => {
    let n = 0;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
    return n;
  };
  await client.query('BEGIN');
  try {
    for (const statement of before) await client.query(statement);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      if (!headerSkipped) {
        const nl = data.indexOf(10);
        if (nl === -1) {
          tail = data;
          continue;
        }
        data = data.subarray(nl + 1);
        headerSkipped = true;
      }
      const last = data.lastIndexOf(10);
      if (last === -1) {
        tail = data;
        continue;
      }
      const whole = data.subarray(0, last + 1);
      tail = Buffer.from(data.subarray(last + 1));
      pending.push(whole);
      pendingRows += countLines(whole);
      if (pendingRows >= chunkRows) await flush();
    }
    if (tail.length) {
      pending.push(Buffer.concat([tail, Buffer.from('\n')]));
      pendingRows++;
    }
    await flush();
    for (const statement of after) await client.query(statement);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
  return rows;
};

/** The baseline: `spese.csv` as it is (header skipped) into the bare table. */
export const rawCopy = (database: Database, file: string): Promise<number> => copyFile(database, file, { into: BARE_TABLE, header: true });

export const FLOOR_TABLE = 'bench_expense_floor';

/**
 * The floor of any import into Regia's schema: the same rows, already converted (cents, ISO
 * dates: `convertedFile`, no header), COPYed into an empty table with expense_lines' columns and
 * defaults, whose indexes (primary key, unique key, fund index, read from the catalogue) are then
 * built by sorting, in the same transaction: what the import does for a large file, minus
 * reading and checking the CSV, the totals and the receipt.
 */
export const schemaFloorCopy = async (database: Database, convertedFile: string, columns: readonly string[]): Promise<number> => {
  await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`));
  await database.db.execute(sql.raw(`CREATE TABLE ${FLOOR_TABLE} (LIKE expense_lines INCLUDING DEFAULTS)`));
  const indexes = rowsOf<{ def: string }>(await database.db.execute(sql`select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = 'expense_lines'::regclass`));
  const build = indexes.map((i) => i.def.replace(/INDEX (\S+) ON (\S+\.)?expense_lines /, (_m, name: string, schema: string | undefined) => `INDEX floor_${name} ON ${schema ?? ''}${FLOOR_TABLE} `));
  const before = database.engine === 'postgres' ? ["set local maintenance_work_mem = '256MB'"] : [];
  try {
    return await copyFile(database, convertedFile, { into: `${FLOOR_TABLE} (${columns.join(', ')})`, header: false }, before, build);
  } finally {
    await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`));
  }
};
