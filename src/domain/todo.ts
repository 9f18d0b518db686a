/**
 * "What needs me now" (issue #11, the home page): the work waiting for a user, from facts the
 * services gather, ordered by urgency. Which facts a role gets is the services' (they ask the
 * role table); what is due, late or soon, and in what order, is decided here once.
 */
import type { CalendarDate } from './dates.ts';
import { yearOf } from './dates.ts';
import { deadlineStatus } from './funds/reporting-deadline.ts';

/** Days before a deadline from which it is shown as near. */
export const SOON_DAYS = 30;

export type TodoItem =
  /** Region: submitted reports with lines not yet verified */
  | { readonly kind: 'reports_to_verify'; readonly reports: number; readonly lines: number }
  /** Region: correction requests waiting for a decision; district: its own, waiting for the Region */
  | { readonly kind: 'corrections_pending'; readonly requests: number; readonly mine: boolean }
  /** Region: the ministry's next tranche of a fund under the 75% rule, payable or blocked */
  | { readonly kind: 'tranche'; readonly fund: string; readonly year: number; readonly gatingAnnuality: number; readonly eligible: boolean; readonly missingToThreshold: number }
  /** Region: districts that have not submitted the report of the last year past its deadline */
  | { readonly kind: 'reports_late'; readonly expenseYear: number; readonly districts: string[] }
  /** District: its report of the last year, due by 31 March, or late */
  | { readonly kind: 'report_due'; readonly district: string; readonly expenseYear: number; readonly deadline: CalendarDate; readonly daysLeft: number }
  | { readonly kind: 'report_late'; readonly district: string; readonly expenseYear: number; readonly deadline: CalendarDate; readonly daysLate: number }
  /** Consortium and area managers: objectives of an open plan without actual values or year-end report */
  | { readonly kind: 'objectives_to_report'; readonly planId: number; readonly body: string; readonly year: number; readonly objectives: number }
  /** Evaluator: a plan whose year has ended, not yet validated */
  | { readonly kind: 'plan_to_validate'; readonly planId: number; readonly body: string; readonly year: number };

export type Urgency = 'late' | 'soon' | 'open';

/** What urgency depends on; the web passes the server's items, typed by the contract, as they are. */
export interface UrgencyInput {
  readonly kind: TodoItem['kind'];
  readonly daysLeft?: number;
  readonly eligible?: boolean;
}

export const urgencyOf = (item: UrgencyInput): Urgency => {
  switch (item.kind) {
    case 'report_late':
    case 'reports_late':
      return 'late';
    case 'report_due':
      return (item.daysLeft ?? 0) <= SOON_DAYS ? 'soon' : 'open';
    case 'tranche':
      return item.eligible ? 'open' : 'soon';
    default:
      return 'open';
  }
};

const RANK: Record<Urgency, number> = { late: 0, soon: 1, open: 2 };

/** Late first, then near deadlines, then the rest, each group in the order it was gathered. */
export const orderTodo = (items: readonly TodoItem[]): TodoItem[] =>
  items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => RANK[urgencyOf(a.item)] - RANK[urgencyOf(b.item)] || a.i - b.i)
    .map(({ item }) => item);

/** The report year a district owes now: the expenses of last year, due by 31 March (DOMAIN.md). */
export const owedExpenseYear = (today: CalendarDate): number => yearOf(today) - 1;

/** A district's report item, or none once that report is in. */
export const reportItem = (district: string, today: CalendarDate, submitted: boolean): TodoItem | null => {
  if (submitted) return null;
  const expenseYear = owedExpenseYear(today);
  const s = deadlineStatus(expenseYear, today);
  return s.status === 'late'
    ? { kind: 'report_late', district, expenseYear, deadline: s.deadline, daysLate: s.daysLate }
    : { kind: 'report_due', district, expenseYear, deadline: s.deadline, daysLeft: s.daysLeft };
};

/** The plan years an evaluator validates: those that have ended. */
export const planYearEnded = (year: number, today: CalendarDate): boolean => year < yearOf(today);
