/**
 * Use cases of the performance cycle (DOMAIN.md "Performance cycle", EXCHANGE.md "Performance
 * plan JSON"): import a plan, follow it through the year (actuals, year-end reports, revisions by
 * board resolution), score it, have the evaluator validate it, and read it out as JSON, XLSX,
 * DOCX and PDF. Every use case authorizes on its first line; every write is one transaction
 * with its audit entry.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
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
  users,
  type PerformanceRevisionKind,
} from '../db/schema/index.ts';
import {
  activityOfPlan,
  centreNamesOfObjective,
  findPlan,
  indicatorOfPlan,
  indicatorsOf,
  activitiesOf,
  latestRevision,
  listPlanRows,
  objectiveOfPlan,
  readPlanRecord,
  type ObjectiveRow,
  type PlanRecord,
  type PlanRow,
} from '../db/repositories/performance.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { actorName, actsForBody, requireBody, requireCentre, requirePermission } from '../domain/auth/actor.ts';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import { formatItalianDate, parseCalendarDate, romeDate } from '../domain/dates.ts';
import { validatePlanInput, type ObjectiveInput, type PlanInput } from '../domain/performance/plan.ts';
import {
  checkSettings,
  DEFAULT_SCORING,
  indicatorAchievement,
  round4,
  scoreObjective,
  scorePlan,
  type ObjectiveStatus,
  type PlanScores,
  type ScoringSettings,
} from '../domain/performance/scoring.ts';
import { parseIndicatorValue } from '../domain/performance/values.ts';
import { buildPerformanceReportModel, type ReportValidation } from '../documents/performance-report/model.ts';
import { performanceReportDocx } from '../documents/performance-report/docx.ts';
import { performanceReportPdf } from '../documents/performance-report/pdf.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';
import { emblemOfBodyNamed } from './body-emblem.ts';
import { ensureAct } from './acts.ts';
import { keepFirstSharedOccurrence, revisionInput, settingsOf, toPlanInput, toPlanJson, type PlanJson } from './performance/plan-json.ts';
import { planFromWorkbook, planToWorkbook } from './performance/xlsx.ts';

/** A plan file refused: every problem with its JSON path (or sheet and row), in Italian. */
export class PlanRejected extends DomainError {
  readonly errors: readonly string[];
  constructor(errors: readonly string[]) {
    super('invalid', 'performance.plan_invalid', `Piano non valido: ${errors.length} errori, nessun dato salvato. ${errors.slice(0, 20).join('; ')}`);
    this.errors = errors;
  }
}

const planNotFound = (id: number) => notFound('performance.plan_not_found', `Piano della performance ${id} non trovato`);

/**
 * The plan, when the actor acts for its body. A plan of another body answers exactly as a missing
 * one, so an id tells nothing of another body's plans (ASVS V4.2.1). The body is checked before
 * the row is locked: a refused request neither waits on nor holds another body's plan.
 */
const visiblePlan = async (ex: Executor, actor: Actor, id: number, lock = false): Promise<PlanRow> => {
  const plan = await findPlan(ex, id);
  if (!plan || !actsForBody(actor, plan.body)) throw planNotFound(id);
  if (!lock) return plan;
  const locked = await findPlan(ex, id, true);
  if (!locked) throw planNotFound(id);
  return locked;
};

const frozen = () =>
  conflict('performance.plan_validated', 'Il piano è stato validato dal valutatore: punteggi, valori consuntivi, report e revisioni non sono più modificabili');

// ---------------------------------------------------------------- import

interface ImportOptions {
  period: { from: number; to: number };
  scoring: ScoringSettings;
}

