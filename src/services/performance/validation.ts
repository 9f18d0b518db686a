/** The evaluator's validation of a plan's scores (OIV); from then on the plan is frozen. */
import { eq } from 'drizzle-orm';
import { performanceEvaluations, performancePlans } from '../../db/schema/index.ts';
import { objectiveOfPlan } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, requirePermission } from '../../domain/auth/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { formatItalianDate, romeDate } from '../../domain/dates.ts';
import { scorePlan } from '../../domain/performance/scoring.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { loadRecord, visiblePlan } from './access.ts';
import { settingsOf, toPlanInput } from './plan-json.ts';

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

