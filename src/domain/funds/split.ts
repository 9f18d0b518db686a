/**
 * Splitting a total among districts (DOMAIN.md "Money, dates, acts"; EXCHANGE.md `split`):
 * largest remainder to the cent. Every criterion reduces to integer weights, so each
 * district's exact quota `total × w_d / Σw` is a rational computed in bigint: no floats.
 */
import type { Cents } from '../money.ts';
import { toNumber } from '../money.ts';
import { invalid } from '../errors.ts';
import type { DistrictCode } from './types.ts';
import { compareDistrictCodes } from './types.ts';

export interface DistrictWeight {
  readonly district: DistrictCode;
  readonly weight: bigint;
}

export interface DistrictPopulation {
  readonly district: DistrictCode;
  /** Sum of the populations of the district's municipalities. */
  readonly population: bigint | number;
}

export interface DistrictPercent {
  readonly district: DistrictCode;
  /** `30`, `12.5`, `"33,33"`: at most two decimals. */
  readonly percent: PercentInput;
}

export interface Share {
  readonly district: DistrictCode;
  readonly amount: Cents;
}

/** A percentage as users type it: an integer or a decimal with at most two decimals. */
export type PercentInput = string | number;

/** The criteria of the EXCHANGE.md `split` read-out. */
export const splitCriteria = ['population', 'fixed_plus_population'] as const;
export type SplitCriterion = (typeof splitCriteria)[number];

/** EXCHANGE.md `split` read-out. */
export interface SplitReadout {
  total: number;
  criterion: SplitCriterion;
  shares: { district: string; amount: number }[];
}

const HUNDRED_PERCENT = 10_000n; // in hundredths of a point

/**
 * Reads a percentage into hundredths of a point, exactly: `12.5` → 1250n, `"33,33"` → 3333n.
 * Three decimals, exponents, signs or letters are refused.
 */
export const parsePercent = (value: PercentInput): bigint => {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim().replace(/\s*%$/, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) {
    throw invalid('funds.split.percent_invalid', `Percentuale non valida: "${value}" (un numero con al massimo due decimali)`, {
      percent: String(value),
    });
  }
  const hundredths = BigInt(m[1]!) * 100n + BigInt(((m[2] ?? '') + '00').slice(0, 2));
  if (hundredths > HUNDRED_PERCENT) {
    throw invalid('funds.split.percent_out_of_range', `Percentuale oltre il 100%: "${value}"`, { percent: String(value) });
  }
  return hundredths;
};

const formatHundredths = (h: bigint): string => {
  const cents = (h % 100n).toString().padStart(2, '0');
  return `${h / 100n}${cents === '00' ? '' : ',' + cents.replace(/0$/, '')}%`;
};

const assertDistinct = (districts: readonly DistrictCode[]): void => {
  const seen = new Set<string>();
  for (const d of districts) {
    if (seen.has(d)) throw invalid('funds.split.duplicate_district', `Distretto ripetuto nel riparto: ${d}`, { district: d });
    seen.add(d);
  }
};

/**
 * Largest-remainder split of `total` in proportion to integer `weights`: each district
 * gets the floor of `total × w / Σw`; the cents left go one each to the largest
 * fractional remainders, ties to the lower district code. Shares come back sorted by
 * district code and add up exactly to `total`.
 */
