/** The failed sign-ins of the last minutes (schema/sign-in.ts), counted by the login throttle. */
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { signInFailures } from '../schema/index.ts';
import type { Executor } from '../client.ts';

/** Writes an attempt about to be checked; it stays only if the password proves wrong. */
export const recordAttempt = async (db: Executor, attempt: { address: string; username: string; at: Date }): Promise<number> => {
  const [row] = await db.insert(signInFailures).values({ address: attempt.address, username: attempt.username, failedAt: attempt.at }).returning({ id: signInFailures.id });
  if (!row) throw new Error('insert failed');
  return row.id;
};

/** Failures since `since` from the address and against the account (this attempt's row included). */
export const countRecent = async (db: Executor, address: string, username: string, since: Date) => {
  const [row] = await db
    .select({
      byAddress: sql<number>`count(*) filter (where ${signInFailures.address} = ${address})`.mapWith(Number),
      byAccount: sql<number>`count(*) filter (where ${signInFailures.username} = ${username})`.mapWith(Number),
    })
    .from(signInFailures)
    .where(and(or(eq(signInFailures.address, address), eq(signInFailures.username, username)), gt(signInFailures.failedAt, since)));
  return { byAddress: row?.byAddress ?? 0, byAccount: row?.byAccount ?? 0 };
};

export const forgetAttempt = async (db: Executor, id: number) => {
  await db.delete(signInFailures).where(eq(signInFailures.id, id));
};

/** Forgets the failures of one account from one address (a success there ends them). */
export const clearFailures = async (db: Executor, address: string, username: string) => {
  await db.delete(signInFailures).where(and(eq(signInFailures.address, address), eq(signInFailures.username, username)));
};

/** Removes what no window can count any more. */
export const pruneFailures = async (db: Executor, before: Date) => {
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, before));
};
