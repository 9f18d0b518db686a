/**
 * The audit key: a secret of at least 32 bytes kept outside the database, and the marker entry
 * that seals the switch of an older, unkeyed chain to keyed hashing. The marker is itself keyed,
 * so a database administrator cannot drop back to plain SHA-256 for the entries after it.
 */
import { createHmac } from 'node:crypto';
import type { AuditContent } from './chain.ts';

export interface AuditKey {
  readonly secret: Uint8Array;
  /** A fingerprint that names the key without revealing it (in checkpoints and the marker). */
  readonly id: string;
}

export const MIN_KEY_BYTES = 32;

export const auditKey = (secret: Uint8Array): AuditKey => {
  if (secret.length < MIN_KEY_BYTES) throw new RangeError(`audit key shorter than ${MIN_KEY_BYTES} bytes`);
  return { secret, id: createHmac('sha256', secret).update('regia audit key id').digest('hex').slice(0, 16) };
};

/**
 * Reads a key written as hex (64 digits or more) or base64 (standard or URL-safe), as
 * REGIA_AUDIT_KEY or a key file holds it. Answers an Italian reason when it is not a key.
 */
export const parseAuditKey = (text: string): AuditKey | { error: string } => {
  const t = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 && t.length >= MIN_KEY_BYTES * 2) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!bytes) return { error: 'la chiave del registro va scritta in esadecimale o in base64' };
  if (bytes.length < MIN_KEY_BYTES) return { error: `la chiave del registro deve avere almeno ${MIN_KEY_BYTES} byte (${MIN_KEY_BYTES * 2} cifre esadecimali)` };
  return auditKey(new Uint8Array(bytes));
};

/** The marker entry: "keyed from entry N", N being its own sequence number. */
export const KEYED_MARKER = { action: 'audit.keyed', entityType: 'audit_chain', entityId: 'keyed' } as const;

export const markerContent = (seq: number, at: string, key: AuditKey): AuditContent => ({
  seq,
  at,
  actor: 'regia',
  ...KEYED_MARKER,
  before: null,
  after: { keyedFrom: seq, keyId: key.id },
  actId: null,
});

export const isMarker = (e: Pick<AuditContent, 'action' | 'entityType' | 'entityId'>): boolean =>
  e.action === KEYED_MARKER.action && e.entityType === KEYED_MARKER.entityType && e.entityId === KEYED_MARKER.entityId;

/** The key id a marker names, if it is one. */
export const markerKeyId = (e: AuditContent): string | null => {
  const after = e.after as { keyId?: unknown } | null;
  return isMarker(e) && typeof after?.keyId === 'string' ? after.keyId : null;
};
