/**
 * The fast route for a clean spese.csv: the file streams through the byte scanner
 * (src/exchange/expense-scan.ts) straight into `COPY expense_lines`, and the running totals come
 * from the scanner, so the lines are written once and never read back. Anything the scanner
 * doubts, and any row the database refuses (a key already stored, even identically, or twice in
 * the file), sends the whole file back to the exchange reader and the staging route, which name
 * every error with its line; nothing of the attempt remains (a savepoint).
 *
 * When the file is large next to the lines already stored, the table's secondary indexes are
 * rebuilt after the load instead of being updated line by line (src/db/index-rebuild.ts).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../../db/client.ts';
import { openCopyStream, type CopyStream } from '../../db/copy-stream.ts';
import { dropSecondaryIndexes, rebuildIndexes, type IndexRebuild } from '../../db/index-rebuild.ts';
import { EXPENSE_COPY_COLUMNS, ExpenseCsvScan, type ExpenseScanTotal } from '../../exchange/expense-scan.ts';
import { openSource, type ByteSource } from '../../exchange/source.ts';
import type { FileSummary } from '../../exchange/read-file.ts';

export interface ExpenseFile {
  readonly name: string;
  open(): ByteSource;
}

export interface FastExpenseLoad {
  readonly summary: FileSummary;
  /** per district, fund and annuality: to be checked against the registry and added to the running totals */
  readonly totals: readonly ExpenseScanTotal[];
}

/** Below this many lines the indexes are updated in place: a rebuild would cost more. */
const REBUILD_MIN_LINES = 100_000;

export const fastLoadExpenses = async (database: Database, tx: Tx, file: ExpenseFile): Promise<FastExpenseLoad | null> => {
  await tx.execute(sql`savepoint fast_expenses`);
  try {
    const load = await loadFile(database, tx, file);
    await tx.execute(load ? sql`release savepoint fast_expenses` : sql`rollback to savepoint fast_expenses`);
    return load;
  } catch {
    // A row the database refused (a duplicate key, a value out of range) or a file that cannot be
    // read: the reader will say exactly what is wrong, line by line.
    await tx.execute(sql`rollback to savepoint fast_expenses`);
    return null;
  }
};

const loadFile = async (database: Database, tx: Tx, file: ExpenseFile): Promise<FastExpenseLoad | null> => {
  const source = file.open();
  const size = typeof source === 'string' ? (await stat(source)).size : null;
  const input = openSource(source);
  const hash = createHash('sha256');
  const scan = new ExpenseCsvScan();
  let bytes = 0;
  let copy: CopyStream | null = null;
  let rebuild: IndexRebuild = [];

  const send = async (rows: Buffer) => {
    if (!copy) {
      // The first block tells how long a line is, hence about how many lines the file holds.
      if (size !== null && rows.length > 0 && (await worthRebuilding(tx, (size * scan.lines) / bytes))) rebuild = await dropSecondaryIndexes(tx, 'expense_lines');
      copy = openCopyStream(database, tx, 'expense_lines', EXPENSE_COPY_COLUMNS, scan.delimiter!);
    }
    await copy.write(rows);
  };

  try {
    for await (const part of input as AsyncIterable<Buffer>) {
      const chunk = Buffer.isBuffer(part) ? part : Buffer.from(part);
      hash.update(chunk);
      bytes += chunk.length;
      const rows = scan.push(chunk);
      if (!rows) return null;
      if (rows.length) await send(rows);
    }
    const rows = scan.end();
    if (!rows) return null;
    await send(rows);
  } finally {
    input.destroy();
    // ends the COPY even when giving up: the savepoint then takes back what it stored
    await (copy as CopyStream | null)?.end();
  }
  await rebuildIndexes(database, tx, rebuild);
  return { summary: { name: file.name, sha256: hash.digest('hex'), bytes, lines: scan.lines }, totals: scan.totals };
};

const worthRebuilding = async (tx: Tx, incoming: number): Promise<boolean> => {
  if (incoming < REBUILD_MIN_LINES) return false;
  const [row] = rowsOf<{ n: string | number }>(
    await tx.execute(sql`select greatest(
      (select reltuples from pg_class where oid = 'expense_lines'::regclass),
      (select coalesce(sum(expense_lines), 0) from district_fund_totals)) as n`),
  );
  return incoming >= Number(row?.n ?? 0) / 2;
};
