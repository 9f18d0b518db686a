/**
 * The schema floor of the history import: the very rows the import stored (registry, money, acts,
 * running totals and their audit entries), exported as CSV after it, then — timed — COPYed into
 * empty copies of their tables (columns and defaults) whose indexes (definitions read from the
 * catalogue: primary keys, unique keys, secondary indexes) are built and whose foreign keys are
 * validated after the load, all in one transaction. What storing those rows costs with no reading, checking or hashing at all.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { rowsOf, type Database } from '../src/db/client.ts';

/** The tables a history import writes to. */
export const HISTORY_TABLES = [
  'districts',
  'district_lead_bodies',
  'municipalities',
  'funds',
  'acts',
  'fund_annualities',
  'intervention_lines',
  'assignments',
  'disbursements',
  'district_fund_totals',
  'audit_entries',
] as const;

export interface HistoryRows {
  /** table → its rows as CSV (no header) */
  readonly csv: Map<string, string>;
  readonly rows: number;
}

const exportQuery = (table: string, auditFrom: number) => (table === 'audit_entries' ? `select * from audit_entries where seq > ${auditFrom}` : `select * from ${table}`);

/** The rows of every history table, as CSV; audit entries only after `auditFrom`, the import's own. */
export const exportHistoryRows = async (database: Database, auditFrom: number): Promise<HistoryRows> => {
  const csv = new Map<string, string>();
  let rows = 0;
  for (const table of HISTORY_TABLES) {
    const statement = `COPY (${exportQuery(table, auditFrom)}) TO STDOUT WITH (FORMAT csv)`;
    let text: string;
    if (database.raw.kind === 'postgres') {
      const client = await database.raw.pool.connect();
      try {
        const chunks: Buffer[] = [];
        const stream = client.query(copyTo(statement));
        for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
        text = Buffer.concat(chunks).toString('utf8');
      } finally {
        client.release();
      }
    } else {
      const res = await database.raw.client.query(statement.replace('TO STDOUT', "TO '/dev/blob'"));
      text = res.blob ? await res.blob.text() : '';
    }
    csv.set(table, text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  }
  return { csv, rows };
};

const floorName = (table: string) => `bench_floor_${table}`;

/** Copies the rows into empty copies of the tables and builds their indexes, in one transaction; answers the ms. */
export const historyFloorCopy = async (database: Database, rows: HistoryRows): Promise<number> => {
  const create: string[] = [];
  const build: string[] = [];
  const constrain: string[] = [];
  for (const table of HISTORY_TABLES) {
    create.push(`CREATE TABLE ${floorName(table)} (LIKE ${table} INCLUDING DEFAULTS)`);
    const defs = rowsOf<{ def: string }>(await database.db.execute(sql`select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = ${table}::regclass`));
    for (const { def } of defs) {
      build.push(def.replace(new RegExp(`INDEX (\\S+) ON (\\S+\\.)?${table} `), (_m, name: string, schema: string | undefined) => `INDEX floor_${name} ON ${schema ?? ''}${floorName(table)} `));
    }
    // Foreign keys too, validated after the load in one pass each (the import pays a check per row).
    const fks = rowsOf<{ name: string; def: string }>(await database.db.execute(sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${table}::regclass and contype = 'f'`));
    for (const fk of fks) constrain.push(`ALTER TABLE ${floorName(table)} ADD CONSTRAINT floor_${fk.name} ${fk.def}`);
  }
  const drop = HISTORY_TABLES.map((t) => `DROP TABLE IF EXISTS ${floorName(t)}`);
  for (const statement of drop) await database.db.execute(sql.raw(statement));
  const start = performance.now();
  try {
    if (database.raw.kind === 'postgres') {
      const client = await database.raw.pool.connect();
      try {
        await client.query('BEGIN');
        for (const statement of create) await client.query(statement);
        for (const table of HISTORY_TABLES) {
          const text = rows.csv.get(table) ?? '';
          if (!text) continue;
          await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${floorName(table)} FROM STDIN WITH (FORMAT csv)`)));
        }
        for (const statement of [...build, ...constrain]) await client.query(statement);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    } else {
      const client = database.raw.client;
      await client.query('BEGIN');
      try {
        for (const statement of create) await client.query(statement);
        for (const table of HISTORY_TABLES) {
          const text = rows.csv.get(table) ?? '';
          if (!text) continue;
          await client.query(`COPY ${floorName(table)} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([text]) });
        }
        for (const statement of [...build, ...constrain]) await client.query(statement);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    }
    return performance.now() - start;
  } finally {
    for (const statement of drop) await database.db.execute(sql.raw(statement));
  }
};
