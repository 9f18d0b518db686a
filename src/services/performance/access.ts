/**
 * Which plan a use case of the performance cycle may touch: one of the actor's body, found as a
 * missing one otherwise, and, for a change, still a draft and locked against a validation.
 */
import type { Executor } from '../../db/client.ts';
import { findPlan, readPlanRecord, type PlanRecord, type PlanRow } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actsForBody } from '../../domain/auth/actor.ts';
import { conflict, notFound } from '../../domain/errors.ts';

const planNotFound = (id: number) => notFound('performance.plan_not_found', `Piano della performance ${id} non trovato`);

/**
 * The plan, when the actor acts for its body. A plan of another body answers exactly as a missing
 * one, so an id tells nothing of another body's plans (ASVS V4.2.1). The body is checked before
 * the row is locked: a refused request neither waits on nor holds another body's plan.
 */
export const visiblePlan = async (ex: Executor, actor: Actor, id: number, lock = false): Promise<PlanRow> => {
  const plan = await findPlan(ex, id);
  if (!plan || !actsForBody(actor, plan.body)) throw planNotFound(id);
  if (!lock) return plan;
  const locked = await findPlan(ex, id, true);
  if (!locked) throw planNotFound(id);
  return locked;
};

const frozen = () =>
  conflict('performance.plan_validated', 'Il piano è stato validato dal valutatore: punteggi, valori consuntivi, report e revisioni non sono più modificabili');

/** The plan, of the actor's body, locked against a concurrent validation, and still open to changes. */
export const openPlan = async (tx: Executor, actor: Actor, planId: number): Promise<PlanRow> => {
  const plan = await visiblePlan(tx, actor, planId, true);
  if (plan.status === 'validated') throw frozen();
  return plan;
};

/** The stored plan of the actor's body, whole. */
export const loadRecord = async (ex: Executor, actor: Actor, id: number): Promise<PlanRecord> => {
  await visiblePlan(ex, actor, id);
  const record = await readPlanRecord(ex, id);
  if (!record) throw planNotFound(id);
  return record;
};
