/**
 * Staging tables for set-wise imports: a temporary table (dropped at commit or rollback) filled
 * by one COPY, with the file's line of each row, so that checks written in SQL can name
 * `file:line`, and (unless told otherwise) a `status` each check sets (null until one does).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from './client.ts';
import { copyRows } from './bulk.ts';

export type StageValue = string | number | bigint | boolean | null;

/** Column name → SQL type, in the order the rows give them. */
export type StageColumns = Readonly<Record<string, string>>;

export const createStage = async (
  database: Database,
  tx: Tx,
  table: string,
  columns: StageColumns,
  rows: Iterable<readonly StageValue[]>,
  options: { status?: boolean } = {},
): Promise<void> => {
  const names = Object.keys(columns);
  const ddl = names.map((n) => `${n} ${columns[n]}`).join(', ');
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${table} (line integer NOT NULL, ${ddl}${options.status === false ? '' : ', status text'}) ON COMMIT DROP`));
  const values = (function* () {
    for (const row of rows) yield row.map((v) => (typeof v === 'boolean' ? (v ? 't' : 'f') : v));
  })();
  await copyRows(database, tx, table, ['line', ...names], values);
  // The planner knows nothing of a fresh temporary table; a join of thousands of rows needs it.
  await tx.execute(sql.raw(`ANALYZE ${table}`));
};

/** Rows of the stage whose status is one of `statuses`, in line order. */
export const stagedWith = async (tx: Tx, table: string, statuses: readonly string[]): Promise<{ line: number; status: string }[]> =>
  rowsOf<{ line: number; status: string }>(
    await tx.execute(sql.raw(`select line, status from ${table} where status in (${statuses.map((s) => `'${s}'`).join(', ')}) order by line`)),
  ).map((r) => ({ line: Number(r.line), status: r.status }));

/** How many rows of the stage have each status. */
export const statusCounts = async (tx: Tx, table: string): Promise<Map<string, number>> =>
  new Map(
    rowsOf<{ status: string | null; n: string | number }>(await tx.execute(sql.raw(`select status, count(*) as n from ${table} group by status`))).map((r) => [r.status ?? '', Number(r.n)]),
  );
