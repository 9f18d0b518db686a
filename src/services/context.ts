import type { Database } from '../db/client.ts';
import { processAuditTrail, type AuditTrail } from './audit-trail.ts';
import { DEFAULT_IDLE_MINUTES } from '../domain/auth/session-policy.ts';

/** What every use case needs from the outside world: the database, the clock, the audit key. */
export interface ServiceContext {
  readonly database: Database;
  readonly now: () => Date;
  /** The key the audit chain is hashed with, and the checkpoints kept outside the database. */
  readonly audit: AuditTrail;
  /** Minutes a session may stay unused before it ends (REGIA_SESSION_IDLE_MINUTES). */
  readonly sessionIdleMinutes: number;
}

export const serviceContext = (database: Database, now: () => Date = () => new Date(), audit: AuditTrail = processAuditTrail(), sessionIdleMinutes = DEFAULT_IDLE_MINUTES): ServiceContext => ({
  database,
  now,
  audit,
  sessionIdleMinutes,
});
