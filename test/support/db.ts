/**
 * A fresh, migrated database per test, on the engine chosen by REGIA_TEST_ENGINE:
 * `pglite` (default; a migrated template is dumped once and reloaded, ~0.3 s) or
 * `postgres` (a new database on REGIA_TEST_PG_URL, dropped at close).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateDatabase, migrationsFolder, openDatabase, type Database } from '../../src/db/client.ts';

export const testEngine = (process.env.REGIA_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';
export const testPgUrl = process.env.REGIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const migrationsHash = () => {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const p = join(migrationsFolder, f);
    if (f.endsWith('.sql') || f.endsWith('.json')) h.update(f).update(readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
};

const pgliteTemplate = async (): Promise<Blob> => {
  const file = join(tmpdir(), `regia-test-template-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    const client = await PGlite.create();
    const database = await openDatabase({ pglite: client });
    await migrateDatabase(database);
    const dump = await client.dumpDataDir('gzip');
    await client.close();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
};

export const freshDatabase = async (): Promise<Database> => {
  if (testEngine === 'pglite') {
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    const database = await openDatabase({ pglite: client });
    await migrateDatabase(database); // no-op on the template; keeps the test honest if it were stale
    return database;
  }
  const empty = await emptyPgDatabase('regia_t');
  const database = await openDatabase({ databaseUrl: empty.url });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await empty.drop();
    },
  };
};

/** An empty PostgreSQL database (not migrated) and how to drop it. */
export const emptyPgDatabase = async (prefix: string) => {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: testPgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
};
