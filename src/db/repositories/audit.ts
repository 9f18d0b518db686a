import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { addDays, romeDayStart, type CalendarDate } from '../../domain/dates.ts';
import { acts, auditEntries, auditHead } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import { GENESIS_HASH, keyedHash, asStoredJson, type AuditContent, type ChainedEntry } from '../../domain/audit/chain.ts';
import { KEYED_MARKER, markerContent, type AuditKey } from '../../domain/audit/keying.ts';

export interface AuditInput {
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  actId?: number | null;
}

/** Locks the chain's head row (made on first use) and reads it: the last lock of every write. */
export const lockAuditHead = async (tx: Executor) => {
  await tx.execute(sql`INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, ${GENESIS_HASH}) ON CONFLICT (id) DO NOTHING`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit head missing');
  return head;
};

/** What an entry states, as the chain hashes it. */
export const auditContent = (seq: number, input: AuditInput): AuditContent => ({
  seq,
  at: input.at.toISOString(),
  actor: input.actor,
  action: input.action,
  entityType: input.entityType,
  entityId: input.entityId,
  before: asStoredJson(input.before),
  after: asStoredJson(input.after),
  actId: input.actId ?? null,
});

/**
 * Appends one entry inside the caller's transaction. Locking the head row serialises
 * concurrent writers on PostgreSQL; PGlite has one connection anyway.
 */
export const appendAuditEntry = async (tx: Executor, key: AuditKey, input: AuditInput): Promise<ChainedEntry> => {
  const head = await lockAuditHead(tx);
  return appendContent(tx, key, head, auditContent(head.lastSeq + 1, input));
};

const appendContent = async (tx: Executor, key: AuditKey, head: { lastHash: string }, content: AuditContent): Promise<ChainedEntry> => {
  const hash = keyedHash(key, content, head.lastHash);
  await tx.insert(auditEntries).values({ ...content, prevHash: head.lastHash, hash });
  await tx.update(auditHead).set({ lastSeq: content.seq, lastHash: hash }).where(eq(auditHead.id, 1));
  return { ...content, prevHash: head.lastHash, hash };
};

/** Appends the marker "keyed from entry N" after the head the caller has locked. */
export const appendKeyedMarker = (tx: Executor, key: AuditKey, head: { lastSeq: number; lastHash: string }, at: Date): Promise<ChainedEntry> =>
  appendContent(tx, key, head, markerContent(head.lastSeq + 1, at.toISOString(), key));

/** The sequence number of the marker entry, if the chain has one (through the entity index). */
export const readMarkerSeq = async (ex: Executor): Promise<number | null> => {
  const [row] = await ex
    .select({ seq: auditEntries.seq })
    .from(auditEntries)
    .where(and(eq(auditEntries.entityType, KEYED_MARKER.entityType), eq(auditEntries.entityId, KEYED_MARKER.entityId), eq(auditEntries.action, KEYED_MARKER.action)))
    .orderBy(asc(auditEntries.seq))
    .limit(1);
  return row ? row.seq : null;
};

export const readEntry = async (ex: Executor, seq: number): Promise<ChainedEntry | null> => {
  const [row] = await ex.select().from(auditEntries).where(eq(auditEntries.seq, seq));
  return row ?? null;
};

export interface AuditFilter {
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const whereOf = (f: AuditFilter): SQL | undefined => {
  const parts: SQL[] = [];
  if (f.actor) parts.push(eq(auditEntries.actor, f.actor));
  if (f.entityType) parts.push(eq(auditEntries.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditEntries.entityId, f.entityId));
  if (f.action) parts.push(eq(auditEntries.action, f.action));
  if (f.from) parts.push(gte(auditEntries.at, romeDayStart(f.from as CalendarDate).toISOString()));
  if (f.to) parts.push(lt(auditEntries.at, romeDayStart(addDays(f.to as CalendarDate, 1)).toISOString()));
  return parts.length ? and(...parts) : undefined;
};

export const listAuditEntries = async (ex: Executor, filter: AuditFilter, limit: number, offset: number) => {
  const where = whereOf(filter);
  const rows = await ex
    .select({ entry: auditEntries, actType: acts.type, actNumber: acts.number, actDate: acts.date })
    .from(auditEntries)
    .leftJoin(acts, eq(acts.id, auditEntries.actId))
    .where(where)
    .orderBy(desc(auditEntries.seq))
    .limit(limit)
    .offset(offset);
  const [count] = await ex.select({ n: sql<string>`count(*)` }).from(auditEntries).where(where);
  return {
    rows: rows.map(({ entry, actType, actNumber, actDate }) => ({
      ...entry,
      act: entry.actId && actType ? { id: entry.actId, type: actType, number: actNumber!, date: actDate! } : null,
    })),
    total: Number(count?.n ?? 0),
  };
};

/** Streams the chain in order, in pages, so verification does not hold the whole log. */
export async function* readChain(ex: Executor, pageSize = 5000): AsyncGenerator<ChainedEntry> {
  let after = 0;
  for (;;) {
    const rows = await ex.select().from(auditEntries).where(sql`${auditEntries.seq} > ${after}`).orderBy(asc(auditEntries.seq)).limit(pageSize);
    for (const r of rows) {
      yield r;
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export const readHead = async (ex: Executor) => {
  const [head] = await ex.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ?? { lastSeq: 0, lastHash: GENESIS_HASH };
};
