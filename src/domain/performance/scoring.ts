/**
 * Scoring of a performance plan: DOMAIN.md "Performance cycle" (the default,
 * configurable thresholds) and EXCHANGE.md `scores PLAN_ID` read-out.
 *
 * Decisions beyond DOMAIN.md's text, each tested in scoring.test.ts:
 * - A yes/no/partially actual against a numeric target keeps its own meaning
 *   (yes 1, partially 0.5, no 0): the year-end report declared the result.
 * - A numeric actual against a yes target counts as yes when above zero, no when zero or less.
 * - A "no" target (the thing must not happen): actual no or 0 → 1, yes or > 0 → 0, partially 0.5.
 * - A negative numeric actual scores 0 (achievements stay within [0, 1]).
 * - Missing or unrecognised actual → 0.
 * - An objective without indicators (validation allows it only when suspended)
 *   scores 0 and is not achieved: nothing shows it was reached, and the
 *   read-out has no "not measurable" status.
 * - The status is taken on the score rounded to 4 decimals, so that the
 *   percentage printed and the status never disagree (0.89996 → 90,0% achieved).
 */
import { invalid } from '../errors.ts';
import type { ObjectiveInput, PlanInput } from './plan.ts';
import { parseIndicatorValue, type IndicatorValue } from './values.ts';

export interface ScoringSettings {
  /** A score at or above this is "achieved" (default 0.9). */
  readonly achievedThreshold: number;
  /** A score at or above this (and below achieved) is "partially achieved" (default 0.5). */
  readonly partiallyThreshold: number;
}

export const DEFAULT_SCORING: ScoringSettings = { achievedThreshold: 0.9, partiallyThreshold: 0.5 };

export const objectiveStatuses = ['achieved', 'partially_achieved', 'not_achieved', 'suspended'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export interface ObjectiveScore {
  readonly code: string;
  readonly title: string;
  readonly score: number | null;
  readonly status: ObjectiveStatus;
}

export interface CentreScore {
  readonly name: string;
  readonly score: number | null;
  readonly objectives: readonly ObjectiveScore[];
}

/** EXCHANGE.md `scores PLAN_ID` read-out, exactly. */
export interface PlanScores {
  readonly plan: string;
  readonly year: number;
  readonly overall: number | null;
  readonly centres: readonly CentreScore[];
}

export const checkSettings = (s: ScoringSettings): ScoringSettings => {
  const inUnit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  if (!inUnit(s.achievedThreshold) || !inUnit(s.partiallyThreshold) || s.partiallyThreshold > s.achievedThreshold) {
    throw invalid('performance.scoring.thresholds', 'Soglie non valide: devono essere tra 0 e 1, con la soglia di parziale raggiungimento non superiore a quella di raggiungimento');
  }
  return s;
};

/** Half-up to 4 decimals; `toPrecision(12)` first drops binary noise (0.66664999999 → 0.66665). */
export const round4 = (x: number): number => Math.round(Number(x.toPrecision(12)) * 10_000) / 10_000;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Achievement of one indicator, in [0, 1]. */
export const indicatorAchievement = (target: IndicatorValue, actual: IndicatorValue): number => {
  if (actual.kind === 'missing' || actual.kind === 'text') return 0;
  switch (target.kind) {
    case 'number':
      if (actual.kind === 'yes') return 1;
      if (actual.kind === 'partially') return 0.5;
      if (actual.kind === 'no') return 0;
      // DOMAIN.md: target 0 → 1 if actual ≥ 0
      if (target.value <= 0) return actual.value >= 0 ? 1 : 0;
      return clamp01(actual.value / target.value);
    case 'yes':
      if (actual.kind === 'number') return actual.value > 0 ? 1 : 0;
      return actual.kind === 'yes' ? 1 : actual.kind === 'partially' ? 0.5 : 0;
    case 'no':
      if (actual.kind === 'number') return actual.value <= 0 ? 1 : 0;
      return actual.kind === 'no' ? 1 : actual.kind === 'partially' ? 0.5 : 0;
    default:
      // validation refuses other targets; a plan built in code that has one scores nothing
      return 0;
  }
};

export const statusFor = (score: number, settings: ScoringSettings): Exclude<ObjectiveStatus, 'suspended'> =>
  score >= settings.achievedThreshold ? 'achieved' : score >= settings.partiallyThreshold ? 'partially_achieved' : 'not_achieved';

export const isSuspended = (o: Pick<ObjectiveInput, 'revision'>): boolean => o.revision?.kind === 'suspended';

/**
 * Unrounded score of an objective: weighted mean of its indicators' achievements;
 * null when suspended (DOMAIN.md: shown but not scored).
 */
export const objectiveScore = (o: Pick<ObjectiveInput, 'revision' | 'indicators'>): number | null => {
  if (isSuspended(o)) return null;
  let weighted = 0;
  let weights = 0;
  for (const i of o.indicators) {
    weighted += i.weight * indicatorAchievement(parseIndicatorValue(i.target), parseIndicatorValue(i.actual));
    weights += i.weight;
  }
  return weights > 0 ? weighted / weights : 0;
};

/** Score rounded to 4 decimals and status of one objective. */
export const scoreObjective = (o: ObjectiveInput, settings: ScoringSettings = DEFAULT_SCORING): ObjectiveScore => {
  const raw = objectiveScore(o);
  if (raw === null) return { code: o.code, title: o.title, score: null, status: 'suspended' };
  const score = round4(raw);
  return { code: o.code, title: o.title, score, status: statusFor(score, checkSettings(settings)) };
};

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

/** "2" < "2.1" < "2.2" < "2.10" < "10"; codes that are not numbers by plain comparison. */
export const compareCodes = (a: string, b: string): number => a.localeCompare(b, 'it', { numeric: true, sensitivity: 'base' });

/**
 * EXCHANGE.md `scores PLAN_ID`. `planRef` fills the `plan` field (the services
 * pass the plan id; the domain does not know it). Centres keep the plan's order;
 * objectives are sorted by code (EXCHANGE.md: lists sorted by code), equal codes in plan order.
 * A centre's score is the mean of its scored objectives; `overall` the mean of
 * all scored objectives, a shared one (same id) counted once. Means use the
 * unrounded objective scores and are rounded at the end.
 */
export const scorePlan = (plan: PlanInput, settings: ScoringSettings = DEFAULT_SCORING, planRef: string = plan.body): PlanScores => {
  checkSettings(settings);
  const counted = new Map<ObjectiveInput | string, number>();
  const centres = plan.centres.map((c): CentreScore => {
    const scored: number[] = [];
    const objectives = c.objectives.map((o) => {
      const raw = objectiveScore(o);
      if (raw !== null) {
        scored.push(raw);
        counted.set(o.id ?? o, raw);
      }
      return scoreObjective(o, settings);
    });
    const centreMean = mean(scored);
    return {
      name: c.name,
      score: centreMean === null ? null : round4(centreMean),
      objectives: [...objectives].sort((a, b) => compareCodes(a.code, b.code)),
    };
  });
  const overall = mean([...counted.values()]);
  return { plan: planRef, year: plan.year, overall: overall === null ? null : round4(overall), centres };
};
