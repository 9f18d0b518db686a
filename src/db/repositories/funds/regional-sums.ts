/**
 * The sums the regional limits compare (DOMAIN.md "Regional funds"): what the chapters give a
 * fund-year, what is reserved on a chapter-year, what implementing acts assigned on a
 * reservation. A reservation is an intervention line of the regional fund annuality, so these
 * read `intervention_lines` and `assignments` through `budget_reservations`. Read them after the
 * lock of the limit they feed (src/db/locks.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client.ts';
import { cents, type Cents } from '../../../domain/money.ts';

const sumOf = async (ex: Executor, query: SQL): Promise<Cents> => cents(BigInt(rowsOf<{ s: string | number | null }>(await ex.execute(query))[0]?.s ?? 0));

/** Σ of the chapters financing the fund for the year: the regional fund annuality's allocation. */
export const chapterBudgetsOf = (ex: Executor, fund: string, year: number): Promise<Cents> =>
  sumOf(ex, sql`select sum(ca.amount) as s from budget_chapter_amounts ca join budget_chapters c on c.id = ca.chapter_id where c.fund_code = ${fund} and ca.year = ${year}`);

/** Σ intervention lines of the fund annuality: the reservations of every chapter, and any imported line. */
export const programmedOn = (ex: Executor, fund: string, year: number): Promise<Cents> =>
  sumOf(ex, sql`select sum(amount) as s from intervention_lines where fund_code = ${fund} and annuality = ${year}`);

/** Σ reservations of a chapter-year: the amounts of the intervention lines reserved on it. */
export const reservedOn = (ex: Executor, chapterId: number, year: number): Promise<Cents> =>
  sumOf(ex, sql`select sum(il.amount) as s from budget_reservations r join intervention_lines il on il.id = r.line_id where r.chapter_id = ${chapterId} and il.annuality = ${year}`);

/** Σ assignments made on the reservations of a chapter-year. */
export const assignedOnChapter = (ex: Executor, chapterId: number, year: number): Promise<Cents> =>
  sumOf(
    ex,
    sql`select sum(a.amount) as s from budget_reservations r join intervention_lines il on il.id = r.line_id
        join assignments a on a.fund_code = il.fund_code and a.annuality = il.annuality and a.line_code = il.code
        where r.chapter_id = ${chapterId} and il.annuality = ${year}`,
  );

/** Σ assignments on one reservation's line. */
export const assignedOnLine = (ex: Executor, fund: string, year: number, code: string): Promise<Cents> =>
  sumOf(ex, sql`select sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${year} and line_code = ${code}`);

export interface LineKey {
  fund: string;
  year: number;
  code: string;
}

export const lineKeyText = (k: LineKey): string => `${k.fund}/${k.year}/${k.code}`;

/** Σ assignments of each line, keyed by `lineKeyText`; lines without any are absent. */
export const assignedByLine = async (ex: Executor, lines: readonly LineKey[]): Promise<Map<string, Cents>> => {
  const out = new Map<string, Cents>();
  if (lines.length === 0) return out;
  const keys = lines.map((r) => sql`(${r.fund}, ${r.year}, ${r.code})`);
  const sums = rowsOf<{ fund_code: string; annuality: number; line_code: string; s: string }>(
    await ex.execute(sql`select fund_code, annuality, line_code, sum(amount) as s from assignments
      where (fund_code, annuality, line_code) in (${sql.join(keys, sql`, `)}) group by fund_code, annuality, line_code`),
  );
  for (const s of sums) out.set(lineKeyText({ fund: s.fund_code, year: Number(s.annuality), code: s.line_code }), cents(BigInt(s.s)));
  return out;
};
