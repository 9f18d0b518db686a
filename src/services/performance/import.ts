/**
 * Importing a plan (EXCHANGE.md "Performance plan JSON", or its XLSX workbook): every problem of
 * the file named at once, nothing stored when there is one; otherwise one transaction, audited.
 */
import type { Executor } from '../../db/client.ts';
import {
  performanceActivities,
  performanceCentreObjectives,
  performanceCentres,
  performanceIndicators,
  performanceObjectives,
  performancePlans,
  performanceRevisions,
} from '../../db/schema/index.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, requireBody, requirePermission } from '../../domain/auth/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { validatePlanInput, type PlanInput } from '../../domain/performance/plan.ts';
import { checkSettings, DEFAULT_SCORING, type ScoringSettings } from '../../domain/performance/scoring.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { ensureAct } from '../acts.ts';
import { keepFirstSharedOccurrence } from './plan-json.ts';
import { planFromWorkbook } from './xlsx.ts';

/** A plan file refused: every problem with its JSON path (or sheet and row), in Italian. */
export class PlanRejected extends DomainError {
  readonly errors: readonly string[];
  constructor(errors: readonly string[]) {
    super('invalid', 'performance.plan_invalid', `Piano non valido: ${errors.length} errori, nessun dato salvato. ${errors.slice(0, 20).join('; ')}`);
    this.errors = errors;
  }
}

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
