/**
 * A redetermination by DD (DOMAIN.md "Residuals, redetermination, receivables"): up to the
 * district's unspent assignment is taken from it and given to other districts or to an
 * intervention of regional interest, line by line (src/domain/funds/redetermination-lines.ts), so
 * that the fund annuality's total and every line's total are conserved. What the district was
 * paid beyond its new assignment becomes a receivable, paid back or offset (./ledger.ts).
 *
 * Locks, all at once in one order: the source's report (no line may become pending meanwhile),
 * the assignment of the source and of every destination district, and every line touched.
 */
import * as closing from '../../../db/repositories/funds/closing.ts';
import { insertAssignment } from '../../../db/repositories/funds/assignments.ts';
import { refreshMoneyTotals, totalsOf } from '../../../db/repositories/funds/totals.ts';
import { lockLimits, type LimitKey } from '../../../db/locks.ts';
import type { Executor } from '../../../db/client.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { actorName, requirePermission } from '../../../domain/auth/actor.ts';
import { conflict, invalid } from '../../../domain/errors.ts';
import { redetermine, type RedeterminationDestination } from '../../../domain/funds/redetermination.ts';
import { lineMoves } from '../../../domain/funds/redetermination-lines.ts';
import type { SettlementKind } from '../../../domain/funds/receivables.ts';
import { annuality as annualityOf, districtCode, districtTotals, fundCode, type DistrictCode, type DistrictTotals } from '../../../domain/funds/types.ts';
import { cents, toNumber, type Cents } from '../../../domain/money.ts';
import type { ServiceContext } from '../../context.ts';
import { recordChange } from '../../audit-log.ts';
import { resolveDd, type DdInput } from './act.ts';

export type DestinationInput = { district: string; amount: Cents } | { intervention: string; amount: Cents };

export interface RedetermineInput {
  fund: string;
  annuality: number;
  from: string;
  amount: Cents;
  to: DestinationInput[];
  settlement: SettlementKind;
  act: DdInput;
}

const totalsAt = async (ex: Executor, district: string, fund: string, annuality: number): Promise<DistrictTotals> => {
  const t = await totalsOf(ex, { districtCode: district, fundCode: fund, annuality });
  return districtTotals(t ? { assigned: cents(t.assigned), disbursed: cents(t.disbursed), reported: cents(t.reported), recognised: cents(t.recognised) } : {});
};

