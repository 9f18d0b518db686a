/**
 * Following a plan through the year: the actual values of indicators, the actual times of
 * activities and the year-end report of each objective, by the manager or the area manager of the
 * objective's centre, until the plan is validated.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { performanceActivities, performanceIndicators, performanceObjectives } from '../../db/schema/index.ts';
import { activityOfPlan, centreNamesOfObjective, indicatorOfPlan, indicatorsOf, latestRevision, objectiveOfPlan, type ObjectiveRow, type PlanRow } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requireCentre, requirePermission } from '../../domain/auth/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { revisionInput } from './plan-json.ts';
import { DEFAULT_SCORING, scoreObjective, type ScoringSettings } from '../../domain/performance/scoring.ts';
import { parseIndicatorValue } from '../../domain/performance/values.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { openPlan } from './access.ts';

const objectiveOutcome = async (tx: Executor, plan: PlanRow, objective: ObjectiveRow) => {
  const indicators = await indicatorsOf(tx, objective.id);
  const revision = await latestRevision(tx, objective.id);
  const settings = { ...DEFAULT_SCORING, ...(plan.scoring as Partial<ScoringSettings>) };
  const { score, status } = scoreObjective(
    {
      id: null,
      code: '',
      title: objective.title,
      strategicArea: '',
      operationalObjective: '',
      pegProject: '',
      services: '',
      endUsers: '',
      networks: '',
      description: '',
      report: '',
      activities: [],
      revision: revision ? revisionInput(revision) : null,
      indicators,
    },
    settings,
  );
  return { objectiveId: objective.id, score, status };
};

/** Area managers and the manager record the year's actual value of an indicator, as written. */
export const updateIndicatorActual = async (ctx: ServiceContext, actor: Actor, planId: number, indicatorId: number, actual: string) => {
  requirePermission(actor, 'performance.report');
  const text = actual.trim();
  const value = parseIndicatorValue(text);
  if (value.kind === 'text') {
    throw invalid('performance.actual_unrecognised', `Valore consuntivo non riconosciuto: "${text}" (un numero, si, no, si parzialmente, o vuoto)`);
  }
  return ctx.database.db.transaction(async (tx) => {
    const plan = await openPlan(tx, actor, planId);
    const indicator = await indicatorOfPlan(tx, planId, indicatorId);
    if (!indicator) throw notFound('performance.indicator_not_found', `Indicatore ${indicatorId} non trovato nel piano ${planId}`);
    requireCentre(actor, plan.body, await centreNamesOfObjective(tx, indicator.objectiveId));
    await tx.update(performanceIndicators).set({ actual: text }).where(eq(performanceIndicators.id, indicatorId));
    await recordChange(ctx, tx, actor, { action: 'performance.indicator.actual', entityType: 'performance_indicator', entityId: indicatorId, before: { actual: indicator.actual }, after: { actual: text } });
    const objective = (await objectiveOfPlan(tx, planId, indicator.objectiveId))!;
    return { id: indicatorId, actual: text, objective: await objectiveOutcome(tx, plan, objective) };
  });
};

/** The actual time of an activity, as written ("Luglio", "Rinvio al 2025"). */
export const updateActivityActual = async (ctx: ServiceContext, actor: Actor, planId: number, activityId: number, actual: string) => {
  requirePermission(actor, 'performance.report');
  const text = actual.trim();
  return ctx.database.db.transaction(async (tx) => {
    const plan = await openPlan(tx, actor, planId);
    const activity = await activityOfPlan(tx, planId, activityId);
    if (!activity) throw notFound('performance.activity_not_found', `Attività ${activityId} non trovata nel piano ${planId}`);
    requireCentre(actor, plan.body, await centreNamesOfObjective(tx, activity.objectiveId));
    await tx.update(performanceActivities).set({ actual: text }).where(eq(performanceActivities.id, activityId));
    await recordChange(ctx, tx, actor, { action: 'performance.activity.actual', entityType: 'performance_activity', entityId: activityId, before: { actual: activity.actual }, after: { actual: text } });
    return { id: activityId, planned: activity.planned, actual: text };
  });
};

/** The year-end report of an objective ("Report al 31/12"). */
export const setObjectiveReport = async (ctx: ServiceContext, actor: Actor, planId: number, objectiveId: number, report: string) => {
  requirePermission(actor, 'performance.report');
  const text = report.trim();
  return ctx.database.db.transaction(async (tx) => {
    const plan = await openPlan(tx, actor, planId);
    const objective = await objectiveOfPlan(tx, planId, objectiveId);
    if (!objective) throw notFound('performance.objective_not_found', `Obiettivo ${objectiveId} non trovato nel piano ${planId}`);
    requireCentre(actor, plan.body, await centreNamesOfObjective(tx, objectiveId));
    await tx.update(performanceObjectives).set({ report: text }).where(eq(performanceObjectives.id, objectiveId));
    await recordChange(ctx, tx, actor, { action: 'performance.objective.report', entityType: 'performance_objective', entityId: objectiveId, before: { report: objective.report }, after: { report: text } });
    return { id: objectiveId, report: text };
  });
};