/** `period` and `scoring` are Regia's additions to the plan file (free per EXCHANGE.md); both optional. */
const readOptions = (json: unknown, year: number): { options: ImportOptions; errors: string[] } => {
  const raw = (typeof json === 'object' && json !== null ? json : {}) as { period?: unknown; scoring?: unknown };
  const errors: string[] = [];
  // The three-year plan (Piano programma 2024/2026) starts with the plan's year unless given.
  let period = { from: year, to: year + 2 };
  if (raw.period !== undefined && raw.period !== null) {
    const p = raw.period as { from?: unknown; to?: unknown };
    const ok = typeof p === 'object' && Number.isInteger(p.from) && Number.isInteger(p.to) && (p.from as number) <= year && year <= (p.to as number);
    if (ok) period = { from: p.from as number, to: p.to as number };
    else errors.push(`period: triennio non valido (atteso { "from": anno, "to": anno } che comprenda ${year})`);
  }
  let scoring = DEFAULT_SCORING;
  if (raw.scoring !== undefined && raw.scoring !== null) {
    const s = raw.scoring as Partial<ScoringSettings>;
    try {
      scoring = checkSettings({
        achievedThreshold: typeof s.achievedThreshold === 'number' ? s.achievedThreshold : DEFAULT_SCORING.achievedThreshold,
        partiallyThreshold: typeof s.partiallyThreshold === 'number' ? s.partiallyThreshold : DEFAULT_SCORING.partiallyThreshold,
      });
    } catch (e) {
      errors.push(`scoring: ${(e as Error).message}`);
    }
  }
  return { options: { period, scoring }, errors };
};

/** "Deliberazione CdA n. 49" → the board resolution n. 49 of the acts register (type CDA). */
const boardResolutionNumber = (label: string): string | null => {
  if (!/\bcda\b|consiglio di amministrazione/i.test(label)) return null;
  const m = /\bn\.?\s*°?\s*([0-9][\w/.-]*)/i.exec(label);
  return m ? m[1]!.replace(/\.$/, '') : null;
};

const insertPlan = async (ctx: ServiceContext, tx: Executor, actor: Actor, plan: PlanInput, options: ImportOptions): Promise<{ id: number; counts: Record<string, number> }> => {
  const [row] = await tx
    .insert(performancePlans)
    .values({ body: plan.body, year: plan.year, periodFrom: options.period.from, periodTo: options.period.to, scoring: options.scoring, createdAt: ctx.now() })
    .returning({ id: performancePlans.id });
  const planId = row!.id;
  const shared = new Map<string, number>();
  const counts = { centres: 0, objectiveOccurrences: 0, distinctObjectives: 0, activities: 0, indicators: 0, revisions: 0, suspended: 0 };
  for (const [c, centre] of plan.centres.entries()) {
    const [centreRow] = await tx.insert(performanceCentres).values({ planId, name: centre.name, position: c + 1 }).returning({ id: performanceCentres.id });
    counts.centres++;
    for (const [o, objective] of centre.objectives.entries()) {
      counts.objectiveOccurrences++;
      counts.activities += objective.activities.length;
      counts.indicators += objective.indicators.length;
      let objectiveId = objective.id ? shared.get(objective.id) : undefined;
      if (objectiveId === undefined) {
        const [created] = await tx
          .insert(performanceObjectives)
          .values({
            planId,
            sharedKey: objective.id,
            title: objective.title,
            strategicArea: objective.strategicArea,
            operationalObjective: objective.operationalObjective,
            pegProject: objective.pegProject,
            services: objective.services,
            endUsers: objective.endUsers,
            networks: objective.networks,
            description: objective.description,
            report: objective.report,
            version: objective.revision ? 2 : 1,
          })
          .returning({ id: performanceObjectives.id });
        objectiveId = created!.id;
        if (objective.id) shared.set(objective.id, objectiveId);
        counts.distinctObjectives++;
        if (objective.activities.length > 0) {
          await tx.insert(performanceActivities).values(objective.activities.map((a, i) => ({ objectiveId: objectiveId!, position: i + 1, ...a })));
        }
        if (objective.indicators.length > 0) {
          await tx.insert(performanceIndicators).values(objective.indicators.map((x, i) => ({ objectiveId: objectiveId!, position: i + 1, ...x })));
        }
        if (objective.revision) {
          const r = objective.revision;
          const number = boardResolutionNumber(r.act);
          const act = number ? await ensureAct(ctx, tx, actor, { type: 'CDA', number, date: r.date, subject: `Revisione degli obiettivi di performance ${plan.year}` }) : null;
          // Imported already revised: the source gives the current text only, so no earlier version is kept.
          await tx.insert(performanceRevisions).values({ objectiveId, version: 2, kind: r.kind, actId: act?.id ?? null, actLabel: r.act, date: r.date, snapshot: null, recordedAt: ctx.now(), recordedBy: actorName(actor) });
          counts.revisions++;
          if (r.kind === 'suspended') counts.suspended++;
        }
      }
      await tx.insert(performanceCentreObjectives).values({ centreId: centreRow!.id, objectiveId, code: objective.code, position: o + 1 });
    }
  }
  return { id: planId, counts };
};

