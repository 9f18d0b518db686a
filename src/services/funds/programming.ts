/**
 * National funds, steps 1–5 of the life cycle (DOMAIN.md): the allocation decree, programming
 * into intervention lines (DGR), transmission to the ministry, assignment to districts (DD) with
 * the split helper, disbursement in tranches under the gating rule of the fund annuality.
 * Every step cites its act, checks its limit in the domain and is audited. A step that checks or
 * moves a sum first takes the lock of what bounds it (src/db/locks.ts), then reads; the SQL is in
 * src/db/repositories/funds/.
 */
import * as national from '../../db/repositories/funds/national.ts';
import * as money from '../../db/repositories/funds/assignments.ts';
import { findAct, districtCodes } from '../../db/repositories/funds/references.ts';
import { refreshMoneyTotals, totalsOf, totalsOfDistrictFund } from '../../db/repositories/funds/totals.ts';
import { lockLimit, lockLimits, type LimitKey } from '../../db/locks.ts';
import type { Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requireDistrict, requirePermission } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { cents, sum, toNumber, type Cents } from '../../domain/money.ts';
import { parseCalendarDate } from '../../domain/dates.ts';
import {
  checkAssignmentWithinLine,
  checkDisbursementWithinAssignment,
  checkLimitCoversUsage,
  checkProgrammingWithinAllocation,
  requirePositiveAmount,
} from '../../domain/funds/limits.ts';
import { splitByPopulation, splitFixedPlusPopulation, splitManualPercent, type Share, type PercentInput } from '../../domain/funds/split.ts';
import { defaultGatingRule, evaluateGating, gatingRuleToJson, parseGatingRule, type GatingRule } from '../../domain/funds/gating.ts';
import type { Annuality, DistrictCode, FundCode } from '../../domain/funds/types.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { districtPopulations } from './readouts.ts';

const requireActOfType = async (tx: Tx, actId: number, types: readonly string[], what: string) => {
  const act = await findAct(tx, actId);
  if (!act) throw notFound('act.not_found', `Atto ${actId} non trovato`);
  if (!types.includes(act.type)) throw invalid('act.wrong_type', `${what} richiede un atto di tipo ${types.join(' o ')}, non ${act.type}`);
  return act;
};

const requireAnnuality = async (tx: Tx, fund: string, annuality: number) => {
  const a = await national.findAnnuality(tx, fund, annuality);
  if (!a) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  return a;
};

/** Regional funds move through budget chapters and reservations (services/funds/regional.ts), not these steps. */
const requireNationalFund = async (tx: Tx, fund: string) => {
  const f = await national.findFund(tx, fund);
  if (!f) throw notFound('fund.not_found', `Fondo "${fund}" non trovato`);
  if (f.source !== 'national') {
    throw conflict('fund.regional', `Il fondo ${fund} è regionale: si gestisce con capitoli di bilancio, prenotazioni e atti di attuazione`);
  }
  return f;
};

export interface FundInput {
  code: string;
  name: string;
  source: 'national' | 'regional';
  rule75: boolean;
}

export const createFund = async (ctx: ServiceContext, actor: Actor, input: FundInput) => {
  requirePermission(actor, 'funds.manage');
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_.-]{0,39}$/.test(code)) throw invalid('fund.code_invalid', `Codice fondo non valido: "${input.code}"`);
  return ctx.database.db.transaction(async (tx) => {
    if (await national.findFund(tx, code)) throw conflict('fund.duplicate', `Il fondo ${code} esiste già`);
    const row = { code, name: input.name.trim(), source: input.source, rule75: input.rule75 };
    await national.insertFund(tx, row);
    await recordChange(ctx, tx, actor, { action: 'fund.create', entityType: 'fund', entityId: code, after: row });
    return row;
  });
};

/** Step 1: the allocation decree gives the Region A(F,Y). */
export const recordAllocation = async (ctx: ServiceContext, actor: Actor, fund: string, input: { annuality: number; allocated: Cents; actId: number }) => {
  requirePermission(actor, 'funds.manage');
  requirePositiveAmount(input.allocated, "dell'assegnazione alla Regione");
  await ctx.database.db.transaction(async (tx) => {
    // A bounds the lines: amending it waits for (and is waited on by) any line being programmed.
    await lockLimit(tx, { limit: 'allocation', fund, annuality: input.annuality });
    await requireNationalFund(tx, fund);
    await requireActOfType(tx, input.actId, ['DM', 'DECRETO'], "L'assegnazione alla Regione");
    const before = await national.findAnnuality(tx, fund, input.annuality);
    if (before) {
      // An amended decree may change A only down to what is already programmed.
      const programmed = await national.programmedOf(tx, fund, input.annuality);
      checkLimitCoversUsage('allocation', { newLimit: input.allocated, used: programmed }, { fund: fund as FundCode, annuality: input.annuality as Annuality });
      await national.updateAnnuality(tx, fund, input.annuality, { allocated: input.allocated, actId: input.actId });
    } else {
      await national.insertAnnuality(tx, { fundCode: fund, annuality: input.annuality, allocated: input.allocated, actId: input.actId });
    }
    await recordChange(ctx, tx, actor, {
      action: before ? 'fund_annuality.amend' : 'fund_annuality.create',
      entityType: 'fund_annuality',
      entityId: `${fund}/${input.annuality}`,
      before: before ? { allocated: before.allocated, actId: before.actId } : null,
      after: { allocated: input.allocated, actId: input.actId },
      actId: input.actId,
    });
  });
  return annualityDetail(ctx, actor, fund, input.annuality);
};

