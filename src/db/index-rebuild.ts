/**
 * For a bulk load that is large next to what a table holds: its secondary indexes (unique keys
 * included) are dropped before the load and built again after it, in the same transaction.
 * Building an index by sorting a million rows once is several times cheaper than a million
 * single insertions; the unique keys are still enforced, when they are rebuilt, and a duplicate
 * fails the statement like any insert would. The price: the table is locked until the
 * transaction ends (the drop takes an ACCESS EXCLUSIVE lock), which is why it is only for loads
 * that dwarf the table, such as a first import of history.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from './client.ts';

/** The statements that rebuild what was dropped, in the order to run them. */
export type IndexRebuild = readonly string[];

export const dropSecondaryIndexes = async (tx: Tx, table: string): Promise<IndexRebuild> => {
  // the definitions are read from the catalogue, so the rebuild follows the migrations
  const indexes = rowsOf<{ index: string; definition: string; constraint: string | null; constraint_definition: string | null }>(
    await tx.execute(sql`
      select i.indexrelid::regclass::text as index, pg_get_indexdef(i.indexrelid) as definition,
        c.conname as constraint, pg_get_constraintdef(c.oid) as constraint_definition
      from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
      where i.indrelid = ${table}::regclass
      order by 1`),
  );
  const rebuild: string[] = [];
  for (const index of indexes) {
    if (index.constraint) {
      await tx.execute(sql.raw(`alter table ${table} drop constraint "${index.constraint}"`));
      rebuild.push(`alter table ${table} add constraint "${index.constraint}" ${index.constraint_definition}`);
    } else {
      await tx.execute(sql.raw(`drop index ${index.index}`));
      rebuild.push(index.definition);
    }
  }
  return rebuild;
};

export const rebuildIndexes = async (database: Database, tx: Tx, rebuild: IndexRebuild) => {
  // the server's default (64 MB) makes a million-row sort spill to disk; PGlite keeps its own
  if (database.engine === 'postgres' && rebuild.length) await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  for (const statement of rebuild) await tx.execute(sql.raw(statement));
};
