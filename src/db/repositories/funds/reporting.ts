/**
 * Queries of district reporting: expense reports (draft, submitted), the lines of a draft, the
 * submission that makes them reported, and the receipts of uploads. Writers call these under
 * the report's lock (src/db/locks.ts `expense_report`); this file takes no lock itself.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { expenseLines, expenseReports, fundAnnualities, importReceipts } from '../../schema/index.ts';

export type ReportRow = typeof expenseReports.$inferSelect;
export type ExpenseLineRow = typeof expenseLines.$inferSelect;
export type NewExpenseLine = typeof expenseLines.$inferInsert;

export const findReport = async (ex: Executor, district: string, year: number): Promise<ReportRow | undefined> =>
  (await ex.select().from(expenseReports).where(and(eq(expenseReports.districtCode, district), eq(expenseReports.expenseYear, year))))[0];

/**
 * The report of a district and year, created as a draft if there is none. ON CONFLICT keeps a
 * concurrent creator (one not holding the report's lock, such as another engine's import) from
 * turning into a duplicate-key error; either way the one row is read back.
 */
export const ensureReport = async (ex: Executor, district: string, year: number): Promise<{ report: ReportRow; created: boolean }> => {
  const [created] = await ex.insert(expenseReports).values({ districtCode: district, expenseYear: year, status: 'draft' }).onConflictDoNothing().returning();
  if (created) return { report: created, created: true };
  return { report: (await findReport(ex, district, year))!, created: false };
};

/** The year of the report a district's line belongs to (undefined: no such line, or no report). */
export const reportYearOfLine = async (ex: Executor, district: string, lineId: number): Promise<number | undefined> =>
  (
    await ex
      .select({ year: expenseReports.expenseYear })
      .from(expenseLines)
      .innerJoin(expenseReports, eq(expenseReports.id, expenseLines.reportId))
      .where(and(eq(expenseLines.id, lineId), eq(expenseLines.districtCode, district)))
  )[0]?.year;

const ofReport = (reportId: number | undefined): SQL => (reportId === undefined ? sql`false` : eq(expenseLines.reportId, reportId));

export const reportLines = (ex: Executor, reportId: number | undefined, limit: number, offset: number) =>
  ex.select().from(expenseLines).where(ofReport(reportId)).orderBy(asc(expenseLines.paidOn), asc(expenseLines.id)).limit(limit).offset(offset);

export const reportCount = async (ex: Executor, reportId: number | undefined): Promise<{ lines: number; total: number }> => {
  const [row] = await ex.select({ n: sql<string>`count(*)`, s: sql<string>`coalesce(sum(${expenseLines.amount}), 0)` }).from(expenseLines).where(ofReport(reportId));
  return { lines: Number(row?.n ?? 0), total: Number(row?.s ?? 0) };
};

/** The line holding a district's document, if any: a document is registered once per district. */
export const lineOfDocument = async (ex: Executor, district: string, document: string): Promise<number | undefined> =>
  (await ex.select({ id: expenseLines.id }).from(expenseLines).where(and(eq(expenseLines.districtCode, district), eq(expenseLines.document, document))))[0]?.id;

export const documentsOfDistrict = async (ex: Executor, district: string): Promise<Set<string>> =>
  new Set((await ex.select({ d: expenseLines.document }).from(expenseLines).where(eq(expenseLines.districtCode, district))).map((r) => r.d));

/** Every registered fund annuality, as `fund/annuality`. */
export const annualityKeys = async (ex: Executor): Promise<Set<string>> =>
  new Set((await ex.select({ f: fundAnnualities.fundCode, y: fundAnnualities.annuality }).from(fundAnnualities)).map((a) => `${a.f}/${a.y}`));

/**
 * Inserts lines; a line whose document the district already has is skipped, never an error,
 * and the stored ones are returned: the caller decides what a skipped one means.
 */
export const insertLines = async (ex: Executor, rows: readonly NewExpenseLine[]): Promise<ExpenseLineRow[]> => {
  const stored: ExpenseLineRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    stored.push(...(await ex.insert(expenseLines).values(rows.slice(i, i + 1000)).onConflictDoNothing({ target: [expenseLines.districtCode, expenseLines.document] }).returning()));
  }
  return stored;
};

export const findDistrictLine = async (ex: Executor, district: string, lineId: number): Promise<ExpenseLineRow | undefined> =>
  (await ex.select().from(expenseLines).where(and(eq(expenseLines.id, lineId), eq(expenseLines.districtCode, district))))[0];

export const updateLine = async (ex: Executor, lineId: number, set: Partial<NewExpenseLine>): Promise<ExpenseLineRow> =>
  (await ex.update(expenseLines).set(set).where(eq(expenseLines.id, lineId)).returning())[0]!;

export const deleteLine = async (ex: Executor, lineId: number) => {
  await ex.delete(expenseLines).where(eq(expenseLines.id, lineId));
};

/** What a report adds to each fund annuality: Σ amount and number of lines. */
export const reportSums = async (ex: Executor, reportId: number) =>
  (
    await ex
      .select({ fund: expenseLines.fundCode, annuality: expenseLines.annuality, s: sql<string>`sum(${expenseLines.amount})`, n: sql<string>`count(*)` })
      .from(expenseLines)
      .where(eq(expenseLines.reportId, reportId))
      .groupBy(expenseLines.fundCode, expenseLines.annuality)
      .orderBy(expenseLines.fundCode, expenseLines.annuality)
  ).map((r) => ({ fund: r.fund, annuality: r.annuality, amount: BigInt(r.s), lines: Number(r.n) }));

export const markSubmitted = async (ex: Executor, reportId: number, set: Pick<ReportRow, 'submittedAt' | 'submittedOn' | 'late' | 'daysLate' | 'submittedBy'>) => {
  await ex.update(expenseLines).set({ submitted: true }).where(eq(expenseLines.reportId, reportId));
  await ex
    .update(expenseReports)
    .set({ status: 'submitted', ...set })
    .where(eq(expenseReports.id, reportId));
};

export const insertReceipt = async (ex: Executor, row: typeof importReceipts.$inferInsert): Promise<number> =>
  (await ex.insert(importReceipts).values(row).returning({ id: importReceipts.id }))[0]!.id;

export const findReceipt = async (ex: Executor, id: number) => (await ex.select().from(importReceipts).where(eq(importReceipts.id, id)))[0];
