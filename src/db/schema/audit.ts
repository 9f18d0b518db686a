import { pgTable, text, bigint, integer, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Each entry carries the hash of the previous one, so an
 * altered, inserted or deleted entry breaks the chain (`regia audit verify`).
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** ISO 8601 UTC instant as text: hashed exactly as stored. */
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    actId: integer('act_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entries_entity_idx').on(t.entityType, t.entityId), index('audit_entries_actor_idx').on(t.actor)],
);

/** One row: the chain's head. Updating it in the writing transaction serialises appends on both engines. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
