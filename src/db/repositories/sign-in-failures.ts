/** The failed sign-ins of the last day (schema/sign-in.ts), counted by the login throttle. */
import { and, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import { signInFailures } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import type { FailureRecord } from '../../domain/auth/sign-in-lockout.ts';

/** Writes an attempt about to be checked; it stays only if the password proves wrong. */
export const recordAttempt = async (db: Executor, attempt: { address: string; username: string; at: Date }): Promise<number> => {
  const [row] = await db.insert(signInFailures).values({ address: attempt.address, username: attempt.username, failedAt: attempt.at }).returning({ id: signInFailures.id });
  if (!row) throw new Error('insert failed');
  return row.id;
};

/**
 * Failures since `since` from the address and against the account, other than the attempt `own`:
 * how many, and the latest. Attempts of other requests still being checked are among them (their
 * row is written first), so attempts that overlap count each other.
 */
export const failuresBefore = async (db: Executor, own: number, address: string, username: string, since: Date): Promise<{ address: FailureRecord; account: FailureRecord }> => {
  const byAddress = sql`${signInFailures.address} = ${address}`;
  const byAccount = sql`${signInFailures.username} = ${username}`;
  const [row] = await db
    .select({
      addressCount: sql<number>`count(*) filter (where ${byAddress})`.mapWith(Number),
      addressLast: sql<string | null>`max(${signInFailures.failedAt}) filter (where ${byAddress})`,
      accountCount: sql<number>`count(*) filter (where ${byAccount})`.mapWith(Number),
      accountLast: sql<string | null>`max(${signInFailures.failedAt}) filter (where ${byAccount})`,
    })
    .from(signInFailures)
    .where(and(or(eq(signInFailures.address, address), eq(signInFailures.username, username)), gt(signInFailures.failedAt, since), ne(signInFailures.id, own)));
  const date = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v));
  return {
    address: { count: row?.addressCount ?? 0, last: date(row?.addressLast) },
    account: { count: row?.accountCount ?? 0, last: date(row?.accountLast) },
  };
};

export const forgetAttempt = async (db: Executor, id: number) => {
  await db.delete(signInFailures).where(eq(signInFailures.id, id));
};

/** Forgets the failures of one account from one address (a success there ends them). */
export const clearFailures = async (db: Executor, address: string, username: string) => {
  await db.delete(signInFailures).where(and(eq(signInFailures.address, address), eq(signInFailures.username, username)));
};

/** Removes what no count can see any more. */
export const pruneFailures = async (db: Executor, before: Date) => {
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, before));
};
