import type { Actor } from '../domain/auth/actor.ts';
import { actorName, requirePermission } from '../domain/auth/actor.ts';
import { auditVerifier, type AuditCheck } from '../domain/audit/verification.ts';
import type { Executor } from '../db/client.ts';
import { appendAuditEntry, listAuditEntries, readChain, readHead, readMarkerSeq, type AuditFilter, type AuditInput } from '../db/repositories/audit.ts';
import type { ServiceContext } from './context.ts';
import { page, type PageRequest } from './paging.ts';

export interface Change {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  actId?: number | null;
}

/** The entry of a change made at `at` by `actor`, as the audit trail stores it. */
export const auditInputOf = (at: Date, actor: Actor, change: Change): AuditInput => ({
  at,
  actor: actorName(actor),
  action: change.action,
  entityType: change.entityType,
  entityId: String(change.entityId),
  before: change.before,
  after: change.after,
  actId: change.actId ?? null,
});

/** Records a write in the audit trail, inside the transaction that made it. */
export const recordChange = (ctx: ServiceContext, tx: Executor, actor: Actor, change: Change) => appendAuditEntry(tx, ctx.audit.writingKey(), auditInputOf(ctx.now(), actor, change));

export const listAudit = async (ctx: ServiceContext, actor: Actor, filter: AuditFilter, request: PageRequest) => {
  requirePermission(actor, 'audit.read');
  const { limit, offset } = page(request);
  const { rows, total } = await listAuditEntries(ctx.database.db, filter, limit, offset);
  return { items: rows, total, page: request.page, pageSize: limit };
};

/**
 * Checks the chain against the key and the latest checkpoint written outside the database. The
 * checkpoints are read first: entries appended meanwhile only lengthen the chain past them.
 */
export const verifyAudit = async (ctx: ServiceContext, actor: Actor): Promise<AuditCheck> => {
  requirePermission(actor, 'audit.read');
  const db = ctx.database.db;
  const checkpoints = await ctx.audit.readCheckpoints();
  const markerSeq = await readMarkerSeq(db);
  const verifier = auditVerifier({ key: ctx.audit.key, checkpoints, markerSeq });
  // The head is read before the walk, so entries appended during it are simply not looked at.
  const head = await readHead(db);
  for await (const e of readChain(db)) {
    if (e.seq > head.lastSeq) break;
    if (!verifier.push(e)) break;
  }
  return verifier.finish(head);
};
