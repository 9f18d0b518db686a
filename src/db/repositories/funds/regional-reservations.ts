/**
 * Reservations by DGR of finalisation (budget_reservations): each links a chapter to the
 * intervention line of the regional fund annuality that holds the reserved sum, so a
 * reservation is written as a line and its link in the same transaction.
 */
import { and, asc, eq } from 'drizzle-orm';
import { acts, budgetChapters, budgetReservations, interventionLines } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Cents } from '../../../domain/money.ts';

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

export interface ReservationFilter {
  id?: number;
  chapterId?: number | undefined;
  year?: number | undefined;
  fund?: string | undefined;
}

/** Reservations with their chapter's code, line and act, by chapter code, year and code. */
export const reservationRows = (ex: Executor, f: ReservationFilter) =>
  ex
    .select(reservationSelection)
    .from(budgetReservations)
    .innerJoin(budgetChapters, eq(budgetChapters.id, budgetReservations.chapterId))
    .innerJoin(interventionLines, eq(interventionLines.id, budgetReservations.lineId))
    .innerJoin(acts, eq(acts.id, interventionLines.actId))
    .where(
      and(
        f.id !== undefined ? eq(budgetReservations.id, f.id) : undefined,
        f.chapterId !== undefined ? eq(budgetReservations.chapterId, f.chapterId) : undefined,
        f.year !== undefined ? eq(interventionLines.annuality, f.year) : undefined,
        f.fund !== undefined ? eq(interventionLines.fundCode, f.fund) : undefined,
      ),
    )
    .orderBy(asc(budgetChapters.code), asc(interventionLines.annuality), asc(interventionLines.code));

export type ReservationRow = Awaited<ReturnType<typeof reservationRows>>[number];

export const findReservation = async (ex: Executor, id: number): Promise<ReservationRow | undefined> => (await reservationRows(ex, { id }))[0];

/** What never changes in a reservation — its chapter, fund, year and code —: enough to know which locks to take. */
export const findReservationKey = async (ex: Executor, id: number) =>
  (
    await ex
      .select({ chapterId: budgetReservations.chapterId, fund: interventionLines.fundCode, year: interventionLines.annuality, code: interventionLines.code })
      .from(budgetReservations)
      .innerJoin(interventionLines, eq(interventionLines.id, budgetReservations.lineId))
      .where(eq(budgetReservations.id, id))
  )[0];

/** Whether the fund annuality already has a line (a reservation or an imported line) with the code. */
export const lineCodeTaken = async (ex: Executor, fund: string, year: number, code: string): Promise<boolean> =>
  (
    await ex
      .select({ id: interventionLines.id })
      .from(interventionLines)
      .where(and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, year), eq(interventionLines.code, code)))
  ).length > 0;

export interface ReservationLine {
  fundCode: string;
  annuality: number;
  code: string;
  description: string;
  amount: Cents;
  actId: number;
}

/** Stores the reservation's line and its link to the chapter; answers the reservation's id. */
export const insertReservation = async (ex: Executor, chapterId: number, line: ReservationLine): Promise<number> => {
  const [inserted] = await ex.insert(interventionLines).values(line).returning({ id: interventionLines.id });
  const [reservation] = await ex.insert(budgetReservations).values({ chapterId, lineId: inserted!.id }).returning({ id: budgetReservations.id });
  return reservation!.id;
};

export const updateReservationLine = async (ex: Executor, lineId: number, set: { amount: Cents; actId: number; description: string }): Promise<void> => {
  await ex.update(interventionLines).set(set).where(eq(interventionLines.id, lineId));
};
