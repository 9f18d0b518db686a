/**
 * What the "Relazione sulla Performance" shows: the plan as read out by the
 * services (never a database query here, STYLE.md "documents/"), its scores
 * and the planned-vs-actual timeline of every objective.
 */
import type { CalendarDate } from '../../domain/dates.ts';
import type { EmblemImage } from '../../domain/emblem.ts';
import type { IndicatorInput, ObjectiveInput, PlanInput } from '../../domain/performance/plan.ts';
import {
  DEFAULT_SCORING,
  indicatorAchievement,
  isSuspended,
  scoreObjective,
  scorePlan,
  type ObjectiveStatus,
  type PlanScores,
  type ScoringSettings,
} from '../../domain/performance/scoring.ts';
import { timelineRow, type TimelineRow } from '../../domain/performance/timeline.ts';
import { parseIndicatorValue } from '../../domain/performance/values.ts';

export interface ReportIndicator extends IndicatorInput {
  /** In [0, 1]; null when the objective is suspended. */
  readonly achievement: number | null;
}

export interface ReportActivity {
  readonly description: string;
  readonly planned: string;
  readonly actual: string;
  readonly timeline: TimelineRow;
}

export interface ReportObjective extends Omit<ObjectiveInput, 'activities' | 'indicators'> {
  readonly activities: readonly ReportActivity[];
  readonly indicators: readonly ReportIndicator[];
  readonly score: number | null;
  readonly status: ObjectiveStatus;
  /** The evaluator's comment on the objective, once the scores are validated. */
  readonly evaluation: string | null;
}

/** The evaluator's validation of the scores (DOMAIN.md: the plan is then frozen). */
export interface ReportValidation {
  readonly by: string;
  readonly on: CalendarDate;
  readonly comment: string;
  /** Comments on single objectives, keyed by the plan input's objective. */
  readonly objectiveComments: ReadonlyMap<ObjectiveInput, string>;
}

export type StatusCounts = Readonly<Record<ObjectiveStatus, number>> & { readonly objectives: number };

export interface ReportCentre {
  readonly name: string;
  readonly score: number | null;
  readonly counts: StatusCounts;
  /** In plan order (the order of the source document). */
  readonly objectives: readonly ReportObjective[];
}

/** The body's emblem as stored, with the size read from its bytes (src/domain/emblem.ts). */
export interface ReportEmblem extends EmblemImage {
  readonly content: Uint8Array;
}

export interface PerformanceReportModel {
  readonly body: string;
  readonly year: number;
  /** The day the document is made, in Rome: it is printed on the cover. */
  readonly date: CalendarDate;
  /** Null when the body has uploaded none: the cover then has no image at all. */
  readonly emblem: ReportEmblem | null;
  readonly centres: readonly ReportCentre[];
  /** Mean of all scored objectives, a shared one counted once (EXCHANGE.md). */
  readonly overall: number | null;
  /** Objectives counted once each (a shared objective appears in several centres). */
  readonly totals: StatusCounts;
  /** The EXCHANGE.md read-out the figures come from. */
  readonly scores: PlanScores;
  /** Null while the evaluator has not validated the scores: the report is then provisional. */
  readonly validation: Omit<ReportValidation, 'objectiveComments'> | null;
}

const countStatuses = (statuses: readonly ObjectiveStatus[]): StatusCounts => ({
  objectives: statuses.length,
  achieved: statuses.filter((s) => s === 'achieved').length,
  partially_achieved: statuses.filter((s) => s === 'partially_achieved').length,
  not_achieved: statuses.filter((s) => s === 'not_achieved').length,
  suspended: statuses.filter((s) => s === 'suspended').length,
});

const reportObjective = (o: ObjectiveInput, year: number, settings: ScoringSettings, evaluation: string | null): ReportObjective => {
  const { score, status } = scoreObjective(o, settings);
  const suspended = isSuspended(o);
  return {
    ...o,
    activities: o.activities.map((a) => ({ ...a, timeline: timelineRow(a, year) })),
    indicators: o.indicators.map((i) => ({
      ...i,
      achievement: suspended ? null : indicatorAchievement(parseIndicatorValue(i.target), parseIndicatorValue(i.actual)),
    })),
    score,
    status,
    evaluation,
  };
};

export interface ReportOptions {
  /** The document's date (Rome). */
  readonly date: CalendarDate;
  readonly emblem?: ReportEmblem | null;
  readonly settings?: ScoringSettings;
  readonly planRef?: string;
  /** Once given, the evaluator's validation. */
  readonly validation?: ReportValidation | null;
}

/** Builds the report model from a plan (the plan read-out of the services), the cover's date and emblem and, once given, its validation. */
export const buildPerformanceReportModel = (plan: PlanInput, options: ReportOptions): PerformanceReportModel => {
  const { settings = DEFAULT_SCORING, planRef, validation = null } = options;
  const scores = scorePlan(plan, settings, planRef);
  const distinct = new Map<ObjectiveInput | string, ObjectiveStatus>();
  const centres = plan.centres.map((c, i): ReportCentre => {
    const objectives = c.objectives.map((o) => reportObjective(o, plan.year, settings, validation?.objectiveComments.get(o) ?? null));
    c.objectives.forEach((o, j) => distinct.set(o.id ?? o, objectives[j]!.status));
    // scorePlan keeps the plan's order of centres
    return { name: c.name, score: scores.centres[i]!.score, counts: countStatuses(objectives.map((o) => o.status)), objectives };
  });
  return {
    body: plan.body,
    year: plan.year,
    date: options.date,
    emblem: options.emblem ?? null,
    centres,
    overall: scores.overall,
    totals: countStatuses([...distinct.values()]),
    scores,
    validation: validation && { by: validation.by, on: validation.on, comment: validation.comment },
  };
};
