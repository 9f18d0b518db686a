/** Half-yearly statements of a chapter (budget_chapter_statements): figures frozen when recorded. */
import { and, asc, eq } from 'drizzle-orm';
import { acts, budgetChapterStatements } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type StatementRow = typeof budgetChapterStatements.$inferSelect;
export type NewStatement = typeof budgetChapterStatements.$inferInsert;

/** A chapter's statements with their act, if any, by year and semester. */
export const statementRows = (ex: Executor, chapterId: number, year?: number) =>
  ex
    .select({ s: budgetChapterStatements, act: acts })
    .from(budgetChapterStatements)
    .leftJoin(acts, eq(acts.id, budgetChapterStatements.actId))
    .where(and(eq(budgetChapterStatements.chapterId, chapterId), year !== undefined ? eq(budgetChapterStatements.year, year) : undefined))
    .orderBy(asc(budgetChapterStatements.year), asc(budgetChapterStatements.semester));

export const statementTaken = async (ex: Executor, chapterId: number, year: number, semester: number): Promise<boolean> =>
  (
    await ex
      .select({ id: budgetChapterStatements.id })
      .from(budgetChapterStatements)
      .where(and(eq(budgetChapterStatements.chapterId, chapterId), eq(budgetChapterStatements.year, year), eq(budgetChapterStatements.semester, semester)))
  ).length > 0;

export const insertStatement = async (ex: Executor, row: NewStatement): Promise<number> => {
  const [inserted] = await ex.insert(budgetChapterStatements).values(row).returning({ id: budgetChapterStatements.id });
  return inserted!.id;
};
