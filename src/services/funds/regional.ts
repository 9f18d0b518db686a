/**
 * Regional funds (DOMAIN.md "Regional funds"; seed 1 §2), in three acts:
 *   1. the regional budget law gives each spending chapter an amount per year of the three-year
 *      budget; the "cabina di regia" transmits a statement of each chapter every six months;
 *   2. the DGR of finalisation reserves chapter amounts for the interventions that can be done
 *      now: Σ reservations of a chapter-year ≤ its budget;
 *   3. implementing DDs assign a reservation to districts with a split criterion: Σ ≤ reservation.
 *
 * The regional fund annuality (fund_annualities) carries Σ chapter budgets as its allocation and
 * each reservation is one of its intervention lines, so assignments are ordinary `assignments`
 * rows and compliance, residuals and district reporting treat regional money as national money,
 * without the ministry's 75% rule (regional funds have rule75 = false).
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  acts,
  assignments,
  budgetChapterAmounts,
  budgetChapters,
  budgetChapterStatements,
  budgetReservations,
  districts,
  fundAnnualities,
  funds,
  interventionLines,
} from '../../db/schema/index.ts';
import { rowsOf, type Executor, type Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, requirePermission, visibleDistricts } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { cents, toNumber, type Cents } from '../../domain/money.ts';
import { parseCalendarDate, romeDate, yearOf } from '../../domain/dates.ts';
import {
  checkLimitCoversUsage,
  checkRegionalAssignmentWithinReservation,
  checkReservationWithinChapter,
  requirePositiveAmount,
} from '../../domain/funds/limits.ts';
import type { Share } from '../../domain/funds/split.ts';
import type { Annuality, DistrictCode, FundCode } from '../../domain/funds/types.ts';
import type { ActRef } from '../acts.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { previewAssignment, type SplitRequest } from './programming.ts';
import { refreshMoneyTotals } from './totals.ts';

// ---------------------------------------------------------------------------------------------
// Views

export interface ChapterYearView {
  year: number;
  budget: number;
  reserved: number;
  assigned: number;
  /** budget − reserved: what new reservations may still take */
  available: number;
  act: ActRef;
}

export interface ChapterView {
  id: number;
  code: string;
  description: string;
  fund: string;
  fundName: string;
  years: ChapterYearView[];
}

export interface ReservationAssignmentView {
  district: string;
  amount: number;
  act: { id: number; number: string };
}

export interface ReservationView {
  id: number;
  chapterId: number;
  chapterCode: string;
  fund: string;
  year: number;
  code: string;
  description: string;
  amount: number;
  assigned: number;
  /** amount − assigned: what implementing acts may still assign */
  available: number;
  act: ActRef;
}

export interface ReservationDetail extends ReservationView {
  assignments: ReservationAssignmentView[];
}

