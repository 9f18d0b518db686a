/**
 * District reporting deadline (DOMAIN.md "District reporting"): expenses paid in year E
 * are reported by 31 March of E+1 (l.r. 11/2016 art. 64 c. 4-bis). A later report is
 * late and counts as a missed information duty. "Today" is always a parameter.
 */
import type { CalendarDate } from '../dates.ts';
import { daysBetween, formatItalianDate, yearOf } from '../dates.ts';
import { invalid } from '../errors.ts';

export const reportDeadline = (expenseYear: number): CalendarDate => {
  if (!Number.isInteger(expenseYear) || expenseYear < 1900 || expenseYear > 2998) {
    throw invalid('funds.reporting.year_invalid', `Anno della spesa non valido: ${expenseYear}`);
  }
  return `${expenseYear + 1}-03-31` as CalendarDate;
};

/** The deadline of an expense paid on `paymentDate`. */
export const reportDeadlineForPayment = (paymentDate: CalendarDate): CalendarDate => reportDeadline(yearOf(paymentDate));

export type DeadlineStatus =
  | { readonly status: 'open'; readonly deadline: CalendarDate; readonly daysLeft: number }
  | { readonly status: 'late'; readonly deadline: CalendarDate; readonly daysLate: number };

/** Days left (0 on the deadline itself) or days late (1 on 1 April). */
export const deadlineStatus = (expenseYear: number, today: CalendarDate): DeadlineStatus => {
  const deadline = reportDeadline(expenseYear);
  const days = daysBetween(today, deadline);
  return days >= 0 ? { status: 'open', deadline, daysLeft: days } : { status: 'late', deadline, daysLate: -days };
};

/** A report submitted after 31 March of E+1 is late. */
export const isLate = (expenseYear: number, submittedOn: CalendarDate): boolean => submittedOn > reportDeadline(expenseYear);

/** Italian line for the district's page. */
export const describeDeadline = (expenseYear: number, today: CalendarDate): string => {
  const s = deadlineStatus(expenseYear, today);
  const when = formatItalianDate(s.deadline);
  if (s.status === 'late') return `Rendiconto delle spese ${expenseYear} scaduto il ${when}: ${s.daysLate} ${s.daysLate === 1 ? 'giorno' : 'giorni'} di ritardo`;
  if (s.daysLeft === 0) return `Rendiconto delle spese ${expenseYear} in scadenza oggi (${when})`;
  return `Rendiconto delle spese ${expenseYear} entro il ${when}: ${s.daysLeft === 1 ? 'manca 1 giorno' : `mancano ${s.daysLeft} giorni`}`;
};
