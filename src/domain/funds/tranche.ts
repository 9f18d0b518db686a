/**
 * The ministry tranche read-out (EXCHANGE.md `tranche FUND YEAR`).
 *
 * art. 89 c. 1 DL 34/2020: for the funds it lists (FNPS, FNA, Dopo di Noi, Infanzia e
 * adolescenza, Povertà) the ministry pays the Region's tranche of year N when the
 * Region has reported at least 75% of annuality N−2; what of N−3 was still unreported
 * had to be exposed by this disbursement (DOMAIN.md "Ministry reporting and the 75% rule").
 */
import type { Cents } from '../money.ts';
import { ZERO, ceilFraction, formatEuro, max, ratio4, sub, toNumber } from '../money.ts';
import { invalid } from '../errors.ts';
import type { Annuality, DistrictCode, DistrictTotals, FundCode } from './types.ts';
import { compareDistrictCodes } from './types.ts';
import { residualOf } from './residuals.ts';

/** 75%, as an exact fraction. */
export const TRANCHE_THRESHOLD = { num: 3n, den: 4n } as const;

/** art. 89 c. 1 DL 34/2020: the tranche of year N waits on annuality N−2. */
export const gatingAnnualityOf = (year: number): Annuality => (year - 2) as Annuality;
/** …and annuality N−3 must have been fully exposed by it. */
export const previousAnnualityOf = (year: number): Annuality => (year - 3) as Annuality;

/** A fund annuality as the ministry sees it. */
export interface AnnualityFigures {
  readonly annuality: Annuality;
  /** A(F,Y); zero when the annuality was never allocated. */
  readonly allocated: Cents;
  /** regionReported(F,Y): Σ recognised of the districts + expenses the Region reports directly. */
  readonly recognised: Cents;
}

export interface TrancheInput {
  readonly fund: FundCode;
  /** `regola_75` of `fondi.csv`. */
  readonly rule75: boolean;
  /** N, the calendar year of the tranche. */
  readonly year: number;
  /** Figures of annuality N−2. */
  readonly gating: AnnualityFigures;
  /** Figures of annuality N−3. */
  readonly previous: AnnualityFigures;
}

export interface TrancheReadout {
  fund: string;
  year: number;
  gatingAnnuality: number;
  allocated: number;
  recognised: number;
  ratio: number;
  threshold: number;
  eligible: boolean;
  missingToThreshold: number;
  previousAnnuality: number;
  previousMissing: number;
}

/** ceil(0.75 × A), the sum that must be reported. */
export const trancheThresholdAmount = (allocated: Cents): Cents => ceilFraction(allocated, TRANCHE_THRESHOLD.num, TRANCHE_THRESHOLD.den);

export const trancheReadout = (input: TrancheInput): TrancheReadout => {
  if (!input.rule75) {
    throw invalid(
      'funds.tranche.rule_75_not_applicable',
      `Il fondo ${input.fund} non è soggetto alla regola del 75% (art. 89 c. 1 DL 34/2020): nessuna tranche ministeriale da verificare`,
      { fund: input.fund },
    );
  }
  if (!Number.isInteger(input.year)) {
    throw invalid('funds.tranche.year_invalid', `Anno della tranche non valido: ${input.year}`);
  }
  const expected: [AnnualityFigures, Annuality][] = [
    [input.gating, gatingAnnualityOf(input.year)],
    [input.previous, previousAnnualityOf(input.year)],
  ];
  for (const [figures, annuality] of expected) {
    if (figures.annuality !== annuality) {
      throw invalid(
        'funds.tranche.wrong_annuality',
        `Per la tranche ${input.year} servono le annualità ${gatingAnnualityOf(input.year)} e ${previousAnnualityOf(input.year)}, non ${figures.annuality}`,
      );
    }
  }
  const { gating, previous } = input;
  const required = trancheThresholdAmount(gating.allocated);
  return {
    fund: input.fund,
    year: input.year,
    gatingAnnuality: gating.annuality,
    allocated: toNumber(gating.allocated),
    recognised: toNumber(gating.recognised),
    ratio: ratio4(gating.recognised, gating.allocated),
    threshold: 0.75,
    eligible: gating.recognised >= required,
    missingToThreshold: toNumber(max(sub(required, gating.recognised), ZERO)),
    previousAnnuality: previous.annuality,
    previousMissing: toNumber(max(sub(previous.allocated, previous.recognised), ZERO)),
  };
};

/** Italian one-line explanation of a read-out, for the dashboard and CLI text output. */
export const describeTranche = (r: TrancheReadout): string =>
  r.eligible
    ? `Tranche ${r.year} del fondo ${r.fund}: pagabile, l'annualità ${r.gatingAnnuality} è rendicontata al ${(r.ratio * 100).toFixed(2).replace('.', ',')}%`
    : `Tranche ${r.year} del fondo ${r.fund}: sospesa, mancano ${formatEuro(BigInt(r.missingToThreshold) as Cents)} ` +
      `per raggiungere il 75% dell'annualità ${r.gatingAnnuality}`;

export interface BlockingDistrict {
  readonly district: DistrictCode;
  readonly residual: Cents;
  readonly disbursed: Cents;
  readonly recognised: Cents;
  /** Residuals of this district and of those listed before it. */
  readonly cumulativeResidual: Cents;
  /** Whether the residuals listed before it were not yet enough to cover `missing`. */
  readonly needed: boolean;
}

/**
 * The districts holding the residuals that block the tranche, largest residual first
 * (ties by code): justifying them is what brings the gating annuality to the threshold.
 * `missing` is what is missing to the threshold (or to 100% at the N+1 check);
 * `needed` marks the districts whose residuals are needed, in this order, to cover it.
 */
export const blockingDistricts = (totals: ReadonlyMap<DistrictCode, DistrictTotals>, missing: Cents = ZERO): BlockingDistrict[] => {
  const withResidual = [...totals]
    .map(([district, t]) => ({ district, t, residual: residualOf(t) }))
    .filter((r) => r.residual > 0n)
    .sort((a, b) => (a.residual !== b.residual ? (a.residual > b.residual ? -1 : 1) : compareDistrictCodes(a.district, b.district)));
  let cumulative = ZERO;
  return withResidual.map(({ district, t, residual }) => {
    const needed = cumulative < missing;
    cumulative = (cumulative + residual) as Cents;
    return { district, residual, disbursed: t.disbursed, recognised: t.recognised, cumulativeResidual: cumulative, needed };
  });
};
