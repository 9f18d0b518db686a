import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, boolean, date, jsonb, serial, bigserial, primaryKey, unique, index, timestamp } from 'drizzle-orm/pg-core';
import { acts, storedFiles } from './acts.ts';
import { districts } from './registry.ts';

const cents = (name: string) => bigint(name, { mode: 'bigint' });

/** A national or regional fund (fondi.csv). */
export const funds = pgTable('funds', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** national | regional */
  source: text('source').$type<'national' | 'regional'>().notNull(),
  /** art. 89 c. 1 DL 34/2020: the ministry's tranche of year N waits on 75% of annuality N−2 */
  rule75: boolean('rule75').notNull(),
});

/** A(F,Y): what the allocation decree gives the Region for a fund annuality (annualita.csv). */
export const fundAnnualities = pgTable(
  'fund_annualities',
  {
    fundCode: text('fund_code').notNull().references(() => funds.code),
    annuality: integer('annuality').notNull(),
    allocated: cents('allocated').notNull(),
    actId: integer('act_id').notNull().references(() => acts.id),
    /** Disbursement gating as data (DOMAIN.md "Disbursement gating"); null: the default for the fund. */
    gatingRule: jsonb('gating_rule'),
    gatingActId: integer('gating_act_id').references(() => acts.id),
    /** Step 3 of the life cycle: programming transmitted to the ministry. */
    transmittedOn: date('transmitted_on', { mode: 'string' }),
    transmissionProtocol: text('transmission_protocol'),
  },
  (t) => [primaryKey({ columns: [t.fundCode, t.annuality] })],
);

/** Intervention lines a fund annuality is programmed into (linee.csv); Σ ≤ A. */
export const interventionLines = pgTable(
  'intervention_lines',
  {
    id: serial('id').primaryKey(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull().default(''),
    amount: cents('amount').notNull(),
    actId: integer('act_id').notNull().references(() => acts.id),
  },
  (t) => [unique('intervention_lines_key').on(t.fundCode, t.annuality, t.code)],
);

/** Assignment and commitment of a line amount to a district by an act (assegnazioni.csv); Σ per line ≤ line. */
export const assignments = pgTable(
  'assignments',
  {
    id: serial('id').primaryKey(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    lineCode: text('line_code').notNull(),
    districtCode: text('district_code').notNull().references(() => districts.code),
    actId: integer('act_id').notNull().references(() => acts.id),
    actNumber: text('act_number').notNull(),
    amount: cents('amount').notNull(),
  },
  (t) => [unique('assignments_key').on(t.fundCode, t.annuality, t.lineCode, t.districtCode, t.actNumber), index('assignments_district_idx').on(t.districtCode, t.fundCode, t.annuality)],
);

/** Disbursement tranches to a district (liquidazioni.csv); Σ per district ≤ its assignments. */
export const disbursements = pgTable(
  'disbursements',
  {
    id: serial('id').primaryKey(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    districtCode: text('district_code').notNull().references(() => districts.code),
    actId: integer('act_id').notNull().references(() => acts.id),
    actNumber: text('act_number').notNull(),
    amount: cents('amount').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
  },
  (t) => [unique('disbursements_key').on(t.fundCode, t.annuality, t.districtCode, t.actNumber)],
);

/** A district's expense report for the expenses paid in one year: kept as a draft until submitted. */
export const expenseReports = pgTable(
  'expense_reports',
  {
    id: serial('id').primaryKey(),
    districtCode: text('district_code').notNull().references(() => districts.code),
    expenseYear: integer('expense_year').notNull(),
    /** draft | submitted */
    status: text('status').$type<'draft' | 'submitted'>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    /** l.r. 11/2016 art. 64 c. 4-bis: later than 31 March of the following year */
    late: boolean('late'),
    daysLate: integer('days_late'),
    submittedBy: text('submitted_by'),
  },
  (t) => [unique('expense_reports_key').on(t.districtCode, t.expenseYear)],
);

/**
 * Expense lines (spese.csv, uploads, typed lines). Imported history has no report and counts as
 * reported; lines of a draft report count once the report is submitted.
 */
export const expenseLines = pgTable(
  'expense_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    document: text('document').notNull(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    area: text('area').notNull(),
    description: text('description').notNull().default(''),
    amount: cents('amount').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    /** null: not yet verified by the Region */
    recognised: cents('recognised'),
    reportId: integer('report_id'),
    /** false while its report is a draft */
    submitted: boolean('submitted').notNull().default(true),
    rejectionReason: text('rejection_reason'),
    /** the acknowledgement act (presa d'atto) that closed the verification */
    acknowledgedActId: integer('acknowledged_act_id'),
  },
  (t) => [
    unique('expense_lines_key').on(t.districtCode, t.document),
    index('expense_lines_fund_idx').on(t.fundCode, t.annuality),
    // the lines of district reports still to verify: a few next to the imported history, found
    // without reading it (the home page's "reports to verify", src/db/repositories/todo.ts)
    index('expense_lines_pending_idx').on(t.reportId).where(sql`${t.recognised} is null and ${t.reportId} is not null`),
  ],
);

/**
 * Running totals per district, fund and annuality, kept in the same transaction as every write
 * of assignments, disbursements and expense lines: read-outs never scan the lines.
 */
export const districtFundTotals = pgTable(
  'district_fund_totals',
  {
    districtCode: text('district_code').notNull(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    assigned: cents('assigned').notNull().default(sql`0`),
    disbursed: cents('disbursed').notNull().default(sql`0`),
    reported: cents('reported').notNull().default(sql`0`),
    recognised: cents('recognised').notNull().default(sql`0`),
    expenseLines: integer('expense_lines').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.fundCode, t.annuality] })],
);

/** Receipt of every import or upload: files, checksums, lines stored, time. */
export const importReceipts = pgTable('import_receipts', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actor: text('actor').notNull(),
  districtCode: text('district_code'),
  files: jsonb('files').notNull(),
  stored: jsonb('stored').notNull(),
  archiveFileId: integer('archive_file_id').references(() => storedFiles.id),
  /** a district's upload into its draft report */
  reportId: integer('report_id'),
});

/**
 * A correction of a figure already submitted: requested by the district, accepted or refused
 * by the Region. Accepted, it changes the line with before and after in the audit trail.
 */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    id: serial('id').primaryKey(),
    expenseLineId: bigint('expense_line_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    reason: text('reason').notNull(),
    /** the proposed values: amount (cents as string), area, description, fund, annuality */
    proposed: jsonb('proposed').notNull(),
    status: text('status').$type<'pending' | 'accepted' | 'refused'>().notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('correction_requests_district_idx').on(t.districtCode, t.status)],
);
