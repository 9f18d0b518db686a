/** The DD an acknowledgement or a redetermination is adopted with: an act already registered, or its fields, registered now. */
import type { Executor } from '../../../db/client.ts';
import * as closing from '../../../db/repositories/funds/closing.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { invalid, notFound } from '../../../domain/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { ensureAct, type ActRef } from '../../acts.ts';

export type DdInput = { actId: number } | { number: string; date: string; subject?: string | undefined; issuingOffice?: string | undefined };

export const resolveDd = async (ctx: ServiceContext, tx: Executor, actor: Actor, input: DdInput, defaultSubject: string): Promise<ActRef> => {
  if ('actId' in input) {
    const act = await closing.actById(tx, input.actId);
    if (!act) throw notFound('act.not_found', `Atto ${input.actId} non trovato`);
    if (act.type !== 'DD') throw invalid('funds.closing.act_not_dd', `L'atto ${act.type} n. ${act.number} del ${act.date} non è una determinazione dirigenziale (DD)`);
    return { id: act.id, type: act.type, number: act.number, date: act.date };
  }
  return ensureAct(ctx, tx, actor, { type: 'DD', number: input.number, date: input.date, subject: input.subject?.trim() || defaultSubject, ...(input.issuingOffice ? { issuingOffice: input.issuingOffice } : {}) });
};
