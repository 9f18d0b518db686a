/**
 * National funds, steps 1–5 of the life cycle (DOMAIN.md): the allocation decree, programming
 * into intervention lines (DGR), transmission to the ministry, assignment to districts (DD) with
 * the split helper, disbursement in tranches under the gating rule of the fund annuality.
 * Every step cites its act, checks its limit in the domain and is audited.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { acts, assignments, disbursements, districts, fundAnnualities, funds, interventionLines, districtFundTotals } from '../../db/schema/index.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requireDistrict, requirePermission } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { cents, toNumber, type Cents } from '../../domain/money.ts';
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
import { refreshMoneyTotals } from './totals.ts';

const sumQuery = async (tx: Tx | ServiceContext['database']['db'], query: ReturnType<typeof sql>): Promise<Cents> =>
  cents(BigInt(rowsOf<{ s: string | null }>(await tx.execute(query))[0]?.s ?? 0));

const requireActOfType = async (tx: Tx, actId: number, types: readonly string[], what: string) => {
  const [act] = await tx.select().from(acts).where(eq(acts.id, actId));
  if (!act) throw notFound('act.not_found', `Atto ${actId} non trovato`);
  if (!types.includes(act.type)) throw invalid('act.wrong_type', `${what} richiede un atto di tipo ${types.join(' o ')}, non ${act.type}`);
  return act;
};

const requireAnnuality = async (tx: Tx, fund: string, annuality: number) => {
  const [a] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
  if (!a) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  return a;
};

/** Regional funds move through budget chapters and reservations (services/funds/regional.ts), not these steps. */
const requireNationalFund = async (tx: Tx, fund: string) => {
  const [f] = await tx.select().from(funds).where(eq(funds.code, fund));
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
    const [dup] = await tx.select().from(funds).where(eq(funds.code, code));
    if (dup) throw conflict('fund.duplicate', `Il fondo ${code} esiste già`);
    const row = { code, name: input.name.trim(), source: input.source, rule75: input.rule75 };
    await tx.insert(funds).values(row);
    await recordChange(ctx, tx, actor, { action: 'fund.create', entityType: 'fund', entityId: code, after: row });
    return row;
  });
};

/** Step 1: the allocation decree gives the Region A(F,Y). */
export const recordAllocation = async (ctx: ServiceContext, actor: Actor, fund: string, input: { annuality: number; allocated: Cents; actId: number }) => {
  requirePermission(actor, 'funds.manage');
  requirePositiveAmount(input.allocated, "dell'assegnazione alla Regione");
  await ctx.database.db.transaction(async (tx) => {
    await requireNationalFund(tx, fund);
    await requireActOfType(tx, input.actId, ['DM', 'DECRETO'], "L'assegnazione alla Regione");
    const [before] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, input.annuality)));
    if (before) {
      // An amended decree may change A only down to what is already programmed.
      const programmed = await sumQuery(tx, sql`select sum(amount) as s from intervention_lines where fund_code = ${fund} and annuality = ${input.annuality}`);
      checkLimitCoversUsage('allocation', { newLimit: input.allocated, used: programmed }, { fund: fund as FundCode, annuality: input.annuality as Annuality });
      await tx.update(fundAnnualities).set({ allocated: input.allocated, actId: input.actId }).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, input.annuality)));
    } else {
      await tx.insert(fundAnnualities).values({ fundCode: fund, annuality: input.annuality, allocated: input.allocated, actId: input.actId });
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
    await requireNationalFund(tx, fund);
    const a = await requireAnnuality(tx, fund, annuality);
    await requireActOfType(tx, input.actId, ['DGR'], 'La programmazione');
    const [dup] = await tx.select().from(interventionLines).where(and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, annuality), eq(interventionLines.code, code)));
    if (dup) throw conflict('line.duplicate', `La linea ${code} è già programmata per ${fund} ${annuality}`);
    const programmed = await sumQuery(tx, sql`select sum(amount) as s from intervention_lines where fund_code = ${fund} and annuality = ${annuality}`);
    checkProgrammingWithinAllocation({ allocated: cents(a.allocated), programmed, adding: input.amount }, { fund: fund as FundCode, annuality: annuality as Annuality });
    const row = { fundCode: fund, annuality, code, description: input.description.trim(), amount: input.amount, actId: input.actId };
    await tx.insert(interventionLines).values(row);
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
    await tx.update(fundAnnualities).set({ transmittedOn: on, transmissionProtocol: input.protocol.trim() }).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
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
    const [act] = await tx.select().from(acts).where(eq(acts.id, input.actId));
    if (!act) throw notFound('act.not_found', `Atto ${input.actId} non trovato`);
    const stored = gatingRuleToJson(rule);
    await tx.update(fundAnnualities).set({ gatingRule: stored, gatingActId: input.actId }).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
    await recordChange(ctx, tx, actor, { action: 'fund_annuality.gating', entityType: 'fund_annuality', entityId: `${fund}/${annuality}`, before: before.gatingRule, after: stored, actId: input.actId });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

