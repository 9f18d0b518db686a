/**
 * Writing a plan in the application instead of importing it (DOMAIN.md "Performance cycle"): the
 * consortium manager creates the year's plan of a body within its three-year plan, then adds its
 * responsibility centres, their objectives (every field of seed 2; the code is not unique), the
 * activities and the indicators, and sets the scoring thresholds. Every write authorizes first,
 * locks the plan against a concurrent validation (409 once validated), and is one transaction
 * with its audit entry.
 */
import { eq, sql } from 'drizzle-orm';
import {
  performanceActivities,
  performanceCentreObjectives,
  performanceCentres,
  performanceIndicators,
  performanceObjectives,
  performancePlans,
} from '../../db/schema/index.ts';
import {
  centreByName,
  centreOfPlan,
  findPlanByBodyYear,
  nextActivityPosition,
  nextCentrePosition,
  nextIndicatorPosition,
  nextMembershipPosition,
  objectiveOfPlan,
  readPlanRecord,
} from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requireBody, requirePermission } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { checkSettings, DEFAULT_SCORING, scorePlan, type PlanScores, type ScoringSettings } from '../../domain/performance/scoring.ts';
import { isValidTarget, parseIndicatorValue } from '../../domain/performance/values.ts';
import { objectiveTexts } from '../../domain/performance/plan.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { openPlan } from './access.ts';
import { settingsOf, toPlanInput } from './plan-json.ts';

const text = (v: string | undefined | null): string => (v ?? '').replace(/\u00a0/g, ' ').trim();

const required = (v: string | undefined, code: string, message: string): string => {
  const t = text(v);
  if (t === '') throw invalid(code, message);
  return t;
};

// ---------------------------------------------------------------- plan

export interface NewPlanRequest {
  body: string;
  year: number;
  periodFrom: number;
  periodTo: number;
}

/** An empty draft plan for a body and year, within its three-year plan, with the default scoring. */
export const createPlan = async (ctx: ServiceContext, actor: Actor, request: NewPlanRequest) => {
  requirePermission(actor, 'performance.manage');
  const body = required(request.body, 'performance.plan_body_missing', "Indicare l'ente del piano");
  // a manager writes its own body's plans only; refused before anything tells whether that body's plan exists
  requireBody(actor, body);
  const { year, periodFrom, periodTo } = request;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('performance.plan_year_invalid', 'Anno non valido (intero tra 2000 e 2100)');
  if (!Number.isInteger(periodFrom) || !Number.isInteger(periodTo) || periodTo !== periodFrom + 2 || year < periodFrom || year > periodTo) {
    throw invalid('performance.plan_period_invalid', `Triennio non valido: ${periodFrom}–${periodTo} deve essere di tre anni e comprendere il ${year}`);
  }
  return ctx.database.db.transaction(async (tx) => {
    // Two managers creating the same plan at once: the second waits here and then finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`performance_plan:${body.toLowerCase()}`}), ${year})`);
    const existing = await findPlanByBodyYear(tx, body, year);
    if (existing) throw conflict('performance.plan_exists', `Esiste già il piano della performance ${year} di ${body} (piano ${existing.id})`);
    const scoring = DEFAULT_SCORING;
    const [row] = await tx.insert(performancePlans).values({ body, year, periodFrom, periodTo, scoring, createdAt: ctx.now() }).returning();
    const plan = row!;
    const after = { body, year, period: { from: periodFrom, to: periodTo }, scoring, status: plan.status };
    await recordChange(ctx, tx, actor, { action: 'performance.plan.create', entityType: 'performance_plan', entityId: plan.id, before: null, after });
    return { id: plan.id, ...after };
  });
};

// ---------------------------------------------------------------- centres

export const addCentre = async (ctx: ServiceContext, actor: Actor, planId: number, request: { name: string }) => {
  requirePermission(actor, 'performance.manage');
  const name = required(request.name, 'performance.centre_name_missing', 'Indicare il nome del centro di responsabilità');
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    if (await centreByName(tx, planId, name)) throw conflict('performance.centre_exists', `Il centro di responsabilità "${name}" è già nel piano`);
    const position = await nextCentrePosition(tx, planId);
    const [row] = await tx.insert(performanceCentres).values({ planId, name, position }).returning();
    const centre = { id: row!.id, name, position };
    await recordChange(ctx, tx, actor, { action: 'performance.centre.create', entityType: 'performance_centre', entityId: centre.id, before: null, after: { planId, ...centre } });
    return centre;
  });
};

// ---------------------------------------------------------------- objectives

export type NewObjectiveRequest = { code: string; title: string } & Partial<Record<(typeof objectiveTexts)[number], string>>;

