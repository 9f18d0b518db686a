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
 * The fund annuality a key lies in. Every write takes it in shared mode beside its own keys, so
 * that a bulk writer (a history import touching tens of thousands of keys, more than PostgreSQL's
 * lock table holds) can exclude them all by taking the fund annualities it touches exclusively:
 * see lockLimitsInBulk. Shared locks never wait on each other, so writes on different limits of
 * one fund annuality still do not wait on each other.
 */
const annualityText = (key: LimitKey): string | null =>
  'fund' in key ? `annuality|${key.fund}|${key.annuality}` : null;

interface AdvisoryLock {
  readonly text: string;
  readonly shared: boolean;
}

/**
 * Takes the given locks in one statement, in the sorted order of their texts (the one order every
 * writer uses, so no two writers deadlock). A 64-bit hash keeps a collision between two different
 * keys improbable; were one to happen it only makes two unrelated requests wait for each other,
 * never breaks a limit.
 */
const takeLocks = async (tx: Executor, locks: Iterable<AdvisoryLock>): Promise<void> => {
  const byText = new Map<string, boolean>();
  for (const l of locks) byText.set(l.text, (byText.get(l.text) ?? true) && l.shared);
  if (byText.size === 0) return;
  const ordered = [...byText.keys()].sort().map((text) => [text, byText.get(text) ? 's' : 'x']);
  await tx.execute(sql`select count(*) from (
    select case when e->>1 = 's' then pg_advisory_xact_lock_shared(hashtextextended(e->>0, 0)) else pg_advisory_xact_lock(hashtextextended(e->>0, 0)) end
    from jsonb_array_elements(${JSON.stringify(ordered)}::jsonb) with ordinality as t(e, i) order by i) l`);
};

const fineLocks = (keys: readonly LimitKey[]): AdvisoryLock[] =>
  keys.flatMap((key) => {
    const coarse = annualityText(key);
    const fine = { text: limitKeyText(key), shared: false };
    return coarse ? [fine, { text: coarse, shared: true }] : [fine];
  });

/** Takes the locks of every key, in one order, inside the caller's transaction. */
export const lockLimits = (tx: Executor, keys: readonly LimitKey[]): Promise<void> => takeLocks(tx, fineLocks(keys));

export const lockLimit = (tx: Executor, key: LimitKey): Promise<void> => lockLimits(tx, [key]);

/** Above this many keys a bulk writer locks whole fund annualities instead of each key. */
export const BULK_LOCK_KEYS = 1000;

/**
 * For a writer touching many limits at once (a history import): up to BULK_LOCK_KEYS keys it
 * locks them as lockLimits does; beyond, it locks exclusively every fund annuality they lie in
 * (a few dozen locks instead of tens of thousands), which waits for, and holds off, every other
 * write on those fund annualities until it commits.
 */
export const lockLimitsInBulk = async (tx: Executor, keys: readonly LimitKey[]): Promise<void> => {
  const distinct = [...new Map(keys.map((k) => [limitKeyText(k), k])).values()];
  if (distinct.length <= BULK_LOCK_KEYS) return takeLocks(tx, fineLocks(distinct));
  const locks: AdvisoryLock[] = [];
  for (const key of distinct) {
    const coarse = annualityText(key);
    locks.push(coarse ? { text: coarse, shared: false } : { text: limitKeyText(key), shared: false });
  }
  return takeLocks(tx, locks);
};
