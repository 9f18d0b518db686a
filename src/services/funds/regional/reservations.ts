/**
 * 2. The DGR of finalisation reserves chapter amounts for the interventions that can be done
 * now: Σ reservations of a chapter-year ≤ its amount. A reservation is an intervention line of
 * the regional fund annuality; implementing acts assign it to districts (implementing-acts.ts).
 */
import { lockLimits } from '../../../db/locks.ts';
import { assignmentRowsOf } from '../../../db/repositories/funds/regional-assignments.ts';
import { findReservationKey, insertReservation, lineCodeTaken, reservationRows, updateReservationLine } from '../../../db/repositories/funds/regional-reservations.ts';
import { assignedByLine, assignedOnLine, lineKeyText, reservedOn } from '../../../db/repositories/funds/regional-sums.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { requirePermission, visibleDistricts } from '../../../domain/auth/actor.ts';
import { conflict, invalid } from '../../../domain/errors.ts';
import { checkLimitCoversUsage, checkReservationWithinChapter, requirePositiveAmount } from '../../../domain/funds/limits.ts';
import type { Annuality, FundCode } from '../../../domain/funds/types.ts';
import { cents, toNumber, type Cents } from '../../../domain/money.ts';
import { recordChange } from '../../audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { CODE, chapterBudgetOf, requireActOfType, requireChapter, requireReservation, requireYear, reservationKeys, reservationNotFound } from './requirements.ts';
import { toReservationView, type ReservationDetail, type ReservationView } from './views.ts';

export const listReservations = async (ctx: ServiceContext, actor: Actor, filter: { chapterId?: number | undefined; year?: number | undefined; fund?: string | undefined } = {}): Promise<ReservationView[]> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const rows = await reservationRows(db, filter);
  const assigned = await assignedByLine(db, rows);
  return rows.map((r) => toReservationView(r, assigned.get(lineKeyText(r)) ?? cents(0)));
};

export const getReservation = async (ctx: ServiceContext, actor: Actor, id: number): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const r = await requireReservation(db, id);
  const only = visibleDistricts(actor);
  const rows = only && only.length === 0 ? [] : await assignmentRowsOf(db, r, only ?? undefined);
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

/**
 * DGR of finalisation: reserves part of a chapter-year for an intervention; Σ reservations ≤ the
 * chapter's budget. It takes the chapter's lock, and the lock of the line it creates so that two
 * DGRs giving one code at once, on two chapters of the fund, are told apart (the second sees the
 * first and is refused) instead of colliding on the unique key.
 */
export const createReservation = async (ctx: ServiceContext, actor: Actor, chapterId: number, input: ReservationInput): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  requireYear(input.year);
  const code = input.code.trim();
  if (!CODE.test(code)) throw invalid('regional.reservation_code_invalid', `Codice della prenotazione non valido: "${input.code}"`);
  const id = await ctx.database.db.transaction(async (tx) => {
    const chapter = await requireChapter(tx, chapterId);
    await lockLimits(tx, [
      { limit: 'chapter', chapterId },
      { limit: 'line', fund: chapter.fundCode, annuality: input.year, line: code },
    ]);
    const where = { fund: chapter.fundCode as FundCode, annuality: input.year as Annuality, chapter: chapter.code, reservation: code };
    requirePositiveAmount(input.amount, 'della prenotazione', where);
    const budget = await chapterBudgetOf(tx, chapter, input.year);
    await requireActOfType(tx, input.actId, ['DGR'], 'La prenotazione (deliberazione di finalizzazione)');
    if (await lineCodeTaken(tx, chapter.fundCode, input.year, code)) throw conflict('regional.reservation_duplicate', `Il codice ${code} è già usato per il fondo ${chapter.fundCode} ${input.year}`);
    checkReservationWithinChapter({ chapterBudget: cents(budget.amount), reserved: await reservedOn(tx, chapterId, input.year), adding: input.amount }, where);
    const line = { fundCode: chapter.fundCode, annuality: input.year, code, description: input.description.trim(), amount: input.amount, actId: input.actId };
    const reservationId = await insertReservation(tx, chapterId, line);
    await recordChange(ctx, tx, actor, { action: 'budget_reservation.create', entityType: 'budget_reservation', entityId: reservationId, after: { chapter: chapter.code, ...line }, actId: input.actId });
    return reservationId;
  });
  return getReservation(ctx, actor, id);
};

/**
 * An amending DGR changes a reservation's amount: up to what the chapter still has free, down to
 * what implementing acts already assigned on it. It bounds both sums, so it takes both locks:
 * the chapter's and the reservation's.
 */
export const amendReservation = async (ctx: ServiceContext, actor: Actor, id: number, input: { amount: Cents; actId: number; description?: string | undefined }): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  await ctx.database.db.transaction(async (tx) => {
    // A reservation's chapter never changes: reading it before the lock is safe.
    const key = await findReservationKey(tx, id);
    if (!key) throw reservationNotFound(id);
    await lockLimits(tx, [{ limit: 'chapter', chapterId: key.chapterId }, ...reservationKeys(id, key)]);
    const before = await requireReservation(tx, id);
    const chapter = await requireChapter(tx, before.chapterId);
    const where = { fund: before.fund as FundCode, annuality: before.year as Annuality, chapter: chapter.code, reservation: before.code };
    requirePositiveAmount(input.amount, 'della prenotazione', where);
    await requireActOfType(tx, input.actId, ['DGR'], 'La modifica della prenotazione');
    checkLimitCoversUsage('reservation', { newLimit: input.amount, used: await assignedOnLine(tx, before.fund, before.year, before.code) }, where);
    const budget = await chapterBudgetOf(tx, chapter, before.year);
    const others = cents((await reservedOn(tx, chapter.id, before.year)) - before.amount);
    checkReservationWithinChapter({ chapterBudget: cents(budget.amount), reserved: others, adding: input.amount }, where);
    const after = { amount: input.amount, actId: input.actId, description: input.description?.trim() ?? before.description };
    await updateReservationLine(tx, before.lineId, after);
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
