/** Queries of the performance cycle tables (src/db/schema/performance.ts). */
import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import {
  acts,
  performanceActivities,
  performanceCentreObjectives,
  performanceCentres,
  performanceEvaluations,
  performanceIndicators,
  performanceObjectives,
  performancePlans,
  performanceRevisions,
} from '../schema/index.ts';

export type PlanRow = typeof performancePlans.$inferSelect;
export type ObjectiveRow = typeof performanceObjectives.$inferSelect;
export type ActivityRow = typeof performanceActivities.$inferSelect;
export type IndicatorRow = typeof performanceIndicators.$inferSelect;
/** A revision with its act's own date (null when the act is not in the register); `date` is when it takes effect. */
export type RevisionRow = typeof performanceRevisions.$inferSelect & { actDate: string | null };
export type EvaluationRow = typeof performanceEvaluations.$inferSelect;

/** Revisions with the date of the board resolution each cites, read from the acts register. */
const revisionsWithActDate = (ex: Executor) =>
  ex
    .select({ ...getTableColumns(performanceRevisions), actDate: acts.date })
    .from(performanceRevisions)
    .leftJoin(acts, eq(acts.id, performanceRevisions.actId));

export interface ObjectiveRecord extends ObjectiveRow {
  activities: ActivityRow[];
  indicators: IndicatorRow[];
  /** Oldest first; the last one decides whether the objective is suspended. */
  revisions: RevisionRow[];
  evaluation: EvaluationRow | null;
}

export interface OccurrenceRecord {
  /** The code the centre numbers the objective by. */
  code: string;
  objective: ObjectiveRecord;
}

export interface CentreRecord {
  id: number;
  name: string;
  occurrences: OccurrenceRecord[];
}

export interface PlanRecord {
  plan: PlanRow;
  centres: CentreRecord[];
  /** Every distinct objective, by id. */
  objectives: Map<number, ObjectiveRecord>;
}

