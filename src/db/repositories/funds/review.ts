/**
 * Queries of the Region's review of submitted lines: verification (recognised, rejection
 * reason) and correction requests. Writers call these under the lock of the line's fund
 * annuality and district (src/db/locks.ts `report`), then lock the rows they change.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { correctionRequests, expenseLines } from '../../schema/index.ts';

export type LineRow = typeof expenseLines.$inferSelect;
export type CorrectionRow = typeof correctionRequests.$inferSelect;

/** Where a line counts: its district, fund and annuality (read without a lock, to know which lock to take). */
export const lineKey = async (ex: Executor, id: number) =>
  (await ex.select({ district: expenseLines.districtCode, fund: expenseLines.fundCode, annuality: expenseLines.annuality }).from(expenseLines).where(eq(expenseLines.id, id)))[0];

/** The line, its row locked until the end of the transaction. */
export const lockLine = async (ex: Executor, id: number): Promise<LineRow | undefined> => (await ex.select().from(expenseLines).where(eq(expenseLines.id, id)).for('update'))[0];

export const updateLine = async (ex: Executor, id: number, set: Partial<typeof expenseLines.$inferInsert>): Promise<LineRow> =>
  (await ex.update(expenseLines).set(set).where(eq(expenseLines.id, id)).returning())[0]!;

export interface LinesFilter {
  fund: string;
  annuality: number;
  district?: string | undefined;
  /** null: every district */
  districts: readonly string[] | null;
  status?: 'pending' | 'verified' | undefined;
}

const linesWhere = (f: LinesFilter): SQL | undefined => {
  const parts: SQL[] = [eq(expenseLines.fundCode, f.fund), eq(expenseLines.annuality, f.annuality), eq(expenseLines.submitted, true)];
  if (f.district) parts.push(eq(expenseLines.districtCode, f.district));
  else if (f.districts) parts.push(f.districts.length ? sql`${expenseLines.districtCode} in (${sql.join(f.districts.map((d) => sql`${d}`), sql`, `)})` : sql`false`);
  if (f.status === 'pending') parts.push(sql`${expenseLines.recognised} is null`);
  if (f.status === 'verified') parts.push(sql`${expenseLines.recognised} is not null`);
  return and(...parts);
};

/** A page of submitted lines of a fund annuality, and how many there are. */
export const submittedLines = async (ex: Executor, filter: LinesFilter, limit: number, offset: number): Promise<{ rows: LineRow[]; total: number }> => {
  const where = linesWhere(filter);
  const rows = await ex.select().from(expenseLines).where(where).orderBy(asc(expenseLines.districtCode), asc(expenseLines.id)).limit(limit).offset(offset);
  const [count] = await ex.select({ n: sql<string>`count(*)` }).from(expenseLines).where(where);
  return { rows, total: Number(count?.n ?? 0) };
};

/** The line a correction request is about (read without a lock, to know which lock to take). */
export const correctionLine = async (ex: Executor, id: number): Promise<number | undefined> =>
  (await ex.select({ line: correctionRequests.expenseLineId }).from(correctionRequests).where(eq(correctionRequests.id, id)))[0]?.line;

export const lockCorrection = async (ex: Executor, id: number): Promise<CorrectionRow | undefined> =>
  (await ex.select().from(correctionRequests).where(eq(correctionRequests.id, id)).for('update'))[0];

export const pendingCorrection = async (ex: Executor, lineId: number): Promise<CorrectionRow | undefined> =>
  (await ex.select().from(correctionRequests).where(and(eq(correctionRequests.expenseLineId, lineId), eq(correctionRequests.status, 'pending'))))[0];

export const insertCorrection = async (ex: Executor, row: typeof correctionRequests.$inferInsert): Promise<CorrectionRow> => (await ex.insert(correctionRequests).values(row).returning())[0]!;

export const updateCorrection = async (ex: Executor, id: number, set: Partial<typeof correctionRequests.$inferInsert>): Promise<CorrectionRow> =>
  (await ex.update(correctionRequests).set(set).where(eq(correctionRequests.id, id)).returning())[0]!;

/** A page of correction requests, newest first, and how many there are. */
export const corrections = async (
  ex: Executor,
  filter: { status?: 'pending' | 'accepted' | 'refused' | undefined; districts: readonly string[] | null },
  limit: number,
  offset: number,
): Promise<{ rows: { correction: CorrectionRow; line: { document: string; fund: string; annuality: number } | null }[]; total: number }> => {
  const parts: SQL[] = [];
  if (filter.status) parts.push(eq(correctionRequests.status, filter.status));
  if (filter.districts) parts.push(filter.districts.length ? sql`${correctionRequests.districtCode} in (${sql.join(filter.districts.map((d) => sql`${d}`), sql`, `)})` : sql`false`);
  const where = parts.length ? and(...parts) : undefined;
  const rows = await ex
    .select({ correction: correctionRequests, document: expenseLines.document, fund: expenseLines.fundCode, annuality: expenseLines.annuality })
    .from(correctionRequests)
    .leftJoin(expenseLines, eq(expenseLines.id, correctionRequests.expenseLineId))
    .where(where)
    .orderBy(desc(correctionRequests.id))
    .limit(limit)
    .offset(offset);
  const [count] = await ex.select({ n: sql<string>`count(*)` }).from(correctionRequests).where(where);
  return {
    rows: rows.map((r) => ({ correction: r.correction, line: r.document === null || r.fund === null || r.annuality === null ? null : { document: r.document, fund: r.fund, annuality: r.annuality } })),
    total: Number(count?.n ?? 0),
  };
};