export interface StatementView {
  id: number;
  chapterId: number;
  chapterCode: string;
  year: number;
  semester: number;
  asOf: string;
  budget: number;
  reserved: number;
  assigned: number;
  available: number;
  act: ActRef | null;
  communication: string;
  recordedAt: string;
  recordedBy: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const CHAPTER_CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;
const RESERVATION_CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;

const requireYear = (year: number): void => {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw invalid('regional.year_invalid', `Anno di bilancio non valido: ${year}`);
};

const sumOf = async (ex: Executor, query: SQL): Promise<Cents> => cents(BigInt(rowsOf<{ s: string | number | null }>(await ex.execute(query))[0]?.s ?? 0));

const requireActOfType = async (ex: Executor, actId: number, types: readonly string[], what: string) => {
  const [act] = await ex.select().from(acts).where(eq(acts.id, actId));
  if (!act) throw notFound('act.not_found', `Atto ${actId} non trovato`);
  if (!types.includes(act.type)) throw invalid('act.wrong_type', `${what} richiede un atto di tipo ${types.join(' o ')}, non ${act.type}`);
  return act;
};

const refOf = (a: { id: number; type: ActRef['type']; number: string; date: string }): ActRef => ({ id: a.id, type: a.type, number: a.number, date: a.date });

const requireChapter = async (ex: Executor, id: number, lock = false) => {
  const q = ex.select().from(budgetChapters).where(eq(budgetChapters.id, id));
  // Locking the chapter serialises the Σ checks of concurrent reservations and amendments on it.
  const [chapter] = lock ? await q.for('update') : await q;
  if (!chapter) throw notFound('regional.chapter_not_found', `Capitolo di spesa ${id} non trovato`);
  return chapter;
};

const chapterBudgetOf = async (ex: Executor, chapter: { id: number; code: string }, year: number) => {
  const [row] = await ex.select().from(budgetChapterAmounts).where(and(eq(budgetChapterAmounts.chapterId, chapter.id), eq(budgetChapterAmounts.year, year)));
  if (!row) throw notFound('regional.chapter_year_not_found', `Il capitolo ${chapter.code} non ha stanziamento per l'anno ${year}`);
  return row;
};

/** Σ reservations of a chapter-year: the amounts of the intervention lines reserved on it. */
const reservedOn = (ex: Executor, chapterId: number, year: number) =>
  sumOf(ex, sql`select sum(il.amount) as s from budget_reservations r join intervention_lines il on il.id = r.line_id where r.chapter_id = ${chapterId} and il.annuality = ${year}`);

/** Σ assignments made on the reservations of a chapter-year. */
const assignedOn = (ex: Executor, chapterId: number, year: number) =>
  sumOf(
    ex,
    sql`select sum(a.amount) as s from budget_reservations r join intervention_lines il on il.id = r.line_id
        join assignments a on a.fund_code = il.fund_code and a.annuality = il.annuality and a.line_code = il.code
        where r.chapter_id = ${chapterId} and il.annuality = ${year}`,
  );

const assignedOnLine = (ex: Executor, fund: string, year: number, code: string) =>
  sumOf(ex, sql`select sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${year} and line_code = ${code}`);

/**
 * Keeps the regional fund annuality in step with the budget: its allocation is Σ of the chapters
 * financing the fund for that year, its act the last budget act recorded. It may not fall below
 * the lines already programmed on it (a reservation of another chapter, an imported line).
 */
const syncFundAnnuality = async (ctx: ServiceContext, tx: Tx, actor: Actor, fund: string, year: number, actId: number) => {
  const allocated = await sumOf(
    tx,
    sql`select sum(ca.amount) as s from budget_chapter_amounts ca join budget_chapters c on c.id = ca.chapter_id where c.fund_code = ${fund} and ca.year = ${year}`,
  );
  const [before] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, year)));
  if (before) {
    const programmed = await sumOf(tx, sql`select sum(amount) as s from intervention_lines where fund_code = ${fund} and annuality = ${year}`);
    checkLimitCoversUsage('allocation', { newLimit: allocated, used: programmed }, { fund: fund as FundCode, annuality: year as Annuality });
    await tx.update(fundAnnualities).set({ allocated, actId }).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, year)));
  } else {
    await tx.insert(fundAnnualities).values({ fundCode: fund, annuality: year, allocated, actId });
  }
  await recordChange(ctx, tx, actor, {
    action: before ? 'fund_annuality.amend' : 'fund_annuality.create',
    entityType: 'fund_annuality',
    entityId: `${fund}/${year}`,
    before: before ? { allocated: before.allocated, actId: before.actId } : null,
    after: { allocated, actId },
    actId,
  });
};

