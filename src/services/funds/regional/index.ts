/**
 * Regional funds (DOMAIN.md "Regional funds"; seed 1 §2), in three acts:
 *   1. the regional budget law gives each spending chapter an amount per year of the three-year
 *      budget; the "cabina di regia" transmits a statement of each chapter every six months
 *      (chapters.ts, statements.ts);
 *   2. the DGR of finalisation reserves chapter amounts for the interventions that can be done
 *      now: Σ reservations of a chapter-year ≤ its budget (reservations.ts);
 *   3. implementing DDs assign a reservation to districts with a split criterion: Σ ≤ reservation
 *      (implementing-acts.ts).
 *
 * The regional fund annuality (fund_annualities) carries Σ chapter budgets as its allocation and
 * each reservation is one of its intervention lines, so assignments are ordinary `assignments`
 * rows and compliance, residuals and district reporting treat regional money as national money,
 * without the ministry's 75% rule (regional funds have rule75 = false).
 *
 * Every limit is checked under the lock of what bounds it (src/db/locks.ts), taken before any
 * read it compares and before the audit entry: the chapter's for Σ reservations, the
 * reservation's for Σ implementing acts, the fund annuality's for its allocation.
 */
export type { ChapterView, ChapterYearView, ReservationAssignmentView, ReservationDetail, ReservationView, StatementView } from './views.ts';
export { createChapter, getChapter, listChapters, setChapterAmount, type ChapterAmountInput, type ChapterInput } from './chapters.ts';
export { amendReservation, createReservation, getReservation, listReservations, type ReservationInput } from './reservations.ts';
export { assignReservation, previewReservationAssignment, type AssignmentPreview } from './implementing-acts.ts';
export { listStatements, recordStatement, type StatementInput } from './statements.ts';
