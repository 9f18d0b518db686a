/**
 * Planned-vs-actual timeline of an objective's activities, for the report's
 * chart (DOMAIN.md: the report adds a planned-vs-actual timeline to seed 2).
 * Months are indexed from January of the plan year (0…11 inside the year;
 * 14 is March of the next year); the chart marks the 12 months of the year.
 */
import type { ActivityInput } from './plan.ts';
import { doneInYear, monthIndex, parseActivityTime, slippageMonths, type ActivityTime } from './times.ts';

/**
 * - on_time / early / late: both are months; compared by slippage
 * - postponed: the actual says it moved to a later year (not done in the year)
 * - not_done: no actual time written
 * - recurring: planned or done as a recurrence (mensile, annuale…), shaded over the whole year
 * - unknown: anything else (free text)
 */
export type TimelineOutcome = 'on_time' | 'early' | 'late' | 'recurring' | 'postponed' | 'not_done' | 'unknown';

export interface TimelineRow {
  readonly description: string;
  readonly planned: ActivityTime;
  readonly actual: ActivityTime;
  /** Months from January of the plan year; null when not a month. */
  readonly plannedIndex: number | null;
  readonly actualIndex: number | null;
  /** Actual − planned in months; null unless both are months. */
  readonly slippage: number | null;
  readonly outcome: TimelineOutcome;
  /** The 12 months of the plan year to shade for the plan and for the actual. */
  readonly plannedMonths: readonly boolean[];
  readonly actualMonths: readonly boolean[];
}

const monthsOf = (time: ActivityTime, year: number): boolean[] => {
  const months = Array.from({ length: 12 }, () => false);
  if (time.kind === 'recurring') return months.fill(true);
  const i = monthIndex(time, year);
  if (i !== null && i >= 0 && i < 12) months[i] = true;
  return months;
};

const outcomeOf = (planned: ActivityTime, actual: ActivityTime, slippage: number | null, year: number): TimelineOutcome => {
  if (slippage !== null) return slippage === 0 ? 'on_time' : slippage < 0 ? 'early' : 'late';
  if (actual.kind === 'postponed' || doneInYear(actual, year) === false) return 'postponed';
  if (actual.kind === 'text' && actual.text === '') return 'not_done';
  if (planned.kind === 'recurring' || actual.kind === 'recurring') return 'recurring';
  return 'unknown';
};

export const timelineRow = (activity: ActivityInput, year: number): TimelineRow => {
  const planned = parseActivityTime(activity.planned, year);
  const actual = parseActivityTime(activity.actual, year);
  const slippage = slippageMonths(planned, actual);
  return {
    description: activity.description,
    planned,
    actual,
    plannedIndex: monthIndex(planned, year),
    actualIndex: monthIndex(actual, year),
    slippage,
    outcome: outcomeOf(planned, actual, slippage, year),
    plannedMonths: monthsOf(planned, year),
    actualMonths: monthsOf(actual, year),
  };
};

export const timeline = (activities: readonly ActivityInput[], year: number): TimelineRow[] => activities.map((a) => timelineRow(a, year));