/** An objective of a centre, numbered by the centre's code (not unique: seed 2 has two "Obiettivo 1" in one area). */
export const addObjective = async (ctx: ServiceContext, actor: Actor, planId: number, centreId: number, request: NewObjectiveRequest) => {
  requirePermission(actor, 'performance.manage');
  const code = required(request.code, 'performance.objective_code_missing', "Indicare il codice dell'obiettivo");
  const title = required(request.title, 'performance.objective_title_missing', "Il titolo dell'obiettivo non può essere vuoto");
  const texts = Object.fromEntries(objectiveTexts.map((f) => [f, text(request[f])])) as Record<(typeof objectiveTexts)[number], string>;
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    const centre = await centreOfPlan(tx, planId, centreId);
    if (!centre) throw notFound('performance.centre_not_found', `Centro di responsabilità ${centreId} non trovato nel piano ${planId}`);
    const [row] = await tx.insert(performanceObjectives).values({ planId, sharedKey: null, title, ...texts }).returning({ id: performanceObjectives.id });
    const objectiveId = row!.id;
    const position = await nextMembershipPosition(tx, centreId);
    await tx.insert(performanceCentreObjectives).values({ centreId, objectiveId, code, position });
    const objective = { id: objectiveId, centreId, code, title, ...texts };
    await recordChange(ctx, tx, actor, { action: 'performance.objective.create', entityType: 'performance_objective', entityId: objectiveId, before: null, after: { planId, centre: centre.name, ...objective } });
    return objective;
  });
};

const objectiveIn = async (tx: Parameters<typeof objectiveOfPlan>[0], planId: number, objectiveId: number) => {
  const objective = await objectiveOfPlan(tx, planId, objectiveId);
  if (!objective) throw notFound('performance.objective_not_found', `Obiettivo ${objectiveId} non trovato nel piano ${planId}`);
  return objective;
};

// ---------------------------------------------------------------- activities and indicators

/** An activity with its planned time as written ("Marzo", "Marzo 2025", "mensile"); the actual comes later. */
export const addActivity = async (ctx: ServiceContext, actor: Actor, planId: number, objectiveId: number, request: { description: string; planned?: string | undefined }) => {
  requirePermission(actor, 'performance.manage');
  const description = required(request.description, 'performance.activity_description_missing', "Indicare la descrizione dell'attività");
  const planned = text(request.planned);
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    await objectiveIn(tx, planId, objectiveId);
    const position = await nextActivityPosition(tx, objectiveId);
    const [row] = await tx.insert(performanceActivities).values({ objectiveId, position, description, planned, actual: '' }).returning({ id: performanceActivities.id });
    const activity = { id: row!.id, objectiveId, description, planned, actual: '' };
    await recordChange(ctx, tx, actor, { action: 'performance.activity.create', entityType: 'performance_activity', entityId: activity.id, before: null, after: { planId, ...activity } });
    return activity;
  });
};

export interface NewIndicatorRequest {
  name?: string | undefined;
  description?: string | undefined;
  unit?: string | undefined;
  target: string;
  weight?: number | undefined;
}

/** The domain's rule for a target (src/domain/performance/plan.ts): a number not below zero, si or no. */
const checkTarget = (target: string) => {
  const value = parseIndicatorValue(target);
  if (value.kind === 'missing') throw invalid('performance.target_missing', 'Indicare il valore atteso');
  if (value.kind === 'number' && value.value < 0) throw invalid('performance.target_negative', `Valore atteso negativo: "${target}"`);
  if (!isValidTarget(value)) throw invalid('performance.target_unrecognised', `Valore atteso non riconosciuto: "${target}" (un numero non negativo, si o no)`);
};

export const addIndicator = async (ctx: ServiceContext, actor: Actor, planId: number, objectiveId: number, request: NewIndicatorRequest) => {
  requirePermission(actor, 'performance.manage');
  const name = text(request.name);
  const description = text(request.description);
  // seed 2 has an indicator with no name: one of the two suffices, as in the import
  if (name === '' && description === '') throw invalid('performance.indicator_name_missing', "Indicare il nome o la descrizione dell'indicatore");
  const target = text(request.target);
  checkTarget(target);
  const weight = request.weight ?? 1;
  if (!Number.isFinite(weight) || weight <= 0) throw invalid('performance.indicator_weight_invalid', 'Il peso deve essere un numero maggiore di zero');
  const unit = text(request.unit);
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    await objectiveIn(tx, planId, objectiveId);
    const position = await nextIndicatorPosition(tx, objectiveId);
    const [row] = await tx.insert(performanceIndicators).values({ objectiveId, position, name, description, unit, target, actual: '', weight }).returning({ id: performanceIndicators.id });
    const indicator = { id: row!.id, objectiveId, name, description, unit, target, actual: '', weight };
    await recordChange(ctx, tx, actor, { action: 'performance.indicator.create', entityType: 'performance_indicator', entityId: indicator.id, before: null, after: { planId, ...indicator } });
    return indicator;
  });
};

// ---------------------------------------------------------------- scoring

/** The plan's thresholds (DOMAIN.md: configurable, 90% and 50% by default), checked by the domain. */
export const setScoring = async (ctx: ServiceContext, actor: Actor, planId: number, request: ScoringSettings): Promise<{ id: number; scoring: ScoringSettings; scores: PlanScores }> => {
  requirePermission(actor, 'performance.manage');
  const scoring = checkSettings({ achievedThreshold: request.achievedThreshold, partiallyThreshold: request.partiallyThreshold });
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    const record = (await readPlanRecord(tx, planId))!;
    const before = settingsOf(record);
    await tx.update(performancePlans).set({ scoring }).where(eq(performancePlans.id, planId));
    await recordChange(ctx, tx, actor, { action: 'performance.plan.scoring', entityType: 'performance_plan', entityId: planId, before: { scoring: before }, after: { scoring } });
    return { id: planId, scoring, scores: scorePlan(toPlanInput(record), scoring, String(planId)) };
  });
};
