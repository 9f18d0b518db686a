/**
 * Appends many audit entries at once, inside the caller's transaction: the chain is computed in
 * the same way as appendAuditEntry computes it one entry at a time (src/domain/audit/chain.ts,
 * keyed the same), and the entries are COPYed in one go. An import of tens of thousands of records
 * thus keeps one entry per record without one round trip per entry.
 *
 * The head row is locked first, as appendAuditEntry does, so concurrent writers still append one
 * after the other; callers take their limit locks before this (src/db/locks.ts).
 *
 * Hashing tens of thousands of entries costs the import about a second of JavaScript, while most
 * of its time is spent waiting for the database. So an AuditBatch hashes ahead: from the head as
 * read (not locked) when the batch begins, a few thousand entries at a time, whenever the event
 * loop is idle, that is while the import's statements run. When the entries are appended the head
 * is locked; if it is still the one hashed from, the rows are sent as they are, otherwise (another
 * writer appended meanwhile) they are all hashed again from the locked head. Either way every hash
 * is the one keyedHash gives for the entry at its place in the chain.
 */
import { eq } from 'drizzle-orm';
import { auditHead } from '../schema/index.ts';
import type { Database, Tx } from '../client.ts';
import { csvField } from '../bulk.ts';
import { openCopyStream } from '../copy-stream.ts';
import { canonicalJson, chainedTextOfParts, keyedHashOfText } from '../../domain/audit/chain.ts';
import type { AuditKey } from '../../domain/audit/keying.ts';
import { lockAuditHead, readHead, type AuditInput } from './audit.ts';

/** Rows per COPY block, and entries hashed per idle turn of the event loop. */
const BLOCK = 5000;
const SLICE = 2000;

const COLUMNS = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after', 'act_id', 'prev_hash', 'hash'] as const;

/**
 * A jsonb value as auditContent stores it (asStoredJson: canonical JSON, parsed back) and as the
 * chain hashes it, written once: its canonical JSON, or null (SQL NULL, hashed as 'null') for none.
 */
const jsonText = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const text = canonicalJson(value);
  return text === 'null' ? null : text;
};

interface Head {
  readonly lastSeq: number;
  readonly lastHash: string;
}

/** The entries' COPY rows, chained from a head; `extend` hashes the next ones. */
class Chain {
  readonly rows: string[] = [];
  private seq: number;
  private prevHash: string;
  // An import's entries share one time: its ISO text is written once.
  private lastAt: Date | null = null;
  private atText = '';

  constructor(
    readonly key: AuditKey,
    readonly from: Head,
  ) {
    this.seq = from.lastSeq;
    this.prevHash = from.lastHash;
  }

  get head(): Head {
    return { lastSeq: this.seq, lastHash: this.prevHash };
  }

  /** Hashes inputs[rows.length … until) onto the chain. */
  extend(inputs: readonly AuditInput[], until: number): void {
    for (let i = this.rows.length; i < until; i++) {
      const input = inputs[i]!;
      if (input.at !== this.lastAt) [this.lastAt, this.atText] = [input.at, input.at.toISOString()];
      // The content auditContent(seq, input) gives, hashed as keyedHash hashes it (chain.ts).
      const content = { seq: ++this.seq, at: this.atText, actor: input.actor, action: input.action, entityType: input.entityType, entityId: input.entityId, actId: input.actId ?? null };
      const before = jsonText(input.before);
      const after = jsonText(input.after);
      const hash = keyedHashOfText(this.key, chainedTextOfParts(content, before ?? 'null', after ?? 'null', this.prevHash));
      this.rows.push(
        `${content.seq},${content.at},${csvField(content.actor)},${csvField(content.action)},${csvField(content.entityType)},${csvField(content.entityId)},${csvField(before)},${csvField(after)},${content.actId ?? ''},${this.prevHash},${hash}`,
      );
      this.prevHash = hash;
    }
  }
}

const sameHead = (a: Head, b: Head) => a.lastSeq === b.lastSeq && a.lastHash === b.lastHash;

/** Audit entries gathered during a transaction, hashed ahead while it waits, appended at its end. */
export class AuditBatch {
  private readonly inputs: AuditInput[] = [];
  private chain: Chain | null = null;
  private scheduled = false;
  private closed = false;

  /** Starts hashing ahead, under `key`, from the chain's head as it stands now (read, not locked). */
  async begin(tx: Tx, key: AuditKey): Promise<void> {
    const head = await readHead(tx);
    this.chain = new Chain(key, { lastSeq: head.lastSeq, lastHash: head.lastHash });
    this.schedule();
  }

  push(input: AuditInput): void {
    this.inputs.push(input);
    this.schedule();
  }

  get size(): number {
    return this.inputs.length;
  }

  /** No more hashing ahead: the transaction is given up. */
  discard(): void {
    this.closed = true;
  }

  private schedule() {
    if (this.scheduled || this.closed || !this.chain) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const chain = this.chain;
      if (this.closed || !chain) return;
      chain.extend(this.inputs, Math.min(this.inputs.length, chain.rows.length + SLICE));
      if (chain.rows.length < this.inputs.length) this.schedule();
    });
  }

  /** Locks the head, appends every entry gathered, moves the head; answers how many. */
  async append(database: Database, tx: Tx, key: AuditKey): Promise<number> {
    this.closed = true;
    if (this.inputs.length === 0) return 0;
    const locked = await lockAuditHead(tx);
    const head: Head = { lastSeq: locked.lastSeq, lastHash: locked.lastHash };
    const chain = this.chain && this.chain.key === key && sameHead(this.chain.from, head) ? this.chain : new Chain(key, head);
    // Streamed in blocks: on PostgreSQL the server stores one block while the next is hashed.
    const copy = openCopyStream(database, tx, 'audit_entries', COLUMNS, ',');
    try {
      for (let sent = 0; sent < this.inputs.length; sent += BLOCK) {
        const until = Math.min(this.inputs.length, sent + BLOCK);
        chain.extend(this.inputs, until);
        await copy.write(Buffer.from(`${chain.rows.slice(sent, until).join('\n')}\n`));
      }
    } finally {
      await copy.end();
    }
    const last = chain.head;
    await tx.update(auditHead).set({ lastSeq: last.lastSeq, lastHash: last.lastHash }).where(eq(auditHead.id, 1));
    return this.inputs.length;
  }
}

/** Appends the entries in one go (an AuditBatch with no hashing ahead). */
export const appendAuditEntries = (database: Database, tx: Tx, key: AuditKey, inputs: readonly AuditInput[]): Promise<number> => {
  const batch = new AuditBatch();
  for (const input of inputs) batch.push(input);
  return batch.append(database, tx, key);
};
