/**
 * The acknowledgement act (presa d'atto, by DD) that closes the verification of a district's
 * report for a fund annuality (DOMAIN.md "District reporting"): only once no line is pending,
 * and it states the reported, recognised and residual sums.
 */
import type { Cents } from '../money.ts';
import { conflict, invalid } from '../errors.ts';
import type { DistrictTotals } from './types.ts';
import { residualOf, unspentOf } from './residuals.ts';
import { ZERO, max } from '../money.ts';

export interface ReportToAcknowledge {
  readonly district: string;
  readonly fund: string;
  readonly annuality: number;
  readonly lines: number;
  readonly pending: number;
}

/** Refuses a report with lines still to verify (naming how many) or with no line at all. */
export const requireVerifiedReport = (r: ReportToAcknowledge): void => {
  if (r.lines === 0) {
    throw invalid('funds.acknowledgement.no_lines', `Il distretto ${r.district} non ha spese inviate sul fondo ${r.fund} ${r.annuality}: non c'è nulla di cui prendere atto`);
  }
  if (r.pending > 0) {
    throw conflict(
      'funds.acknowledgement.pending_lines',
      `Impossibile adottare la presa d'atto per il distretto ${r.district} sul fondo ${r.fund} ${r.annuality}: ` +
        (r.pending === 1 ? `1 spesa su ${r.lines} è ancora da verificare` : `${r.pending} spese su ${r.lines} sono ancora da verificare`),
      { pending: String(r.pending), lines: String(r.lines) },
    );
  }
};

export interface AcknowledgedSums {
  readonly assigned: Cents;
  readonly disbursed: Cents;
  readonly reported: Cents;
  readonly recognised: Cents;
  /** max(0, disbursed − recognised): money the district holds and has not justified */
  readonly residual: Cents;
  /** assigned − recognised: what a redetermination may take */
  readonly unspent: Cents;
}

/** The sums the act states, from the running totals of the fund annuality and district. */
export const acknowledgedSums = (t: DistrictTotals): AcknowledgedSums => ({
  assigned: t.assigned,
  disbursed: t.disbursed,
  reported: t.reported,
  recognised: t.recognised,
  residual: residualOf(t),
  unspent: max(unspentOf(t), ZERO),
});
