/**
 * Residuals: transferred money not covered by recognised expense (DOMAIN.md
 * "National funds: the life cycle" and "Before loading onto SIOSS").
 */
import type { Cents } from '../money.ts';
import { ZERO, max, sub, sum } from '../money.ts';
import { invalid } from '../errors.ts';
import type { DistrictCode, DistrictTotals } from './types.ts';
import { compareDistrictCodes } from './types.ts';

/** residual(d) = max(0, disbursed(d) − recognised(d)): money the district holds and has not justified. */
export const residualOf = (t: Pick<DistrictTotals, 'disbursed' | 'recognised'>): Cents => max(sub(t.disbursed, t.recognised), ZERO);

/** unspent(d) = assigned(d) − recognised(d): what a redetermination may take from the district. */
export const unspentOf = (t: Pick<DistrictTotals, 'assigned' | 'recognised'>): Cents => sub(t.assigned, t.recognised);

/** excess(d) = max(0, disbursed(d) − assigned(d)): money paid beyond the assignment, to recover. */
export const excessOf = (t: Pick<DistrictTotals, 'assigned' | 'disbursed'>): Cents => max(sub(t.disbursed, t.assigned), ZERO);

/** toDisburse(d) = assigned(d) − disbursed(d). */
export const toDisburseOf = (t: Pick<DistrictTotals, 'assigned' | 'disbursed'>): Cents => sub(t.assigned, t.disbursed);

/** Residual of every district, in district code order. */
export const residualsByDistrict = (totals: ReadonlyMap<DistrictCode, DistrictTotals>): Map<DistrictCode, Cents> =>
  new Map([...totals].sort(([a], [b]) => compareDistrictCodes(a, b)).map(([d, t]) => [d, residualOf(t)]));

/** regionReported(F,Y) = Σ_d recognised(d) + expenses the Region reports directly. */
export const regionReported = (totals: Iterable<Pick<DistrictTotals, 'recognised'>>, reportedByRegion: Cents = ZERO): Cents =>
  sum([...[...totals].map((t) => t.recognised), reportedByRegion]);

export interface Receivable {
  readonly district: DistrictCode;
  readonly amount: Cents;
}

export interface MinistryReturn {
  /** A(F,Y) − regionReported(F,Y); negative when more was reported than allocated. */
  readonly difference: Cents;
  /** Whether a sum must go back to the ministry (difference > 0). */
  readonly mustReturn: boolean;
  /** One receivable per debtor district (residual > 0), equal to its residual, in code order. */
  readonly receivables: Receivable[];
  readonly receivablesTotal: Cents;
  /** The part of the difference no district holds: money the Region never transferred. */
  readonly heldByRegion: Cents;
  /** Residuals claimed beyond the difference (e.g. when the Region reported expenses directly): they stay with the Region. */
  readonly beyondDifference: Cents;
}

/**
 * Before loading onto SIOSS, per fund and annuality: difference = A − regionReported;
 * if a sum must go back to the ministry each debtor district's share is its
 * residual, and a receivable act is raised against it (DOMAIN.md).
 */
export const ministryReturn = (
  allocated: Cents,
  regionReportedAmount: Cents,
  residualsByDistrict: ReadonlyMap<DistrictCode, Cents>,
): MinistryReturn => {
  if (allocated < 0n || regionReportedAmount < 0n) {
    throw invalid('funds.ministry_return.negative', 'Importo assegnato e spesa rendicontata non possono essere negativi');
  }
  const difference = sub(allocated, regionReportedAmount);
  if (difference <= 0n) {
    return { difference, mustReturn: false, receivables: [], receivablesTotal: ZERO, heldByRegion: ZERO, beyondDifference: ZERO };
  }
  const receivables: Receivable[] = [...residualsByDistrict]
    .filter(([, r]) => r > 0n)
    .sort(([a], [b]) => compareDistrictCodes(a, b))
    .map(([district, amount]) => ({ district, amount }));
  const receivablesTotal = sum(receivables.map((r) => r.amount));
  return {
    difference,
    mustReturn: true,
    receivables,
    receivablesTotal,
    heldByRegion: max(sub(difference, receivablesTotal), ZERO),
    beyondDifference: max(sub(receivablesTotal, difference), ZERO),
  };
};
