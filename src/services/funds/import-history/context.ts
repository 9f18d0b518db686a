/**
 * What every step of a set-wise history import shares: the import's transaction, the errors
 * found so far, and the audit entries of the records stored, appended in one go at the end
 * (src/db/repositories/audit-bulk.ts), one entry per record as the row-by-row import wrote them.
 */
import type { Database, Tx } from '../../../db/client.ts';
import { AuditBatch } from '../../../db/repositories/audit-bulk.ts';
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
  /** starts hashing the entries ahead, while the import's statements run (AuditBatch) */
  begin(): Promise<void>;
  /** records the change in the audit trail (appended with the others at the end) */
  record(change: Change): void;
  /** the audit entries recorded, appended to the chain (once, at the end) */
  flush(): Promise<number>;
  /** the import is given up: no more hashing ahead */
  discard(): void;
}

export const historyStep = (ctx: ServiceContext, tx: Tx, actor: Actor, issues: IssueList): HistoryStep => {
  const at = ctx.now();
  const batch = new AuditBatch();
  return {
    ctx,
    database: ctx.database,
    tx,
    actor,
    issues,
    async begin() {
      // Without a key nothing is hashed ahead; flush then fails as every audited write does.
      const key = ctx.audit.key;
      if (key) await batch.begin(tx, key);
    },
    record(change) {
      batch.push(auditInputOf(at, actor, change));
    },
    flush: () => batch.append(ctx.database, tx, ctx.audit.writingKey()),
    discard: () => batch.discard(),
  };
};

/** The records of a file by the line they come from. */
export const byLine = <R extends { readonly line: number }>(records: readonly R[]): Map<number, R> => new Map(records.map((r) => [r.line, r]));
