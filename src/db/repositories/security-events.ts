import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { addDays, romeDayStart, type CalendarDate } from '../../domain/dates.ts';
import type { SecurityEventKind } from '../../domain/auth/security-events.ts';
import { securityEvents } from '../schema/index.ts';
import type { Executor } from '../client.ts';

/** Distinct rows one kind may add in one minute; the rest of the minute is counted in one overflow row. */
export const SECURITY_EVENT_ROWS_PER_MINUTE = 100;
/** The address, user name and route of the overflow row. */
export const OVERFLOW = '*';

export interface SecurityEventRow {
  at: Date;
  kind: SecurityEventKind;
  username: string;
  userId: number | null;
  /** A user name whose id to store, when the caller knows the account but not its id (a sign-in). */
  account: string | null;
  address: string;
  route: string;
  detail: string;
}

/**
 * One statement: adds the event to its minute's row, or makes that row, or, when the kind already
 * has its quota of rows this minute, adds it to the overflow row. The unique key on the minute's
 * fields makes concurrent identical events meet in one row; two different events racing for the
 * last places of a minute may both get one (the quota is a bound on growth, not an exact count).
 */
export const insertSecurityEvent = async (ex: Executor, e: SecurityEventRow) => {
  const minute = new Date(Math.floor(e.at.getTime() / 60_000) * 60_000);
  const userId = e.userId ?? (e.account === null ? null : sql`(SELECT id FROM users WHERE username = ${e.account})`);
  await ex.execute(sql`
    WITH full_minute AS (
      SELECT (SELECT count(*) FROM (SELECT 1 FROM security_events WHERE minute = ${minute}::timestamptz AND kind = ${e.kind} LIMIT ${SECURITY_EVENT_ROWS_PER_MINUTE}) q) >= ${SECURITY_EVENT_ROWS_PER_MINUTE}
        AND NOT EXISTS (SELECT 1 FROM security_events WHERE minute = ${minute}::timestamptz AND kind = ${e.kind} AND address = ${e.address} AND username = ${e.username} AND route = ${e.route} AND detail = ${e.detail}) AS over
    )
    INSERT INTO security_events (minute, at, last_at, count, kind, username, user_id, address, route, detail)
    SELECT ${minute}::timestamptz, ${e.at}::timestamptz, ${e.at}::timestamptz, 1, ${e.kind}::text,
      CASE WHEN over THEN ${OVERFLOW} ELSE ${e.username} END,
      CASE WHEN over THEN NULL ELSE ${userId}::integer END,
      CASE WHEN over THEN ${OVERFLOW} ELSE ${e.address} END,
      CASE WHEN over THEN ${OVERFLOW} ELSE ${e.route} END,
      CASE WHEN over THEN 'eventi oltre il limite di righe per minuto' ELSE ${e.detail} END
    FROM full_minute
    ON CONFLICT (minute, kind, address, username, route, detail) DO UPDATE
      SET count = security_events.count + 1,
          last_at = GREATEST(security_events.last_at, excluded.last_at),
          user_id = COALESCE(security_events.user_id, excluded.user_id)`);
};

export interface SecurityEventFilter {
  kind?: SecurityEventKind | undefined;
  /** The user name, whatever its case and the spaces typed around it (as the sign-in reads it). */
  username?: string | undefined;
  address?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const whereOf = (f: SecurityEventFilter): SQL | undefined => {
  const parts: SQL[] = [];
  if (f.kind) parts.push(eq(securityEvents.kind, f.kind));
  if (f.username) parts.push(sql`lower(btrim(${securityEvents.username})) = ${f.username.trim().toLowerCase()}`);
  if (f.address) parts.push(eq(securityEvents.address, f.address.trim()));
  if (f.from) parts.push(gte(securityEvents.lastAt, romeDayStart(f.from as CalendarDate)));
  if (f.to) parts.push(lt(securityEvents.at, romeDayStart(addDays(f.to as CalendarDate, 1))));
  return parts.length ? and(...parts) : undefined;
};

export const listSecurityEventRows = async (ex: Executor, filter: SecurityEventFilter, limit: number, offset: number) => {
  const where = whereOf(filter);
  const rows = await ex.select().from(securityEvents).where(where).orderBy(desc(securityEvents.at), desc(securityEvents.id)).limit(limit).offset(offset);
  const [total] = await ex.select({ n: sql<string>`count(*)` }).from(securityEvents).where(where);
  return { rows, total: Number(total?.n ?? 0) };
};
