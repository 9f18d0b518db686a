/**
 * The split of an assignment as the forms send it (national lines and regional reservations
 * alike): the criterion, the amount or the per-district values typed, checked field by field.
 * The shares themselves are computed by the server (src/domain/funds/split.ts).
 */
import type { Translate } from '../i18n/i18n.tsx';
import type { SplitBody } from '../../../src/contract/split.ts';
import { centsToJson, parseEuroInput, percentHundredths } from './util.ts';

export const CRITERIA = ['population', 'fixed_plus_population', 'manual_percent', 'amounts'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const criterionKey = {
  population: 'funds.criterion.population',
  fixed_plus_population: 'funds.criterion.fixed_plus_population',
  manual_percent: 'funds.criterion.manual_percent',
  amounts: 'funds.criterion.amounts',
} as const;

export interface SplitFields {
  readonly criterion: Criterion;
  /** the amount to split, as typed (unused for `amounts`) */
  readonly amount: string;
  readonly fixedPercent: string;
  /** per district code, as typed: a percentage or an amount */
  readonly perDistrict: Readonly<Record<string, string>>;
  readonly districts: readonly string[];
}

export interface SplitRequest {
  readonly json: SplitBody;
  /** what the shares must add up to, in cents */
  readonly total: bigint;
  /** messages by field: `amount`, `fixedPercent`, `split` (the criterion), `d-CODE` */
  readonly errors: Record<string, string>;
}

export const splitRequest = (t: Translate, f: SplitFields): SplitRequest => {
  const errors: Record<string, string> = {};
  const typed = (d: string) => f.perDistrict[d]?.trim() ?? '';
  if (f.criterion === 'amounts') {
    const amounts: { district: string; amount: number }[] = [];
    let total = 0n;
    for (const d of f.districts) {
      if (!typed(d)) continue;
      const c = parseEuroInput(typed(d));
      if (c === null) errors[`d-${d}`] = t('funds.amountInvalid');
      else if (c > 0n) {
        amounts.push({ district: d, amount: centsToJson(c) });
        total += c;
      }
    }
    if (amounts.length === 0) errors.split = t('funds.assign.amountsRequired');
    return { json: { criterion: 'amounts', amounts }, total, errors };
  }
  const c = parseEuroInput(f.amount);
  if (c === null || c <= 0n) errors.amount = t('funds.amountInvalid');
  const amount = c === null ? 0 : centsToJson(c);
  let json: SplitBody = { criterion: 'population', amount };
  if (f.criterion === 'fixed_plus_population') {
    if (percentHundredths(f.fixedPercent) === null) errors.fixedPercent = t('funds.assign.percentInvalid');
    json = { criterion: 'fixed_plus_population', amount, fixedPercent: f.fixedPercent.trim().replace(',', '.') };
  }
  if (f.criterion === 'manual_percent') {
    const percents: { district: string; percent: string }[] = [];
    for (const d of f.districts) {
      if (!typed(d)) continue;
      const p = percentHundredths(typed(d));
      if (p === null) errors[`d-${d}`] = t('funds.assign.percentInvalid');
      else if (p > 0n) percents.push({ district: d, percent: typed(d).replace(',', '.') });
    }
    if (percents.length === 0) errors.split = t('funds.assign.percentsRequired');
    json = { criterion: 'manual_percent', amount, percents };
  }
  return { json, total: c !== null && c > 0n ? c : 0n, errors };
};

/** The ids of the fields `errors` names, for a form whose inputs start with `prefix`. */
export const splitFieldIds = (prefix: string, districts: readonly string[]): Record<string, string> => {
  const ids: Record<string, string> = { amount: `${prefix}-amount`, fixedPercent: `${prefix}-fixed`, split: `${prefix}-criterion` };
  for (const d of districts) ids[`d-${d}`] = `${prefix}-d-${d}`;
  return ids;
};