const chapterYears = async (ex: Executor, chapterIds: readonly number[]): Promise<Map<number, ChapterYearView[]>> => {
  const out = new Map<number, ChapterYearView[]>();
  if (chapterIds.length === 0) return out;
  const rows = rowsOf<{ chapter_id: number; year: number; amount: string; reserved: string; assigned: string; act_id: number; act_type: ActRef['type']; act_number: string; act_date: string }>(
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
  for (const r of rows) {
    const budget = cents(BigInt(r.amount));
    const reserved = cents(BigInt(r.reserved));
    const list = out.get(Number(r.chapter_id)) ?? [];
    list.push({
      year: Number(r.year),
      budget: toNumber(budget),
      reserved: toNumber(reserved),
      assigned: toNumber(cents(BigInt(r.assigned))),
      available: toNumber(cents(budget - reserved)),
      act: { id: Number(r.act_id), type: r.act_type, number: r.act_number, date: String(r.act_date).slice(0, 10) },
    });
    out.set(Number(r.chapter_id), list);
  }
  return out;
};

const chapterViews = async (ex: Executor, where: SQL | undefined): Promise<ChapterView[]> => {
  const rows = await ex
    .select({ c: budgetChapters, fundName: funds.name })
    .from(budgetChapters)
    .innerJoin(funds, eq(funds.code, budgetChapters.fundCode))
    .where(where)
    .orderBy(asc(budgetChapters.code));
  const years = await chapterYears(
    ex,
    rows.map((r) => r.c.id),
  );
  return rows.map((r) => ({ id: r.c.id, code: r.c.code, description: r.c.description, fund: r.c.fundCode, fundName: r.fundName, years: years.get(r.c.id) ?? [] }));
};

const chapterView = async (ex: Executor, id: number): Promise<ChapterView> => {
  const [view] = await chapterViews(ex, eq(budgetChapters.id, id));
  if (!view) throw notFound('regional.chapter_not_found', `Capitolo di spesa ${id} non trovato`);
  return view;
};

// ---------------------------------------------------------------------------------------------
// 1. Budget law: chapters and their yearly amounts

export interface ChapterAmountInput {
  year: number;
  amount: Cents;
  actId: number;
}

export interface ChapterInput {
  code: string;
  description: string;
  fund: string;
  amounts: ChapterAmountInput[];
}

/** The budget law (or its amendment) sets the chapter's amount for a year: LEGGE or DGR. */
const BUDGET_ACT_TYPES = ['LEGGE', 'DGR'] as const;

export const listChapters = async (ctx: ServiceContext, actor: Actor, filter: { fund?: string | undefined } = {}): Promise<ChapterView[]> => {
  requirePermission(actor, 'funds.read');
  return chapterViews(ctx.database.db, filter.fund ? eq(budgetChapters.fundCode, filter.fund) : undefined);
};

export const getChapter = async (ctx: ServiceContext, actor: Actor, id: number): Promise<ChapterView> => {
  requirePermission(actor, 'funds.read');
  return chapterView(ctx.database.db, id);
};

export const createChapter = async (ctx: ServiceContext, actor: Actor, input: ChapterInput): Promise<ChapterView> => {
  requirePermission(actor, 'funds.manage');
  const code = input.code.trim();
  if (!CHAPTER_CODE.test(code)) throw invalid('regional.chapter_code_invalid', `Codice del capitolo di spesa non valido: "${input.code}"`);
  const years = new Set<number>();
  for (const a of input.amounts) {
    requireYear(a.year);
    if (years.has(a.year)) throw invalid('regional.chapter_year_repeated', `Anno ${a.year} ripetuto negli stanziamenti del capitolo ${code}`);
    years.add(a.year);
    requirePositiveAmount(a.amount, 'dello stanziamento', { chapter: code, annuality: a.year as Annuality });
  }
  const id = await ctx.database.db.transaction(async (tx) => {
    const [fund] = await tx.select().from(funds).where(eq(funds.code, input.fund));
    if (!fund) throw notFound('fund.not_found', `Fondo "${input.fund}" non trovato`);
    if (fund.source !== 'regional') {
      throw invalid('regional.fund_not_regional', `Il fondo ${fund.code} è un fondo nazionale: un capitolo del bilancio regionale finanzia un fondo regionale`);
    }
    const [dup] = await tx.select({ id: budgetChapters.id }).from(budgetChapters).where(eq(budgetChapters.code, code));
    if (dup) throw conflict('regional.chapter_duplicate', `Il capitolo di spesa ${code} è già registrato`);
    const [row] = await tx.insert(budgetChapters).values({ code, description: input.description.trim(), fundCode: fund.code }).returning();
    if (!row) throw new Error('insert failed');
    await recordChange(ctx, tx, actor, { action: 'budget_chapter.create', entityType: 'budget_chapter', entityId: row.id, after: { code, description: row.description, fund: fund.code } });
    for (const a of [...input.amounts].sort((x, y) => x.year - y.year)) {
      await requireActOfType(tx, a.actId, BUDGET_ACT_TYPES, 'Lo stanziamento del capitolo');
      await tx.insert(budgetChapterAmounts).values({ chapterId: row.id, year: a.year, amount: a.amount, actId: a.actId });
      await recordChange(ctx, tx, actor, { action: 'budget_chapter_amount.create', entityType: 'budget_chapter', entityId: `${row.id}/${a.year}`, after: { amount: a.amount, actId: a.actId }, actId: a.actId });
      await syncFundAnnuality(ctx, tx, actor, fund.code, a.year, a.actId);
    }
    return row.id;
  });
  return chapterView(ctx.database.db, id);
};

/**
 * Sets or amends the chapter's amount for a year (budget law, amendment, variation). Lowering it
 * below what the DGRs of finalisation already reserved on it is refused.
 */
export const setChapterAmount = async (ctx: ServiceContext, actor: Actor, chapterId: number, year: number, input: { amount: Cents; actId: number }): Promise<ChapterView> => {
  requirePermission(actor, 'funds.manage');
  requireYear(year);
  await ctx.database.db.transaction(async (tx) => {
    const chapter = await requireChapter(tx, chapterId, true);
    const where = { fund: chapter.fundCode as FundCode, annuality: year as Annuality, chapter: chapter.code };
    requirePositiveAmount(input.amount, 'dello stanziamento', where);
    await requireActOfType(tx, input.actId, BUDGET_ACT_TYPES, 'Lo stanziamento del capitolo');
    const [before] = await tx.select().from(budgetChapterAmounts).where(and(eq(budgetChapterAmounts.chapterId, chapterId), eq(budgetChapterAmounts.year, year)));
    if (before) {
      checkLimitCoversUsage('chapter', { newLimit: input.amount, used: await reservedOn(tx, chapterId, year) }, where);
      await tx.update(budgetChapterAmounts).set({ amount: input.amount, actId: input.actId }).where(and(eq(budgetChapterAmounts.chapterId, chapterId), eq(budgetChapterAmounts.year, year)));
    } else {
      await tx.insert(budgetChapterAmounts).values({ chapterId, year, amount: input.amount, actId: input.actId });
    }
    await recordChange(ctx, tx, actor, {
      action: before ? 'budget_chapter_amount.amend' : 'budget_chapter_amount.create',
      entityType: 'budget_chapter',
      entityId: `${chapterId}/${year}`,
      before: before ? { amount: before.amount, actId: before.actId } : null,
      after: { amount: input.amount, actId: input.actId },
      actId: input.actId,
    });
    await syncFundAnnuality(ctx, tx, actor, chapter.fundCode, year, input.actId);
  });
  return chapterView(ctx.database.db, chapterId);
};

// ---------------------------------------------------------------------------------------------
// 2. DGR of finalisation: reservations

const reservationSelection = {
  id: budgetReservations.id,
  chapterId: budgetReservations.chapterId,
  chapterCode: budgetChapters.code,
  lineId: interventionLines.id,
  fund: interventionLines.fundCode,
  year: interventionLines.annuality,
  code: interventionLines.code,
  description: interventionLines.description,
  amount: interventionLines.amount,
  actId: acts.id,
  actType: acts.type,
  actNumber: acts.number,
  actDate: acts.date,
};

const reservationRows = (ex: Executor, where: SQL | undefined) =>
  ex
    .select(reservationSelection)
    .from(budgetReservations)
    .innerJoin(budgetChapters, eq(budgetChapters.id, budgetReservations.chapterId))
    .innerJoin(interventionLines, eq(interventionLines.id, budgetReservations.lineId))
    .innerJoin(acts, eq(acts.id, interventionLines.actId))
    .where(where)
    .orderBy(asc(budgetChapters.code), asc(interventionLines.annuality), asc(interventionLines.code));

type ReservationRow = Awaited<ReturnType<typeof reservationRows>>[number];

const toReservationView = (r: ReservationRow, assigned: Cents): ReservationView => ({
  id: r.id,
  chapterId: r.chapterId,
  chapterCode: r.chapterCode,
  fund: r.fund,
  year: r.year,
  code: r.code,
  description: r.description,
  amount: toNumber(cents(r.amount)),
  assigned: toNumber(assigned),
  available: toNumber(cents(r.amount - assigned)),
  act: refOf({ id: r.actId, type: r.actType, number: r.actNumber, date: r.actDate }),
});

const assignedByLine = async (ex: Executor, rows: readonly ReservationRow[]) => {
  const out = new Map<string, Cents>();
  if (rows.length === 0) return out;
  const keys = rows.map((r) => sql`(${r.fund}, ${r.year}, ${r.code})`);
  const sums = rowsOf<{ fund_code: string; annuality: number; line_code: string; s: string }>(
    await ex.execute(sql`select fund_code, annuality, line_code, sum(amount) as s from assignments
      where (fund_code, annuality, line_code) in (${sql.join(keys, sql`, `)}) group by fund_code, annuality, line_code`),
  );
  for (const s of sums) out.set(`${s.fund_code}/${Number(s.annuality)}/${s.line_code}`, cents(BigInt(s.s)));
  return out;
};

const requireReservation = async (ex: Executor, id: number) => {
  const [row] = await reservationRows(ex, eq(budgetReservations.id, id));
  if (!row) throw notFound('regional.reservation_not_found', `Prenotazione ${id} non trovata`);
  return row;
};

/**
 * Locks the reservation's chapter and line before reading them: the Σ checks of concurrent
 * amendments and implementing acts on the same reservation then run one after the other.
 */
const lockReservation = async (tx: Tx, id: number) => {
  const [link] = await tx.select().from(budgetReservations).where(eq(budgetReservations.id, id));
  if (!link) throw notFound('regional.reservation_not_found', `Prenotazione ${id} non trovata`);
  await tx.select({ id: budgetChapters.id }).from(budgetChapters).where(eq(budgetChapters.id, link.chapterId)).for('update');
  await tx.select({ id: interventionLines.id }).from(interventionLines).where(eq(interventionLines.id, link.lineId)).for('update');
  return requireReservation(tx, id);
};

export const listReservations = async (ctx: ServiceContext, actor: Actor, filter: { chapterId?: number | undefined; year?: number | undefined; fund?: string | undefined } = {}): Promise<ReservationView[]> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const parts: SQL[] = [];
  if (filter.chapterId !== undefined) parts.push(eq(budgetReservations.chapterId, filter.chapterId));
  if (filter.year !== undefined) parts.push(eq(interventionLines.annuality, filter.year));
  if (filter.fund !== undefined) parts.push(eq(interventionLines.fundCode, filter.fund));
  const rows = await reservationRows(db, parts.length ? and(...parts) : undefined);
  const assigned = await assignedByLine(db, rows);
  return rows.map((r) => toReservationView(r, assigned.get(`${r.fund}/${r.year}/${r.code}`) ?? cents(0)));
};

