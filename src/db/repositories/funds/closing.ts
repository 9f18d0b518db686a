/**
 * Queries of the closing of a fund annuality: acknowledgement acts, redeterminations and the
 * receivables they raise. Writers call these under the limit locks of src/db/locks.ts (`report`
 * for a district's lines, `assignment` for its money); this file takes no advisory lock itself.
 */
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import {
  acknowledgements,
  acts,
  assignments,
  disbursements,
  districts,
  expenseLines,
  expenseReports,
  fundAnnualities,
  funds,
  importReceipts,
  interventionLines,
  receivableRecoveries,
  receivables,
  redeterminations,
} from '../../schema/index.ts';
import { cents, type Cents } from '../../../domain/money.ts';

export type AcknowledgementRow = typeof acknowledgements.$inferSelect;
export type ReceivableRow = typeof receivables.$inferSelect;
export type RecoveryRow = typeof receivableRecoveries.$inferSelect;
export type DisbursementRow = typeof disbursements.$inferSelect;

interface ReportKey {
  district: string;
  fund: string;
  annuality: number;
}

const submittedOf = (k: ReportKey) =>
  and(eq(expenseLines.districtCode, k.district), eq(expenseLines.fundCode, k.fund), eq(expenseLines.annuality, k.annuality), eq(expenseLines.submitted, true));

/** Submitted lines of a district on a fund annuality, those still to verify, and those not yet acknowledged. */
export const reportCounts = async (ex: Executor, k: ReportKey): Promise<{ lines: number; pending: number; open: number }> => {
  const [row] = await ex
    .select({
      lines: sql<string>`count(*)`,
      pending: sql<string>`count(*) filter (where ${expenseLines.recognised} is null)`,
      open: sql<string>`count(*) filter (where ${expenseLines.acknowledgedActId} is null)`,
    })
    .from(expenseLines)
    .where(submittedOf(k));
  return { lines: Number(row?.lines ?? 0), pending: Number(row?.pending ?? 0), open: Number(row?.open ?? 0) };
};

/** Closes every verified, not yet acknowledged line with the act; answers how many. */
export const acknowledgeLines = async (ex: Executor, k: ReportKey, actId: number): Promise<number> =>
  (await ex.update(expenseLines).set({ acknowledgedActId: actId }).where(and(submittedOf(k), isNull(expenseLines.acknowledgedActId), sql`${expenseLines.recognised} is not null`)).returning({ id: expenseLines.id }))
    .length;

export const insertAcknowledgement = async (ex: Executor, row: typeof acknowledgements.$inferInsert): Promise<AcknowledgementRow> => (await ex.insert(acknowledgements).values(row).returning())[0]!;

export const acknowledgementById = async (ex: Executor, id: number): Promise<AcknowledgementRow | undefined> => (await ex.select().from(acknowledgements).where(eq(acknowledgements.id, id)))[0];

/** Acknowledgements of the districts given (null: all), newest first. */
export const acknowledgementsOf = (ex: Executor, filter: { district?: string | undefined; fund?: string | undefined; annuality?: number | undefined; districts: readonly string[] | null }) => {
  const parts = [];
  if (filter.district) parts.push(eq(acknowledgements.districtCode, filter.district));
  if (filter.districts) parts.push(filter.districts.length ? inArray(acknowledgements.districtCode, [...filter.districts]) : sql`false`);
  if (filter.fund) parts.push(eq(acknowledgements.fundCode, filter.fund));
  if (filter.annuality !== undefined) parts.push(eq(acknowledgements.annuality, filter.annuality));
  return ex
    .select({ a: acknowledgements, act: { id: acts.id, type: acts.type, number: acts.number, date: acts.date } })
    .from(acknowledgements)
    .innerJoin(acts, eq(acts.id, acknowledgements.actId))
    .where(and(...parts))
    .orderBy(desc(acknowledgements.id));
};

export const actById = async (ex: Executor, id: number) => (await ex.select().from(acts).where(eq(acts.id, id)))[0];

export const districtExists = async (ex: Executor, code: string): Promise<boolean> => (await ex.select({ code: districts.code }).from(districts).where(eq(districts.code, code))).length > 0;