export interface ImportResult {
  id: number;
  counts: Record<string, number>;
  /** What the importer chose on the user's behalf (shared objectives written twice differently). */
  notes: string[];
}

/** Imports a plan in the EXCHANGE.md JSON format, in one transaction. */
export const importPlan = async (ctx: ServiceContext, actor: Actor, json: unknown): Promise<ImportResult> => {
  requirePermission(actor, 'performance.manage');
  // a manager imports its own body's plans only: refused on the body the file names, before reading the rest
  const named = typeof json === 'object' && json !== null ? (json as { body?: unknown }).body : undefined;
  if (typeof named === 'string') requireBody(actor, named);
  const { json: normalised, notes } = keepFirstSharedOccurrence(json);
  const validation = validatePlanInput(normalised);
  if (!validation.ok) throw new PlanRejected(validation.errors);
  requireBody(actor, validation.plan.body);
  const { options, errors } = readOptions(json, validation.plan.year);
  if (errors.length > 0) throw new PlanRejected(errors);
  return ctx.database.db.transaction(async (tx) => {
    const { id, counts } = await insertPlan(ctx, tx, actor, validation.plan, options);
    await recordChange(ctx, tx, actor, {
      action: 'performance.plan.import',
      entityType: 'performance_plan',
      entityId: id,
      after: { body: validation.plan.body, year: validation.plan.year, period: options.period, scoring: options.scoring, counts },
    });
    return { id, counts, notes };
  });
};

export const importPlanXlsx = async (ctx: ServiceContext, actor: Actor, content: Uint8Array): Promise<ImportResult> => {
  requirePermission(actor, 'performance.manage');
  const read = await planFromWorkbook(content);
  if (!read.ok) throw new PlanRejected(read.errors);
  return importPlan(ctx, actor, read.json);
};

// ---------------------------------------------------------------- read-outs

const loadRecord = async (ex: Executor, actor: Actor, id: number): Promise<PlanRecord> => {
  await visiblePlan(ex, actor, id);
  const record = await readPlanRecord(ex, id);
  if (!record) throw planNotFound(id);
  return record;
};

/** The plan as the domain reads it, with its scoring settings (for scoring and the report). */
export const loadPlan = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ plan: PlanInput; settings: ScoringSettings; record: PlanRecord }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { plan: toPlanInput(record), settings: settingsOf(record), record };
};

const summaryOf = (p: PlanRow) => ({
  id: p.id,
  body: p.body,
  year: p.year,
  period: { from: p.periodFrom, to: p.periodTo },
  status: p.status,
  scoring: (p.scoring ?? DEFAULT_SCORING) as ScoringSettings,
  validation: p.validatedAt ? { by: p.validatedBy ?? '', at: p.validatedAt.toISOString(), comment: p.validationComment ?? '' } : null,
});

export const listPlans = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'performance.read');
  const rows = (await listPlanRows(ctx.database.db)).filter((r) => actsForBody(actor, r.body));
  return rows.map((r) => ({ ...summaryOf(r), centres: r.centres, objectives: r.objectives }));
};

/** EXCHANGE.md `scores PLAN_ID`, exactly. */
export const scores = async (ctx: ServiceContext, actor: Actor, id: number): Promise<PlanScores> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return scorePlan(toPlanInput(record), settingsOf(record), String(id));
};

