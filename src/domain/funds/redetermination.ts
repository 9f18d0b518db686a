/**
 * Redetermination (rideterminazione, by DD): residuals taken from a district and
 * re-assigned to other districts or to regional interventions (DOMAIN.md "District
 * reporting", (i)). The total of the fund annuality is conserved; money already
 * transferred to the district becomes a receivable or is offset against the
 * district's next disbursement.
 */
import type { Cents } from '../money.ts';
import { ZERO, add, formatEuro, max, min, sub, sum } from '../money.ts';
import { conflict, invalid } from '../errors.ts';
import type { ActRef, Annuality, DistrictCode, DistrictTotals, FundCode } from './types.ts';
import { ZERO_TOTALS, compareDistrictCodes } from './types.ts';
import { requirePositiveAmount } from './limits.ts';
import { residualOf, toDisburseOf, unspentOf } from './residuals.ts';

export type RedeterminationDestination =
  | { readonly kind: 'district'; readonly district: DistrictCode; readonly amount: Cents }
  | { readonly kind: 'regional_intervention'; readonly intervention: string; readonly amount: Cents };

/**
 * How the money already transferred comes back: a receivable (accertamento) against
 * the district, or an offset against its next disbursement of `nextDisbursement`
 * (what cannot be offset becomes a receivable).
 */
export type Settlement = { readonly kind: 'receivable' } | { readonly kind: 'offset'; readonly nextDisbursement: Cents };

/** One fund annuality: the districts' totals and the sums assigned to regional interventions. */
export interface FundAnnualityState {
  readonly fund: FundCode;
  readonly annuality: Annuality;
  readonly districts: ReadonlyMap<DistrictCode, DistrictTotals>;
  readonly regionalInterventions: ReadonlyMap<string, Cents>;
}

export interface RedeterminationRequest {
  readonly from: DistrictCode;
  readonly amount: Cents;
  readonly to: readonly RedeterminationDestination[];
  readonly settlement: Settlement;
  readonly act?: ActRef;
}

export interface RedeterminationOutcome {
  /** The fund annuality after the act: only assignments move. */
  readonly state: FundAnnualityState;
  readonly from: {
    readonly district: DistrictCode;
    readonly assignedBefore: Cents;
    readonly assignedAfter: Cents;
    readonly residualBefore: Cents;
    /** The residual once the recovery below is booked (disbursed reduced by `recovered`). */
    readonly residualAfterRecovery: Cents;
  };
  /**
   * Part of the amount already transferred to the district: the redetermination first
   * takes what was assigned but not yet disbursed, the rest was paid out and must come back.
   */
  readonly recovered: Cents;
  readonly receivable: Cents;
  readonly offset: Cents;
  readonly act?: ActRef;
}

/** Σ assignments to districts + Σ regional interventions: what a redetermination conserves. */
export const fundAnnualityTotal = (state: Pick<FundAnnualityState, 'districts' | 'regionalInterventions'>): Cents =>
  add(sum([...state.districts.values()].map((t) => t.assigned)), sum(state.regionalInterventions.values()));

export const redetermine = (state: FundAnnualityState, request: RedeterminationRequest): RedeterminationOutcome => {
  const { from, amount } = request;
  const ctx = { fund: state.fund, annuality: state.annuality, district: from };
  requirePositiveAmount(amount, 'da rideterminare', ctx);
  const source = state.districts.get(from);
  if (!source) {
    throw invalid('funds.redetermination.unknown_district', `Il distretto ${from} non ha assegnazioni sul fondo ${state.fund} ${state.annuality}`, {
      district: from,
    });
  }
  const residual = residualOf(source);
  // unspent(d) = assigned(d) − recognised(d): what a redetermination may take (DOMAIN.md "exact rules")
  const unspent = unspentOf(source);
  if (amount > unspent) {
    throw conflict(
      'funds.redetermination.over_unspent',
      `Non si possono rideterminare ${formatEuro(amount)} dal distretto ${from}: la sua assegnazione non spesa sul fondo ${state.fund} ${state.annuality} ` +
        `è ${formatEuro(max(unspent, ZERO))} (assegnati ${formatEuro(source.assigned)}, riconosciuti ${formatEuro(source.recognised)})`,
      { amount: formatEuro(amount), unspent: formatEuro(max(unspent, ZERO)), district: from },
    );
  }
  if (amount > source.assigned) {
    // residual ≤ disbursed ≤ assigned when the limits hold; refuse data that breaks them
    throw conflict(
      'funds.redetermination.over_assigned',
      `Non si possono rideterminare ${formatEuro(amount)} dal distretto ${from}: l'assegnato è ${formatEuro(source.assigned)}`,
      { amount: formatEuro(amount), assigned: formatEuro(source.assigned), district: from },
    );
  }
  if (request.to.length === 0) {
    throw invalid('funds.redetermination.no_destination', 'Indicare almeno un distretto o un intervento regionale di destinazione');
  }
  for (const dest of request.to) {
    requirePositiveAmount(dest.amount, 'della destinazione', ctx);
    if (dest.kind === 'district' && dest.district === from) {
      throw invalid('funds.redetermination.same_district', `Il distretto ${from} non può essere anche destinatario della rideterminazione`, {
        district: from,
      });
    }
    if (dest.kind === 'regional_intervention' && dest.intervention.trim() === '') {
      throw invalid('funds.redetermination.intervention_missing', "Indicare l'intervento regionale di destinazione");
    }
  }
  const destinationsTotal = sum(request.to.map((d) => d.amount));
  if (destinationsTotal !== amount) {
    throw invalid(
      'funds.redetermination.unbalanced',
      `Le destinazioni sommano a ${formatEuro(destinationsTotal)} invece di ${formatEuro(amount)} rideterminati: il totale dell'annualità deve restare invariato`,
      { amount: formatEuro(amount), destinations: formatEuro(destinationsTotal) },
    );
  }

  const districts = new Map(state.districts);
  districts.set(from, { ...source, assigned: sub(source.assigned, amount) });
  const regionalInterventions = new Map(state.regionalInterventions);
  for (const dest of request.to) {
    if (dest.kind === 'district') {
      const t = districts.get(dest.district) ?? ZERO_TOTALS;
      districts.set(dest.district, { ...t, assigned: add(t.assigned, dest.amount) });
    } else {
      const key = dest.intervention.trim();
      regionalInterventions.set(key, add(regionalInterventions.get(key) ?? ZERO, dest.amount));
    }
  }

  // What was assigned but not yet disbursed is simply not paid; the rest was paid out.
  const recovered = max(sub(amount, max(toDisburseOf(source), ZERO)), ZERO);
  const offset = request.settlement.kind === 'offset' ? min(recovered, max(request.settlement.nextDisbursement, ZERO)) : ZERO;
  const receivable = sub(recovered, offset);

  return {
    state: {
      ...state,
      districts: new Map([...districts].sort(([a], [b]) => compareDistrictCodes(a, b))),
      regionalInterventions,
    },
    from: {
      district: from,
      assignedBefore: source.assigned,
      assignedAfter: sub(source.assigned, amount),
      residualBefore: residual,
      residualAfterRecovery: residualOf({ disbursed: sub(source.disbursed, recovered), recognised: source.recognised }),
    },
    recovered,
    receivable,
    offset,
    ...(request.act ? { act: request.act } : {}),
  };
};
