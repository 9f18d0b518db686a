/**
 * The performance cycle (DOMAIN.md "Performance cycle", seed 2): a plan per body and year,
 * its responsibility centres, objectives (one objective may belong to several centres),
 * activities, indicators, revisions by board resolution and the evaluator's comments.
 * Values and times are stored as written (src/domain/performance/values.ts, times.ts).
 */
import { pgTable, text, integer, date, jsonb, serial, timestamp, doublePrecision, unique, index } from 'drizzle-orm/pg-core';
import { acts } from './acts.ts';

export type PerformancePlanStatus = 'draft' | 'validated';
export type PerformanceRevisionKind = 'updated' | 'suspended';

export const performancePlans = pgTable(
  'performance_plans',
  {
    id: serial('id').primaryKey(),
    body: text('body').notNull(),
    year: integer('year').notNull(),
    /** The three-year plan the year belongs to (2024–2026). */
    periodFrom: integer('period_from').notNull(),
    periodTo: integer('period_to').notNull(),
    /** ScoringSettings of src/domain/performance/scoring.ts (thresholds). */
    scoring: jsonb('scoring').notNull(),
    status: text('status').$type<PerformancePlanStatus>().notNull().default('draft'),
    validatedBy: text('validated_by'),
    validatedAt: timestamp('validated_at', { withTimezone: true, mode: 'date' }),
    validationComment: text('validation_comment'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('performance_plans_body_year_idx').on(t.body, t.year)],
);

/** A responsibility centre (area) of a plan, in document order. */
export const performanceCentres = pgTable(
  'performance_centres',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => performancePlans.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [unique('performance_centres_name').on(t.planId, t.name)],
);

/** An objective with every field of seed 2; shared between centres through performance_centre_objectives. */
export const performanceObjectives = pgTable(
  'performance_objectives',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => performancePlans.id),
    /** The plan's key of a shared objective (EXCHANGE.md `id`); null for an objective of one centre. */
    sharedKey: text('shared_key'),
    title: text('title').notNull(),
    strategicArea: text('strategic_area').notNull().default(''),
    operationalObjective: text('operational_objective').notNull().default(''),
    pegProject: text('peg_project').notNull().default(''),
    services: text('services').notNull().default(''),
    endUsers: text('end_users').notNull().default(''),
    networks: text('networks').notNull().default(''),
    description: text('description').notNull().default(''),
    /** "Report al 31/12" of the year. */
    report: text('report').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('performance_objectives_plan_idx').on(t.planId)],
);

/** Membership of an objective in a centre, with the code the centre numbers it by (not unique). */
export const performanceCentreObjectives = pgTable(
  'performance_centre_objectives',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id').notNull().references(() => performanceCentres.id),
    objectiveId: integer('objective_id').notNull().references(() => performanceObjectives.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [unique('performance_centre_objectives_pair').on(t.centreId, t.objectiveId)],
);

export const performanceActivities = pgTable(
  'performance_activities',
  {
    id: serial('id').primaryKey(),
    objectiveId: integer('objective_id').notNull().references(() => performanceObjectives.id),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    planned: text('planned').notNull().default(''),
    actual: text('actual').notNull().default(''),
  },
  (t) => [index('performance_activities_objective_idx').on(t.objectiveId)],
);

export const performanceIndicators = pgTable(
  'performance_indicators',
  {
    id: serial('id').primaryKey(),
    objectiveId: integer('objective_id').notNull().references(() => performanceObjectives.id),
    position: integer('position').notNull(),
    name: text('name').notNull().default(''),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull().default(''),
    target: text('target').notNull(),
    actual: text('actual').notNull().default(''),
    weight: doublePrecision('weight').notNull().default(1),
  },
  (t) => [index('performance_indicators_objective_idx').on(t.objectiveId)],
);

/** An objective updated or suspended by a board resolution; the earlier version is kept as a snapshot. */
export const performanceRevisions = pgTable(
  'performance_revisions',
  {
    id: serial('id').primaryKey(),
    objectiveId: integer('objective_id').notNull().references(() => performanceObjectives.id),
    /** The objective's version this revision produced. */
    version: integer('version').notNull(),
    kind: text('kind').$type<PerformanceRevisionKind>().notNull(),
    actId: integer('act_id').references(() => acts.id),
    /** The act as written in the plan: "Deliberazione CdA n. 49". */
    actLabel: text('act_label').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** The earlier version; null when the plan was imported already revised (the source gives no earlier text). */
    snapshot: jsonb('snapshot'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [unique('performance_revisions_version').on(t.objectiveId, t.version)],
);

/** The evaluator's (OIV) comment on an objective's score. */
export const performanceEvaluations = pgTable(
  'performance_evaluations',
  {
    id: serial('id').primaryKey(),
    objectiveId: integer('objective_id').notNull().references(() => performanceObjectives.id),
    comment: text('comment').notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [unique('performance_evaluations_objective').on(t.objectiveId)],
);
