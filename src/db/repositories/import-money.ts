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

const actColumns = { act_type: 'text', act_number: 'text', act_date: 'date' } as const;
export const annualityStageColumns = { fund_code: 'text', annuality: 'integer', amount: 'bigint', ...actColumns } as const;
export const lineStageColumns = { fund_code: 'text', annuality: 'integer', code: 'text', description: 'text', amount: 'bigint', ...actColumns } as const;
export const assignmentStageColumns = { fund_code: 'text', annuality: 'integer', line_code: 'text', district_code: 'text', amount: 'bigint', ...actColumns } as const;
export const disbursementStageColumns = { fund_code: 'text', annuality: 'integer', district_code: 'text', amount: 'bigint', paid_on: 'date', ...actColumns } as const;

/** The stored act `stored` is the act a staged row `staged` cites (type, number, date). */
const sameAct = (stored: string, staged: string) =>
  `(${stored}.type, ${stored}.number, ${stored}.date) = (${staged}.act_type, ${staged}.act_number, ${staged}.act_date)`;

/** The rows as read are staged in `<stage>_in`; classified, with their act's id, in `<stage>`. */
export const inputOf = (stage: string) => `${stage}_in`;

/**
 * Builds `stage` from its input in one pass (a temporary table rewritten by updates would cost a
 * copy of every row per check): every column of the input, the id of the act the row cites, and
 * the row's status, from the first check it fails in the order the row-by-row import checked.
 */
const classifyInto = async (tx: Tx, stage: string, joins: string, status: string) => {
  await tx.execute(
    sql.raw(`create temp table ${stage} on commit drop as
      select s.*, t.id as act_id, ${status} as status
      from ${inputOf(stage)} s left join acts t on ${sameAct('t', 's')} ${joins}`),
  );
  // Without statistics the planner takes the stage for a hundred rows and joins the sums of the
  // limit checks by nested loops: minutes instead of milliseconds at 43,200 rows.
  await tx.execute(sql.raw(`analyze ${stage}`));
};

export const classifyAnnualities = (tx: Tx) =>
  classifyInto(
    tx,
    ANNUALITY_STAGE,
    `left join funds f on f.code = s.fund_code
     left join fund_annualities x on x.fund_code = s.fund_code and x.annuality = s.annuality
     left join acts xt on xt.id = x.act_id`,
    `case when f.code is null then 'unknown_fund'
          when x.fund_code is null then 'new'
          when x.allocated = s.amount and ${sameAct('xt', 's')} then 'unchanged' else 'conflict' end`,
  );

export const classifyLines = (tx: Tx) =>
  classifyInto(
    tx,
    LINE_STAGE,
    `left join fund_annualities a on a.fund_code = s.fund_code and a.annuality = s.annuality
     left join intervention_lines x on x.fund_code = s.fund_code and x.annuality = s.annuality and x.code = s.code
     left join acts xt on xt.id = x.act_id`,
    `case when a.fund_code is null then 'unknown_annuality'
          when x.id is null then 'new'
          when x.amount = s.amount and x.description = s.description and ${sameAct('xt', 's')} then 'unchanged' else 'conflict' end`,
  );

export const classifyAssignments = (tx: Tx) =>
  classifyInto(
    tx,
    ASSIGNMENT_STAGE,
    `left join districts d on d.code = s.district_code
     left join intervention_lines l on l.fund_code = s.fund_code and l.annuality = s.annuality and l.code = s.line_code
     left join assignments x on x.fund_code = s.fund_code and x.annuality = s.annuality and x.line_code = s.line_code
       and x.district_code = s.district_code and x.act_number = s.act_number
     left join acts xt on xt.id = x.act_id`,
    `case when d.code is null then 'unknown_district'
          when l.id is null then 'unknown_line'
          when x.id is null then 'new'
          when x.amount = s.amount and ${sameAct('xt', 's')} then 'unchanged' else 'conflict' end`,
  );

