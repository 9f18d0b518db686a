/**
 * Appends many audit entries at once, inside the caller's transaction: the chain is computed in
 * the same way as appendAuditEntry computes it one entry at a time (src/domain/audit/chain.ts,
 * keyed the same), and the entries are COPYed in one go. An import of tens of thousands of records
 * thus keeps one entry per record without one round trip per entry.
 *
 * The head row is locked first, as appendAuditEntry does, so concurrent writers still append one
 * after the other; callers take their limit locks before this (src/db/locks.ts).
 */
import { eq } from 'drizzle-orm';
import { auditHead } from '../schema/index.ts';
import type { Database, Tx } from '../client.ts';
import { csvField } from '../bulk.ts';
import { openCopyStream } from '../copy-stream.ts';
import { canonicalJson, keyedHash } from '../../domain/audit/chain.ts';
import type { AuditKey } from '../../domain/audit/keying.ts';
import { auditContent, lockAuditHead, type AuditInput } from './audit.ts';

const BLOCK = 2000;

const COLUMNS = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after', 'act_id', 'prev_hash', 'hash'] as const;

/** The stored text of a jsonb value; null stays NULL. */
const jsonText = (value: unknown): string | null => (value === null ? null : canonicalJson(value));

export const appendAuditEntries = async (database: Database, tx: Tx, key: AuditKey, inputs: readonly AuditInput[]): Promise<number> => {
  if (inputs.length === 0) return 0;
  const head = await lockAuditHead(tx);
  let seq = head.lastSeq;
  let prevHash = head.lastHash;
  // Streamed in blocks: on PostgreSQL the server stores one block while the next is hashed.
  const copy = openCopyStream(database, tx, 'audit_entries', COLUMNS, ',');
  let block: string[] = [];
  const send = async () => {
    if (block.length) await copy.write(Buffer.from(`${block.join('\n')}\n`));
    block = [];
  };
  try {
    for (const input of inputs) {
      const content = auditContent(++seq, input);
      const hash = keyedHash(key, content, prevHash);
      const row = [content.seq, content.at, content.actor, content.action, content.entityType, content.entityId, jsonText(content.before), jsonText(content.after), content.actId, prevHash, hash];
      block.push(row.map(csvField).join(','));
      prevHash = hash;
      if (block.length >= BLOCK) await send();
    }
    await send();
  } finally {
    await copy.end();
  }
  await tx.update(auditHead).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditHead.id, 1));
  return inputs.length;
};
