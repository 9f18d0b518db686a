import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { securityEventKinds, type SecurityEventKind } from '../../domain/auth/security-events.ts';

/**
 * Security events (ASVS 4 V7): sign-ins, refusals, password changes, exports.
 *
 * Not part of the audit chain: the chain records the acts of signed-in users, each hashed after the
 * last one under the one head lock. Failed sign-ins come from anyone; chaining them would let an
 * attacker make every legitimate write wait on that lock, and grow the chain at will. These rows
 * are plain inserts that take no lock beyond their own key.
 *
 * The cost is bounded in the insert (src/db/repositories/security-events.ts): identical events
 * (kind, address, user name, route, detail) in the same minute are one row with a `count`; past
 * SECURITY_EVENT_ROWS_PER_MINUTE distinct rows of one kind in a minute, the rest of that minute
 * is counted in one overflow row whose address, user name and route are '*'. So a flood from any
 * number of addresses with any number of names adds at most that many rows per kind per minute.
 * Nothing is deleted by Regia: an installation keeps them as long as its rules ask, and removes
 * older ones by date (`DELETE FROM security_events WHERE last_at < …`; `at` is indexed).
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The UTC minute that groups identical events. */
    minute: timestamp('minute', { withTimezone: true, mode: 'date' }).notNull(),
    /** The first and the last of the grouped events. */
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(1),
    kind: text('kind').$type<SecurityEventKind>().notNull(),
    /** As typed at sign-in, or the session's user; '' when none. */
    username: text('username').notNull().default(''),
    /** Known when the event has a signed-in user (never looked up for a failed sign-in). */
    userId: integer('user_id'),
    address: text('address').notNull().default(''),
    /** Method and matched route pattern (`GET /api/exports/sioss/:fund/:annuality`), never the query or body. */
    route: text('route').notNull().default(''),
    /** Short and free of secrets: a problem code, a permission, a file name. */
    detail: text('detail').notNull().default(''),
  },
  (t) => [
    uniqueIndex('security_events_minute_key').on(t.minute, t.kind, t.address, t.username, t.route, t.detail),
    index('security_events_at_idx').on(t.at),
    index('security_events_kind_idx').on(t.kind, t.at),
    check('security_events_kind_check', sql.raw(`kind IN (${securityEventKinds.map((k) => `'${k}'`).join(', ')})`)),
  ],
);
