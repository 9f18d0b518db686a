/** What every regional step checks first: a valid year, an existing chapter or reservation, an act of the right type. */
import type { Executor } from '../../../db/client.ts';
import type { LimitKey } from '../../../db/locks.ts';
import { findAct } from '../../../db/repositories/funds/regional-acts.ts';
import { findChapter, findChapterAmount } from '../../../db/repositories/funds/regional-chapters.ts';
import { findReservation } from '../../../db/repositories/funds/regional-reservations.ts';
import { invalid, notFound } from '../../../domain/errors.ts';

/** Codes of chapters and reservations: as the budget and the DGRs write them. */
export const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;

export const requireYear = (year: number): void => {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw invalid('regional.year_invalid', `Anno di bilancio non valido: ${year}`);
};

export const requireActOfType = async (ex: Executor, actId: number, types: readonly string[], what: string) => {
  const act = await findAct(ex, actId);
  if (!act) throw notFound('act.not_found', `Atto ${actId} non trovato`);
  if (!types.includes(act.type)) throw invalid('act.wrong_type', `${what} richiede un atto di tipo ${types.join(' o ')}, non ${act.type}`);
  return act;
};

export const requireChapter = async (ex: Executor, id: number) => {
  const chapter = await findChapter(ex, id);
  if (!chapter) throw notFound('regional.chapter_not_found', `Capitolo di spesa ${id} non trovato`);
  return chapter;
};

export const chapterBudgetOf = async (ex: Executor, chapter: { id: number; code: string }, year: number) => {
  const row = await findChapterAmount(ex, chapter.id, year);
  if (!row) throw notFound('regional.chapter_year_not_found', `Il capitolo ${chapter.code} non ha stanziamento per l'anno ${year}`);
  return row;
};

export const reservationNotFound = (id: number) => notFound('regional.reservation_not_found', `Prenotazione ${id} non trovata`);

export const requireReservation = async (ex: Executor, id: number) => {
  const row = await findReservation(ex, id);
  if (!row) throw reservationNotFound(id);
  return row;
};

/**
 * The locks of Σ implementing acts ≤ the reservation. A reservation is an intervention line, and
 * a writer that knows only the line (an import of `assegnazioni`) bounds the same sum by the
 * line's key: both keys are taken, so either kind of writer waits for the other.
 */
export const reservationKeys = (id: number, line: { fund: string; year: number; code: string }): LimitKey[] => [
  { limit: 'reservation', reservationId: id },
  { limit: 'line', fund: line.fund, annuality: line.year, line: line.code },
];