/** The plan with everything a user edits (ids included), each objective's score and each centre's progress. */
export const getPlan = async (ctx: ServiceContext, actor: Actor, id: number) => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  const settings = settingsOf(record);
  const input = toPlanInput(record);
  const planScores = scorePlan(input, settings, String(id));
  return {
    ...summaryOf(record.plan),
    overall: planScores.overall,
    centres: record.centres.map((c, ci) => {
      const objectives = c.occurrences.map(({ code, objective: o }, oi) => {
        const domainObjective = input.centres[ci]!.objectives[oi]!;
        const { score, status } = scoreObjective(domainObjective, settings);
        const suspended = status === 'suspended';
        return {
          id: o.id,
          sharedKey: o.sharedKey,
          code,
          title: o.title,
          strategicArea: o.strategicArea,
          operationalObjective: o.operationalObjective,
          pegProject: o.pegProject,
          services: o.services,
          endUsers: o.endUsers,
          networks: o.networks,
          description: o.description,
          report: o.report,
          version: o.version,
          score,
          status,
          activities: o.activities.map((a) => ({ id: a.id, description: a.description, planned: a.planned, actual: a.actual })),
          indicators: o.indicators.map((x) => ({
            id: x.id,
            name: x.name,
            description: x.description,
            unit: x.unit,
            target: x.target,
            actual: x.actual,
            weight: x.weight,
            achievement: suspended ? null : round4(indicatorAchievement(parseIndicatorValue(x.target), parseIndicatorValue(x.actual))),
          })),
          revisions: o.revisions.map((r) => ({ version: r.version, kind: r.kind, actId: r.actId, act: r.actLabel, actDate: r.actDate ?? r.date, date: r.date, snapshot: r.snapshot ?? null })),
          evaluation: o.evaluation ? { comment: o.evaluation.comment, by: o.evaluation.by, at: o.evaluation.at.toISOString() } : null,
        };
      });
      const statuses = objectives.map((o) => o.status);
      const count = (s: ObjectiveStatus) => statuses.filter((x) => x === s).length;
      return {
        id: c.id,
        name: c.name,
        score: planScores.centres[ci]!.score,
        progress: {
          objectives: objectives.length,
          scored: objectives.length - count('suspended'),
          achieved: count('achieved'),
          partiallyAchieved: count('partially_achieved'),
          notAchieved: count('not_achieved'),
          suspended: count('suspended'),
        },
        objectives,
      };
    }),
  };
};

export const exportPlanJson = async (ctx: ServiceContext, actor: Actor, id: number): Promise<PlanJson> => {
  requirePermission(actor, 'performance.read');
  return toPlanJson(await loadRecord(ctx.database.db, actor, id));
};

export const exportPlanXlsx = async (ctx: ServiceContext, actor: Actor, id: number): Promise<Buffer> => {
  requirePermission(actor, 'performance.read');
  return planToWorkbook(toPlanJson(await loadRecord(ctx.database.db, actor, id)));
};

/**
 * The report's model: the plan, its scores and, once validated, the evaluator's date, name and
 * comments; on the cover today's date in Rome and the body's emblem, if it has one.
 */
const reportModel = async (ctx: ServiceContext, record: PlanRecord, id: number) => {
  const ex = ctx.database.db;
  const input = toPlanInput(record);
  const { plan } = record;
  let validation: ReportValidation | null = null;
  if (plan.status === 'validated' && plan.validatedAt) {
    const objectiveComments = new Map<ObjectiveInput, string>();
    // toPlanInput keeps the order of centres and of their objectives
    record.centres.forEach((c, i) =>
      c.occurrences.forEach((oc, j) => {
        if (oc.objective.evaluation) objectiveComments.set(input.centres[i]!.objectives[j]!, oc.objective.evaluation.comment);
      }),
    );
    const by = plan.validatedBy ?? '';
    // The evaluator as people know it ("Nucleo di valutazione"), when the account still exists.
    const [evaluator] = await ex.select({ displayName: users.displayName }).from(users).where(eq(users.username, by));
    validation = { by: evaluator?.displayName || by, on: romeDate(plan.validatedAt), comment: plan.validationComment ?? '', objectiveComments };
  }
  const emblem = await emblemOfBodyNamed(ex, plan.body);
  return buildPerformanceReportModel(input, { date: romeDate(ctx.now()), emblem, settings: settingsOf(record), planRef: String(id), validation });
};

