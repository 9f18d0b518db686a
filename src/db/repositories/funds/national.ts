/**
 * Queries of the national fund tables up to programming: funds, fund annualities (the decree,
 * transmission and gating rule) and intervention lines. Limit checks call these under the lock
 * of what bounds the sum (src/db/locks.ts); this file takes no lock itself.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client.ts';
import { acts, fundAnnualities, funds, interventionLines } from '../../schema/index.ts';
import { cents, type Cents } from '../../../domain/money.ts';

export type FundRow = typeof funds.$inferSelect;
export type AnnualityRow = typeof fundAnnualities.$inferSelect;
export type LineRow = typeof interventionLines.$inferSelect;

const annualityIs = (fund: string, annuality: number) => and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality));
const linesOfAnnuality = (fund: string, annuality: number) => and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, annuality));

export const findFund = async (ex: Executor, code: string): Promise<FundRow | undefined> => (await ex.select().from(funds).where(eq(funds.code, code)))[0];

export const insertFund = async (ex: Executor, row: typeof funds.$inferInsert) => {
  await ex.insert(funds).values(row);
};

export const allFunds = (ex: Executor) => ex.select().from(funds).orderBy(asc(funds.code));

export const allAnnualities = (ex: Executor) => ex.select().from(fundAnnualities).orderBy(asc(fundAnnualities.fundCode), asc(fundAnnualities.annuality));

export const findAnnuality = async (ex: Executor, fund: string, annuality: number): Promise<AnnualityRow | undefined> =>
  (await ex.select().from(fundAnnualities).where(annualityIs(fund, annuality)))[0];

export const insertAnnuality = async (ex: Executor, row: typeof fundAnnualities.$inferInsert) => {
  await ex.insert(fundAnnualities).values(row);
};

export const updateAnnuality = async (ex: Executor, fund: string, annuality: number, set: Partial<typeof fundAnnualities.$inferInsert>) => {
  await ex.update(fundAnnualities).set(set).where(annualityIs(fund, annuality));
};

/** A fund annuality with its fund and the act of its decree, as the detail page shows it. */
export const annualityWithFund = async (ex: Executor, fund: string, annuality: number) =>
  (
    await ex
      .select({ a: fundAnnualities, f: funds, actNumber: acts.number, actType: acts.type, actDate: acts.date })
      .from(fundAnnualities)
      .innerJoin(funds, eq(funds.code, fundAnnualities.fundCode))
      .innerJoin(acts, eq(acts.id, fundAnnualities.actId))
      .where(annualityIs(fund, annuality))
  )[0];

/** The stored gating rule of a fund annuality (null: the fund's default) and whether the fund has the 75% rule. */
export const gatingOf = async (ex: Executor, fund: string, annuality: number) =>
  (
    await ex
      .select({ rule: fundAnnualities.gatingRule, rule75: funds.rule75 })
      .from(fundAnnualities)
      .innerJoin(funds, eq(funds.code, fundAnnualities.fundCode))
      .where(annualityIs(fund, annuality))
  )[0];

export const findLine = async (ex: Executor, fund: string, annuality: number, code: string): Promise<LineRow | undefined> =>
  (await ex.select().from(interventionLines).where(and(linesOfAnnuality(fund, annuality), eq(interventionLines.code, code))))[0];

export const linesOf = (ex: Executor, fund: string, annuality: number) => ex.select().from(interventionLines).where(linesOfAnnuality(fund, annuality)).orderBy(asc(interventionLines.code));

/** Σ intervention lines of a fund annuality: what is programmed against A(F,Y). */
export const programmedOf = async (ex: Executor, fund: string, annuality: number): Promise<Cents> => {
  const [row] = await ex.select({ s: sql<string | null>`sum(${interventionLines.amount})` }).from(interventionLines).where(linesOfAnnuality(fund, annuality));
  return cents(BigInt(row?.s ?? 0));
};

export const insertLine = async (ex: Executor, row: typeof interventionLines.$inferInsert) => {
  await ex.insert(interventionLines).values(row);
};

/** What each line of a fund annuality has assigned to districts. */
export const assignedByLine = async (ex: Executor, fund: string, annuality: number): Promise<Map<string, number>> =>
  new Map(
    rowsOf<{ line_code: string; s: string }>(await ex.execute(sql`select line_code, sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${annuality} group by line_code`)).map((r) => [
      r.line_code,
      Number(r.s),
    ]),
  );