export const redetermineResidual = async (ctx: ServiceContext, actor: Actor, input: RedetermineInput) => {
  requirePermission(actor, 'funds.manage');
  const { fund, annuality, from } = input;
  const destinations: RedeterminationDestination[] = input.to.map((d) =>
    'district' in d ? { kind: 'district', district: districtCode(d.district), amount: d.amount } : { kind: 'regional_intervention', intervention: d.intervention, amount: d.amount },
  );
  const destDistricts = [...new Set(destinations.flatMap((d) => (d.kind === 'district' ? [d.district as string] : [])))];
  return ctx.database.db.transaction(async (tx) => {
    for (const d of [from, ...destDistricts]) {
      if (!(await closing.districtExists(tx, d))) throw invalid('funds.redetermination.unknown_district', `Distretto sconosciuto: ${d}`, { district: d });
    }
    const sourceLines = await closing.assignedByLine(tx, fund, annuality, from);
    const keys: LimitKey[] = [
      { limit: 'report', fund, annuality, district: from },
      ...[from, ...destDistricts].map((district): LimitKey => ({ limit: 'assignment', fund, annuality, district })),
      ...sourceLines.map((l): LimitKey => ({ limit: 'line', fund, annuality, line: l.line })),
    ];
    await lockLimits(tx, keys);

    const counts = await closing.reportCounts(tx, { district: from, fund, annuality });
    if (counts.pending > 0) {
      throw conflict(
        'funds.redetermination.pending_lines',
        `Impossibile rideterminare: il distretto ${from} ha ancora ${counts.pending === 1 ? '1 spesa' : `${counts.pending} spese`} da verificare sul fondo ${fund} ${annuality}`,
        { pending: String(counts.pending) },
      );
    }
    const state = {
      fund: fundCode(fund),
      annuality: annualityOf(annuality),
      districts: new Map<DistrictCode, DistrictTotals>(await Promise.all([from, ...destDistricts].map(async (d) => [districtCode(d), await totalsAt(tx, d, fund, annuality)] as const))),
      regionalInterventions: await closing.regionalInterventionsOf(tx, fund, annuality),
    };
    // the lines read before the lock are re-read under it: only then do they bound the amounts
    const lines = await closing.assignedByLine(tx, fund, annuality, from);
    const outcome = redetermine(state, { from: districtCode(from), amount: input.amount, to: destinations, settlement: { kind: 'receivable' } });
    const moves = lineMoves(input.amount, lines, destinations.map((d) => ({ to: d.kind === 'district' ? d.district : null, amount: d.amount })));
    for (const l of moves.taken) {
      if (!sourceLines.some((s) => s.line === l.line)) throw conflict('funds.redetermination.lines_changed', 'Le assegnazioni del distretto sono cambiate durante la richiesta: riprovare');
    }

    const act = await resolveDd(ctx, tx, actor, input.act, `Rideterminazione dei residui del distretto ${from}, fondo ${fund} annualità ${annuality}`);
    if (await closing.actUsedForAssignments(tx, fund, annuality, act.number, [from, ...destDistricts])) {
      throw conflict('funds.redetermination.act_used', `L'atto DD n. ${act.number} ha già assegnato somme a questi distretti sul fondo ${fund} ${annuality}: indicare l'atto della rideterminazione`);
    }
    for (const t of moves.taken) {
      await insertAssignment(tx, { fundCode: fund, annuality, lineCode: t.line, districtCode: from, actId: act.id, actNumber: act.number, amount: -t.amount });
    }
    const perDistrictLine = new Map<string, { district: string; line: string; amount: bigint }>();
    for (const g of moves.given) {
      if (g.to === null) continue; // a regional intervention is not an assignment to a district
      const k = `${g.to}\u0000${g.line}`;
      const prev = perDistrictLine.get(k);
      perDistrictLine.set(k, { district: g.to, line: g.line, amount: (prev?.amount ?? 0n) + g.amount });
    }
    for (const g of perDistrictLine.values()) {
      await insertAssignment(tx, { fundCode: fund, annuality, lineCode: g.line, districtCode: g.district, actId: act.id, actNumber: act.number, amount: g.amount });
    }
    await refreshMoneyTotals(tx, [from, ...destDistricts].map((d) => ({ districtCode: d, fundCode: fund, annuality })));

    const excess = outcome.recovered;
    const row = await closing.insertRedetermination(tx, {
      fundCode: fund,
      annuality,
      fromDistrict: from,
      amount: input.amount,
      assignedAfter: outcome.from.assignedAfter,
      excess,
      settlement: input.settlement,
      destinations: destinations.map((d) => (d.kind === 'district' ? { kind: d.kind, district: d.district, amount: d.amount.toString() } : { kind: d.kind, intervention: d.intervention.trim(), amount: d.amount.toString() })),
      actId: act.id,
      at: ctx.now(),
      by: actorName(actor),
    });
    const receivable =
      excess > 0n
        ? await closing.insertReceivable(tx, { districtCode: from, fundCode: fund, annuality, amount: excess, settlement: input.settlement, redeterminationId: row.id, actId: act.id, raisedAt: ctx.now() })
        : null;
    const view = {
      id: row.id,
      fund,
      annuality,
      from,
      amount: toNumber(input.amount),
      assigned: toNumber(outcome.from.assignedAfter),
      excess: toNumber(excess),
      settlement: input.settlement,
      to: destinations.flatMap((d) => (d.kind === 'district' ? [{ district: d.district as string, amount: toNumber(d.amount) }] : [])),
      regional: destinations.flatMap((d) => (d.kind === 'regional_intervention' ? [{ intervention: d.intervention.trim(), amount: toNumber(d.amount) }] : [])),
      act,
      receivableId: receivable?.id ?? null,
    };
    await recordChange(ctx, tx, actor, { action: 'redetermination.create', entityType: 'redetermination', entityId: row.id, after: view, actId: act.id });
    return view;
  });
};
