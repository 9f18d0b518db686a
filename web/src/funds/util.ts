/**
 * Small helpers of the funds pages over the domain's own rules: euro amounts typed by people
 * read by src/domain/money.ts (never through a float), ratios shown as Italian percentages, and
 * who may do what by the role table of src/domain/auth/roles.ts (the server decides; the UI
 * hides what would be refused).
 */
import type { User } from '../types.ts';
import { parsePercent } from '../../../src/domain/funds/split.ts';
import { formatFractionPercent } from '../../../src/domain/funds/gating.ts';
import { cents, formatEuro, parseEuro, toNumber, type Cents } from '../../../src/domain/money.ts';
import { can, isDistrictScoped } from '../../../src/domain/auth/roles.ts';

/** An amount typed in a field, read as the server reads it; null when refused or negative. */
export function parseEuroInput(text: string): Cents | null {
  const read = parseEuro(text);
  return read.ok && read.value >= 0n ? read.value : null;
}

/** Cents as the JSON number the API expects (amounts stay far below 2^53 cents). */
export const centsToJson = (value: Cents): number => toNumber(value);

/** Cents as an editable Italian amount: `1.234,56` (parseEuroInput reads it back). */
export const centsToInput = (value: number): string => formatEuro(cents(value)).replace('€ ', '');

/** A ratio of the API (0.6926) as `69,26%`. */
export const formatRatio = (ratio: number): string => `${(Math.round(ratio * 10_000) / 100).toFixed(2).replace('.', ',')}%`;

/** A share a / b of two cent amounts as `69,26%` ("—" when b is 0). */
export const formatShare = (a: number, b: number): string => (b > 0 ? formatRatio(a / b) : '—');

export const canManageFunds = (user: User | null | undefined): boolean => !!user && can(user.role, 'funds.manage');
export const canReadFunds = (user: User | null | undefined): boolean => !!user && can(user.role, 'funds.read');
export const canRunImports = (user: User | null | undefined): boolean => !!user && can(user.role, 'imports.run');
/** Region roles may act for any district; a district officer only for its own. */
export const canReportFor = (user: User | null | undefined, district: string): boolean =>
  !!user && can(user.role, 'funds.report') && (!isDistrictScoped(user.role) || user.districts.includes(district));
export const canSeeDistrict = (user: User | null | undefined, district: string): boolean =>
  !!user && can(user.role, 'funds.read') && (!isDistrictScoped(user.role) || user.districts.includes(district));

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