export const reportDocx = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ content: Buffer; fileName: string }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { content: await performanceReportDocx(await reportModel(ctx, record, id)), fileName: `relazione-performance-${record.plan.year}.docx` };
};

export const reportPdf = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ content: Buffer; fileName: string }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { content: await performanceReportPdf(await reportModel(ctx, record, id)), fileName: `relazione-performance-${record.plan.year}.pdf` };
};

// ---------------------------------------------------------------- monitoring

/** The plan, of the actor's body, locked against a concurrent validation, and still open to changes. */
export const openPlan = async (tx: Executor, actor: Actor, planId: number): Promise<PlanRow> => {
  const plan = await visiblePlan(tx, actor, planId, true);
  if (plan.status === 'validated') throw frozen();
  return plan;
};

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

// ---------------------------------------------------------------- revisions

export const REVISABLE_FIELDS = ['title', 'strategicArea', 'operationalObjective', 'pegProject', 'services', 'endUsers', 'networks', 'description'] as const;
export type RevisableField = (typeof REVISABLE_FIELDS)[number];

export interface RevisionRequest {
  kind: PerformanceRevisionKind;
  /** The board resolution (acts register, type CDA). */
  actId: number;
  /** When the revision takes effect; the act's date when not given. */
  date?: string | undefined;
  /** New values of an update. */
  changes?: Partial<Record<RevisableField, string>> | undefined;
}

/**
 * DOMAIN.md: an objective updated or suspended by a board resolution. The earlier version is kept
 * whole (fields, activities, indicators) as the revision's snapshot; a suspended objective stays in
 * the plan, shown but not scored. A later "updated" revision of a suspended objective resumes it.
 */
export const reviseObjective = async (ctx: ServiceContext, actor: Actor, planId: number, objectiveId: number, request: RevisionRequest) => {
  requirePermission(actor, 'performance.manage');
  if (request.kind !== 'updated' && request.kind !== 'suspended') throw invalid('performance.revision_kind', 'Tipo di revisione non valido (updated o suspended)');
  const changes: Partial<Record<RevisableField, string>> = {};
  for (const f of REVISABLE_FIELDS) {
    const v = request.changes?.[f];
    if (v !== undefined) changes[f] = v.trim();
  }
  if (changes.title === '') throw invalid('performance.objective_title_missing', "Il titolo dell'obiettivo non può essere vuoto");
  return ctx.database.db.transaction(async (tx) => {
    await openPlan(tx, actor, planId);
    const objective = await objectiveOfPlan(tx, planId, objectiveId);
    if (!objective) throw notFound('performance.objective_not_found', `Obiettivo ${objectiveId} non trovato nel piano ${planId}`);
    const [act] = await tx.select().from(acts).where(eq(acts.id, request.actId));
    if (!act) throw invalid('performance.revision_act_not_found', `Atto ${request.actId} non trovato nel registro degli atti`);
    if (act.type !== 'CDA') throw invalid('performance.revision_act_not_cda', `La revisione di un obiettivo richiede una deliberazione del Consiglio di Amministrazione (atto di tipo CDA), non un atto ${act.type}`);
    let date: string = act.date;
    if (request.date !== undefined) {
      const parsed = parseCalendarDate(request.date);
      if (!parsed) throw invalid('date.invalid', `Data della revisione non valida: "${request.date}"`);
      date = parsed;
    }
    const previous = await latestRevision(tx, objectiveId);
    const wasSuspended = previous?.kind === 'suspended';
    if (request.kind === 'suspended' && wasSuspended) throw conflict('performance.objective_already_suspended', "L'obiettivo è già sospeso");
    if (request.kind === 'updated' && Object.keys(changes).length === 0 && !wasSuspended) {
      throw invalid('performance.revision_no_changes', "Indicare i campi dell'obiettivo che la deliberazione aggiorna");
    }
    const snapshot = {
      version: objective.version,
      suspended: wasSuspended,
      ...Object.fromEntries(REVISABLE_FIELDS.map((f) => [f, objective[f]])),
      report: objective.report,
      activities: (await activitiesOf(tx, objectiveId)).map((a) => ({ description: a.description, planned: a.planned, actual: a.actual })),
      indicators: (await indicatorsOf(tx, objectiveId)).map((i) => ({ name: i.name, description: i.description, unit: i.unit, target: i.target, actual: i.actual, weight: i.weight })),
    };
    const version = objective.version + 1;
    await tx.update(performanceObjectives).set({ ...changes, version }).where(eq(performanceObjectives.id, objectiveId));
    const actLabel = `Deliberazione CdA n. ${act.number}`;
    await tx.insert(performanceRevisions).values({ objectiveId, version, kind: request.kind, actId: act.id, actLabel, date, snapshot, recordedAt: ctx.now(), recordedBy: actorName(actor) });
    const after = { version, kind: request.kind, suspended: request.kind === 'suspended', ...Object.fromEntries(REVISABLE_FIELDS.map((f) => [f, changes[f] ?? objective[f]])) };
    await recordChange(ctx, tx, actor, { action: `performance.objective.${request.kind === 'suspended' ? 'suspend' : 'update'}`, entityType: 'performance_objective', entityId: objectiveId, before: snapshot, after, actId: act.id });
    return { objectiveId, version, kind: request.kind, act: { id: act.id, type: act.type, number: act.number, date: act.date }, date };
  });
};

