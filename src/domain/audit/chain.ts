/**
 * The audit chain: each entry's hash covers its content and the previous hash, so
 * any altered, inserted or removed entry is detected by recomputing the chain.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  actId: number | null;
}

export interface ChainedEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/** JSON with sorted keys and bigints as strings: the same value always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** Normalises a value the way a jsonb column returns it, so hashes match after a round trip. */
export const asStoredJson = (value: unknown): unknown =>
  value === undefined || value === null ? null : JSON.parse(canonicalJson(value));

export const entryHash = (content: AuditContent, prevHash: string): string =>
  createHash('sha256')
    .update(
      canonicalJson([
        prevHash,
        content.seq,
        content.at,
        content.actor,
        content.action,
        content.entityType,
        content.entityId,
        content.before ?? null,
        content.after ?? null,
        content.actId,
      ]),
    )
    .digest('hex');

export type ChainCheck =
  | { intact: true; entries: number }
  | { intact: false; entries: number; firstBroken: number; reason: 'altered' | 'missing' | 'inserted' | 'head' };

/**
 * Checks entries one at a time, in sequence order, against the head (last seq and hash)
 * recorded apart, so a long log is verified without holding it.
 * `missing`: a sequence number is skipped; `inserted`: an entry does not link to its predecessor;
 * `altered`: an entry's content no longer matches its hash; `head`: entries were removed at the end.
 */
export const chainChecker = () => {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let broken: ChainCheck | null = null;
  return {
    /** false once the chain is broken: stop feeding. */
    push(e: ChainedEntry): boolean {
      if (broken) return false;
      count++;
      if (e.seq !== expectedSeq) {
        broken = e.seq > expectedSeq
          ? { intact: false, entries: count, firstBroken: expectedSeq, reason: 'missing' }
          : { intact: false, entries: count, firstBroken: e.seq, reason: 'inserted' };
      } else if (e.prevHash !== prevHash) {
        broken = { intact: false, entries: count, firstBroken: e.seq, reason: 'inserted' };
      } else if (entryHash(e, e.prevHash) !== e.hash) {
        broken = { intact: false, entries: count, firstBroken: e.seq, reason: 'altered' };
      } else {
        prevHash = e.hash;
        expectedSeq++;
      }
      return broken === null;
    },
    finish(head: { lastSeq: number; lastHash: string }): ChainCheck {
      if (broken) return broken;
      if (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash) {
        return { intact: false, entries: count, firstBroken: expectedSeq, reason: 'head' };
      }
      return { intact: true, entries: count };
    },
  };
};

export const verifyChain = (entries: Iterable<ChainedEntry>, head: { lastSeq: number; lastHash: string }): ChainCheck => {
  const checker = chainChecker();
  for (const e of entries) if (!checker.push(e)) break;
  return checker.finish(head);
};
