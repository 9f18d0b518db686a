/**
 * Set-wise SQL of the money files of an import (annualita, linee, assegnazioni, liquidazioni),
 * over the staging tables of src/db/staging.ts. Each stage row gets a status: `new`,
 * `unchanged`, `conflict` (a different record under a stored key: EXCHANGE.md never lets an
 * earlier figure be overwritten silently), or the reference it lacks (`unknown_fund`,
 * `unknown_annuality`, `unknown_district`, `unknown_line`). Limits are checked on the sums once
 * the new rows are in, naming for each broken limit the first new row, in file order, at which
 * the running sum passes it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../client.ts';

export const ANNUALITY_STAGE = 'history_annualities';
export const LINE_STAGE = 'history_lines';
export const ASSIGNMENT_STAGE = 'history_assignments';
export const DISBURSEMENT_STAGE = 'history_disbursements';

const actColumns = { act_type: 'text', act_number: 'text', act_date: 'date', act_id: 'integer' } as const;
export const annualityStageColumns = { fund_code: 'text', annuality: 'integer', amount: 'bigint', ...actColumns } as const;
export const lineStageColumns = { fund_code: 'text', annuality: 'integer', code: 'text', description: 'text', amount: 'bigint', ...actColumns } as const;
export const assignmentStageColumns = { fund_code: 'text', annuality: 'integer', line_code: 'text', district_code: 'text', amount: 'bigint', ...actColumns } as const;
export const disbursementStageColumns = { fund_code: 'text', annuality: 'integer', district_code: 'text', amount: 'bigint', paid_on: 'date', ...actColumns } as const;

/** The stored act a staged row cites is the same act (type, number, date). */
const sameAct = (stored: string, staged: string) =>
  `(${stored}.type, ${stored}.number, ${stored}.date) = (${staged}.act_type, ${staged}.act_number, ${staged}.act_date)`;

export const classifyAnnualities = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`update history_annualities s set status = case when exists (select 1 from funds f where f.code = s.fund_code) then 'new' else 'unknown_fund' end`);
  await tx.execute(
    sql.raw(`update history_annualities s set status = case when a.allocated = s.amount and ${sameAct('t', 's')} then 'unchanged' else 'conflict' end
      from fund_annualities a join acts t on t.id = a.act_id
      where s.status = 'new' and a.fund_code = s.fund_code and a.annuality = s.annuality`),
  );
};

export const classifyLines = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`update history_lines s set status = case when exists (select 1 from fund_annualities a where a.fund_code = s.fund_code and a.annuality = s.annuality) then 'new' else 'unknown_annuality' end`);
  await tx.execute(
    sql.raw(`update history_lines s set status = case when l.amount = s.amount and l.description = s.description and ${sameAct('t', 's')} then 'unchanged' else 'conflict' end
      from intervention_lines l join acts t on t.id = l.act_id
      where s.status = 'new' and l.fund_code = s.fund_code and l.annuality = s.annuality and l.code = s.code`),
  );
};

export const classifyAssignments = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`update history_assignments s set status = case
      when not exists (select 1 from districts d where d.code = s.district_code) then 'unknown_district'
      when not exists (select 1 from intervention_lines l where l.fund_code = s.fund_code and l.annuality = s.annuality and l.code = s.line_code) then 'unknown_line'
      else 'new' end`);
  await tx.execute(
    sql.raw(`update history_assignments s set status = case when x.amount = s.amount and ${sameAct('t', 's')} then 'unchanged' else 'conflict' end
      from assignments x join acts t on t.id = x.act_id
      where s.status = 'new' and x.fund_code = s.fund_code and x.annuality = s.annuality and x.line_code = s.line_code
        and x.district_code = s.district_code and x.act_number = s.act_number`),
  );
};

export const classifyDisbursements = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`update history_disbursements s set status = case when exists (select 1 from districts d where d.code = s.district_code) then 'new' else 'unknown_district' end`);
  await tx.execute(
    sql.raw(`update history_disbursements s set status = case when x.amount = s.amount and x.paid_on = s.paid_on and ${sameAct('t', 's')} then 'unchanged' else 'conflict' end
      from disbursements x join acts t on t.id = x.act_id
      where s.status = 'new' and x.fund_code = s.fund_code and x.annuality = s.annuality and x.district_code = s.district_code and x.act_number = s.act_number`),
  );
};

export interface CreatedAct {
  id: number;
  type: string;
  number: string;
  date: string;
}

/**
 * Registers the acts the new rows cite that are not registered yet (in the order the file first
 * cites them) and gives every new row its act's id. Answers the acts created.
 */
export const ensureStagedActs = async (tx: Tx, stage: string): Promise<CreatedAct[]> => {
  const created = rowsOf<{ id: number; type: string; number: string; date: string }>(
    await tx.execute(
      sql.raw(`insert into acts (type, number, date)
        select act_type, act_number, act_date from ${stage} where status = 'new' group by act_type, act_number, act_date order by min(line)
        on conflict (type, number, date) do nothing
        returning id, type, number, date::text as date`),
    ),
  ).map((r) => ({ id: Number(r.id), type: r.type, number: r.number, date: r.date }));
  await tx.execute(
    sql.raw(`update ${stage} s set act_id = t.id from acts t where s.status = 'new' and ${sameAct('t', 's')}`),
  );
  return created.sort((a, b) => a.id - b.id);
};

/** The new rows, in line order, with the id of the act each cites. */
export const newRows = async (tx: Tx, stage: string): Promise<{ line: number; actId: number }[]> =>
  rowsOf<{ line: number; act_id: number }>(await tx.execute(sql.raw(`select line, act_id from ${stage} where status = 'new' order by line`))).map((r) => ({
    line: Number(r.line),
    actId: Number(r.act_id),
  }));

