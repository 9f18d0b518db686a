/**
 * Running totals per district, fund and annuality (district_fund_totals), kept in the writing
 * transaction so that read-outs never scan lines. Assigned and disbursed are recounted from
 * their small tables for the keys a write touched (disbursed net of the recoveries on receivables,
 * DOMAIN.md "Residuals, redetermination, receivables"); reported and recognised move by the amounts
 * of the expense lines written.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { districtFundTotals, funds } from '../../schema/index.ts';

export interface TotalsKey {
  districtCode: string;
  fundCode: string;
  annuality: number;
}

export type TotalsRow = typeof districtFundTotals.$inferSelect;

/** Keys once each, in one order: rows are locked in that order, so two refreshes cannot deadlock. */
const distinctSorted = (keys: Iterable<TotalsKey>): TotalsKey[] => {
  const byText = new Map<string, TotalsKey>();
  for (const k of keys) byText.set(`${k.districtCode}\u0000${k.fundCode}\u0000${k.annuality}`, k);
  return [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
};

const valuesOf = (keys: readonly TotalsKey[]): SQL => sql.join(keys.map((k) => sql`(${k.districtCode}::text, ${k.fundCode}::text, ${k.annuality}::int)`), sql`, `);

/**
 * Recounts assigned and disbursed for the keys. The rows are locked first and recounted by the
 * next statement: under READ COMMITTED that statement sees every write committed before the
 * lock was granted, so a concurrent writer of the same key is never overwritten by an older
 * count, whichever limit lock the callers hold.
 */
export const refreshMoneyTotals = async (ex: Executor, keys: Iterable<TotalsKey>): Promise<void> => {
  const all = distinctSorted(keys);
  for (let i = 0; i < all.length; i += 5000) {
    const chunk = all.slice(i, i + 5000);
    await ex.execute(sql`
      insert into district_fund_totals (district_code, fund_code, annuality)
      select d, f, y from (values ${valuesOf(chunk)}) as k(d, f, y) order by d, f, y
      on conflict (district_code, fund_code, annuality) do update set assigned = district_fund_totals.assigned`);
    await ex.execute(sql`
      update district_fund_totals t set
        assigned = coalesce((select sum(a.amount) from assignments a where a.district_code = t.district_code and a.fund_code = t.fund_code and a.annuality = t.annuality), 0),
        disbursed = coalesce((select sum(p.amount) from disbursements p where p.district_code = t.district_code and p.fund_code = t.fund_code and p.annuality = t.annuality), 0)
          - coalesce((select sum(r.amount) from receivable_recoveries r where r.district_code = t.district_code and r.fund_code = t.fund_code and r.annuality = t.annuality), 0)
      from (values ${valuesOf(chunk)}) as k(d, f, y)
      where t.district_code = k.d and t.fund_code = k.f and t.annuality = k.y`);
  }
};

/** Moves reported/recognised by a delta for one key (typed lines, verification, corrections); atomic under concurrency. */
export const addExpenseDelta = async (ex: Executor, k: TotalsKey, delta: { reported: bigint; recognised: bigint; lines: number }): Promise<void> => {
  await ex.execute(sql`
    insert into district_fund_totals (district_code, fund_code, annuality, reported, recognised, expense_lines)
    values (${k.districtCode}, ${k.fundCode}, ${k.annuality}, ${delta.reported}, ${delta.recognised}, ${delta.lines})
    on conflict (district_code, fund_code, annuality) do update set
      reported = district_fund_totals.reported + excluded.reported,
      recognised = district_fund_totals.recognised + excluded.recognised,
      expense_lines = district_fund_totals.expense_lines + excluded.expense_lines`);
};

export const totalsOf = async (ex: Executor, k: TotalsKey): Promise<TotalsRow | undefined> =>
  (await ex.select().from(districtFundTotals).where(and(eq(districtFundTotals.districtCode, k.districtCode), eq(districtFundTotals.fundCode, k.fundCode), eq(districtFundTotals.annuality, k.annuality))))[0];

/** Every annuality of a fund for a district: what the gating rule reads. */
export const totalsOfDistrictFund = (ex: Executor, district: string, fund: string) =>
  ex.select().from(districtFundTotals).where(and(eq(districtFundTotals.districtCode, district), eq(districtFundTotals.fundCode, fund)));

/** A district's totals with the name and 75% rule of each fund. */
export const totalsOfDistrict = (ex: Executor, district: string) =>
  ex
    .select({ t: districtFundTotals, name: funds.name, rule75: funds.rule75 })
    .from(districtFundTotals)
    .innerJoin(funds, eq(funds.code, districtFundTotals.fundCode))
    .where(eq(districtFundTotals.districtCode, district))
    .orderBy(asc(districtFundTotals.fundCode), asc(districtFundTotals.annuality));
