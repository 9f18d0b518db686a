/**
 * Italian formatting for the UI. Money arrives from the API as integer cents
 * (DOMAIN.md, "Money, dates, acts") and is formatted by the domain, from the integer, never through a float.
 */
import { cents, formatEuro, type Cents } from '../../src/domain/money.ts';
import { formatItalianDate, parseCalendarDate } from '../../src/domain/dates.ts';

/** Integer cents as the domain's Cents; accepts the forms JSON can carry (number or digit string). */
const toCents = (value: bigint | number | string): Cents => {
  if (typeof value !== 'string') return cents(value);
  if (!/^-?\d+$/.test(value.trim())) throw new RangeError(`Importo in centesimi non valido: ${value}`);
  return cents(BigInt(value.trim()));
};

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** `€ 1.234,56`: the domain's own formatting (src/domain/money.ts), from the integer, never a float. */
export const formatCents = (value: bigint | number | string): string => formatEuro(toCents(value));

/** Whole numbers (population, counts) with Italian thousands separators: `63.209`. */
export const formatInteger = (value: number): string => {
  const negative = value < 0;
  return `${negative ? '-' : ''}${groupThousands(Math.trunc(Math.abs(value)).toString())}`;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** `YYYY-MM-DD` (or an ISO timestamp's date part) as `dd/mm/yyyy`; other text is returned unchanged. */
export const formatDate = (value: string | null | undefined): string => {
  if (!value) return '';
  const date = ISO_DATE.test(value) ? parseCalendarDate(value.slice(0, 10)) : null;
  return date ? formatItalianDate(date) : value;
};

/** A timestamp as `dd/mm/yyyy hh:mm:ss` in Europe/Rome, where the users work. */
export const formatDateTime = (value: string | null | undefined): string => {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
};

/** File sizes in bytes, Italian style (`1.234 byte`, `12,3 kB`): the domain's, as receipts print them. */
export { formatFileSize as formatBytes } from '../../src/domain/file-size.ts';