export const splitByWeights = (total: Cents, weights: readonly DistrictWeight[]): Share[] => {
  if (total < 0n) throw invalid('funds.split.negative_total', 'Il totale da ripartire non può essere negativo');
  if (weights.length === 0) throw invalid('funds.split.no_districts', 'Nessun distretto tra cui ripartire');
  assertDistinct(weights.map((w) => w.district));
  let weightSum = 0n;
  for (const w of weights) {
    if (w.weight < 0n) {
      throw invalid('funds.split.negative_weight', `Peso negativo per il distretto ${w.district}`, { district: w.district });
    }
    weightSum += w.weight;
  }
  if (weightSum === 0n) throw invalid('funds.split.zero_weights', 'I pesi del riparto sono tutti zero');

  const quotas = weights.map((w) => {
    const exact = total * w.weight; // quota = exact / weightSum
    return { district: w.district, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let left = total - quotas.reduce((s, q) => s + q.floor, 0n);
  // Fewer cents are left than districts with a non-zero remainder, so zero weights never get one.
  const byRemainder = [...quotas].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : compareDistrictCodes(a.district, b.district),
  );
  const extra = new Set<DistrictCode>();
  for (const q of byRemainder) {
    if (left === 0n) break;
    extra.add(q.district);
    left -= 1n;
  }
  return quotas
    .map((q) => ({ district: q.district, amount: (q.floor + (extra.has(q.district) ? 1n : 0n)) as Cents }))
    .sort((a, b) => compareDistrictCodes(a.district, b.district));
};

const populationOf = (p: DistrictPopulation): bigint => {
  if (typeof p.population === 'number' && !Number.isSafeInteger(p.population)) {
    throw invalid('funds.split.population_invalid', `Popolazione non intera per il distretto ${p.district}: ${p.population}`, {
      district: p.district,
    });
  }
  const pop = BigInt(p.population);
  if (pop < 0n) {
    throw invalid('funds.split.population_invalid', `Popolazione negativa per il distretto ${p.district}`, { district: p.district });
  }
  return pop;
};

const totalPopulation = (populations: readonly DistrictPopulation[]): bigint => {
  const pop = populations.reduce((s, p) => s + populationOf(p), 0n);
  if (pop === 0n) {
    throw invalid('funds.split.zero_population', 'La popolazione complessiva dei distretti è zero: impossibile ripartire per popolazione');
  }
  return pop;
};

/** `population` criterion: weights are the districts' populations. */
export const splitByPopulation = (total: Cents, populations: readonly DistrictPopulation[]): Share[] => {
  totalPopulation(populations);
  return splitByWeights(
    total,
    populations.map((p) => ({ district: p.district, weight: populationOf(p) })),
  );
};

/**
 * `fixed_plus_population` with P%: P% of the total in equal parts, (100 − P)% by
 * population, as ONE exact quota per district (EXCHANGE.md):
 *   total × (P × POP + (100 − P) × n × pop_d) / (100 × n × POP)
 * With P in hundredths (p = 100 P) the weight `p × POP + (10000 − p) × n × pop_d`
 * sums over the districts to `10000 × n × POP`, the formula's denominator, so the
 * largest-remainder split on these weights is the formula exactly.
 */
export const splitFixedPlusPopulation = (
  total: Cents,
  fixedPercent: PercentInput,
  populations: readonly DistrictPopulation[],
): Share[] => {
  const p = parsePercent(fixedPercent);
  const pop = totalPopulation(populations);
  const n = BigInt(populations.length);
  return splitByWeights(
    total,
    populations.map((d) => ({ district: d.district, weight: p * pop + (HUNDRED_PERCENT - p) * n * populationOf(d) })),
  );
};

/** Manual percentages per district; they must add up to exactly 100%. */
export const splitManualPercent = (total: Cents, percents: readonly DistrictPercent[]): Share[] => {
  const weights = percents.map((p) => ({ district: p.district, weight: parsePercent(p.percent) }));
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  if (sum !== HUNDRED_PERCENT) {
    throw invalid(
      'funds.split.percent_sum',
      `Le percentuali del riparto sommano a ${formatHundredths(sum)} invece del 100%`,
      { sum: formatHundredths(sum) },
    );
  }
  return splitByWeights(total, weights);
};

/** The EXCHANGE.md `split` read-out for a preview over all districts. */
export const splitPreview = (
  total: Cents,
  criterion: SplitCriterion,
  populations: readonly DistrictPopulation[],
  fixedPercent?: PercentInput,
): SplitReadout => {
  let shares: Share[];
  if (criterion === 'population') {
    shares = splitByPopulation(total, populations);
  } else if (criterion === 'fixed_plus_population') {
    if (fixedPercent === undefined) {
      throw invalid('funds.split.fixed_percent_missing', 'Per il criterio quota fissa + popolazione indicare la percentuale fissa');
    }
    shares = splitFixedPlusPopulation(total, fixedPercent, populations);
  } else {
    // criteria arrive from the CLI and HTTP as text
    throw invalid('funds.split.criterion_invalid', `Criterio di riparto non valido: "${String(criterion)}" (population o fixed_plus_population)`);
  }
  return { total: toNumber(total), criterion, shares: shares.map((s) => ({ district: s.district, amount: toNumber(s.amount) })) };
};
