/**
 * Running totals per district, fund and annuality (district_fund_totals): assigned and
 * disbursed are recomputed from their small tables for the keys a write touched; reported and
 * recognised move by the amounts of the expense lines written, in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

export interface TotalsKey {
  districtCode: string;
  fundCode: string;
  annuality: number;
}

export const refreshMoneyTotals = async (tx: Executor, keys: Iterable<TotalsKey>) => {
  for (const k of keys) {
    await tx.execute(sql`
      insert into district_fund_totals (district_code, fund_code, annuality, assigned, disbursed)
      values (${k.districtCode}, ${k.fundCode}, ${k.annuality},
        (select coalesce(sum(amount), 0) from assignments where district_code = ${k.districtCode} and fund_code = ${k.fundCode} and annuality = ${k.annuality}),
        (select coalesce(sum(amount), 0) from disbursements where district_code = ${k.districtCode} and fund_code = ${k.fundCode} and annuality = ${k.annuality}))
      on conflict (district_code, fund_code, annuality) do update set assigned = excluded.assigned, disbursed = excluded.disbursed`);
  }
};

/** Moves reported/recognised by a delta for one key (typed lines, verification, corrections). */
export const addExpenseDelta = async (tx: Executor, k: TotalsKey, delta: { reported: bigint; recognised: bigint; lines: number }) => {
  await tx.execute(sql`
    insert into district_fund_totals (district_code, fund_code, annuality, reported, recognised, expense_lines)
    values (${k.districtCode}, ${k.fundCode}, ${k.annuality}, ${delta.reported}, ${delta.recognised}, ${delta.lines})
    on conflict (district_code, fund_code, annuality) do update set
      reported = district_fund_totals.reported + excluded.reported,
      recognised = district_fund_totals.recognised + excluded.recognised,
      expense_lines = district_fund_totals.expense_lines + excluded.expense_lines`);
};
