/**
 * Small helpers of the funds pages: euro amounts typed by people turned into integer cents
 * (never through a float: DOMAIN.md "Money, dates, acts"), ratios shown as Italian percentages,
 * and who may do what (the server decides; the UI hides what would be refused).
 */
import type { User } from '../types.ts';
import { parsePercent } from '../../../src/domain/funds/split.ts';
import { formatFractionPercent } from '../../../src/domain/funds/gating.ts';

/**
 * `1.234,56`, `1234,56`, `1234.56`, `€ 1.234` → cents; null when it is not an amount with at
 * most two decimals. A lone dot followed by three digits is a thousands separator (Italian).
 */
export function parseEuroInput(text: string): bigint | null {
  let s = text.replace(/€/g, '').replace(/\s/g, '');
  if (!s) return null;
  if (s.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(s)) return null;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  } else if (!/^\d+(\.\d{1,2})?$/.test(s)) {
    return null;
  }
  const [whole = '0', decimals = ''] = s.split('.');
  return BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0') || '0');
}

/** Cents as the JSON number the API expects (amounts stay far below 2^53 cents). */
export const centsToJson = (cents: bigint): number => Number(cents);

/** Cents as an editable Italian amount: `1.234,56` (parseEuroInput reads it back). */
export const centsToInput = (cents: number): string => {
  const abs = Math.abs(cents);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${cents < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
};

/** A ratio of the API (0.6926) as `69,26%`. */
export const formatRatio = (ratio: number): string => `${(Math.round(ratio * 10_000) / 100).toFixed(2).replace('.', ',')}%`;

/** A share a / b of two cent amounts as `69,26%` ("—" when b is 0). */
export const formatShare = (a: number, b: number): string => (b > 0 ? formatRatio(a / b) : '—');

const managers = new Set(['admin', 'region_officer']);
const reporters = new Set(['admin', 'region_officer', 'district_officer']);
const readers = new Set(['admin', 'region_officer', 'district_officer', 'auditor']);

export const canManageFunds = (user: User | null | undefined): boolean => !!user && managers.has(user.role);
export const canReadFunds = (user: User | null | undefined): boolean => !!user && readers.has(user.role);
export const canRunImports = canManageFunds;
/** Region roles may act for any district; a district officer only for its own. */
export const canReportFor = (user: User | null | undefined, district: string): boolean =>
  !!user && reporters.has(user.role) && (user.role !== 'district_officer' || user.districts.includes(district));
export const canSeeDistrict = (user: User | null | undefined, district: string): boolean =>
  !!user && readers.has(user.role) && (user.role !== 'district_officer' || user.districts.includes(district));

/** A real calendar date `YYYY-MM-DD`. */
export const isCalendarDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** Today in Europe/Rome as `YYYY-MM-DD` (a default for date fields, never for a rule). */
export const todayInRome = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/** A percentage as typed, in hundredths of a point by the domain's own reading; null when refused. */
export const percentHundredths = (text: string): bigint | null => {
  try {
    return parsePercent(text);
  } catch {
    return null;
  }
};

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** `75` or `66,67` (a percentage above 0 and at most 100, two decimals at most) as a reduced fraction. */
export const percentToFraction = (text: string): { num: string; den: string } | null => {
  const hundredths = percentHundredths(text);
  if (hundredths === null || hundredths <= 0n) return null;
  const d = gcd(hundredths, 10_000n);
  return { num: String(hundredths / d), den: String(10_000n / d) };
};

/** 3/4 → `75`, 2/3 → `66,67`: the domain's wording of a threshold, without the sign. */
export const fractionToPercent = (f: { num: string; den: string }): string => formatFractionPercent({ num: BigInt(f.num), den: BigInt(f.den) }).replace(/%$/, '');

/** Focuses the first field with an error; true when there was one. */
export const focusFirstError = (ids: Record<string, string>, found: Record<string, string | undefined>): boolean => {
  const first = Object.keys(found).find((k) => found[k]);
  if (first) document.getElementById(ids[first] ?? '')?.focus();
  return !!first;
};
