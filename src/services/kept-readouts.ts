/**
 * Read-outs kept between requests under the audit chain's head, so a read that nothing has
 * changed since costs no query of its own.
 *
 * Why a kept read-out is never stale, on any instance: every write of what the read-outs read
 * (registry, fund annualities, lines, assignments, disbursements, expense lines, recognition)
 * appends an audit entry in its own transaction (DOMAIN.md: every money event and procedural step
 * is in the audit trail), and appending moves the chain's head, a hash over the whole history. The
 * caller reads the head before the data (the session's query reads it as a request begins): a
 * read-out kept under a head was computed from data at least as new as that head, and any later
 * write commits a new head, which the next request sees, and computes again for. Kept per
 * database object, in this process only: instances share nothing but the database.
 */
import type { Db } from '../db/client.ts';

export interface KeptReadouts<T> {
  /** The read-out kept under `key` if nothing was written since: `auditHead` is the head the caller read first. */
  get(db: Db, key: string, auditHead: string | null | undefined): T | undefined;
  /** Keeps a read-out computed from data read after `auditHead`. */
  set(db: Db, key: string, auditHead: string | null | undefined, value: T): void;
}

/** `entries`: keys in use at once (readers' scopes × what they read); the oldest goes first. */
export const keptReadouts = <T>(entries = 64): KeptReadouts<T> => {
  const byDb = new WeakMap<Db, Map<string, { auditHead: string; value: T }>>();
  return {
    get: (db, key, auditHead) => {
      if (!auditHead) return undefined;
      const kept = byDb.get(db)?.get(key);
      return kept && kept.auditHead === auditHead ? kept.value : undefined;
    },
    set: (db, key, auditHead, value) => {
      if (!auditHead) return;
      let map = byDb.get(db);
      if (!map) byDb.set(db, (map = new Map()));
      map.delete(key);
      if (map.size >= entries) map.delete(map.keys().next().value!);
      map.set(key, { auditHead, value });
    },
  };
};
