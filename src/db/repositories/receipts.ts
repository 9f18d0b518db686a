/** The stored receipts of imports, uploads and submissions (import_receipts), newest first. */
import { and, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { districts, expenseReports, importReceipts, regions } from '../schema/index.ts';

export type ReceiptRow = typeof importReceipts.$inferSelect;

/** null: every receipt (the Region); a list: those of these districts only. */
export const listReceipts = async (ex: Executor, only: readonly string[] | null, filter: { district?: string | undefined }, limit: number, offset: number) => {
  const parts: SQL[] = [];
  if (only) parts.push(only.length ? inArray(importReceipts.districtCode, [...only]) : sql`false`);
  if (filter.district) parts.push(eq(importReceipts.districtCode, filter.district));
  const where = parts.length ? and(...parts) : undefined;
  const rows = await ex.select().from(importReceipts).where(where).orderBy(desc(importReceipts.id)).limit(limit).offset(offset);
  const [total] = await ex.select({ n: count() }).from(importReceipts).where(where);
  return { rows, total: Number(total?.n ?? 0) };
};

/** The receipt written when a report was submitted. */
export const submissionReceiptOf = async (ex: Executor, reportId: number): Promise<number | null> => {
  const [r] = await ex
    .select({ id: importReceipts.id })
    .from(importReceipts)
    .where(and(eq(importReceipts.reportId, reportId), isNotNull(sql`${importReceipts.stored} -> 'submission'`)))
    .orderBy(desc(importReceipts.id))
    .limit(1);
  return r?.id ?? null;
};


export const districtNameOf = async (ex: Executor, code: string): Promise<string | null> => {
  const [d] = await ex.select({ name: districts.name }).from(districts).where(eq(districts.code, code));
  return d?.name ?? null;
};

export const regionName = async (ex: Executor): Promise<string | null> => {
  const [r] = await ex.select({ name: regions.name }).from(regions).orderBy(regions.code).limit(1);
  return r?.name ?? null;
};

export const reportYearOf = async (ex: Executor, reportId: number): Promise<number | null> => {
  const [r] = await ex.select({ year: expenseReports.expenseYear }).from(expenseReports).where(eq(expenseReports.id, reportId));
  return r?.year ?? null;
};
