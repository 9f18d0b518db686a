/**
 * The one locking discipline for DOMAIN.md's limits. Every check of a limit first takes the
 * lock of what bounds the sum, then reads, compares and writes in the same transaction, so
 * that under READ COMMITTED two overlapping requests never both see room for themselves.
 *
 * A lock is a transaction-level advisory lock keyed by the bounding record (released at commit
 * or rollback). Requests on different bounding records never wait on each other. A write that
 * bounds several sums takes all its locks at once through `lockLimits`, in one sorted order, so
 * two such writes cannot deadlock. Locks are always taken before the audit entry, whose head
 * row is the last lock of every write.
 *
 * PGlite has one connection and serialises everything anyway; the same calls run there too.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/** What bounds a sum (DOMAIN.md "Limits"); one key per bounding record. */
export type LimitKey =
  /** Σ intervention lines ≤ the allocation A(F,Y) */
  | { limit: 'allocation'; fund: string; annuality: number }
  /** Σ assignments of a line ≤ the line */
  | { limit: 'line'; fund: string; annuality: number; line: string }
  /** Σ disbursements to a district ≤ what the district was assigned in the fund annuality */
  | { limit: 'assignment'; fund: string; annuality: number; district: string }
  /** Σ reservations ≤ the chapter's yearly amount */
  | { limit: 'chapter'; chapterId: number }
  /** Σ implementing acts ≤ the reservation */
  | { limit: 'reservation'; reservationId: number }
  /** a district's report for a fund annuality: its lines, recognised ≤ reported, corrections */
  | { limit: 'report'; fund: string; annuality: number; district: string }
  /**
   * a district's expense report of a year (the draft row, its lines, its submission); taken
   * before the `report` keys of the fund annualities its lines count in, never after
   */
  | { limit: 'expense_report'; district: string; year: number };

/** The text a key is hashed from: stable, and distinct for distinct keys. */
export const limitKeyText = (key: LimitKey): string => {
  switch (key.limit) {
    case 'allocation':
      return `allocation|${key.fund}|${key.annuality}`;
    case 'line':
      return `line|${key.fund}|${key.annuality}|${key.line}`;
    case 'assignment':
      return `assignment|${key.fund}|${key.annuality}|${key.district}`;
    case 'chapter':
      return `chapter|${key.chapterId}`;
    case 'reservation':
      return `reservation|${key.reservationId}`;
    case 'report':
      return `report|${key.fund}|${key.annuality}|${key.district}`;
    case 'expense_report':
      return `expense_report|${key.district}|${key.year}`;
  }
};

/**
 * Takes the locks of every key, in one order, inside the caller's transaction. A 64-bit hash
 * keeps a collision between two different keys improbable; were one to happen it only makes two
 * unrelated requests wait for each other, never breaks a limit.
 */
export const lockLimits = async (tx: Executor, keys: readonly LimitKey[]): Promise<void> => {
  const texts = [...new Set(keys.map(limitKeyText))].sort();
  for (const text of texts) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${text}, 0))`);
};

export const lockLimit = (tx: Executor, key: LimitKey): Promise<void> => lockLimits(tx, [key]);
