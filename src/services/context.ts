import type { Database } from '../db/client.ts';

/** What every use case needs from the outside world: the database and the clock. */
export interface ServiceContext {
  readonly database: Database;
  readonly now: () => Date;
}

export const serviceContext = (database: Database, now: () => Date = () => new Date()): ServiceContext => ({ database, now });