export const storeAnnualities = (tx: Tx) =>
  tx.execute(sql`insert into fund_annualities (fund_code, annuality, allocated, act_id)
    select fund_code, annuality, amount, act_id from history_annualities where status = 'new' order by fund_code, annuality`);

export const storeLines = (tx: Tx) =>
  tx.execute(sql`insert into intervention_lines (fund_code, annuality, code, description, amount, act_id)
    select fund_code, annuality, code, description, amount, act_id from history_lines where status = 'new' order by fund_code, annuality, code`);

export const storeAssignments = (tx: Tx) =>
  tx.execute(sql`insert into assignments (fund_code, annuality, line_code, district_code, act_id, act_number, amount)
    select fund_code, annuality, line_code, district_code, act_id, act_number, amount from history_assignments where status = 'new'
    order by fund_code, annuality, line_code, district_code, act_number`);

export const storeDisbursements = (tx: Tx) =>
  tx.execute(sql`insert into disbursements (fund_code, annuality, district_code, act_id, act_number, amount, paid_on)
    select fund_code, annuality, district_code, act_id, act_number, amount, paid_on from history_disbursements where status = 'new'
    order by fund_code, annuality, district_code, act_number`);

export interface LimitBreak {
  /** the first new row at which the running sum passes the limit */
  line: number;
  limit: bigint;
  /** the sum after the import */
  total: bigint;
}

/**
 * The limits the new rows of `stage` break. `keys` are the columns a limit is per; `limit` and
 * `total` are correlated subqueries on the alias `k` (a row of those keys) giving the limit and
 * the sum it bounds, both after the new rows were stored.
 */
const limitBreaks = async (tx: Tx, stage: string, keys: readonly string[], limit: string, total: string): Promise<LimitBreak[]> => {
  const cols = keys.join(', ');
  const query: SQL = sql.raw(`
    with k as (select ${cols}, sum(amount) as added from ${stage} where status = 'new' group by ${cols}),
    o as (select k.*, coalesce(${limit}, 0) as lim, coalesce(${total}, 0) as total from k),
    b as (select * from o where total > lim),
    r as (select s.line, ${keys.map((c) => `s.${c}`).join(', ')}, b.lim, b.total, b.total - b.added + sum(s.amount) over (partition by ${keys.map((c) => `s.${c}`).join(', ')} order by s.line) as running
          from ${stage} s join b using (${cols}) where s.status = 'new')
    select min(line) as line, lim::text as lim, total::text as total from r where running > lim group by ${cols}, lim, total order by 1`);
  return rowsOf<{ line: number; lim: string; total: string }>(await tx.execute(query)).map((r) => ({ line: Number(r.line), limit: BigInt(r.lim), total: BigInt(r.total) }));
};

/** Σ lines ≤ A(F,Y), for the fund annualities given new lines. */
export const programmingBreaks = (tx: Tx) =>
  limitBreaks(
    tx,
    LINE_STAGE,
    ['fund_code', 'annuality'],
    '(select a.allocated from fund_annualities a where a.fund_code = k.fund_code and a.annuality = k.annuality)',
    '(select sum(l.amount) from intervention_lines l where l.fund_code = k.fund_code and l.annuality = k.annuality)',
  );

/** Σ assignments of a line ≤ the line, for the lines given new assignments. */
export const assignmentBreaks = (tx: Tx) =>
  limitBreaks(
    tx,
    ASSIGNMENT_STAGE,
    ['fund_code', 'annuality', 'line_code'],
    '(select l.amount from intervention_lines l where l.fund_code = k.fund_code and l.annuality = k.annuality and l.code = k.line_code)',
    '(select sum(x.amount) from assignments x where x.fund_code = k.fund_code and x.annuality = k.annuality and x.line_code = k.line_code)',
  );

/** Σ disbursed ≤ assigned per district, fund and annuality, for the keys given new disbursements. */
export const disbursementBreaks = (tx: Tx) =>
  limitBreaks(
    tx,
    DISBURSEMENT_STAGE,
    ['fund_code', 'annuality', 'district_code'],
    '(select sum(x.amount) from assignments x where x.fund_code = k.fund_code and x.annuality = k.annuality and x.district_code = k.district_code)',
    '(select sum(x.amount) from disbursements x where x.fund_code = k.fund_code and x.annuality = k.annuality and x.district_code = k.district_code)',
  );

/**
 * district_fund_totals.assigned and .disbursed recounted, in one statement, for every district,
 * fund and annuality the staged assignments and disbursements name (the same recount the
 * row-by-row writes make for one key).
 */
export const refreshStagedMoneyTotals = async (tx: Tx, stages: readonly string[]): Promise<void> => {
  if (stages.length === 0) return;
  const keys = stages.map((s) => `select district_code, fund_code, annuality from ${s}`).join(' union ');
  await tx.execute(
    sql.raw(`
    with k as (${keys}),
    a as (select x.district_code, x.fund_code, x.annuality, sum(x.amount) as s from assignments x join k using (district_code, fund_code, annuality) group by 1, 2, 3),
    d as (select x.district_code, x.fund_code, x.annuality, sum(x.amount) as s from disbursements x join k using (district_code, fund_code, annuality) group by 1, 2, 3)
    insert into district_fund_totals (district_code, fund_code, annuality, assigned, disbursed)
    select k.district_code, k.fund_code, k.annuality, coalesce(a.s, 0), coalesce(d.s, 0)
    from k left join a using (district_code, fund_code, annuality) left join d using (district_code, fund_code, annuality)
    order by 1, 2, 3
    on conflict (district_code, fund_code, annuality) do update set assigned = excluded.assigned, disbursed = excluded.disbursed`),
  );
};
