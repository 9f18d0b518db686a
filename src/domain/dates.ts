/** Calendar dates in Europe/Rome as `YYYY-MM-DD` strings: no time, no time zone drift. */
import { invalid } from './errors.ts';

declare const dateBrand: unique symbol;
export type CalendarDate = string & { readonly [dateBrand]: true };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const IT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const build = (y: number, m: number, d: number): CalendarDate | null => {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as CalendarDate;
};

/** Reads `YYYY-MM-DD` or `DD/MM/YYYY`; null when it is not a real calendar date. */
export const parseCalendarDate = (text: string): CalendarDate | null => {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]));
  m = IT.exec(t);
  if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
};

export const calendarDate = (text: string): CalendarDate => {
  const d = parseCalendarDate(text);
  if (!d) throw invalid('date.invalid', `Data non valida: "${text}" (usare AAAA-MM-GG o GG/MM/AAAA)`);
  return d;
};

const toUtcMs = (d: CalendarDate): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtcMs = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10) as CalendarDate;

/** D + N calendar days (DOMAIN.md: a deadline of N days from D falls on D + N). */
export const addDays = (d: CalendarDate, days: number): CalendarDate => fromUtcMs(toUtcMs(d) + days * 86_400_000);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000);

export const yearOf = (d: CalendarDate): number => Number(d.slice(0, 4));

/** Today's calendar date in Europe/Rome for an instant (adapters pass `new Date()`). */
export const romeDate = (instant: Date): CalendarDate =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant) as CalendarDate;

/** The time of day in Europe/Rome for an instant, `20:35:12` (receipts state when, in Rome's time). */
export const romeTime = (instant: Date): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(instant);

/** Italian display: `19/09/2024`. */
export const formatItalianDate = (d: CalendarDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The UTC instant at which a calendar day begins in Europe/Rome (for filtering stored instants). */
export const romeDayStart = (d: CalendarDate): Date => {
  const utcMidnight = toUtcMs(d);
  // Rome is UTC+1 or UTC+2: find the offset in force at that midnight.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(utcMidnight));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 1);
  return new Date(utcMidnight - hour * 3_600_000);
};