export const classifyDisbursements = (tx: Tx) =>
  classifyInto(
    tx,
    DISBURSEMENT_STAGE,
    `left join districts d on d.code = s.district_code
     left join fund_annualities a on a.fund_code = s.fund_code and a.annuality = s.annuality
     left join disbursements x on x.fund_code = s.fund_code and x.annuality = s.annuality and x.district_code = s.district_code and x.act_number = s.act_number
     left join acts xt on xt.id = x.act_id`,
    `case when d.code is null then 'unknown_district'
          when a.fund_code is null then 'unknown_annuality'
          when x.id is null then 'new'
          when x.amount = s.amount and x.paid_on = s.paid_on and ${sameAct('xt', 's')} then 'unchanged' else 'conflict' end`,
  );

export interface CreatedAct {
  id: number;
  type: string;
  number: string;
  date: string;
}

/**
 * Registers the acts the staged rows cite that are not registered yet, in the order the file
 * first cites them; answers the acts created. Rows citing them are new ones, or ones the import
 * refuses (and then nothing it did stays): an unchanged row cites an act already registered.
 */
export const ensureStagedActs = async (tx: Tx, stage: string): Promise<CreatedAct[]> => {
  const created = rowsOf<{ id: number; type: string; number: string; date: string }>(
    await tx.execute(
      sql.raw(`insert into acts (type, number, date)
        select act_type, act_number, act_date from ${inputOf(stage)} group by act_type, act_number, act_date order by min(line)
        on conflict (type, number, date) do nothing
        returning id, type, number, date::text as date`),
    ),
  ).map((r) => ({ id: Number(r.id), type: r.type, number: r.number, date: r.date }));
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

/** A sum per key: `value` aggregated over `table x`, joined to the keys row `k` by `on`. */
interface Aggregate {
  readonly table: string;
  readonly on: string;
  readonly value: string;
}

const aggregateOver = (keys: readonly string[], a: Aggregate) =>
  `select ${keys.map((c) => `k.${c}`).join(', ')}, ${a.value} as v from k join ${a.table} x on ${a.on} group by ${keys.map((c) => `k.${c}`).join(', ')}`;

/**
 * The limits the new rows of `stage` break: per value of the `keys` columns, the `limit` and
 * the sum it bounds (`total`), both read after the new rows were stored, by joins rather than a
 * lookup per key.
 */
const limitBreaks = async (tx: Tx, stage: string, keys: readonly string[], limit: Aggregate, total: Aggregate): Promise<LimitBreak[]> => {
  const cols = keys.join(', ');
  const query: SQL = sql.raw(`
    with k as (select ${cols}, sum(amount) as added from ${stage} where status = 'new' group by ${cols}),
    lim as (${aggregateOver(keys, limit)}),
    tot as (${aggregateOver(keys, total)}),
    b as (select k.*, coalesce(lim.v, 0) as lim, coalesce(tot.v, 0) as total from k left join lim using (${cols}) left join tot using (${cols})
          where coalesce(tot.v, 0) > coalesce(lim.v, 0)),
    r as (select s.line, ${keys.map((c) => `s.${c}`).join(', ')}, b.lim, b.total,
                 b.total - b.added + sum(s.amount) over (partition by ${keys.map((c) => `s.${c}`).join(', ')} order by s.line) as running
          from ${stage} s join b using (${cols}) where s.status = 'new')
    select min(line) as line, lim::text as lim, total::text as total from r where running > lim group by ${cols}, lim, total order by 1`);
  return rowsOf<{ line: number; lim: string; total: string }>(await tx.execute(query)).map((r) => ({ line: Number(r.line), limit: BigInt(r.lim), total: BigInt(r.total) }));
};

const onKeys = (pairs: Readonly<Record<string, string>>) =>
  Object.entries(pairs)
    .map(([key, column]) => `x.${column} = k.${key}`)
    .join(' and ');

/** Σ lines ≤ A(F,Y), for the fund annualities given new lines. */
export const programmingBreaks = (tx: Tx) => {
  const on = onKeys({ fund_code: 'fund_code', annuality: 'annuality' });
  return limitBreaks(tx, LINE_STAGE, ['fund_code', 'annuality'], { table: 'fund_annualities', on, value: 'max(x.allocated)' }, { table: 'intervention_lines', on, value: 'sum(x.amount)' });
};

/** Σ assignments of a line ≤ the line, for the lines given new assignments. */
export const assignmentBreaks = (tx: Tx) =>
  limitBreaks(
    tx,
    ASSIGNMENT_STAGE,
    ['fund_code', 'annuality', 'line_code'],
    { table: 'intervention_lines', on: onKeys({ fund_code: 'fund_code', annuality: 'annuality', line_code: 'code' }), value: 'max(x.amount)' },
    { table: 'assignments', on: onKeys({ fund_code: 'fund_code', annuality: 'annuality', line_code: 'line_code' }), value: 'sum(x.amount)' },
  );

/**
 * Σ disbursed ≤ assigned per district, fund and annuality, for the keys given new disbursements:
 * read from the running totals, which addStagedMoneyTotals has just brought up to date for every
 * key of the files (one join instead of two more sums over the tables).
 */
export const disbursementBreaks = async (tx: Tx): Promise<LimitBreak[]> => {
  const keys = ['fund_code', 'annuality', 'district_code'];
  const cols = keys.join(', ');
  const query: SQL = sql.raw(`
    with k as (select ${cols}, sum(amount) as added from ${DISBURSEMENT_STAGE} where status = 'new' group by ${cols}),
    b as (select k.*, t.assigned as lim, t.disbursed as total from k join district_fund_totals t using (${cols}) where t.disbursed > t.assigned),
    r as (select s.line, ${keys.map((c) => `s.${c}`).join(', ')}, b.lim, b.total,
                 b.total - b.added + sum(s.amount) over (partition by ${keys.map((c) => `s.${c}`).join(', ')} order by s.line) as running
          from ${DISBURSEMENT_STAGE} s join b using (${cols}) where s.status = 'new')
    select min(line) as line, lim::text as lim, total::text as total from r where running > lim group by ${cols}, lim, total order by 1`);
  return rowsOf<{ line: number; lim: string; total: string }>(await tx.execute(query)).map((r) => ({ line: Number(r.line), limit: BigInt(r.lim), total: BigInt(r.total) }));
};

/** Sums over tens of thousands of staged rows hash in memory instead of spilling to disk. */
export const roomForSums = (tx: Tx) => tx.execute(sql.raw(`set local work_mem = '64MB'`));

/**
 * After storing many rows into a table the planner last saw (nearly) empty, its statistics are
 * refreshed, so that the checks that follow join it by hash instead of scanning it per key.
 */
export const refreshStatistics = async (tx: Tx, table: 'assignments' | 'disbursements', stored: number): Promise<void> => {
  if (stored >= ANALYZE_AFTER) await tx.execute(sql.raw(`analyze ${table}`));
};

const ANALYZE_AFTER = 10_000;

/**
 * district_fund_totals.assigned and .disbursed raised, for every district, fund and annuality,
 * by the new assignments and disbursements the import has just stored (the stages' rows with
 * status 'new', which are exactly the rows inserted): every write keeps the totals equal to a
 * recount of their key in the same transaction, so the recount after this import is the stored
 * total plus what it added. One statement, rows locked in key order; `x = x + added` is applied
 * to the newest version of a row, so a concurrent writer of the same key (under another limit's
 * lock) is never overwritten.
 */
export const addStagedMoneyTotals = async (tx: Tx, files: { assignments: boolean; disbursements: boolean }): Promise<void> => {
  const parts = [
    ...(files.assignments ? [`select district_code, fund_code, annuality, amount as a, 0::bigint as d from ${ASSIGNMENT_STAGE} where status = 'new'`] : []),
    ...(files.disbursements ? [`select district_code, fund_code, annuality, 0::bigint as a, amount as d from ${DISBURSEMENT_STAGE} where status = 'new'`] : []),
  ];
  if (parts.length === 0) return;
  await tx.execute(
    sql.raw(`insert into district_fund_totals as t (district_code, fund_code, annuality, assigned, disbursed)
      select district_code, fund_code, annuality, sum(a), sum(d) from (${parts.join(' union all ')}) v
      group by district_code, fund_code, annuality order by district_code, fund_code, annuality
      on conflict (district_code, fund_code, annuality) do update set assigned = t.assigned + excluded.assigned, disbursed = t.disbursed + excluded.disbursed`),
  );
};
