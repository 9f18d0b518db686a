/**
 * Opens the database the environment chooses: PostgreSQL when DATABASE_URL is set,
 * otherwise embedded PGlite in REGIA_DATA_DIR (default ./data). One Drizzle schema serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
}

export const openDatabase = async (options: OpenOptions = {}): Promise<Database> => {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server ends (a restart, pg_terminate_backend) is dropped by the pool
    // and replaced on next use; without a listener its error would stop the whole process.
    pool.on('error', (error) => console.error(`PostgreSQL ha chiuso una connessione inattiva: ${error.message}`));
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { engine: 'postgres', db, raw: { kind: 'postgres', pool }, close: () => pool.end() };
  }
  let client = options.pglite;
  if (!client) {
    const dataDir = resolve(options.dataDir ?? './data');
    mkdirSync(dirname(dataDir), { recursive: true });
    client = await PGlite.create(dataDir);
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const c = client;
  return { engine: 'pglite', db, raw: { kind: 'pglite', client: c }, close: () => c.close() };
};

export const openFromEnv = (env: NodeJS.ProcessEnv = process.env): Promise<Database> =>
  openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.REGIA_DATA_DIR || './data' });

/** Applies the SQL migrations in src/db/migrations (idempotent). */
export const migrateDatabase = async (database: Database): Promise<void> => {
  if (database.raw.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: database.raw.client }), { migrationsFolder });
  } else {
    await migratePg(drizzlePg({ client: database.raw.pool }), { migrationsFolder });
  }
};

/** The rows of a raw `execute` result: both drivers answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