/** The plan row, locked for the rest of the transaction when `lock` (writes wait on validation and vice versa). */
export const findPlan = async (ex: Executor, id: number, lock = false): Promise<PlanRow | null> => {
  const q = ex.select().from(performancePlans).where(eq(performancePlans.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
};

export const findPlanByBodyYear = async (ex: Executor, body: string, year: number): Promise<PlanRow | null> => {
  const [row] = await ex.select().from(performancePlans).where(and(eq(performancePlans.body, body), eq(performancePlans.year, year))).orderBy(asc(performancePlans.id)).limit(1);
  return row ?? null;
};

export const listPlanRows = async (ex: Executor) => {
  // Qualified by hand: Drizzle writes a column of a single-table select without its table name,
  // which inside the subquery would name the subquery's own id.
  const centres = sql<string>`(select count(*) from performance_centres c where c.plan_id = "performance_plans"."id")`;
  const objectives = sql<string>`(select count(*) from performance_objectives o where o.plan_id = "performance_plans"."id")`;
  const rows = await ex
    .select({ plan: performancePlans, centres, objectives })
    .from(performancePlans)
    .orderBy(desc(performancePlans.year), asc(performancePlans.body), asc(performancePlans.id));
  return rows.map((r) => ({ ...r.plan, centres: Number(r.centres), objectives: Number(r.objectives) }));
};

/** The whole plan in document order: centres, their objectives with activities, indicators, revisions, comments. */
export const readPlanRecord = async (ex: Executor, id: number): Promise<PlanRecord | null> => {
  const plan = await findPlan(ex, id);
  if (!plan) return null;
  const centres = await ex.select().from(performanceCentres).where(eq(performanceCentres.planId, id)).orderBy(asc(performanceCentres.position), asc(performanceCentres.id));
  const objectiveRows = await ex.select().from(performanceObjectives).where(eq(performanceObjectives.planId, id)).orderBy(asc(performanceObjectives.id));
  const ids = objectiveRows.map((o) => o.id);
  // one query after the other: a transaction's connection runs one statement at a time
  const where = (column: AnyPgColumn) => inArray(column, ids.length ? ids : [-1]);
  const activities = await ex.select().from(performanceActivities).where(where(performanceActivities.objectiveId)).orderBy(asc(performanceActivities.position), asc(performanceActivities.id));
  const indicators = await ex.select().from(performanceIndicators).where(where(performanceIndicators.objectiveId)).orderBy(asc(performanceIndicators.position), asc(performanceIndicators.id));
  const revisions = await revisionsWithActDate(ex).where(where(performanceRevisions.objectiveId)).orderBy(asc(performanceRevisions.version));
  const evaluations = await ex.select().from(performanceEvaluations).where(where(performanceEvaluations.objectiveId));
  const memberships = await ex
    .select()
    .from(performanceCentreObjectives)
    .where(where(performanceCentreObjectives.objectiveId))
    .orderBy(asc(performanceCentreObjectives.position), asc(performanceCentreObjectives.id));
  const objectives = new Map<number, ObjectiveRecord>(objectiveRows.map((o) => [o.id, { ...o, activities: [], indicators: [], revisions: [], evaluation: null }]));
  for (const a of activities) objectives.get(a.objectiveId)?.activities.push(a);
  for (const i of indicators) objectives.get(i.objectiveId)?.indicators.push(i);
  for (const r of revisions) objectives.get(r.objectiveId)?.revisions.push(r);
  for (const e of evaluations) {
    const o = objectives.get(e.objectiveId);
    if (o) o.evaluation = e;
  }
  return {
    plan,
    objectives,
    centres: centres.map((c) => ({
      id: c.id,
      name: c.name,
      occurrences: memberships.filter((m) => m.centreId === c.id).map((m) => ({ code: m.code, objective: objectives.get(m.objectiveId)! })),
    })),
  };
};

/** The plan an objective, indicator or activity belongs to (null: it does not exist or lies in another plan). */
export const objectiveOfPlan = async (ex: Executor, planId: number, objectiveId: number): Promise<ObjectiveRow | null> => {
  const [row] = await ex.select().from(performanceObjectives).where(and(eq(performanceObjectives.id, objectiveId), eq(performanceObjectives.planId, planId)));
  return row ?? null;
};

export const indicatorOfPlan = async (ex: Executor, planId: number, indicatorId: number): Promise<IndicatorRow | null> => {
  const [row] = await ex
    .select({ indicator: performanceIndicators })
    .from(performanceIndicators)
    .innerJoin(performanceObjectives, eq(performanceObjectives.id, performanceIndicators.objectiveId))
    .where(and(eq(performanceIndicators.id, indicatorId), eq(performanceObjectives.planId, planId)));
  return row?.indicator ?? null;
};

export const activityOfPlan = async (ex: Executor, planId: number, activityId: number): Promise<ActivityRow | null> => {
  const [row] = await ex
    .select({ activity: performanceActivities })
    .from(performanceActivities)
    .innerJoin(performanceObjectives, eq(performanceObjectives.id, performanceActivities.objectiveId))
    .where(and(eq(performanceActivities.id, activityId), eq(performanceObjectives.planId, planId)));
  return row?.activity ?? null;
};

/** The names of the centres an objective belongs to (one objective may serve several). */
export const centreNamesOfObjective = async (ex: Executor, objectiveId: number): Promise<string[]> =>
  (
    await ex
      .select({ name: performanceCentres.name })
      .from(performanceCentreObjectives)
      .innerJoin(performanceCentres, eq(performanceCentres.id, performanceCentreObjectives.centreId))
      .where(eq(performanceCentreObjectives.objectiveId, objectiveId))
  ).map((r) => r.name);

export const latestRevision = async (ex: Executor, objectiveId: number): Promise<RevisionRow | null> => {
  const [row] = await revisionsWithActDate(ex).where(eq(performanceRevisions.objectiveId, objectiveId)).orderBy(desc(performanceRevisions.version)).limit(1);
  return row ?? null;
};

export const activitiesOf = (ex: Executor, objectiveId: number) =>
  ex.select().from(performanceActivities).where(eq(performanceActivities.objectiveId, objectiveId)).orderBy(asc(performanceActivities.position), asc(performanceActivities.id));

export const indicatorsOf = (ex: Executor, objectiveId: number) =>
  ex.select().from(performanceIndicators).where(eq(performanceIndicators.objectiveId, objectiveId)).orderBy(asc(performanceIndicators.position), asc(performanceIndicators.id));

// ---------------------------------------------------------------- authoring

export type CentreRow = typeof performanceCentres.$inferSelect;

/** A centre of the plan (null: it does not exist or lies in another plan). */
export const centreOfPlan = async (ex: Executor, planId: number, centreId: number): Promise<CentreRow | null> => {
  const [row] = await ex.select().from(performanceCentres).where(and(eq(performanceCentres.id, centreId), eq(performanceCentres.planId, planId)));
  return row ?? null;
};

/** A centre of the plan by name, compared without case (the import refuses two centres differing only in case). */
export const centreByName = async (ex: Executor, planId: number, name: string): Promise<CentreRow | null> => {
  const [row] = await ex
    .select()
    .from(performanceCentres)
    .where(and(eq(performanceCentres.planId, planId), sql`lower(${performanceCentres.name}) = lower(${name})`))
    .limit(1);
  return row ?? null;
};

/** The position after the last one of a centre (in its plan), a membership (in its centre), an activity or an indicator (in its objective). */
export const nextCentrePosition = async (ex: Executor, planId: number): Promise<number> => {
  const [row] = await ex.select({ max: sql<string | null>`max(${performanceCentres.position})` }).from(performanceCentres).where(eq(performanceCentres.planId, planId));
  return Number(row?.max ?? 0) + 1;
};

export const nextMembershipPosition = async (ex: Executor, centreId: number): Promise<number> => {
  const [row] = await ex.select({ max: sql<string | null>`max(${performanceCentreObjectives.position})` }).from(performanceCentreObjectives).where(eq(performanceCentreObjectives.centreId, centreId));
  return Number(row?.max ?? 0) + 1;
};

export const nextActivityPosition = async (ex: Executor, objectiveId: number): Promise<number> => {
  const [row] = await ex.select({ max: sql<string | null>`max(${performanceActivities.position})` }).from(performanceActivities).where(eq(performanceActivities.objectiveId, objectiveId));
  return Number(row?.max ?? 0) + 1;
};

export const nextIndicatorPosition = async (ex: Executor, objectiveId: number): Promise<number> => {
  const [row] = await ex.select({ max: sql<string | null>`max(${performanceIndicators.position})` }).from(performanceIndicators).where(eq(performanceIndicators.objectiveId, objectiveId));
  return Number(row?.max ?? 0) + 1;
};