export const getReservation = async (ctx: ServiceContext, actor: Actor, id: number): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const r = await requireReservation(db, id);
  const only = visibleDistricts(actor);
  const rows =
    only && only.length === 0
      ? []
      : await db
          .select({ district: assignments.districtCode, amount: assignments.amount, actId: assignments.actId, actNumber: assignments.actNumber })
          .from(assignments)
          .where(and(eq(assignments.fundCode, r.fund), eq(assignments.annuality, r.year), eq(assignments.lineCode, r.code), only ? inArray(assignments.districtCode, [...only]) : undefined))
          .orderBy(asc(assignments.districtCode), asc(assignments.id));
  // The totals are the Region's, whoever reads; the rows are limited to the reader's districts.
  const assigned = await assignedOnLine(db, r.fund, r.year, r.code);
  return {
    ...toReservationView(r, assigned),
    assignments: rows.map((a) => ({ district: a.district, amount: toNumber(cents(a.amount)), act: { id: a.actId, number: a.actNumber } })),
  };
};

export interface ReservationInput {
  year: number;
  code: string;
  description: string;
  amount: Cents;
  actId: number;
}

/** DGR of finalisation: reserves part of a chapter-year for an intervention; Σ reservations ≤ the chapter's budget. */
export const createReservation = async (ctx: ServiceContext, actor: Actor, chapterId: number, input: ReservationInput): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  requireYear(input.year);
  const code = input.code.trim();
  if (!RESERVATION_CODE.test(code)) throw invalid('regional.reservation_code_invalid', `Codice della prenotazione non valido: "${input.code}"`);
  const id = await ctx.database.db.transaction(async (tx) => {
    const chapter = await requireChapter(tx, chapterId, true);
    const where = { fund: chapter.fundCode as FundCode, annuality: input.year as Annuality, chapter: chapter.code, reservation: code };
    requirePositiveAmount(input.amount, 'della prenotazione', where);
    const budget = await chapterBudgetOf(tx, chapter, input.year);
    await requireActOfType(tx, input.actId, ['DGR'], 'La prenotazione (deliberazione di finalizzazione)');
    const [dup] = await tx
      .select({ id: interventionLines.id })
      .from(interventionLines)
      .where(and(eq(interventionLines.fundCode, chapter.fundCode), eq(interventionLines.annuality, input.year), eq(interventionLines.code, code)));
    if (dup) throw conflict('regional.reservation_duplicate', `Il codice ${code} è già usato per il fondo ${chapter.fundCode} ${input.year}`);
    checkReservationWithinChapter({ chapterBudget: cents(budget.amount), reserved: await reservedOn(tx, chapterId, input.year), adding: input.amount }, where);
    const line = { fundCode: chapter.fundCode, annuality: input.year, code, description: input.description.trim(), amount: input.amount, actId: input.actId };
    const [inserted] = await tx.insert(interventionLines).values(line).returning({ id: interventionLines.id });
    const [reservation] = await tx.insert(budgetReservations).values({ chapterId, lineId: inserted!.id }).returning({ id: budgetReservations.id });
    await recordChange(ctx, tx, actor, { action: 'budget_reservation.create', entityType: 'budget_reservation', entityId: reservation!.id, after: { chapter: chapter.code, ...line }, actId: input.actId });
    return reservation!.id;
  });
  return getReservation(ctx, actor, id);
};

