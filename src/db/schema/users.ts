import { pgTable, text, serial, integer, boolean, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { districts } from './registry.ts';
import type { Role } from '../../domain/auth/roles.ts';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<Role>().notNull(),
  displayName: text('display_name').notNull().default(''),
  body: text('body'),
  active: boolean('active').notNull().default(true),
  demo: boolean('demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const userDistricts = pgTable(
  'user_districts',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    districtCode: text('district_code').notNull().references(() => districts.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.districtCode] })],
);

/**
 * The responsibility centres an area manager reports for, by name: a plan's centres are rebuilt
 * each year, their names carry over (seed 2: "Area Amministrativa").
 */
export const userCentres = pgTable(
  'user_centres',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    centreName: text('centre_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.centreName] })],
);

/** Sessions live in the database; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The last request on it, written at most once a minute; past the idle limit the session ends. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Where it was opened from and with what, for the user's list of own sessions (bounded). */
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
