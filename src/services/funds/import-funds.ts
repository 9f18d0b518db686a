/**
 * The fund files of an exchange import (fondi, annualita, linee, assegnazioni, liquidazioni;
 * spese in import-expenses.ts), inside the import's transaction. Each record is keyed as EXCHANGE.md states: an
 * identical record already stored is skipped; a different one under the same key is refused
 * (an earlier figure is corrected through a correction request, never by silent overwrite).
 * Limits are checked on the sums after the whole file, and the first record that breaks one
 * is named with its line.
 */
import { and, eq, sql } from 'drizzle-orm';
import { acts, assignments, disbursements, districts, fundAnnualities, funds, interventionLines } from '../../db/schema/index.ts';
import { rowsOf, type Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { cents, type Cents } from '../../domain/money.ts';
import {
  checkAssignmentWithinLine,
  checkDisbursementWithinAssignment,
  checkProgrammingWithinAllocation,
} from '../../domain/funds/limits.ts';
import type { Annuality, DistrictCode, FundCode } from '../../domain/funds/types.ts';
import { formatIssue } from '../../exchange/issues.ts';
import type { ActReference, AnnualityRecord, AssignmentRecord, DisbursementRecord, FundRecord, InterventionLineRecord } from '../../exchange/files.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { ensureAct } from '../acts.ts';
import { refreshMoneyTotals } from './totals.ts';

export interface Counts {
  added: number;
  changed: number;
  unchanged: number;
}

export const zero = (): Counts => ({ added: 0, changed: 0, unchanged: 0 });

/** Collects `file:line: column: message` errors; the import stores nothing when any exists. */
export class IssueList {
  readonly errors: string[] = [];
  add(file: string, line: number, column: string, message: string) {
    this.errors.push(formatIssue({ file, line, column, message }));
  }
  get empty() {
    return this.errors.length === 0;
  }
}

const actCache = new WeakMap<Tx, Map<string, number>>();

const actIdOf = async (ctx: ServiceContext, tx: Tx, actor: Actor, a: ActReference): Promise<number> => {
  let cache = actCache.get(tx);
  if (!cache) actCache.set(tx, (cache = new Map()));
  const key = `${a.type}\u0000${a.number}\u0000${a.date}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ref = await ensureAct(ctx, tx, actor, { type: a.type, number: a.number, date: a.date });
  cache.set(key, ref.id);
  return ref.id;
};

const sameAct = async (tx: Tx, actId: number, a: ActReference) => {
  const [row] = await tx.select().from(acts).where(eq(acts.id, actId));
  return row?.type === a.type && row.number === a.number && row.date === a.date;
};

/** A DomainError of a limit becomes the error of the record that broke it. */
const limitIssue = (issues: IssueList, file: string, line: number, column: string, check: () => void) => {
  try {
    check();
  } catch (e) {
    if (e instanceof DomainError) issues.add(file, line, column, e.message);
    else throw e;
  }
};

export const importFunds = async (ctx: ServiceContext, tx: Tx, actor: Actor, records: readonly FundRecord[]) => {
  const c = zero();
  for (const r of records) {
    const now = { code: r.code, name: r.name, source: r.source === 'nazionale' ? ('national' as const) : ('regional' as const), rule75: r.rule75 };
    const [before] = await tx.select().from(funds).where(eq(funds.code, r.code));
    if (!before) {
      await tx.insert(funds).values(now);
      await recordChange(ctx, tx, actor, { action: 'fund.import', entityType: 'fund', entityId: r.code, after: now });
      c.added++;
    } else if (before.name === now.name && before.source === now.source && before.rule75 === now.rule75) {
      c.unchanged++;
    } else {
      await tx.update(funds).set(now).where(eq(funds.code, r.code));
      await recordChange(ctx, tx, actor, { action: 'fund.import', entityType: 'fund', entityId: r.code, before, after: now });
      c.changed++;
    }
  }
  return c;
};

const annualityKey = (f: string, y: number) => `${f}/${y}`;

export const importAnnualities = async (ctx: ServiceContext, tx: Tx, actor: Actor, records: readonly AnnualityRecord[], file: string, issues: IssueList) => {
  const c = zero();
  for (const r of records) {
    const [fund] = await tx.select({ code: funds.code }).from(funds).where(eq(funds.code, r.fundCode));
    if (!fund) {
      issues.add(file, r.line, 'fondo', `fondo "${r.fundCode}" inesistente`);
      continue;
    }
    const [before] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, r.fundCode), eq(fundAnnualities.annuality, r.annuality)));
    const actId = await actIdOf(ctx, tx, actor, r.act);
    if (!before) {
      await tx.insert(fundAnnualities).values({ fundCode: r.fundCode, annuality: r.annuality, allocated: r.amount, actId });
      await recordChange(ctx, tx, actor, { action: 'fund_annuality.import', entityType: 'fund_annuality', entityId: annualityKey(r.fundCode, r.annuality), after: { allocated: r.amount }, actId });
      c.added++;
    } else if (before.allocated === r.amount && before.actId === actId) {
      c.unchanged++;
    } else {
      issues.add(file, r.line, 'importo', `annualità ${r.fundCode} ${r.annuality} già registrata con importo o atto diversi: la modifica di un importo già registrato passa per una rettifica`);
    }
  }
  return c;
};

const sumOf = async (tx: Tx, query: ReturnType<typeof sql>): Promise<Cents> => {
  const v = rowsOf<{ s: string | number | null }>(await tx.execute(query))[0]?.s;
  return cents(BigInt(v ?? 0));
};

export const importLines = async (ctx: ServiceContext, tx: Tx, actor: Actor, records: readonly InterventionLineRecord[], file: string, issues: IssueList) => {
  const c = zero();
  const touched = new Map<string, InterventionLineRecord>();
  for (const r of records) {
    const [annuality] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, r.fundCode), eq(fundAnnualities.annuality, r.annuality)));
    if (!annuality) {
      issues.add(file, r.line, 'annualita', `annualità ${r.annuality} del fondo "${r.fundCode}" inesistente (manca in annualita.csv)`);
      continue;
    }
    const actId = await actIdOf(ctx, tx, actor, r.act);
    const [before] = await tx
      .select()
      .from(interventionLines)
      .where(and(eq(interventionLines.fundCode, r.fundCode), eq(interventionLines.annuality, r.annuality), eq(interventionLines.code, r.lineCode)));
    if (!before) {
      await tx.insert(interventionLines).values({ fundCode: r.fundCode, annuality: r.annuality, code: r.lineCode, description: r.description, amount: r.amount, actId });
      await recordChange(ctx, tx, actor, { action: 'intervention_line.import', entityType: 'intervention_line', entityId: `${r.fundCode}/${r.annuality}/${r.lineCode}`, after: { amount: r.amount, description: r.description }, actId });
      c.added++;
      touched.set(annualityKey(r.fundCode, r.annuality), r);
    } else if (before.amount === r.amount && before.description === r.description && before.actId === actId) {
      c.unchanged++;
    } else {
      issues.add(file, r.line, 'importo', `linea ${r.lineCode} già registrata con valori diversi: la modifica passa per una rettifica`);
    }
  }
  for (const r of touched.values()) {
    const [a] = await tx.select().from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, r.fundCode), eq(fundAnnualities.annuality, r.annuality)));
    const programmed = await sumOf(tx, sql`select sum(amount) as s from intervention_lines where fund_code = ${r.fundCode} and annuality = ${r.annuality}`);
    limitIssue(issues, file, r.line, 'importo', () =>
      checkProgrammingWithinAllocation({ allocated: cents(a!.allocated), programmed: cents(0n), adding: programmed }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality }),
    );
  }
  return c;
};

export const importAssignments = async (ctx: ServiceContext, tx: Tx, actor: Actor, records: readonly AssignmentRecord[], file: string, issues: IssueList) => {
  const c = zero();
  const touchedLines = new Map<string, AssignmentRecord>();
  const knownDistricts = new Set((await tx.select({ code: districts.code }).from(districts)).map((d) => d.code));
  for (const r of records) {
    if (!knownDistricts.has(r.districtCode)) {
      issues.add(file, r.line, 'distretto', `distretto "${r.districtCode}" inesistente`);
      continue;
    }
    const [line] = await tx
      .select()
      .from(interventionLines)
      .where(and(eq(interventionLines.fundCode, r.fundCode), eq(interventionLines.annuality, r.annuality), eq(interventionLines.code, r.lineCode)));
    if (!line) {
      issues.add(file, r.line, 'linea', `linea "${r.lineCode}" del fondo ${r.fundCode} ${r.annuality} inesistente`);
      continue;
    }
    const [before] = await tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.fundCode, r.fundCode), eq(assignments.annuality, r.annuality), eq(assignments.lineCode, r.lineCode), eq(assignments.districtCode, r.districtCode), eq(assignments.actNumber, r.act.number)));
    if (!before) {
      const actId = await actIdOf(ctx, tx, actor, r.act);
      await tx.insert(assignments).values({ fundCode: r.fundCode, annuality: r.annuality, lineCode: r.lineCode, districtCode: r.districtCode, actId, actNumber: r.act.number, amount: r.amount });
      await recordChange(ctx, tx, actor, { action: 'assignment.import', entityType: 'assignment', entityId: `${r.fundCode}/${r.annuality}/${r.lineCode}/${r.districtCode}/${r.act.number}`, after: { amount: r.amount }, actId });
      c.added++;
      touchedLines.set(`${r.fundCode}\u0000${r.annuality}\u0000${r.lineCode}`, r);
    } else if (before.amount === r.amount && (await sameAct(tx, before.actId, r.act))) {
      c.unchanged++;
    } else {
      issues.add(file, r.line, 'importo', `assegnazione già registrata con valori diversi: la modifica passa per una rettifica`);
    }
  }
  for (const r of touchedLines.values()) {
    const [line] = await tx
      .select()
      .from(interventionLines)
      .where(and(eq(interventionLines.fundCode, r.fundCode), eq(interventionLines.annuality, r.annuality), eq(interventionLines.code, r.lineCode)));
    const assigned = await sumOf(tx, sql`select sum(amount) as s from assignments where fund_code = ${r.fundCode} and annuality = ${r.annuality} and line_code = ${r.lineCode}`);
    limitIssue(issues, file, r.line, 'importo', () =>
      checkAssignmentWithinLine({ line: cents(line!.amount), assigned: cents(0n), adding: assigned }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality, line: r.lineCode }),
    );
  }
  return c;
};

export const importDisbursements = async (ctx: ServiceContext, tx: Tx, actor: Actor, records: readonly DisbursementRecord[], file: string, issues: IssueList) => {
  const c = zero();
  const touched = new Map<string, DisbursementRecord>();
  const knownDistricts = new Set((await tx.select({ code: districts.code }).from(districts)).map((d) => d.code));
  for (const r of records) {
    if (!knownDistricts.has(r.districtCode)) {
      issues.add(file, r.line, 'distretto', `distretto "${r.districtCode}" inesistente`);
      continue;
    }
    const [before] = await tx
      .select()
      .from(disbursements)
      .where(and(eq(disbursements.fundCode, r.fundCode), eq(disbursements.annuality, r.annuality), eq(disbursements.districtCode, r.districtCode), eq(disbursements.actNumber, r.act.number)));
    if (!before) {
      const actId = await actIdOf(ctx, tx, actor, r.act);
      await tx.insert(disbursements).values({ fundCode: r.fundCode, annuality: r.annuality, districtCode: r.districtCode, actId, actNumber: r.act.number, amount: r.amount, paidOn: r.date });
      await recordChange(ctx, tx, actor, { action: 'disbursement.import', entityType: 'disbursement', entityId: `${r.fundCode}/${r.annuality}/${r.districtCode}/${r.act.number}`, after: { amount: r.amount, paidOn: r.date }, actId });
      c.added++;
      touched.set(`${r.fundCode}\u0000${r.annuality}\u0000${r.districtCode}`, r);
    } else if (before.amount === r.amount && before.paidOn === r.date && (await sameAct(tx, before.actId, r.act))) {
      c.unchanged++;
    } else {
      issues.add(file, r.line, 'importo', `liquidazione già registrata con valori diversi: la modifica passa per una rettifica`);
    }
  }
  for (const r of touched.values()) {
    const assigned = await sumOf(tx, sql`select sum(amount) as s from assignments where fund_code = ${r.fundCode} and annuality = ${r.annuality} and district_code = ${r.districtCode}`);
    const disbursed = await sumOf(tx, sql`select sum(amount) as s from disbursements where fund_code = ${r.fundCode} and annuality = ${r.annuality} and district_code = ${r.districtCode}`);
    limitIssue(issues, file, r.line, 'importo', () =>
      checkDisbursementWithinAssignment({ assigned, disbursed: cents(0n), adding: disbursed }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality, district: r.districtCode as DistrictCode }),
    );
  }
  return c;
};

export { refreshMoneyTotals };
