/**
 * Verifies the chain against the key and the latest checkpoint, one entry at a time in sequence
 * order (a long log is never held), and names the first thing wrong.
 *
 * Entries before `keyedFrom` are the unkeyed entries of an older installation, checked with plain
 * SHA-256 as they always were; the entry at `keyedFrom` (the marker, or entry 1) and every later
 * one must carry the HMAC under the key. `keyedFrom` is the latest checkpoint's when there is one
 * (it lives outside the database), else the marker's number, else 1.
 */
import { GENESIS_HASH, keyedHash, unkeyedHash, type ChainedEntry } from './chain.ts';
import type { Checkpoint, CheckpointSeries } from './checkpoint.ts';
import { markerKeyId, type AuditKey } from './keying.ts';

export interface CheckpointRef {
  seq: number;
  at: string;
}

/**
 * `altered`: the entry's HMAC does not match its content; `unkeyed`: the entry carries a plain
 * SHA-256 where a keyed hash is due (re-hashed by someone without the key); `missing`: a sequence
 * number is skipped; `inserted`: an entry does not link to its predecessor; `head`: the head row
 * and the last entry disagree (entries removed at the end).
 */
export type ChainFault = 'altered' | 'unkeyed' | 'missing' | 'inserted' | 'head';

export type AuditCheck =
  | { intact: true; entries: number; checkpoint: CheckpointRef | null }
  | { intact: false; entries: number; firstBroken: number; reason: ChainFault }
  /** `rewound`: entries after the chain's end, up to the checkpoint's, are gone; `checkpoint`: the entry at the checkpoint has another hash. */
  | { intact: false; entries: number; firstBroken: number; reason: 'rewound' | 'checkpoint'; checkpoint: CheckpointRef }
  | { intact: false; entries: number; firstBroken: null; reason: 'key-missing' | 'key-different' }
  | { intact: false; entries: number; firstBroken: null; reason: 'checkpoint-file'; line: number };

export interface VerifyInput {
  key: AuditKey | null;
  /** What the checkpoint file holds; null when there is none yet. */
  checkpoints: CheckpointSeries | null;
  /** The sequence number of the marker entry in the database, if any. */
  markerSeq: number | null;
}

/** How many entries past an unconfirmed first failure are read to tell a wrong key from one altered entry. */
const LOOKAHEAD = 20;

export const auditVerifier = (input: VerifyInput) => {
  const { key, checkpoints } = input;
  const checkpoint: Checkpoint | null = checkpoints?.latest ?? null;
  const keyedFrom = checkpoint?.keyedFrom ?? input.markerSeq ?? 1;
  const ref: CheckpointRef | null = checkpoint ? { seq: checkpoint.seq, at: checkpoint.at } : null;
  let upfront: AuditCheck | null = null;
  if (!key) upfront = { intact: false, entries: 0, firstBroken: null, reason: 'key-missing' };
  else if (checkpoints?.otherKey) upfront = { intact: false, entries: 0, firstBroken: null, reason: 'key-different' };
  else if (checkpoints?.alteredLine) upfront = { intact: false, entries: 0, firstBroken: null, reason: 'checkpoint-file', line: checkpoints.alteredLine };

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let broken: AuditCheck | null = null;
  // A checkpoint made with this key, or an entry verified under it, shows the key is the right one.
  let keyConfirmed = checkpoint !== null;
  let suspect: { seq: number; entries: number; after: number } | null = null;

  const brokenAt = (seq: number, reason: ChainFault): AuditCheck => ({ intact: false, entries: count, firstBroken: seq, reason });

  return {
    /** false once the answer is known: stop feeding. */
    push(e: ChainedEntry): boolean {
      if (upfront || broken || !key) return false;
      count++;
      if (suspect) {
        // Past a first failure nothing confirmed: one later entry valid under the key means the key is right.
        if (keyedHash(key, e, e.prevHash) === e.hash) broken = { intact: false, entries: suspect.entries, firstBroken: suspect.seq, reason: 'altered' };
        else if (++suspect.after >= LOOKAHEAD) broken = { intact: false, entries: count, firstBroken: null, reason: 'key-different' };
        return broken === null;
      }
      if (e.seq !== expectedSeq) {
        broken = e.seq > expectedSeq ? brokenAt(expectedSeq, 'missing') : brokenAt(e.seq, 'inserted');
        return false;
      }
      if (e.prevHash !== prevHash) {
        broken = brokenAt(e.seq, 'inserted');
        return false;
      }
      if (e.seq < keyedFrom) {
        if (unkeyedHash(e, e.prevHash) !== e.hash) broken = brokenAt(e.seq, 'altered');
      } else if (keyedHash(key, e, e.prevHash) === e.hash) {
        keyConfirmed = true;
      } else if (unkeyedHash(e, e.prevHash) === e.hash) {
        broken = brokenAt(e.seq, 'unkeyed');
      } else {
        const named = markerKeyId(e);
        if (named !== null && named !== key.id) broken = { intact: false, entries: count, firstBroken: null, reason: 'key-different' };
        else if (keyConfirmed) broken = brokenAt(e.seq, 'altered');
        else suspect = { seq: e.seq, entries: count, after: 0 };
      }
      if (broken || suspect) return broken === null;
      if (checkpoint && e.seq === checkpoint.seq && e.hash !== checkpoint.hash) {
        broken = { intact: false, entries: count, firstBroken: e.seq, reason: 'checkpoint', checkpoint: ref! };
        return false;
      }
      prevHash = e.hash;
      expectedSeq++;
      return true;
    },
    finish(head: { lastSeq: number; lastHash: string }): AuditCheck {
      if (upfront) return upfront;
      if (broken) return broken;
      if (suspect) {
        return suspect.after > 0
          ? { intact: false, entries: count, firstBroken: null, reason: 'key-different' }
          : { intact: false, entries: suspect.entries, firstBroken: suspect.seq, reason: 'altered' };
      }
      const lastSeq = expectedSeq - 1;
      if (head.lastSeq !== lastSeq || head.lastHash !== prevHash) return brokenAt(expectedSeq, 'head');
      if (checkpoint && ref && checkpoint.seq > lastSeq) return { intact: false, entries: count, firstBroken: lastSeq + 1, reason: 'rewound', checkpoint: ref };
      return { intact: true, entries: count, checkpoint: ref };
    },
  };
};

export const verifyAuditChain = (input: VerifyInput, entries: Iterable<ChainedEntry>, head: { lastSeq: number; lastHash: string }): AuditCheck => {
  const verifier = auditVerifier(input);
  for (const e of entries) if (!verifier.push(e)) break;
  return verifier.finish(head);
};
