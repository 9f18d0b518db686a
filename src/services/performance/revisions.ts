/** Revisions of an objective by a board resolution (DOMAIN.md "Revisions"). */
import { eq } from 'drizzle-orm';
import { acts, performanceObjectives, performanceRevisions } from '../../db/schema/index.ts';
import { activitiesOf, indicatorsOf, latestRevision, objectiveOfPlan } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, requirePermission } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { parseCalendarDate } from '../../domain/dates.ts';
import { revisableFields, type RevisableField, type RevisionKind } from '../../domain/performance/plan.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { openPlan } from './access.ts';

export interface RevisionRequest {
  kind: RevisionKind;
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
  for (const f of revisableFields) {
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
      ...Object.fromEntries(revisableFields.map((f) => [f, objective[f]])),
      report: objective.report,
      activities: (await activitiesOf(tx, objectiveId)).map((a) => ({ description: a.description, planned: a.planned, actual: a.actual })),
      indicators: (await indicatorsOf(tx, objectiveId)).map((i) => ({ name: i.name, description: i.description, unit: i.unit, target: i.target, actual: i.actual, weight: i.weight })),
    };
    const version = objective.version + 1;
    await tx.update(performanceObjectives).set({ ...changes, version }).where(eq(performanceObjectives.id, objectiveId));
    const actLabel = `Deliberazione CdA n. ${act.number}`;
    await tx.insert(performanceRevisions).values({ objectiveId, version, kind: request.kind, actId: act.id, actLabel, date, snapshot, recordedAt: ctx.now(), recordedBy: actorName(actor) });
    const after = { version, kind: request.kind, suspended: request.kind === 'suspended', ...Object.fromEntries(revisableFields.map((f) => [f, changes[f] ?? objective[f]])) };
    await recordChange(ctx, tx, actor, { action: `performance.objective.${request.kind === 'suspended' ? 'suspend' : 'update'}`, entityType: 'performance_objective', entityId: objectiveId, before: snapshot, after, actId: act.id });
    return { objectiveId, version, kind: request.kind, act: { id: act.id, type: act.type, number: act.number, date: act.date }, date };
  });
};