/** A district's assignments on a fund annuality, summed per intervention line. */
export const assignedByLine = async (ex: Executor, fund: string, annuality: number, district: string): Promise<{ line: string; amount: Cents }[]> =>
  (
    await ex
      .select({ line: assignments.lineCode, s: sql<string>`sum(${assignments.amount})` })
      .from(assignments)
      .where(and(eq(assignments.fundCode, fund), eq(assignments.annuality, annuality), eq(assignments.districtCode, district)))
      .groupBy(assignments.lineCode)
      .orderBy(asc(assignments.lineCode))
  ).map((r) => ({ line: r.line, amount: cents(BigInt(r.s)) }));

/** Whether an act number was already used for assignments of these districts on the fund annuality. */
export const actUsedForAssignments = async (ex: Executor, fund: string, annuality: number, actNumber: string, districtCodes: readonly string[]): Promise<boolean> =>
  (
    await ex
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.fundCode, fund), eq(assignments.annuality, annuality), eq(assignments.actNumber, actNumber), inArray(assignments.districtCode, [...districtCodes])))
      .limit(1)
  ).length > 0;

export const insertRedetermination = async (ex: Executor, row: typeof redeterminations.$inferInsert) => (await ex.insert(redeterminations).values(row).returning())[0]!;

/** Σ regional interventions of a fund annuality, from the redeterminations that made them. */
export const regionalInterventionsOf = async (ex: Executor, fund: string, annuality: number): Promise<Map<string, Cents>> => {
  const rows = await ex.select({ destinations: redeterminations.destinations }).from(redeterminations).where(and(eq(redeterminations.fundCode, fund), eq(redeterminations.annuality, annuality)));
  const out = new Map<string, Cents>();
  for (const r of rows) {
    for (const d of r.destinations as { kind: string; intervention?: string; amount: string }[]) {
      if (d.kind === 'regional_intervention' && d.intervention) out.set(d.intervention, cents((out.get(d.intervention) ?? 0n) + BigInt(d.amount)));
    }
  }
  return out;
};

export const insertReceivable = async (ex: Executor, row: typeof receivables.$inferInsert): Promise<ReceivableRow> => (await ex.insert(receivables).values(row).returning())[0]!;

/** Where a receivable counts (read without a lock, to know which lock to take). */
export const receivableKey = async (ex: Executor, id: number) =>
  (await ex.select({ district: receivables.districtCode, fund: receivables.fundCode, annuality: receivables.annuality }).from(receivables).where(eq(receivables.id, id)))[0];

export const lockReceivable = async (ex: Executor, id: number): Promise<ReceivableRow | undefined> => (await ex.select().from(receivables).where(eq(receivables.id, id)).for('update'))[0];

export const recoveredOn = async (ex: Executor, receivableId: number): Promise<Cents> =>
  cents(BigInt((await ex.select({ s: sql<string | null>`sum(${receivableRecoveries.amount})` }).from(receivableRecoveries).where(eq(receivableRecoveries.receivableId, receivableId)))[0]?.s ?? 0));

export const insertRecovery = async (ex: Executor, row: typeof receivableRecoveries.$inferInsert): Promise<RecoveryRow> => (await ex.insert(receivableRecoveries).values(row).returning())[0]!;

export const disbursementById = async (ex: Executor, id: number): Promise<DisbursementRow | undefined> => (await ex.select().from(disbursements).where(eq(disbursements.id, id)))[0];

/** Σ withheld from a tranche by every offset. */
export const withheldFrom = async (ex: Executor, disbursementId: number): Promise<Cents> =>
  cents(BigInt((await ex.select({ s: sql<string | null>`sum(${receivableRecoveries.amount})` }).from(receivableRecoveries).where(eq(receivableRecoveries.disbursementId, disbursementId)))[0]?.s ?? 0));