/**
 * An amending DGR changes a reservation's amount: up to what the chapter still has free, down to
 * what implementing acts already assigned on it.
 */
export const amendReservation = async (ctx: ServiceContext, actor: Actor, id: number, input: { amount: Cents; actId: number; description?: string | undefined }): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  await ctx.database.db.transaction(async (tx) => {
    const before = await lockReservation(tx, id);
    const chapter = await requireChapter(tx, before.chapterId);
    const where = { fund: before.fund as FundCode, annuality: before.year as Annuality, chapter: chapter.code, reservation: before.code };
    requirePositiveAmount(input.amount, 'della prenotazione', where);
    await requireActOfType(tx, input.actId, ['DGR'], 'La modifica della prenotazione');
    checkLimitCoversUsage('reservation', { newLimit: input.amount, used: await assignedOnLine(tx, before.fund, before.year, before.code) }, where);
    const budget = await chapterBudgetOf(tx, chapter, before.year);
    const others = cents((await reservedOn(tx, chapter.id, before.year)) - before.amount);
    checkReservationWithinChapter({ chapterBudget: cents(budget.amount), reserved: others, adding: input.amount }, where);
    const after = { amount: input.amount, actId: input.actId, description: input.description?.trim() ?? before.description };
    await tx.update(interventionLines).set(after).where(eq(interventionLines.id, before.lineId));
    await recordChange(ctx, tx, actor, {
      action: 'budget_reservation.amend',
      entityType: 'budget_reservation',
      entityId: id,
      before: { amount: before.amount, actId: before.actId, description: before.description },
      after,
      actId: input.actId,
    });
  });
  return getReservation(ctx, actor, id);
};

