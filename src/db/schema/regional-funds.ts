/**
 * Regional funds (DOMAIN.md "Regional funds"; seed 1 §2): the budget law's spending chapters,
 * their half-yearly statements, and the reservations of the DGR of finalisation.
 *
 * A reservation IS an intervention line of the regional fund annuality (fund = the chapter's
 * fund, annuality = the budget year, code = the reservation code): its amount and its DGR live on
 * `intervention_lines`, so the implementing DD writes ordinary `assignments` and compliance,
 * residuals and district reporting read regional money exactly as national money.
 */
import { pgTable, text, integer, bigint, date, serial, primaryKey, unique, index, timestamp } from 'drizzle-orm/pg-core';
import { acts } from './acts.ts';
import { funds, interventionLines } from './funds.ts';

const cents = (name: string) => bigint(name, { mode: 'bigint' });

/** A spending chapter (capitolo di spesa) of the regional budget, financing one regional fund. */
export const budgetChapters = pgTable('budget_chapters', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique('budget_chapters_code_unique'),
  description: text('description').notNull().default(''),
  fundCode: text('fund_code')
    .notNull()
    .references(() => funds.code),
});

/** The chapter's amount for one year of the three-year budget, with the act that set it (budget law or its amendment). */
export const budgetChapterAmounts = pgTable(
  'budget_chapter_amounts',
  {
    chapterId: integer('chapter_id')
      .notNull()
      .references(() => budgetChapters.id),
    year: integer('year').notNull(),
    amount: cents('amount').notNull(),
    actId: integer('act_id')
      .notNull()
      .references(() => acts.id),
  },
  (t) => [primaryKey({ columns: [t.chapterId, t.year] })],
);

/** DGR of finalisation: links the intervention line that holds the reserved sum to the chapter it is reserved on. */
export const budgetReservations = pgTable(
  'budget_reservations',
  {
    id: serial('id').primaryKey(),
    chapterId: integer('chapter_id')
      .notNull()
      .references(() => budgetChapters.id),
    lineId: integer('line_id')
      .notNull()
      .references(() => interventionLines.id)
      .unique('budget_reservations_line_unique'),
  },
  (t) => [index('budget_reservations_chapter_idx').on(t.chapterId)],
);

/**
 * Half-yearly statement of a chapter's budget (Reg. contabilità 26/2017 art. 4 c. 28: the
 * "cabina di regia" transmits it every six months): figures computed and frozen when recorded.
 */
export const budgetChapterStatements = pgTable(
  'budget_chapter_statements',
  {
    id: serial('id').primaryKey(),
    chapterId: integer('chapter_id')
      .notNull()
      .references(() => budgetChapters.id),
    year: integer('year').notNull(),
    /** 1: January–June, 2: July–December */
    semester: integer('semester').notNull(),
    /** the date the figures are taken at: acts adopted after it are not counted */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    budget: cents('budget').notNull(),
    reserved: cents('reserved').notNull(),
    assigned: cents('assigned').notNull(),
    /** budget − reserved: what is still free for new reservations */
    available: cents('available').notNull(),
    actId: integer('act_id').references(() => acts.id),
    /** the transmission's reference (protocol, note) when there is no act */
    communication: text('communication').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [unique('budget_chapter_statements_key').on(t.chapterId, t.year, t.semester)],
);
