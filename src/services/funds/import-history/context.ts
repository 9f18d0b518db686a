/**
 * What every step of a set-wise history import shares: the import's transaction, the errors
 * found so far, and the audit entries of the records stored, appended in one go at the end
 * (src/db/repositories/audit-bulk.ts), one entry per record as the row-by-row import wrote them.
 */
import type { Database, Tx } from '../../../db/client.ts';
import type { AuditInput } from '../../../db/repositories/audit.ts';
import { appendAuditEntries } from '../../../db/repositories/audit-bulk.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import type { ServiceContext } from '../../context.ts';
import { auditInputOf, type Change } from '../../audit-log.ts';
import type { IssueList } from '../import-funds.ts';

export interface HistoryStep {
  readonly ctx: ServiceContext;
  readonly database: Database;
  readonly tx: Tx;
  readonly actor: Actor;
  readonly issues: IssueList;
  /** records the change in the audit trail (appended with the others at the end) */
  record(change: Change): void;
  /** the audit entries recorded so far, appended to the chain; then none is pending */
  flush(): Promise<number>;
}

export const historyStep = (ctx: ServiceContext, tx: Tx, actor: Actor, issues: IssueList): HistoryStep => {
  const at = ctx.now();
  let pending: AuditInput[] = [];
  return {
    ctx,
    database: ctx.database,
    tx,
    actor,
    issues,
    record(change) {
      pending.push(auditInputOf(at, actor, change));
    },
    async flush() {
      const entries = pending;
      pending = [];
      return appendAuditEntries(ctx.database, tx, ctx.audit.writingKey(), entries);
    },
  };
};

/** The records of a file by the line they come from. */
export const byLine = <R extends { readonly line: number }>(records: readonly R[]): Map<number, R> => new Map(records.map((r) => [r.line, r]));