/** Step 2: programming into intervention lines by a DGR; Σ lines ≤ A. */
export const programLine = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, input: { code: string; description: string; amount: Cents; actId: number }) => {
  requirePermission(actor, 'funds.manage');
  requirePositiveAmount(input.amount, 'della linea di intervento');
  const code = input.code.trim();
  if (!code) throw invalid('line.code_missing', 'Indicare il codice della linea di intervento');
  await ctx.database.db.transaction(async (tx) => {
    await lockLimit(tx, { limit: 'allocation', fund, annuality });
    await requireNationalFund(tx, fund);
    const a = await requireAnnuality(tx, fund, annuality);
    await requireActOfType(tx, input.actId, ['DGR'], 'La programmazione');
    if (await national.findLine(tx, fund, annuality, code)) throw conflict('line.duplicate', `La linea ${code} è già programmata per ${fund} ${annuality}`);
    const programmed = await national.programmedOf(tx, fund, annuality);
    checkProgrammingWithinAllocation({ allocated: cents(a.allocated), programmed, adding: input.amount }, { fund: fund as FundCode, annuality: annuality as Annuality });
    const row = { fundCode: fund, annuality, code, description: input.description.trim(), amount: input.amount, actId: input.actId };
    await national.insertLine(tx, row);
    await recordChange(ctx, tx, actor, { action: 'intervention_line.create', entityType: 'intervention_line', entityId: `${fund}/${annuality}/${code}`, after: row, actId: input.actId });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

/** Step 3: transmission of the programming to the ministry (date and protocol). */
export const recordTransmission = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, input: { transmittedOn: string; protocol: string }) => {
  requirePermission(actor, 'funds.manage');
  const on = parseCalendarDate(input.transmittedOn);
  if (!on) throw invalid('date.invalid', `Data di trasmissione non valida: "${input.transmittedOn}"`);
  if (!input.protocol.trim()) throw invalid('transmission.protocol_missing', 'Indicare il protocollo della trasmissione al Ministero');
  await ctx.database.db.transaction(async (tx) => {
    const before = await requireAnnuality(tx, fund, annuality);
    await national.updateAnnuality(tx, fund, annuality, { transmittedOn: on, transmissionProtocol: input.protocol.trim() });
    await recordChange(ctx, tx, actor, {
      action: 'fund_annuality.transmission',
      entityType: 'fund_annuality',
      entityId: `${fund}/${annuality}`,
      before: { transmittedOn: before.transmittedOn, protocol: before.transmissionProtocol },
      after: { transmittedOn: on, protocol: input.protocol.trim() },
    });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

/** Disbursement gating is data per fund annuality, set by an act (DOMAIN.md "Disbursement gating"). */
export const setGatingRule = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, input: { rule: unknown; actId: number }) => {
  requirePermission(actor, 'funds.manage');
  const rule = parseGatingRule(input.rule);
  await ctx.database.db.transaction(async (tx) => {
    const before = await requireAnnuality(tx, fund, annuality);
    if (!(await findAct(tx, input.actId))) throw notFound('act.not_found', `Atto ${input.actId} non trovato`);
    const stored = gatingRuleToJson(rule);
    await national.updateAnnuality(tx, fund, annuality, { gatingRule: stored, gatingActId: input.actId });
    await recordChange(ctx, tx, actor, { action: 'fund_annuality.gating', entityType: 'fund_annuality', entityId: `${fund}/${annuality}`, before: before.gatingRule, after: stored, actId: input.actId });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

const gatingRuleOf = async (ex: Executor, fund: string, annuality: number): Promise<GatingRule> => {
  const row = await national.gatingOf(ex, fund, annuality);
  if (!row) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  return row.rule ? parseGatingRule(row.rule) : defaultGatingRule({ rule75: row.rule75 });
};

export type SplitRequest =
  | { criterion: 'population'; amount: Cents }
  | { criterion: 'fixed_plus_population'; amount: Cents; fixedPercent: PercentInput }
  | { criterion: 'manual_percent'; amount: Cents; percents: { district: string; percent: PercentInput }[] }
  | { criterion: 'amounts'; amounts: { district: string; amount: Cents }[] };

/** The shares of an assignment before it is saved: they add up to the amount, to the cent. */
export const previewAssignment = async (ctx: ServiceContext, actor: Actor, request: SplitRequest): Promise<Share[]> => {
  requirePermission(actor, 'funds.read');
  const populations = await districtPopulations(ctx);
  switch (request.criterion) {
    case 'population':
      return splitByPopulation(request.amount, populations);
    case 'fixed_plus_population':
      return splitFixedPlusPopulation(request.amount, request.fixedPercent, populations);
    case 'manual_percent':
      return splitManualPercent(request.amount, request.percents.map((p) => ({ district: p.district as DistrictCode, percent: p.percent })));
    case 'amounts':
      return request.amounts.map((a) => ({ district: a.district as DistrictCode, amount: a.amount }));
  }
};

/** The preview of a line's assignment as answered: each share and their total, in integer cents. */
export const previewLineAssignment = async (ctx: ServiceContext, actor: Actor, request: SplitRequest) => {
  const shares = await previewAssignment(ctx, actor, request);
  return { shares: shares.map((s) => ({ district: s.district, amount: toNumber(s.amount) })), total: toNumber(sum(shares.map((s) => s.amount))) };
};

/** Step 4: assignment and commitment of a line to districts by a DD; Σ per line ≤ line. */
export const assignLine = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, lineCode: string, input: { actId: number } & SplitRequest) => {
  requirePermission(actor, 'funds.manage');
  const shares = (await previewAssignment(ctx, actor, input)).filter((s) => s.amount > 0n);
  if (shares.length === 0) throw invalid('assignment.empty', 'Nessun importo da assegnare');
  await ctx.database.db.transaction(async (tx) => {
    // The line bounds the sum; each district's assignment bounds its tranches, so its writers take that lock too.
    const locks: LimitKey[] = [{ limit: 'line', fund, annuality, line: lineCode }, ...shares.map((s): LimitKey => ({ limit: 'assignment', fund, annuality, district: s.district }))];
    await lockLimits(tx, locks);
    await requireNationalFund(tx, fund);
    const act = await requireActOfType(tx, input.actId, ['DD'], "L'assegnazione ai distretti");
    const line = await national.findLine(tx, fund, annuality, lineCode);
    if (!line) throw notFound('line.not_found', `Linea ${lineCode} del fondo ${fund} ${annuality} non trovata`);
    const known = await districtCodes(tx);
    for (const s of shares) if (!known.has(s.district)) throw invalid('district.not_found', `Distretto "${s.district}" inesistente`);
    const assigned = await money.assignedOnLine(tx, fund, annuality, lineCode);
    const adding = cents(shares.reduce((s, x) => s + x.amount, 0n));
    checkAssignmentWithinLine({ line: cents(line.amount), assigned, adding }, { fund: fund as FundCode, annuality: annuality as Annuality, line: lineCode });
    for (const s of shares) {
      if (await money.assignmentExists(tx, { fund, annuality, line: lineCode, district: s.district, actNumber: act.number })) throw conflict('assignment.duplicate', `Il distretto ${s.district} ha già un'assegnazione sulla linea ${lineCode} con l'atto ${act.number}`);
      await money.insertAssignment(tx, { fundCode: fund, annuality, lineCode, districtCode: s.district, actId: act.id, actNumber: act.number, amount: s.amount });
    }
    await refreshMoneyTotals(tx, shares.map((s) => ({ districtCode: s.district, fundCode: fund, annuality })));
    await recordChange(ctx, tx, actor, {
      action: 'assignment.create',
      entityType: 'intervention_line',
      entityId: `${fund}/${annuality}/${lineCode}`,
      after: { criterion: input.criterion, shares: shares.map((s) => ({ district: s.district, amount: s.amount })) },
      actId: act.id,
    });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

const figuresOf = async (ex: Executor, district: string, fund: string) => {
  const rows = await totalsOfDistrictFund(ex, district, fund);
  return new Map(rows.map((r) => [r.annuality, { assigned: cents(r.assigned), recognised: cents(r.recognised) }]));
};

export interface DisbursementCheck {
  allowed: boolean;
  reason: string | null;
  /** cents missing to the gating threshold */
  missing: number;
  /** cents still to disburse on the assignment */
  toDisburse: number;
}

/** Names what would block the next tranche to a district before anyone tries to pay it. */
export const checkDisbursement = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, district: string): Promise<DisbursementCheck> => {
  requirePermission(actor, 'funds.read');
  requireDistrict(actor, district);
  const db = ctx.database.db;
  const rule = await gatingRuleOf(db, fund, annuality);
  const outcome = evaluateGating(rule, { fund: fund as FundCode, annuality: annuality as Annuality, district: district as DistrictCode, figures: await figuresOf(db, district, fund) });
  const t = await totalsOf(db, { districtCode: district, fundCode: fund, annuality });
  return {
    allowed: outcome.allowed,
    reason: outcome.allowed ? null : outcome.reason,
    missing: outcome.allowed ? 0 : toNumber(outcome.missing),
    toDisburse: t ? toNumber(cents(t.assigned - t.disbursed)) : 0,
  };
};

/** Step 5: a tranche to a district; Σ disbursed ≤ assigned, and the gating rule must allow it. */
export const disburse = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, input: { district: string; amount: Cents; paidOn: string; actId: number }) => {
  requirePermission(actor, 'funds.manage');
  requirePositiveAmount(input.amount, 'della liquidazione');
  const paidOn = parseCalendarDate(input.paidOn);
  if (!paidOn) throw invalid('date.invalid', `Data di pagamento non valida: "${input.paidOn}"`);
  await ctx.database.db.transaction(async (tx) => {
    await lockLimit(tx, { limit: 'assignment', fund, annuality, district: input.district });
    const act = await requireActOfType(tx, input.actId, ['DD'], 'La liquidazione');
    await requireAnnuality(tx, fund, annuality);
    const assigned = await money.assignedToDistrict(tx, fund, annuality, input.district);
    const disbursed = await money.disbursedToDistrict(tx, fund, annuality, input.district);
    const where = { fund: fund as FundCode, annuality: annuality as Annuality, district: input.district as DistrictCode };
    checkDisbursementWithinAssignment({ assigned, disbursed, adding: input.amount }, where);
    const outcome = evaluateGating(await gatingRuleOf(tx, fund, annuality), { ...where, figures: await figuresOf(tx, input.district, fund) });
    if (!outcome.allowed) throw conflict('disbursement.gated', outcome.reason);
    if (await money.disbursementExists(tx, { fund, annuality, district: input.district, actNumber: act.number })) throw conflict('disbursement.duplicate', `Liquidazione al distretto ${input.district} con l'atto ${act.number} già registrata`);
    const row = { fundCode: fund, annuality, districtCode: input.district, actId: act.id, actNumber: act.number, amount: input.amount, paidOn };
    await money.insertDisbursement(tx, row);
    await refreshMoneyTotals(tx, [{ districtCode: input.district, fundCode: fund, annuality }]);
    await recordChange(ctx, tx, actor, { action: 'disbursement.create', entityType: 'disbursement', entityId: `${fund}/${annuality}/${input.district}/${act.number}`, after: row, actId: act.id });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

export const listFunds = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const fundRows = await national.allFunds(db);
  const annualities = await national.allAnnualities(db);
  return fundRows.map((f) => ({
    ...f,
    annualities: annualities.filter((a) => a.fundCode === f.code).map((a) => ({ annuality: a.annuality, allocated: toNumber(cents(a.allocated)) })),
  }));
};

/** A fund annuality with its lines, what each line has assigned, the gating rule and the transmission. */
export const annualityDetail = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number) => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const row = await national.annualityWithFund(db, fund, annuality);
  if (!row) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  const lines = await national.linesOf(db, fund, annuality);
  const assignedByLine = await national.assignedByLine(db, fund, annuality);
  const rule = row.a.gatingRule ? parseGatingRule(row.a.gatingRule) : defaultGatingRule({ rule75: row.f.rule75 });
  const gatingAct = row.a.gatingActId ? await findAct(db, row.a.gatingActId) : undefined;
  return {
    fund: row.f.code,
    fundName: row.f.name,
    source: row.f.source,
    rule75: row.f.rule75,
    annuality,
    allocated: toNumber(cents(row.a.allocated)),
    act: { id: row.a.actId, type: row.actType, number: row.actNumber, date: row.actDate },
    programmed: lines.reduce((s, l) => s + toNumber(cents(l.amount)), 0),
    transmission: row.a.transmittedOn ? { transmittedOn: row.a.transmittedOn, protocol: row.a.transmissionProtocol ?? '' } : null,
    gating: gatingRuleToJson(rule),
    /** the act that set the rule; null: the default of the fund */
    gatingAct: gatingAct ? { id: gatingAct.id, type: gatingAct.type, number: gatingAct.number, date: gatingAct.date } : null,
    lines: lines.map((l) => ({
      code: l.code,
      description: l.description,
      amount: toNumber(cents(l.amount)),
      assigned: assignedByLine.get(l.code) ?? 0,
      actId: l.actId,
    })),
  };
};
