import type { Database } from '../db/client.ts';
import { processAuditTrail, type AuditTrail } from './audit-trail.ts';

/** What every use case needs from the outside world: the database, the clock, the audit key. */
export interface ServiceContext {
  readonly database: Database;
  readonly now: () => Date;
  /** The key the audit chain is hashed with, and the checkpoints kept outside the database. */
  readonly audit: AuditTrail;
}

export const serviceContext = (database: Database, now: () => Date = () => new Date(), audit: AuditTrail = processAuditTrail()): ServiceContext => ({ database, now, audit });
