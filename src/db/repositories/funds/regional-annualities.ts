/**
 * The regional fund annuality (fund_annualities) as the budget keeps it: its allocation is Σ of
 * the chapters financing the fund for the year, rewritten whenever one of them changes.
 */
import { and, eq } from 'drizzle-orm';
import { fundAnnualities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Cents } from '../../../domain/money.ts';

export const findFundAnnuality = async (ex: Executor, fund: string, year: number) =>
  (await ex.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, year))))[0];

export const insertFundAnnuality = async (ex: Executor, fund: string, year: number, set: { allocated: Cents; actId: number }): Promise<void> => {
  await ex.insert(fundAnnualities).values({ fundCode: fund, annuality: year, ...set });
};

export const updateFundAnnuality = async (ex: Executor, fund: string, year: number, set: { allocated: Cents; actId: number }): Promise<void> => {
  await ex.update(fundAnnualities).set(set).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, year)));
};