// ---------------------------------------------------------------------------------------------
// 3. Implementing acts (DD): assignments of a reservation to districts

export interface AssignmentPreview {
  shares: { district: string; amount: number }[];
  total: number;
  reservation: number;
  alreadyAssigned: number;
  /** reservation − already assigned − total: negative when the act would be refused */
  remaining: number;
}

const sharesOf = async (ctx: ServiceContext, actor: Actor, request: SplitRequest): Promise<Share[]> => {
  if (request.criterion === 'amounts') {
    const seen = new Set<string>();
    for (const a of request.amounts) {
      if (seen.has(a.district)) throw invalid('funds.split.duplicate_district', `Distretto ripetuto nel riparto: ${a.district}`, { district: a.district });
      seen.add(a.district);
    }
  }
  return previewAssignment(ctx, actor, request);
};

/** The shares an implementing act would assign, to the cent, before it is saved. */
export const previewReservationAssignment = async (ctx: ServiceContext, actor: Actor, id: number, request: SplitRequest): Promise<AssignmentPreview> => {
  requirePermission(actor, 'funds.read');
  const r = await requireReservation(ctx.database.db, id);
  const shares = await sharesOf(ctx, actor, request);
  const total = cents(shares.reduce((s, x) => s + x.amount, 0n));
  const already = await assignedOnLine(ctx.database.db, r.fund, r.year, r.code);
  return {
    shares: shares.map((s) => ({ district: s.district, amount: toNumber(s.amount) })),
    total: toNumber(total),
    reservation: toNumber(cents(r.amount)),
    alreadyAssigned: toNumber(already),
    remaining: toNumber(cents(r.amount - already - total)),
  };
};

