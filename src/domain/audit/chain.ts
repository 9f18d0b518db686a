/**
 * The audit chain: each entry's hash covers its content and the previous hash, so
 * any altered, inserted or removed entry is detected by recomputing the chain.
 *
 * Entries are keyed (HMAC-SHA-256 with a secret kept outside the database, `keying.ts`): whoever
 * can write the database but not read the key cannot re-hash a forged entry and its successors.
 * Older installations wrote plain SHA-256 entries; they stay verifiable as they were, up to the
 * marker entry that seals the switch (`keying.ts`).
 */
import { createHash, createHmac } from 'node:crypto';
import type { AuditKey } from './keying.ts';

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

/** The text an entry's hash covers: its content and the hash of the entry before it. */
const chainedText = (content: AuditContent, prevHash: string): string =>
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
  ]);

/**
 * The very text chainedText gives, for an entry whose `before` and `after` the caller has already
 * written as canonical JSON (`canonicalJson(v)`, 'null' for none): a bulk append computes each once
 * and stores the same text, instead of normalising, re-parsing and re-writing them per entry.
 * canonicalJson is idempotent on its own output, so the hash is the same (chain.test.ts).
 */
export const chainedTextOfParts = (content: Omit<AuditContent, 'before' | 'after'>, beforeJson: string, afterJson: string, prevHash: string): string =>
  `[${JSON.stringify(prevHash)},${canonicalJson(content.seq)},${canonicalJson(content.at)},${canonicalJson(content.actor)},${canonicalJson(content.action)},${canonicalJson(content.entityType)},${canonicalJson(content.entityId)},${beforeJson},${afterJson},${canonicalJson(content.actId)}]`;

/** HMAC-SHA-256 of a chained text under the installation's key: keyedHash of chainedTextOfParts. */
export const keyedHashOfText = (key: AuditKey, text: string): string => createHmac('sha256', key.secret).update(text).digest('hex');

/** The hash of every entry written before the chain was keyed: anyone can recompute it. */
export const unkeyedHash = (content: AuditContent, prevHash: string): string => createHash('sha256').update(chainedText(content, prevHash)).digest('hex');

/** The hash of a keyed entry: HMAC-SHA-256 of the same text, under the installation's key. */
export const keyedHash = (key: AuditKey, content: AuditContent, prevHash: string): string =>
  createHmac('sha256', key.secret).update(chainedText(content, prevHash)).digest('hex');
