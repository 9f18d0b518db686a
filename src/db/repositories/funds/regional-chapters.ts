/**
 * Budget chapters of the regional budget law and their yearly amounts (budget_chapters,
 * budget_chapter_amounts), with what a chapter view needs: the fund's name, and per year the
 * amount, Σ reserved, Σ assigned and the act that set it.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { budgetChapterAmounts, budgetChapters, funds, type ActType } from '../../schema/index.ts';
import { rowsOf, type Executor } from '../../client.ts';
import type { Cents } from '../../../domain/money.ts';

export type ChapterRow = typeof budgetChapters.$inferSelect;
export type ChapterAmountRow = typeof budgetChapterAmounts.$inferSelect;

export const findChapter = async (ex: Executor, id: number): Promise<ChapterRow | undefined> => (await ex.select().from(budgetChapters).where(eq(budgetChapters.id, id)))[0];

export const chapterCodeTaken = async (ex: Executor, code: string): Promise<boolean> =>
  (await ex.select({ id: budgetChapters.id }).from(budgetChapters).where(eq(budgetChapters.code, code))).length > 0;

export const insertChapter = async (ex: Executor, values: { code: string; description: string; fundCode: string }): Promise<ChapterRow> => {
  const [row] = await ex.insert(budgetChapters).values(values).returning();
  if (!row) throw new Error('insert failed');
  return row;
};

export const findChapterAmount = async (ex: Executor, chapterId: number, year: number): Promise<ChapterAmountRow | undefined> =>
  (await ex.select().from(budgetChapterAmounts).where(and(eq(budgetChapterAmounts.chapterId, chapterId), eq(budgetChapterAmounts.year, year))))[0];

export const insertChapterAmount = async (ex: Executor, values: { chapterId: number; year: number; amount: Cents; actId: number }): Promise<void> => {
  await ex.insert(budgetChapterAmounts).values(values);
};

export const updateChapterAmount = async (ex: Executor, chapterId: number, year: number, set: { amount: Cents; actId: number }): Promise<void> => {
  await ex.update(budgetChapterAmounts).set(set).where(and(eq(budgetChapterAmounts.chapterId, chapterId), eq(budgetChapterAmounts.year, year)));
};

/** The fund a chapter finances, as registered (source tells national from regional). */
export const findFund = async (ex: Executor, code: string) => (await ex.select().from(funds).where(eq(funds.code, code)))[0];

/** Chapters with their fund's name, by code; one chapter, the chapters of a fund, or all. */
export const chapterRows = (ex: Executor, filter: { id?: number; fund?: string | undefined }) =>
  ex
    .select({ c: budgetChapters, fundName: funds.name })
    .from(budgetChapters)
    .innerJoin(funds, eq(funds.code, budgetChapters.fundCode))
    .where(and(filter.id !== undefined ? eq(budgetChapters.id, filter.id) : undefined, filter.fund !== undefined ? eq(budgetChapters.fundCode, filter.fund) : undefined))
    .orderBy(asc(budgetChapters.code));

export interface ChapterYearRow {
  chapterId: number;
  year: number;
  amount: bigint;
  reserved: bigint;
  assigned: bigint;
  act: { id: number; type: ActType; number: string; date: string };
}

/** Per chapter and year: the amount, Σ reserved, Σ assigned and the act, by chapter then year. */
export const chapterYearRows = async (ex: Executor, chapterIds: readonly number[]): Promise<ChapterYearRow[]> => {
  if (chapterIds.length === 0) return [];
  const rows = rowsOf<{ chapter_id: number; year: number; amount: string; reserved: string; assigned: string; act_id: number; act_type: ActType; act_number: string; act_date: string }>(
    await ex.execute(sql`
      select ca.chapter_id, ca.year, ca.amount,
        coalesce((select sum(il.amount) from budget_reservations r join intervention_lines il on il.id = r.line_id
                  where r.chapter_id = ca.chapter_id and il.annuality = ca.year), 0) as reserved,
        coalesce((select sum(a.amount) from budget_reservations r join intervention_lines il on il.id = r.line_id
                  join assignments a on a.fund_code = il.fund_code and a.annuality = il.annuality and a.line_code = il.code
                  where r.chapter_id = ca.chapter_id and il.annuality = ca.year), 0) as assigned,
        a.id as act_id, a.type as act_type, a.number as act_number, a.date as act_date
      from budget_chapter_amounts ca join acts a on a.id = ca.act_id
      where ca.chapter_id in (${sql.join(chapterIds.map((id) => sql`${id}`), sql`, `)})
      order by ca.chapter_id, ca.year`),
  );
  return rows.map((r) => ({
    chapterId: Number(r.chapter_id),
    year: Number(r.year),
    amount: BigInt(r.amount),
    reserved: BigInt(r.reserved),
    assigned: BigInt(r.assigned),
    act: { id: Number(r.act_id), type: r.act_type, number: r.act_number, date: String(r.act_date).slice(0, 10) },
  }));
};
