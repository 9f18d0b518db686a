import { pgTable, text, date, serial, integer, bigint, timestamp, customType, unique, index } from 'drizzle-orm/pg-core';

/** Binary content kept in the database (files, emblems). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Uploaded files are kept in the database so PGlite and PostgreSQL installs behave alike. */
export const storedFiles = pgTable('stored_files', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  storedBy: text('stored_by').notNull(),
});

import type { ActType } from '../../domain/acts.ts';
export { actTypes, type ActType } from '../../domain/acts.ts';

/** The administrative act every money event and procedural step cites. */
export const acts = pgTable(
  'acts',
  {
    id: serial('id').primaryKey(),
    type: text('type').$type<ActType>().notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    issuingOffice: text('issuing_office').notNull().default(''),
    subject: text('subject').notNull().default(''),
    attachmentId: integer('attachment_id').references(() => storedFiles.id),
  },
  (t) => [unique('acts_identity_unique').on(t.type, t.number, t.date), index('acts_date_idx').on(t.date)],
);
