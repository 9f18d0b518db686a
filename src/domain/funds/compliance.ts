/**
 * The compliance read-out of a fund annuality (EXCHANGE.md `compliance FUND ANNUALITY`):
 * the same JSON for the CLI and HTTP. Money as JS numbers of cents, ratios to 4 decimals.
 */
import type { Cents } from '../money.ts';
import { ratio4, sum, toNumber } from '../money.ts';
import { invalid } from '../errors.ts';
import type { Annuality, DistrictCode, DistrictTotals, FundCode } from './types.ts';
import { ZERO_TOTALS, compareDistrictCodes } from './types.ts';
import { residualOf, toDisburseOf } from './residuals.ts';

export interface ComplianceInput {
  readonly fund: FundCode;
  readonly annuality: Annuality;
  /** A(F,Y), from the allocation decree. */
  readonly allocated: Cents;
  /** Σ intervention lines. */
  readonly programmed: Cents;
  /** Every district of the registry (or those the reader may see): each is listed, with zeros when it has nothing. */
  readonly districts: readonly DistrictCode[];
  /** Sums per district over assignments, disbursements and expense lines of this fund and annuality. */
  readonly totals: ReadonlyMap<DistrictCode, DistrictTotals>;
}

export interface ComplianceDistrictRow {
  district: string;
  assigned: number;
  disbursed: number;
  reported: number;
  recognised: number;
  residual: number;
  toDisburse: number;
  progress: number;
}

export interface ComplianceReadout {
  fund: string;
  annuality: number;
  allocated: number;
  programmed: number;
  assigned: number;
  disbursed: number;
  reported: number;
  recognised: number;
  residual: number;
  ratio: number;
  districts: ComplianceDistrictRow[];
}

export const complianceReadout = (input: ComplianceInput): ComplianceReadout => {
  const listed = new Set<string>(input.districts);
  if (listed.size !== input.districts.length) {
    throw invalid('funds.compliance.duplicate_district', 'Distretto ripetuto nella lettura di conformità');
  }
  for (const d of input.totals.keys()) {
    // totals for a district not listed would silently vanish from the sums
    if (!listed.has(d)) {
      throw invalid('funds.compliance.unlisted_district', `Importi per il distretto ${d}, assente dall'elenco dei distretti`, { district: d });
    }
  }
  const rows = [...input.districts].sort(compareDistrictCodes).map((district) => {
    const t = input.totals.get(district) ?? ZERO_TOTALS;
    return { district, t, residual: residualOf(t) };
  });
  const total = (pick: (r: (typeof rows)[number]) => Cents): Cents => sum(rows.map(pick));
  const recognised = total((r) => r.t.recognised);
  return {
    fund: input.fund,
    annuality: input.annuality,
    allocated: toNumber(input.allocated),
    programmed: toNumber(input.programmed),
    assigned: toNumber(total((r) => r.t.assigned)),
    disbursed: toNumber(total((r) => r.t.disbursed)),
    reported: toNumber(total((r) => r.t.reported)),
    recognised: toNumber(recognised),
    residual: toNumber(total((r) => r.residual)),
    ratio: ratio4(recognised, input.allocated),
    districts: rows.map(({ district, t, residual }) => ({
      district,
      assigned: toNumber(t.assigned),
      disbursed: toNumber(t.disbursed),
      reported: toNumber(t.reported),
      recognised: toNumber(t.recognised),
      residual: toNumber(residual),
      toDisburse: toNumber(toDisburseOf(t)),
      progress: ratio4(t.recognised, t.assigned),
    })),
  };
};
