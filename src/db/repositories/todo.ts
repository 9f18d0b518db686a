/**
 * The counts behind "what needs me now" (src/domain/todo.ts): each one query on an index, so the
 * home page costs the same at 6,000,000 expense lines as at 60. A district list of null means
 * every district (the Region).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client.ts';

/** nameKey of src/domain/auth/actor.ts, in SQL: spacing and case aside. */
const keyOf = (column: SQL): SQL => sql`lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;

const inDistricts = (column: SQL, districts: readonly string[] | null): SQL =>
  districts === null ? sql`true` : districts.length ? sql`${column} in (${sql.join(districts.map((d) => sql`${d}`), sql`, `)})` : sql`false`;

/** Submitted reports with lines the Region has not verified yet (partial index expense_lines_pending_idx). */
export const reportsToVerify = async (ex: Executor) => {
  const [r] = rowsOf<{ reports: string | number; lines: string | number }>(
    await ex.execute(sql`
      select count(distinct l.report_id) as reports, count(*) as lines
      from expense_lines l join expense_reports r on r.id = l.report_id
      where l.recognised is null and l.report_id is not null and l.submitted and r.status = 'submitted'`),
  );
  return { reports: Number(r?.reports ?? 0), lines: Number(r?.lines ?? 0) };
};

export const pendingCorrections = async (ex: Executor, districts: readonly string[] | null): Promise<number> => {
  const [r] = rowsOf<{ n: string | number }>(
    await ex.execute(sql`select count(*) as n from correction_requests where status = 'pending' and ${inDistricts(sql`district_code`, districts)}`),
  );
  return Number(r?.n ?? 0);
};

/** Districts (of the list) that have money of some fund annuality up to the year, i.e. something to report. */
export const districtsWithAssignments = async (ex: Executor, districts: readonly string[] | null, upToAnnuality: number): Promise<string[]> =>
  rowsOf<{ district_code: string }>(
    await ex.execute(sql`
      select distinct district_code from district_fund_totals
      where assigned > 0 and annuality <= ${upToAnnuality} and ${inDistricts(sql`district_code`, districts)}
      order by district_code`),
  ).map((r) => r.district_code);

/** Districts whose report of the year is submitted. */
export const submittedReports = async (ex: Executor, expenseYear: number, districts: readonly string[] | null): Promise<Set<string>> =>
  new Set(
    rowsOf<{ district_code: string }>(
      await ex.execute(sql`select district_code from expense_reports where expense_year = ${expenseYear} and status = 'submitted' and ${inDistricts(sql`district_code`, districts)}`),
    ).map((r) => r.district_code),
  );

/** Funds under the 75% rule. */
export const rule75Funds = async (ex: Executor): Promise<string[]> =>
  rowsOf<{ code: string }>(await ex.execute(sql`select code from funds where rule75 order by code`)).map((r) => r.code);

/**
 * Open plans of a body from a year on, with the objectives still lacking an indicator's actual
 * value or the year-end report; `centres` limits them to an area manager's. Body and centres are
 * given as nameKey gives them.
 */
export const objectivesToReport = async (ex: Executor, body: string, fromYear: number, centres: readonly string[] | null) => {
  const inCentres = centres === null ? sql`true` : centres.length ? sql`${keyOf(sql`c.name`)} in (${sql.join(centres.map((c) => sql`${c}`), sql`, `)})` : sql`false`;
  return rowsOf<{ plan_id: number; body: string; year: number; objectives: string | number }>(
    await ex.execute(sql`
      select p.id as plan_id, p.body, p.year, count(distinct o.id) as objectives
      from performance_plans p
      join performance_objectives o on o.plan_id = p.id
      join performance_centre_objectives co on co.objective_id = o.id
      join performance_centres c on c.id = co.centre_id
      where p.status = 'draft' and ${keyOf(sql`p.body`)} = ${body} and p.year >= ${fromYear} and ${inCentres}
        and not exists (select 1 from performance_revisions v where v.objective_id = o.id and v.kind = 'suspended')
        and (o.report = '' or exists (select 1 from performance_indicators i where i.objective_id = o.id and i.actual = ''))
      group by p.id, p.body, p.year
      order by p.year, p.id`),
  ).map((r) => ({ planId: Number(r.plan_id), body: r.body, year: Number(r.year), objectives: Number(r.objectives) }));
};

/** Plans of a body not yet validated whose year is before `beforeYear`. */
export const plansToValidate = async (ex: Executor, body: string, beforeYear: number) =>
  rowsOf<{ id: number; body: string; year: number }>(
    await ex.execute(sql`select id, body, year from performance_plans where status = 'draft' and ${keyOf(sql`body`)} = ${body} and year < ${beforeYear} order by year, id`),
  ).map((r) => ({ planId: Number(r.id), body: r.body, year: Number(r.year) }));
