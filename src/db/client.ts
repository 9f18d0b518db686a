/**
 * Opens the database the environment chooses: PostgreSQL when DATABASE_URL is set,
 * otherwise embedded PGlite in REGIA_DATA_DIR (default ./data). One Drizzle schema serves both.
 * A PGlite folder is opened by one process at a time (folder-lock.ts); PostgreSQL is shared by
 * any number of servers and commands, and its migrations are applied by one of them at a time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { lockFolder, type FolderHolder, type FolderLock } from './folder-lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** The raw client, for COPY and other bulk work the ORM does not do. */
  readonly raw: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };
  /** The lock of the PGlite data folder this process holds, when it opened one. */
  readonly folderLock?: FolderLock;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

// bigint columns come back as strings from node-postgres unless told otherwise; we map sums explicitly.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  /** Who opens the data folder, named to those refused while it is open (default: a command). */
  holder?: FolderHolder;
}

/**
 * The whole database is in the data folder: no one but its owner may read it. PGlite sets the
 * mode of the files it writes itself (0666, whatever the umask), so the tree is narrowed to the
 * owner before PGlite opens it (a folder an earlier version left open), once it has started, and
 * when it closes. In between, a file it creates may have wider bits, but every folder on the way
 * to it is the owner's only (0700), so no one else can reach it.
 */
const ownerOnly = (path: string) => {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o700);
  if (stat.isDirectory()) for (const name of readdirSync(path)) ownerOnly(join(path, name));
};

export const openDatabase = async (options: OpenOptions = {}): Promise<Database> => {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server ends (a restart, pg_terminate_backend) is dropped by the pool
    // and replaced on next use; without a listener its error would stop the whole process.
    pool.on('error', (error) => console.error(`PostgreSQL ha chiuso una connessione inattiva: ${error.message}`));
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { engine: 'postgres', db, raw: { kind: 'postgres', pool }, close: () => pool.end() };
  }
  if (options.pglite) {
    const client = options.pglite;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { engine: 'pglite', db, raw: { kind: 'pglite', client }, close: () => client.close() };
  }
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Taken before PGlite reads a byte of the folder, released only after it has written its last.
  const folderLock = lockFolder(dataDir, options.holder ?? { role: 'cli' });
  try {
    ownerOnly(dataDir);
  } catch (error) {
    folderLock.release();
    throw error;
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
    ownerOnly(dataDir);
  } catch (error) {
    folderLock.release();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const close = async () => {
    try {
      await client.close();
      ownerOnly(dataDir);
    } finally {
      folderLock.release();
    }
  };
  return { engine: 'pglite', db, raw: { kind: 'pglite', client }, folderLock, close };
};

export const openFromEnv = (env: NodeJS.ProcessEnv = process.env, holder?: FolderHolder): Promise<Database> =>
  openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.REGIA_DATA_DIR || './data', ...(holder ? { holder } : {}) });

/**
 * The session-level advisory lock that serialises the start of Regia processes on one
 * PostgreSQL: migrations and the first administrator are done by one process at a time, the
 * others wait and then find them done. Its own connection holds it, apart from the pool's work.
 */
const STARTUP_LOCK = 'regia:startup';
// The pools whose startup lock the current async call chain holds: bootstrap holds it around
// migrations and the first administrator, and migrateDatabase inside it must not wait on itself.
const holding = new AsyncLocalStorage<ReadonlySet<pg.Pool>>();

export const withStartupLock = async <T>(database: Database, work: () => Promise<T>): Promise<T> => {
  if (database.raw.kind === 'pglite') return work(); // the folder lock already makes this process alone
  const pool = database.raw.pool;
  const held = holding.getStore() ?? new Set<pg.Pool>();
  if (held.has(pool)) return work();
  const connection = await pool.connect();
  // A connection whose lock or unlock failed may be broken or still hold the lock: it is closed,
  // not given back to the pool.
  try {
    await connection.query('select pg_advisory_lock(hashtextextended($1, 0))', [STARTUP_LOCK]);
  } catch (error) {
    connection.release(error as Error);
    throw error;
  }
  let broken: Error | undefined;
  try {
    return await holding.run(new Set([...held, pool]), work);
  } finally {
    await connection.query('select pg_advisory_unlock(hashtextextended($1, 0))', [STARTUP_LOCK]).catch((e: Error) => (broken = e));
    connection.release(broken);
  }
};

/** Applies the SQL migrations in src/db/migrations (idempotent), one process at a time. */
export const migrateDatabase = async (database: Database): Promise<void> => {
  const raw = database.raw;
  if (raw.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: raw.client }), { migrationsFolder });
  } else {
    await withStartupLock(database, () => migratePg(drizzlePg({ client: raw.pool }), { migrationsFolder }));
  }
};

/** The rows of a raw `execute` result: both drivers answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
