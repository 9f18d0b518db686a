/**
 * Queries of the money that reaches districts: assignments (step 4) and disbursements
 * (step 5). Limit checks call these under the lock of the line or the assignment
 * (src/db/locks.ts); this file takes no lock itself.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { assignments, disbursements } from '../../schema/index.ts';
import { cents, type Cents } from '../../../domain/money.ts';

const sumOf = async (ex: Executor, query: Promise<{ s: string | null }[]>): Promise<Cents> => cents(BigInt((await query)[0]?.s ?? 0));

/** Σ assignments of a line: what is used of the line. */
export const assignedOnLine = (ex: Executor, fund: string, annuality: number, line: string): Promise<Cents> =>
  sumOf(ex, ex.select({ s: sql<string | null>`sum(${assignments.amount})` }).from(assignments).where(and(eq(assignments.fundCode, fund), eq(assignments.annuality, annuality), eq(assignments.lineCode, line))));

/** Σ assignments to a district in a fund annuality: what bounds its disbursements. */
export const assignedToDistrict = (ex: Executor, fund: string, annuality: number, district: string): Promise<Cents> =>
  sumOf(ex, ex.select({ s: sql<string | null>`sum(${assignments.amount})` }).from(assignments).where(and(eq(assignments.fundCode, fund), eq(assignments.annuality, annuality), eq(assignments.districtCode, district))));

export const disbursedToDistrict = (ex: Executor, fund: string, annuality: number, district: string): Promise<Cents> =>
  sumOf(
    ex,
    ex.select({ s: sql<string | null>`sum(${disbursements.amount})` }).from(disbursements).where(and(eq(disbursements.fundCode, fund), eq(disbursements.annuality, annuality), eq(disbursements.districtCode, district))),
  );

export interface AssignmentKey {
  fund: string;
  annuality: number;
  line: string;
  district: string;
  actNumber: string;
}

export const assignmentExists = async (ex: Executor, k: AssignmentKey): Promise<boolean> =>
  (
    await ex
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.fundCode, k.fund), eq(assignments.annuality, k.annuality), eq(assignments.lineCode, k.line), eq(assignments.districtCode, k.district), eq(assignments.actNumber, k.actNumber)))
  ).length > 0;

export const insertAssignment = async (ex: Executor, row: typeof assignments.$inferInsert) => {
  await ex.insert(assignments).values(row);
};

export const disbursementExists = async (ex: Executor, k: Omit<AssignmentKey, 'line'>): Promise<boolean> =>
  (
    await ex
      .select({ id: disbursements.id })
      .from(disbursements)
      .where(and(eq(disbursements.fundCode, k.fund), eq(disbursements.annuality, k.annuality), eq(disbursements.districtCode, k.district), eq(disbursements.actNumber, k.actNumber)))
  ).length > 0;

export const insertDisbursement = async (ex: Executor, row: typeof disbursements.$inferInsert) => {
  await ex.insert(disbursements).values(row);
};
