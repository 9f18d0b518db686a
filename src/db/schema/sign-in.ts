import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins of the last day, shared by every Regia process on the database, so the
 * progressive lockout (src/domain/auth/sign-in-lockout.ts) counts them per address and per
 * account whichever process answered. A row is written when an attempt starts and kept only if
 * the password was wrong; rows older than the lockout's memory are pruned as new ones come, and
 * refused attempts leave none, so the table holds at most a day of real failures.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    address: text('address').notNull(),
    /** The user name as typed, normalised; it need not exist (guessing names counts too). */
    username: text('username').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('sign_in_failures_address_idx').on(t.address, t.failedAt),
    index('sign_in_failures_username_idx').on(t.username, t.failedAt),
    index('sign_in_failures_failed_at_idx').on(t.failedAt),
  ],
);