/**
 * The implementing DD assigns a reservation to districts with a split criterion; Σ assignments
 * ≤ the reservation. Rows go into `assignments` (fund = the regional fund, annuality = the budget
 * year, line = the reservation code) and the running totals move in the same transaction.
 */
export const assignReservation = async (ctx: ServiceContext, actor: Actor, id: number, input: { actId: number } & SplitRequest): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  const shares = (await sharesOf(ctx, actor, input)).filter((s) => s.amount > 0n);
  if (shares.length === 0) throw invalid('assignment.empty', 'Nessun importo da assegnare');
  await ctx.database.db.transaction(async (tx) => {
    const r = await lockReservation(tx, id);
    const act = await requireActOfType(tx, input.actId, ['DD'], "L'assegnazione ai distretti");
    const known = new Set((await tx.select({ code: districts.code }).from(districts)).map((d) => d.code));
    for (const s of shares) if (!known.has(s.district)) throw invalid('district.not_found', `Distretto "${s.district}" inesistente`);
    const adding = cents(shares.reduce((s, x) => s + x.amount, 0n));
    checkRegionalAssignmentWithinReservation(
      { reservation: cents(r.amount), assigned: await assignedOnLine(tx, r.fund, r.year, r.code), adding },
      { fund: r.fund as FundCode, annuality: r.year as Annuality, chapter: r.chapterCode, reservation: r.code },
    );
    for (const s of shares) {
      const [dup] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.fundCode, r.fund), eq(assignments.annuality, r.year), eq(assignments.lineCode, r.code), eq(assignments.districtCode, s.district), eq(assignments.actNumber, act.number)));
      if (dup) throw conflict('assignment.duplicate', `Il distretto ${s.district} ha già un'assegnazione sulla prenotazione ${r.code} con l'atto ${act.number}`);
      await tx.insert(assignments).values({ fundCode: r.fund, annuality: r.year, lineCode: r.code, districtCode: s.district, actId: act.id, actNumber: act.number, amount: s.amount });
    }
    await refreshMoneyTotals(tx, shares.map((s) => ({ districtCode: s.district as DistrictCode, fundCode: r.fund, annuality: r.year })));
    await recordChange(ctx, tx, actor, {
      action: 'assignment.create',
      entityType: 'budget_reservation',
      entityId: id,
      after: { fund: r.fund, annuality: r.year, line: r.code, criterion: input.criterion, shares: shares.map((s) => ({ district: s.district, amount: s.amount })) },
      actId: act.id,
    });
  });
  return getReservation(ctx, actor, id);
};

// ---------------------------------------------------------------------------------------------
// Half-yearly statements

const semesterStart = (year: number, semester: 1 | 2) => `${year}-${semester === 1 ? '01' : '07'}-01`;

const toStatementView = (s: typeof budgetChapterStatements.$inferSelect, chapterCode: string, act: ActRef | null): StatementView => ({
  id: s.id,
  chapterId: s.chapterId,
  chapterCode,
  year: s.year,
  semester: s.semester,
  asOf: s.asOf,
  budget: toNumber(cents(s.budget)),
  reserved: toNumber(cents(s.reserved)),
  assigned: toNumber(cents(s.assigned)),
  available: toNumber(cents(s.available)),
  act,
  communication: s.communication,
  recordedAt: s.recordedAt.toISOString(),
  recordedBy: s.recordedBy,
});

