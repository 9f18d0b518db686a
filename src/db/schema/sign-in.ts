import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins of the last minutes, shared by every Regia process on the database, so a
 * throttle counts them per address and per account whichever process answered. A row is written
 * when an attempt starts and kept only if the password was wrong; rows older than the window are
 * pruned as new ones come, so the table stays small.
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
