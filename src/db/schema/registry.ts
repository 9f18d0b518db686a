import { pgTable, text, integer, date, serial, primaryKey, index, unique, timestamp } from 'drizzle-orm/pg-core';
import { acts, bytea } from './acts.ts';

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  leadBody: text('lead_body').notNull().default(''),
  /** consorzio, convenzione, unione, comune, altro (EXCHANGE.md forma_gestione) */
  managementForm: text('management_form'),
});

/** Dated history of lead bodies: a hand-over breaks reporting continuity, so it is kept (DOMAIN.md, Governance). */
export const districtLeadBodies = pgTable(
  'district_lead_bodies',
  {
    id: serial('id').primaryKey(),
    districtCode: text('district_code').notNull().references(() => districts.code),
    leadBody: text('lead_body').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    actId: integer('act_id').references(() => acts.id),
  },
  (t) => [index('district_lead_bodies_district_idx').on(t.districtCode)],
);

export const municipalities = pgTable(
  'municipalities',
  {
    istatCode: text('istat_code').primaryKey(),
    name: text('name').notNull(),
    province: text('province'),
    population: integer('population').notNull(),
    districtCode: text('district_code').references(() => districts.code),
  },
  (t) => [index('municipalities_district_idx').on(t.districtCode)],
);

import type { BodyKind } from '../../domain/registry.ts';
export { bodyKinds, type BodyKind } from '../../domain/registry.ts';

export const bodies = pgTable(
  'bodies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<BodyKind>().notNull(),
    taxCode: text('tax_code'),
    districtCode: text('district_code').references(() => districts.code),
    notes: text('notes'),
  },
  (t) => [unique('bodies_name_unique').on(t.name)],
);

/**
 * A body's emblem for the cover of its documents (one per body), checked on upload
 * (src/domain/emblem.ts) and kept in the database like every uploaded file.
 */
export const bodyEmblems = pgTable('body_emblems', {
  bodyId: integer('body_id')
    .primaryKey()
    .references(() => bodies.id),
  format: text('format').$type<'png' | 'jpeg'>().notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true, mode: 'date' }).notNull(),
  storedBy: text('stored_by').notNull(),
});

/** Member municipalities of an associated body (e.g. a consortium art. 31 TUEL). */
export const bodyMembers = pgTable(
  'body_members',
  {
    bodyId: integer('body_id').notNull().references(() => bodies.id),
    istatCode: text('istat_code').notNull().references(() => municipalities.istatCode),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.istatCode] })],
);
