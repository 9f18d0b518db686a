/**
 * The expense lines (spese.csv) of an exchange import, inside the import's transaction. A clean CSV
 * file is loaded straight into expense_lines by the fast route (fast-expenses.ts); any other file
 * arrives from the reader in batches, is copied to a staging table and checked and stored at the
 * end. Either way the running totals move in the same transaction, and a line already stored
 * identically is left as it is (EXCHANGE.md: re-importing stores nothing twice).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../../db/client.ts';
import { copyRows } from '../../db/bulk.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { expensesFile, type ExpenseRecord } from '../../exchange/files.ts';
import { readExchangeFile, type FileSummary } from '../../exchange/read-file.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { fastLoadExpenses, type ExpenseFile, type FastExpenseLoad } from './fast-expenses.ts';
import { zero, type Counts, type IssueList } from './import-funds.ts';
import { ERROR_LIMIT } from '../../exchange/limits.ts';

/**
 * Errors listed per kind of check, at most: a wrong file of a million lines would list them all.
 * The others are counted (`… in tutto N errori`).
 */
const ISSUE_LIMIT = ERROR_LIMIT;

/** The expense lines of one import: `addFile` (fast route) or `add` (batches), then `commit`. */
export const expenseStaging = (database: Database, tx: Tx) => {
  let created = false;
  let staged = 0;
  let fast: { file: ExpenseFile; load: FastExpenseLoad } | null = null;
  const ensure = async () => {
    if (created) return;
    await tx.execute(sql`CREATE TEMP TABLE expense_stage (
      line integer, district_code text, document text, fund_code text, annuality integer, area text,
      description text, amount bigint, paid_on date, recognised bigint) ON COMMIT DROP`);
    created = true;
  };

  /** The new lines' totals added to the running totals, and the import recorded in the audit trail. */
  const addTotals = async (ctx: ServiceContext, actor: Actor, file: string, totalsTable: string): Promise<number> => {
    const res = await tx.execute(
      sql.raw(`
        with totals as (
          insert into district_fund_totals (district_code, fund_code, annuality, reported, recognised, expense_lines)
          select district_code, fund_code, annuality, reported, recognised, lines from ${totalsTable}
          -- in key order, as every import does: two imports' row locks then cannot deadlock
          order by district_code, fund_code, annuality
          on conflict (district_code, fund_code, annuality) do update set
            reported = district_fund_totals.reported + excluded.reported,
            recognised = district_fund_totals.recognised + excluded.recognised,
            expense_lines = district_fund_totals.expense_lines + excluded.expense_lines
          returning 1
        )
        select (select coalesce(sum(lines), 0) from ${totalsTable}) as added, (select coalesce(sum(reported), 0) from ${totalsTable}) as amount`),
    );
    const row = rowsOf<{ added: string | number; amount: string | number }>(res)[0]!;
    const added = Number(row.added);
    if (added > 0) {
      await recordChange(ctx, tx, actor, { action: 'expense_lines.import', entityType: 'expense_lines', entityId: file, after: { lines: added, amount: String(row.amount) } });
    }
    return added;
  };

  /** Lines of a fast-loaded file whose district or fund annuality the registry lacks, named by the reader. */
  const unknownKeys = async (file: ExpenseFile, issues: IssueList) => {
    const missingDistricts = new Set(
      rowsOf<{ district_code: string }>(
        await tx.execute(sql`select distinct t.district_code from expense_totals_stage t where not exists (select 1 from districts d where d.code = t.district_code)`),
      ).map((r) => r.district_code),
    );
    const missingAnnualities = new Set(
      rowsOf<{ fund_code: string; annuality: number }>(
        await tx.execute(
          sql`select distinct t.fund_code, t.annuality from expense_totals_stage t where not exists (select 1 from fund_annualities a where a.fund_code = t.fund_code and a.annuality = t.annuality)`,
        ),
      ).map((r) => `${r.fund_code}\u0000${r.annuality}`),
    );
    if (missingDistricts.size === 0 && missingAnnualities.size === 0) return;
    // Rare, and the import is refused: reading the file again to give each line is affordable.
    const districtIssues: [number, string][] = [];
    const annualityIssues: [number, string][] = [];
    for await (const batch of readExchangeFile(expensesFile, file.open(), { fileName: file.name, duplicatesCheckedByCaller: true })) {
      for (const r of batch.records) {
        if (missingDistricts.has(r.districtCode)) {
          if (districtIssues.length < ISSUE_LIMIT) districtIssues.push([r.line, `distretto "${r.districtCode}" inesistente`]);
          else issues.addOmitted(1);
        }
        if (missingAnnualities.has(`${r.fundCode}\u0000${r.annuality}`)) {
          if (annualityIssues.length < ISSUE_LIMIT) annualityIssues.push([r.line, `annualità ${r.annuality} del fondo "${r.fundCode}" inesistente`]);
          else issues.addOmitted(1);
        }
      }
    }
    for (const [line, message] of districtIssues) issues.add(file.name, line, 'distretto', message);
    for (const [line, message] of annualityIssues) issues.add(file.name, line, 'annualita', message);
  };

  return {
    get staged() {
      return staged;
    },
    /** The fast route for a clean CSV file; null: read it row by row instead. */
    addFile: async (file: ExpenseFile): Promise<FileSummary | null> => {
      const load = await fastLoadExpenses(database, tx, file);
      if (!load) return null;
      fast = { file, load };
      staged += load.summary.lines;
      return load.summary;
    },
    add: async (batch: readonly ExpenseRecord[]) => {
      await ensure();
      staged += batch.length;
      await copyRows(
        database,
        tx,
        'expense_stage',
        ['line', 'district_code', 'document', 'fund_code', 'annuality', 'area', 'description', 'amount', 'paid_on', 'recognised'],
        batch.map((r) => [r.line, r.districtCode, r.document, r.fundCode, r.annuality, r.area, r.description, r.amount, r.paymentDate, r.recognisedAmount]),
      );
    },
    /** Checks the lines against the database, then stores the new ones and their totals. */
    commit: async (ctx: ServiceContext, actor: Actor, file: string, issues: IssueList): Promise<Counts> => {
      if (fast) {
        // the lines are in expense_lines already; the import's transaction takes them back if refused
        await tx.execute(sql`CREATE TEMP TABLE expense_totals_stage (district_code text, fund_code text, annuality integer, reported bigint, recognised bigint, lines integer) ON COMMIT DROP`);
        await copyRows(
          database,
          tx,
          'expense_totals_stage',
          ['district_code', 'fund_code', 'annuality', 'reported', 'recognised', 'lines'],
          fast.load.totals.map((t) => [t.districtCode, t.fundCode, t.annuality, t.reported, t.recognised, t.lines]),
        );
        await unknownKeys(fast.file, issues);
        if (!issues.empty) return zero();
        return { added: await addTotals(ctx, actor, file, 'expense_totals_stage'), changed: 0, unchanged: 0 };
      }
      if (!created) return zero();
      // Each query names its first ISSUE_LIMIT lines and counts all of them (`total`), so that the
      // answer can say how many more there are.
      const problems = async (query: ReturnType<typeof sql>, column: string, message: (r: Record<string, unknown>) => string) => {
        const rows = rowsOf<Record<string, unknown>>(await tx.execute(query));
        for (const r of rows) issues.add(file, Number(r.line), column, message(r));
        if (rows.length > 0) issues.addOmitted(Number(rows[0]!.total) - rows.length);
      };
      // Duplicate keys within the file (the streaming reader keeps no keys: see read-folder.ts).
      await problems(
        sql`select line, district_code, document, first, count(*) over () as total from (
              select line, district_code, document, min(line) over (partition by district_code, document) as first from expense_stage
            ) d where line <> first order by line limit ${ISSUE_LIMIT}`,
        'distretto,documento',
        (r) => `chiave duplicata (${String(r.district_code)}, ${String(r.document)}): già presente alla riga ${String(r.first)}`,
      );
      await problems(
        sql`select s.line, s.district_code, count(*) over () as total from expense_stage s where not exists (select 1 from districts d where d.code = s.district_code) order by s.line limit ${ISSUE_LIMIT}`,
        'distretto',
        (r) => `distretto "${String(r.district_code)}" inesistente`,
      );
      await problems(
        sql`select s.line, s.fund_code, s.annuality, count(*) over () as total from expense_stage s where not exists (select 1 from fund_annualities a where a.fund_code = s.fund_code and a.annuality = s.annuality) order by s.line limit ${ISSUE_LIMIT}`,
        'annualita',
        (r) => `annualità ${String(r.annuality)} del fondo "${String(r.fund_code)}" inesistente`,
      );
      const changedLines = () =>
        problems(
          sql`select s.line, count(*) over () as total from expense_stage s join expense_lines e on e.district_code = s.district_code and e.document = s.document
              where (e.fund_code, e.annuality, e.area, e.description, e.amount, e.paid_on, e.recognised) is distinct from
                    (s.fund_code, s.annuality, s.area, s.description, s.amount, s.paid_on, s.recognised)
              order by s.line limit ${ISSUE_LIMIT}`,
          'documento',
          () => 'documento già registrato con valori diversi: un importo già inviato si corregge con una richiesta di rettifica',
        );
      await changedLines();
      if (!issues.empty) return zero();
      // Lines already stored identically (a re-import) stay as they are; the checks above left only
      // those and new ones, so what remains in the stage is what to insert.
      const [stored] = rowsOf<{ n: string | number }>(
        await tx.execute(sql`with stored as (delete from expense_stage s using expense_lines e where e.district_code = s.district_code and e.document = s.document returning 1)
          select count(*) as n from stored`),
      );
      const toInsert = staged - Number(stored!.n);
      // Another import may store some of the same lines meanwhile: the insert waits for it and,
      // once it has committed, skips them, and only the lines this import stored count in the
      // totals. In key order: the unique index is filled page by page instead of at random, and
      // two imports of overlapping files wait for each other instead of deadlocking.
      await tx.execute(sql`CREATE TEMP TABLE expense_totals_stage (district_code text, fund_code text, annuality integer, reported bigint, recognised bigint, lines integer) ON COMMIT DROP`);
      await tx.execute(sql`
        with inserted as (
          insert into expense_lines (district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised)
          select district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised from expense_stage order by district_code, document
          on conflict (district_code, document) do nothing
          returning district_code, fund_code, annuality, amount, recognised
        )
        insert into expense_totals_stage
        select district_code, fund_code, annuality, sum(amount), coalesce(sum(recognised), 0), count(*) from inserted group by 1, 2, 3`);
      const [inserted] = rowsOf<{ n: string | number }>(await tx.execute(sql`select coalesce(sum(lines), 0) as n from expense_totals_stage`));
      if (Number(inserted!.n) < toInsert) {
        // those the other import stored must be the same lines, or this import is refused
        await changedLines();
        if (!issues.empty) return zero();
      }
      const added = await addTotals(ctx, actor, file, 'expense_totals_stage');
      return { added, changed: 0, unchanged: staged - added };
    },
  };
};
