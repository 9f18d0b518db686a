/**
 * Checkpoints of the chain's head, written outside the database (a file, and optionally syslog
 * or a URL): the entry id, its hash, the time, and an HMAC over them. A database administrator
 * who deletes the last entries and rewinds the head, or forges an entry and re-hashes every later
 * one, leaves the chain consistent with itself but not with a checkpoint taken before.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './chain.ts';
import type { AuditKey } from './keying.ts';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** The first keyed entry (1 for a chain keyed from the start, else the marker's number). */
  keyedFrom: number;
  mac: string;
}

const macOf = (key: AuditKey, c: Omit<Checkpoint, 'mac'>): string =>
  createHmac('sha256', key.secret).update(canonicalJson(['regia audit checkpoint', c.seq, c.hash, c.at, c.keyId, c.keyedFrom])).digest('hex');

export const makeCheckpoint = (key: AuditKey, head: { seq: number; hash: string; at: string; keyedFrom: number }): Checkpoint => {
  const body = { seq: head.seq, hash: head.hash, at: head.at, keyId: key.id, keyedFrom: head.keyedFrom };
  return { ...body, mac: macOf(key, body) };
};

/** One line of `checkpoints.jsonl`. */
export const checkpointLine = (c: Checkpoint): string => `${JSON.stringify(c)}\n`;

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const isCheckpoint = (v: unknown): v is Checkpoint => {
  const c = v as Record<string, unknown> | null;
  return (
    typeof c === 'object' && c !== null &&
    Number.isSafeInteger(c.seq) && (c.seq as number) >= 0 &&
    typeof c.hash === 'string' && typeof c.at === 'string' && typeof c.keyId === 'string' &&
    Number.isSafeInteger(c.keyedFrom) && typeof c.mac === 'string'
  );
};

export interface CheckpointSeries {
  /** The checkpoint of the furthest head (the last written among equals), or null. */
  latest: Checkpoint | null;
  /** The first line that is not a checkpoint made with this key (edited, truncated, forged). */
  alteredLine: number | null;
  /** True when a line was made with another key. */
  otherKey: boolean;
}

/**
 * Reads the lines of a checkpoint file one at a time. Several instances on one PostgreSQL may
 * append to one file, so the latest is the furthest head, not the last line.
 */
export const checkpointReader = (key: AuditKey) => {
  const series: CheckpointSeries = { latest: null, alteredLine: null, otherKey: false };
  let lineNo = 0;
  return {
    push(line: string) {
      lineNo++;
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      if (!isCheckpoint(value)) {
        series.alteredLine ??= lineNo;
        return;
      }
      if (value.keyId !== key.id) {
        series.otherKey = true;
        return;
      }
      if (!sameHex(macOf(key, value), value.mac)) {
        series.alteredLine ??= lineNo;
        return;
      }
      if (!series.latest || value.seq >= series.latest.seq) series.latest = value;
    },
    result: (): CheckpointSeries => series,
  };
};

export const readCheckpoints = (key: AuditKey, lines: Iterable<string>): CheckpointSeries => {
  const reader = checkpointReader(key);
  for (const line of lines) reader.push(line);
  return reader.result();
};