const gatingRuleOf = async (tx: Tx | ServiceContext['database']['db'], fund: string, annuality: number): Promise<GatingRule> => {
  const [row] = await tx
    .select({ rule: fundAnnualities.gatingRule, rule75: funds.rule75, actId: fundAnnualities.gatingActId })
    .from(fundAnnualities)
    .innerJoin(funds, eq(funds.code, fundAnnualities.fundCode))
    .where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
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

/** Step 4: assignment and commitment of a line to districts by a DD; Σ per line ≤ line. */
export const assignLine = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, lineCode: string, input: { actId: number } & SplitRequest) => {
  requirePermission(actor, 'funds.manage');
  const shares = (await previewAssignment(ctx, actor, input)).filter((s) => s.amount > 0n);
  if (shares.length === 0) throw invalid('assignment.empty', 'Nessun importo da assegnare');
  await ctx.database.db.transaction(async (tx) => {
    await requireNationalFund(tx, fund);
    const act = await requireActOfType(tx, input.actId, ['DD'], "L'assegnazione ai distretti");
    const [line] = await tx.select().from(interventionLines).where(and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, annuality), eq(interventionLines.code, lineCode)));
    if (!line) throw notFound('line.not_found', `Linea ${lineCode} del fondo ${fund} ${annuality} non trovata`);
    const known = new Set((await tx.select({ code: districts.code }).from(districts)).map((d) => d.code));
    for (const s of shares) if (!known.has(s.district)) throw invalid('district.not_found', `Distretto "${s.district}" inesistente`);
    const assigned = await sumQuery(tx, sql`select sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${annuality} and line_code = ${lineCode}`);
    const adding = cents(shares.reduce((s, x) => s + x.amount, 0n));
    checkAssignmentWithinLine({ line: cents(line.amount), assigned, adding }, { fund: fund as FundCode, annuality: annuality as Annuality, line: lineCode });
    for (const s of shares) {
      const [dup] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.fundCode, fund), eq(assignments.annuality, annuality), eq(assignments.lineCode, lineCode), eq(assignments.districtCode, s.district), eq(assignments.actNumber, act.number)));
      if (dup) throw conflict('assignment.duplicate', `Il distretto ${s.district} ha già un'assegnazione sulla linea ${lineCode} con l'atto ${act.number}`);
      await tx.insert(assignments).values({ fundCode: fund, annuality, lineCode, districtCode: s.district, actId: act.id, actNumber: act.number, amount: s.amount });
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

const figuresOf = async (tx: Tx | ServiceContext['database']['db'], district: string, fund: string) => {
  const rows = await tx.select().from(districtFundTotals).where(and(eq(districtFundTotals.districtCode, district), eq(districtFundTotals.fundCode, fund)));
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
  const [t] = await db.select().from(districtFundTotals).where(and(eq(districtFundTotals.districtCode, district), eq(districtFundTotals.fundCode, fund), eq(districtFundTotals.annuality, annuality)));
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
    const act = await requireActOfType(tx, input.actId, ['DD'], 'La liquidazione');
    await requireAnnuality(tx, fund, annuality);
    const assigned = await sumQuery(tx, sql`select sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${annuality} and district_code = ${input.district}`);
    const disbursed = await sumQuery(tx, sql`select sum(amount) as s from disbursements where fund_code = ${fund} and annuality = ${annuality} and district_code = ${input.district}`);
    const where = { fund: fund as FundCode, annuality: annuality as Annuality, district: input.district as DistrictCode };
    checkDisbursementWithinAssignment({ assigned, disbursed, adding: input.amount }, where);
    const outcome = evaluateGating(await gatingRuleOf(tx, fund, annuality), { ...where, figures: await figuresOf(tx, input.district, fund) });
    if (!outcome.allowed) throw conflict('disbursement.gated', outcome.reason);
    const [dup] = await tx
      .select({ id: disbursements.id })
      .from(disbursements)
      .where(and(eq(disbursements.fundCode, fund), eq(disbursements.annuality, annuality), eq(disbursements.districtCode, input.district), eq(disbursements.actNumber, act.number)));
    if (dup) throw conflict('disbursement.duplicate', `Liquidazione al distretto ${input.district} con l'atto ${act.number} già registrata`);
    const row = { fundCode: fund, annuality, districtCode: input.district, actId: act.id, actNumber: act.number, amount: input.amount, paidOn };
    await tx.insert(disbursements).values(row);
    await refreshMoneyTotals(tx, [{ districtCode: input.district, fundCode: fund, annuality }]);
    await recordChange(ctx, tx, actor, { action: 'disbursement.create', entityType: 'disbursement', entityId: `${fund}/${annuality}/${input.district}/${act.number}`, after: row, actId: act.id });
  });
  return annualityDetail(ctx, actor, fund, annuality);
};

export const listFunds = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const fundRows = await db.select().from(funds).orderBy(asc(funds.code));
  const annualities = await db.select().from(fundAnnualities).orderBy(asc(fundAnnualities.fundCode), asc(fundAnnualities.annuality));
  return fundRows.map((f) => ({
    ...f,
    annualities: annualities.filter((a) => a.fundCode === f.code).map((a) => ({ annuality: a.annuality, allocated: toNumber(cents(a.allocated)) })),
  }));
};

/** A fund annuality with its lines, what each line has assigned, the gating rule and the transmission. */
export const annualityDetail = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number) => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const [row] = await db
    .select({ a: fundAnnualities, f: funds, actNumber: acts.number, actType: acts.type, actDate: acts.date })
    .from(fundAnnualities)
    .innerJoin(funds, eq(funds.code, fundAnnualities.fundCode))
    .innerJoin(acts, eq(acts.id, fundAnnualities.actId))
    .where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
  if (!row) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  const lines = await db.select().from(interventionLines).where(and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, annuality))).orderBy(asc(interventionLines.code));
  const assignedByLine = rowsOf<{ line_code: string; s: string }>(
    await db.execute(sql`select line_code, sum(amount) as s from assignments where fund_code = ${fund} and annuality = ${annuality} group by line_code`),
  );
  const rule = row.a.gatingRule ? parseGatingRule(row.a.gatingRule) : defaultGatingRule({ rule75: row.f.rule75 });
  const [gatingAct] = row.a.gatingActId ? await db.select().from(acts).where(eq(acts.id, row.a.gatingActId)) : [];
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
      assigned: Number(assignedByLine.find((x) => x.line_code === l.code)?.s ?? 0),
      actId: l.actId,
    })),
  };
};