export const listStatements = async (ctx: ServiceContext, actor: Actor, chapterId: number, filter: { year?: number | undefined } = {}): Promise<StatementView[]> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const chapter = await requireChapter(db, chapterId);
  const rows = await db
    .select({ s: budgetChapterStatements, act: acts })
    .from(budgetChapterStatements)
    .leftJoin(acts, eq(acts.id, budgetChapterStatements.actId))
    .where(and(eq(budgetChapterStatements.chapterId, chapterId), filter.year !== undefined ? eq(budgetChapterStatements.year, filter.year) : undefined))
    .orderBy(asc(budgetChapterStatements.year), asc(budgetChapterStatements.semester));
  return rows.map((r) => toStatementView(r.s, chapter.code, r.act ? refOf(r.act) : null));
};

export interface StatementInput {
  year: number;
  semester: 1 | 2;
  /** the date of the statement; today (Europe/Rome) when omitted */
  asOf?: string | undefined;
  actId?: number | undefined;
  /** the transmission's reference (protocol, note) */
  communication?: string | undefined;
}

/**
 * Records the half-yearly statement of a chapter (Reg. contabilità 26/2017 art. 4 c. 28): budget,
 * reserved, assigned and available for the year, as they stand when it is recorded, frozen with
 * the date and the reference of the transmission.
 */
export const recordStatement = async (ctx: ServiceContext, actor: Actor, chapterId: number, input: StatementInput): Promise<StatementView> => {
  requirePermission(actor, 'funds.manage');
  requireYear(input.year);
  if (input.semester !== 1 && input.semester !== 2) throw invalid('regional.semester_invalid', `Semestre non valido: ${String(input.semester)} (1 o 2)`);
  const asOf = input.asOf === undefined ? romeDate(ctx.now()) : parseCalendarDate(input.asOf);
  if (!asOf) throw invalid('date.invalid', `Data del prospetto non valida: "${input.asOf}"`);
  const start = semesterStart(input.year, input.semester);
  if (asOf < start) throw invalid('regional.statement_too_early', `Il prospetto del ${input.semester}° semestre ${input.year} non può avere una data anteriore al ${start.split('-').reverse().join('/')}`);
  if (yearOf(asOf) > input.year + 1) throw invalid('regional.statement_too_late', `Data del prospetto (${asOf}) troppo lontana dall'anno ${input.year}`);
  const communication = (input.communication ?? '').trim();
  if (input.actId === undefined && !communication) {
    throw invalid('regional.statement_reference_missing', "Indicare l'atto o gli estremi della comunicazione con cui il prospetto è stato trasmesso");
  }
  const id = await ctx.database.db.transaction(async (tx) => {
    const chapter = await requireChapter(tx, chapterId, true);
    const budget = cents((await chapterBudgetOf(tx, chapter, input.year)).amount);
    if (input.actId !== undefined) {
      const [act] = await tx.select({ id: acts.id }).from(acts).where(eq(acts.id, input.actId));
      if (!act) throw notFound('act.not_found', `Atto ${input.actId} non trovato`);
    }
    const [dup] = await tx
      .select({ id: budgetChapterStatements.id })
      .from(budgetChapterStatements)
      .where(and(eq(budgetChapterStatements.chapterId, chapterId), eq(budgetChapterStatements.year, input.year), eq(budgetChapterStatements.semester, input.semester)));
    if (dup) throw conflict('regional.statement_duplicate', `Il prospetto del ${input.semester}° semestre ${input.year} del capitolo ${chapter.code} è già registrato`);
    const reserved = await reservedOn(tx, chapterId, input.year);
    const assigned = await assignedOn(tx, chapterId, input.year);
    const row = {
      chapterId,
      year: input.year,
      semester: input.semester,
      asOf,
      budget,
      reserved,
      assigned,
      available: cents(budget - reserved),
      actId: input.actId ?? null,
      communication,
      recordedAt: ctx.now(),
      recordedBy: actorName(actor),
    };
    const [inserted] = await tx.insert(budgetChapterStatements).values(row).returning({ id: budgetChapterStatements.id });
    await recordChange(ctx, tx, actor, {
      action: 'budget_statement.create',
      entityType: 'budget_chapter',
      entityId: `${chapterId}/${input.year}/S${input.semester}`,
      after: row,
      actId: input.actId ?? null,
    });
    return inserted!.id;
  });
  const [view] = (await listStatements(ctx, actor, chapterId, { year: input.year })).filter((s) => s.id === id);
  return view!;
};