// ---------------------------------------------------------------- validation

export interface ValidationRequest {
  comment?: string | undefined;
  objectives?: { objectiveId: number; comment: string }[] | undefined;
}

/**
 * The evaluator (OIV) validates the scores, with a comment per objective and overall. From then on
 * the plan is frozen: actuals, reports and revisions answer 409, so the scores validated stay the scores.
 */
export const validateScores = async (ctx: ServiceContext, actor: Actor, planId: number, request: ValidationRequest) => {
  requirePermission(actor, 'performance.evaluate');
  return ctx.database.db.transaction(async (tx) => {
    const plan = await visiblePlan(tx, actor, planId, true);
    if (plan.status === 'validated') throw conflict('performance.plan_already_validated', `Il piano è già stato validato il ${plan.validatedAt ? formatItalianDate(romeDate(plan.validatedAt)) : '—'} da ${plan.validatedBy}`);
    const at = ctx.now();
    const by = actorName(actor);
    const seen = new Set<number>();
    for (const c of request.objectives ?? []) {
      if (seen.has(c.objectiveId)) throw invalid('performance.evaluation_duplicate', `Più commenti per l'obiettivo ${c.objectiveId}`);
      seen.add(c.objectiveId);
      if (!(await objectiveOfPlan(tx, planId, c.objectiveId))) throw invalid('performance.objective_not_found', `Obiettivo ${c.objectiveId} non trovato nel piano ${planId}`);
      const comment = c.comment.trim();
      if (comment === '') continue;
      await tx
        .insert(performanceEvaluations)
        .values({ objectiveId: c.objectiveId, comment, by, at })
        .onConflictDoUpdate({ target: performanceEvaluations.objectiveId, set: { comment, by, at } });
    }
    const comment = (request.comment ?? '').trim();
    await tx.update(performancePlans).set({ status: 'validated', validatedBy: by, validatedAt: at, validationComment: comment }).where(eq(performancePlans.id, planId));
    const record = await loadRecord(tx, actor, planId);
    const validatedScores = scorePlan(toPlanInput(record), settingsOf(record), String(planId));
    await recordChange(ctx, tx, actor, {
      action: 'performance.plan.validate',
      entityType: 'performance_plan',
      entityId: planId,
      before: { status: plan.status },
      after: { status: 'validated', comment, objectiveComments: request.objectives ?? [], scores: validatedScores },
    });
    return { id: planId, status: 'validated' as const, validation: { by, at: at.toISOString(), comment }, scores: validatedScores };
  });
};
