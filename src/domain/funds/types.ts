/**
 * The vocabulary of funds (DOMAIN.md "National funds: the life cycle", "Regional funds"):
 * a fund code, an annuality, a district code, and the per-district totals every
 * read-out is built from. Branded so that an annuality is never mistaken for a
 * calendar year and a district code never for any other string.
 */
import type { Cents } from '../money.ts';
import { ZERO } from '../money.ts';
import type { CalendarDate } from '../dates.ts';
import { formatItalianDate } from '../dates.ts';
import { invalid } from '../errors.ts';

declare const fundCodeBrand: unique symbol;
declare const annualityBrand: unique symbol;
declare const districtCodeBrand: unique symbol;

/** Code of a national or regional fund: `FNPS`, `FNA`, `DOPO_DI_NOI`… */
export type FundCode = string & { readonly [fundCodeBrand]: true };
/** The year of the allocation a sum belongs to, not the accounting year it is spent in. */
export type Annuality = number & { readonly [annualityBrand]: true };
/** Code of a district (ATS), as in `distretti.csv`. */
export type DistrictCode = string & { readonly [districtCodeBrand]: true };

export const fundSources = ['national', 'regional'] as const;
export type FundSource = (typeof fundSources)[number];

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;

export const fundCode = (text: string): FundCode => {
  const t = text.trim();
  if (!CODE.test(t)) throw invalid('funds.fund_code.invalid', `Codice fondo non valido: "${text}"`);
  return t as FundCode;
};

export const districtCode = (text: string): DistrictCode => {
  const t = text.trim();
  if (!CODE.test(t)) throw invalid('funds.district_code.invalid', `Codice distretto non valido: "${text}"`);
  return t as DistrictCode;
};

/** Annualities are four-digit years; anything else is a typo in the source. */
export const annuality = (value: number | string): Annuality => {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (!Number.isInteger(n) || n < 1900 || n > 2999) {
    throw invalid('funds.annuality.invalid', `Annualità non valida: "${value}" (attesa un anno di quattro cifre)`);
  }
  return n as Annuality;
};

/** Ties of the largest-remainder split and every list of a read-out follow this order. */
export const compareDistrictCodes = (a: DistrictCode, b: DistrictCode): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * For district d, fund F, annuality Y: sums over all acts, tranches and expense
 * lines (DOMAIN.md). `recognised` ≤ `reported` holds line by line.
 */
export interface DistrictTotals {
  readonly assigned: Cents;
  readonly disbursed: Cents;
  readonly reported: Cents;
  readonly recognised: Cents;
}

export const ZERO_TOTALS: DistrictTotals = Object.freeze({ assigned: ZERO, disbursed: ZERO, reported: ZERO, recognised: ZERO });

/** Totals with the missing fields as zero, for districts that have only some events. */
export const districtTotals = (partial: Partial<DistrictTotals> = {}): DistrictTotals => ({ ...ZERO_TOTALS, ...partial });

export interface Fund {
  readonly code: FundCode;
  readonly name: string;
  readonly source: FundSource;
  /** art. 89 c. 1 DL 34/2020 applies (`regola_75 = si` in `fondi.csv`). */
  readonly rule75: boolean;
}

/** Act types of API-FOUNDATION.md. */
export type ActType = 'DM' | 'DGR' | 'DD' | 'CDA' | 'DECRETO' | 'LEGGE' | 'ALTRO';

/** The act that made a money event or set a rule (DOMAIN.md "Money, dates, acts"). */
export interface ActRef {
  readonly id?: string;
  readonly type: ActType;
  readonly number: string;
  readonly date: CalendarDate;
  readonly issuingOffice?: string;
}

/** Italian display in messages: `DD G04014/2022 del 05/04/2022`. */
export const formatActRef = (act: ActRef): string => `${act.type} ${act.number} del ${formatItalianDate(act.date)}`;
