/**
 * The acknowledgement act (presa d'atto) of a district's report on a fund annuality: refused while
 * lines are pending; otherwise every verified line gets the act, and the act's sums are kept as
 * adopted. A line reopened later loses its act (src/domain/funds/verification.ts), and the report
 * then needs a new one. Takes the `report` lock first, as every decision on these lines does.
 */
import * as closing from '../../../db/repositories/funds/closing.ts';
import type { AcknowledgementRow } from '../../../db/repositories/funds/closing.ts';
import { totalsOf } from '../../../db/repositories/funds/totals.ts';
import { lockLimit } from '../../../db/locks.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { actorName, requireDistrict, requirePermission, visibleDistricts } from '../../../domain/auth/actor.ts';
import { conflict, notFound } from '../../../domain/errors.ts';
import { acknowledgedSums, requireVerifiedReport } from '../../../domain/funds/acknowledgement.ts';
import { districtTotals } from '../../../domain/funds/types.ts';
import { cents, toNumber } from '../../../domain/money.ts';
import type { ActRef } from '../../acts.ts';
import type { ServiceContext } from '../../context.ts';
import { recordChange } from '../../audit-log.ts';
import { resolveDd, type DdInput } from './act.ts';

export interface AcknowledgeInput {
  district: string;
  fund: string;
  annuality: number;
  act: DdInput;
}

export const acknowledgementView = (a: AcknowledgementRow, act: ActRef) => ({
  id: a.id,
  district: a.districtCode,
  fund: a.fundCode,
  annuality: a.annuality,
  act,
  lines: a.lines,
  assigned: toNumber(cents(a.assigned)),
  disbursed: toNumber(cents(a.disbursed)),
  reported: toNumber(cents(a.reported)),
  recognised: toNumber(cents(a.recognised)),
  residual: toNumber(cents(a.residual)),
  unspent: toNumber(cents(a.unspent)),
  adoptedAt: a.adoptedAt.toISOString(),
  adoptedBy: a.adoptedBy,
});

export const acknowledgeReport = async (ctx: ServiceContext, actor: Actor, input: AcknowledgeInput) => {
  requirePermission(actor, 'funds.manage');
  const key = { district: input.district, fund: input.fund, annuality: input.annuality };
  return ctx.database.db.transaction(async (tx) => {
    await lockLimit(tx, { limit: 'report', fund: key.fund, annuality: key.annuality, district: key.district });
    const counts = await closing.reportCounts(tx, key);
    requireVerifiedReport({ ...key, lines: counts.lines, pending: counts.pending });
    if (counts.open === 0) {
      throw conflict('funds.acknowledgement.already', `Tutte le ${counts.lines} spese del distretto ${key.district} sul fondo ${key.fund} ${key.annuality} sono già chiuse da una presa d'atto`);
    }
    const act = await resolveDd(ctx, tx, actor, input.act, `Presa d'atto della rendicontazione del distretto ${key.district}, fondo ${key.fund} annualità ${key.annuality}`);
    await closing.acknowledgeLines(tx, key, act.id);
    const t = await totalsOf(tx, { districtCode: key.district, fundCode: key.fund, annuality: key.annuality });
    const sums = acknowledgedSums(districtTotals(t ? { assigned: cents(t.assigned), disbursed: cents(t.disbursed), reported: cents(t.reported), recognised: cents(t.recognised) } : {}));
    const row = await closing.insertAcknowledgement(tx, {
      districtCode: key.district,
      fundCode: key.fund,
      annuality: key.annuality,
      actId: act.id,
      lines: counts.lines,
      ...sums,
      adoptedAt: ctx.now(),
      adoptedBy: actorName(actor),
    });
    const view = acknowledgementView(row, act);
    await recordChange(ctx, tx, actor, { action: 'report.acknowledge', entityType: 'acknowledgement', entityId: row.id, after: view, actId: act.id });
    return view;
  });
};

/** The acknowledgements a user may see: a district officer only its own districts'. */
export const listAcknowledgements = async (ctx: ServiceContext, actor: Actor, filter: { district?: string | undefined; fund?: string | undefined; annuality?: number | undefined }) => {
  requirePermission(actor, 'funds.read');
  if (filter.district) requireDistrict(actor, filter.district);
  const rows = await closing.acknowledgementsOf(ctx.database.db, { ...filter, districts: visibleDistricts(actor) });
  return rows.map((r) => acknowledgementView(r.a, r.act));
};

export const getAcknowledgement = async (ctx: ServiceContext, actor: Actor, id: number) => {
  requirePermission(actor, 'funds.read');
  const row = await closing.acknowledgementById(ctx.database.db, id);
  const only = visibleDistricts(actor);
  if (!row || (only && !only.includes(row.districtCode))) throw notFound('acknowledgement.not_found', `Presa d'atto ${id} non trovata`);
  const act = (await closing.actById(ctx.database.db, row.actId))!;
  return acknowledgementView(row, { id: act.id, type: act.type, number: act.number, date: act.date });
};