/** The later tranches of the same fund to the district: what an offset may be withheld from. */
export const laterTranches = (ex: Executor, district: string, fund: string, afterAnnuality: number) =>
  ex
    .select()
    .from(disbursements)
    .where(and(eq(disbursements.districtCode, district), eq(disbursements.fundCode, fund), gt(disbursements.annuality, afterAnnuality)))
    .orderBy(asc(disbursements.paidOn), asc(disbursements.id));

/** A district's receivables with their acts, oldest first. */
export const receivablesOf = (ex: Executor, district: string) =>
  ex
    .select({ r: receivables, act: { id: acts.id, type: acts.type, number: acts.number, date: acts.date } })
    .from(receivables)
    .innerJoin(acts, eq(acts.id, receivables.actId))
    .where(eq(receivables.districtCode, district))
    .orderBy(asc(receivables.fundCode), asc(receivables.annuality), asc(receivables.id));

/** The recoveries of these receivables with the tranche of each offset. */
export const recoveriesOf = (ex: Executor, receivableIds: readonly number[]) =>
  receivableIds.length === 0
    ? Promise.resolve([])
    : ex
        .select({ r: receivableRecoveries, tranche: { id: disbursements.id, annuality: disbursements.annuality, actNumber: disbursements.actNumber, paidOn: disbursements.paidOn, amount: disbursements.amount } })
        .from(receivableRecoveries)
        .leftJoin(disbursements, eq(disbursements.id, receivableRecoveries.disbursementId))
        .where(inArray(receivableRecoveries.receivableId, [...receivableIds]))
        .orderBy(asc(receivableRecoveries.id));

/** What the acknowledgement act cites: the district, the fund, the decree and programming acts of the annuality. */
export const actCitations = async (ex: Executor, district: string, fund: string, annuality: number) => {
  const [d] = await ex.select({ code: districts.code, name: districts.name, leadBody: districts.leadBody }).from(districts).where(eq(districts.code, district));
  const [f] = await ex.select({ name: funds.name }).from(funds).where(eq(funds.code, fund));
  const decree = (
    await ex
      .select({ type: acts.type, number: acts.number, date: acts.date, subject: acts.subject })
      .from(fundAnnualities)
      .innerJoin(acts, eq(acts.id, fundAnnualities.actId))
      .where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)))
  )[0];
  const programming = await ex
    .selectDistinct({ type: acts.type, number: acts.number, date: acts.date, subject: acts.subject })
    .from(interventionLines)
    .innerJoin(acts, eq(acts.id, interventionLines.actId))
    .where(and(eq(interventionLines.fundCode, fund), eq(interventionLines.annuality, annuality)))
    .orderBy(asc(acts.date), asc(acts.number));
  return { district: d, fundName: f?.name ?? fund, decree, programming };
};

/** The reports a district's lines on a fund annuality came in, with their receipts, and how the lines were verified. */
export const reportsAndOutcomes = async (ex: Executor, k: ReportKey) => {
  const reports = await ex
    .selectDistinct({ id: expenseReports.id, year: expenseReports.expenseYear, submittedOn: expenseReports.submittedOn })
    .from(expenseLines)
    .innerJoin(expenseReports, eq(expenseReports.id, expenseLines.reportId))
    .where(submittedOf(k))
    .orderBy(asc(expenseReports.expenseYear));
  const receipts = reports.length
    ? await ex.select({ id: importReceipts.id, reportId: importReceipts.reportId }).from(importReceipts).where(inArray(importReceipts.reportId, reports.map((r) => r.id))).orderBy(asc(importReceipts.id))
    : [];
  const [o] = await ex
    .select({
      total: sql<string>`count(*)`,
      full: sql<string>`count(*) filter (where ${expenseLines.recognised} = ${expenseLines.amount})`,
      rejected: sql<string>`count(*) filter (where ${expenseLines.recognised} = 0 and ${expenseLines.rejectionReason} is not null)`,
    })
    .from(expenseLines)
    .where(submittedOf(k));
  return { reports: reports.map((r) => ({ ...r, receipts: receipts.filter((x) => x.reportId === r.id).map((x) => x.id) })), total: Number(o?.total ?? 0), full: Number(o?.full ?? 0), rejected: Number(o?.rejected ?? 0) };
};
