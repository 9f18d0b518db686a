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

/** Sessions live in the database; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
