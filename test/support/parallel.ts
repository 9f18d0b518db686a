/**
 * Helpers of the concurrency tests: requests fired at the same moment, and what must hold after.
 * Each call starts before any is awaited, so on PostgreSQL (a pool of real connections) their
 * transactions truly overlap.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/db/client.ts';

/** Starts `n` calls of `fn` at once and waits for all of them, in order of `i`. */
export const atOnce = <T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

/** How many answers had each status code, e.g. `{ 200: 1, 409: 7 }`. */
export const statusCounts = (responses: readonly LightMyRequestResponse[]): Record<number, number> => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
  return counts;
};

/** The bodies of answers outside the expected codes, to show in a failed assertion. */
export const unexpected = (responses: readonly LightMyRequestResponse[], expected: readonly number[]): string[] =>
  responses.filter((r) => !expected.includes(r.statusCode)).map((r) => `${r.statusCode} ${r.body}`);

/**
 * The keys (district/fund/annuality) whose running totals (district_fund_totals) differ from a
 * recount of the assignments, disbursements and submitted expense lines they sum; [] when all
 * agree. With `district`, only that district's keys.
 */
export const recountMismatches = async (database: Database, district?: string): Promise<string[]> =>
  rowsOf<{ k: string }>(
    await database.db.execute(sql`
      with recount as (
        select district_code, fund_code, annuality, sum(assigned) as assigned, sum(disbursed) as disbursed, sum(reported) as reported, sum(recognised) as recognised, sum(n) as n from (
          select district_code, fund_code, annuality, amount as assigned, 0 as disbursed, 0 as reported, 0 as recognised, 0 as n from assignments
          union all select district_code, fund_code, annuality, 0, amount, 0, 0, 0 from disbursements
          union all select district_code, fund_code, annuality, 0, -amount, 0, 0, 0 from receivable_recoveries
          union all select district_code, fund_code, annuality, 0, 0, amount, coalesce(recognised, 0), 1 from expense_lines where submitted
        ) x group by 1, 2, 3)
      select coalesce(t.district_code, r.district_code) || '/' || coalesce(t.fund_code, r.fund_code) || '/' || coalesce(t.annuality, r.annuality) as k
      from district_fund_totals t full join recount r using (district_code, fund_code, annuality)
      where (coalesce(t.assigned, 0) <> coalesce(r.assigned, 0) or coalesce(t.disbursed, 0) <> coalesce(r.disbursed, 0)
         or coalesce(t.reported, 0) <> coalesce(r.reported, 0) or coalesce(t.recognised, 0) <> coalesce(r.recognised, 0)
         or coalesce(t.expense_lines, 0) <> coalesce(r.n, 0))
        ${district === undefined ? sql`` : sql`and coalesce(t.district_code, r.district_code) = ${district}`}
      order by 1`),
  ).map((r) => r.k);

/** Limits found broken in the stored rows (DOMAIN.md "Limits"), each named; [] when all hold. */
export const brokenLimits = async (database: Database): Promise<string[]> =>
  rowsOf<{ k: string }>(
    await database.db.execute(sql`
      select 'programmed > allocated ' || a.fund_code || '/' || a.annuality as k from fund_annualities a
        where (select coalesce(sum(amount), 0) from intervention_lines l where l.fund_code = a.fund_code and l.annuality = a.annuality) > a.allocated
      union all select 'assigned > line ' || l.fund_code || '/' || l.annuality || '/' || l.code from intervention_lines l
        where (select coalesce(sum(amount), 0) from assignments s where s.fund_code = l.fund_code and s.annuality = l.annuality and s.line_code = l.code) > l.amount
      union all select 'disbursed > assigned ' || p.district_code || '/' || p.fund_code || '/' || p.annuality from disbursements p
        group by p.district_code, p.fund_code, p.annuality
        having sum(p.amount) > (select coalesce(sum(amount), 0) from assignments s where s.district_code = p.district_code and s.fund_code = p.fund_code and s.annuality = p.annuality)
      union all select 'recognised > amount ' || id from expense_lines where recognised > amount or recognised < 0
      order by 1`),
  ).map((r) => r.k);
