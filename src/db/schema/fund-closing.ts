/**
 * Closing the cycle of a fund annuality (issue #12): acknowledgement acts, redeterminations of
 * residuals, and the receivables they raise with their recoveries (DOMAIN.md "Residuals,
 * redetermination, receivables").
 */
import { pgTable, text, integer, bigint, date, jsonb, serial, timestamp, index } from 'drizzle-orm/pg-core';
import { acts } from './acts.ts';
import { disbursements } from './funds.ts';
import type { SettlementKind, RecoveryKind } from '../../domain/funds/receivables.ts';

const cents = (name: string) => bigint(name, { mode: 'bigint' });

/** An acknowledgement act (presa d'atto) of a district's report on a fund annuality, with the sums it states. */
export const acknowledgements = pgTable(
  'acknowledgements',
  {
    id: serial('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    actId: integer('act_id').notNull().references(() => acts.id),
    lines: integer('lines').notNull(),
    assigned: cents('assigned').notNull(),
    disbursed: cents('disbursed').notNull(),
    reported: cents('reported').notNull(),
    recognised: cents('recognised').notNull(),
    residual: cents('residual').notNull(),
    unspent: cents('unspent').notNull(),
    adoptedAt: timestamp('adopted_at', { withTimezone: true, mode: 'date' }).notNull(),
    adoptedBy: text('adopted_by').notNull(),
  },
  (t) => [index('acknowledgements_key_idx').on(t.districtCode, t.fundCode, t.annuality)],
);

/** A redetermination by DD: `amount` taken from a district, given to `destinations`. */
export const redeterminations = pgTable(
  'redeterminations',
  {
    id: serial('id').primaryKey(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    fromDistrict: text('from_district').notNull(),
    amount: cents('amount').notNull(),
    assignedAfter: cents('assigned_after').notNull(),
    excess: cents('excess').notNull(),
    settlement: text('settlement').$type<SettlementKind>().notNull(),
    /** [{ kind: 'district', district, amount } | { kind: 'regional_intervention', intervention, amount }], amounts as text cents */
    destinations: jsonb('destinations').notNull(),
    actId: integer('act_id').notNull().references(() => acts.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('redeterminations_key_idx').on(t.fundCode, t.annuality, t.fromDistrict)],
);

/** What a district owes on a fund annuality, and whether it pays it back or has it withheld from its next tranches. */
export const receivables = pgTable(
  'receivables',
  {
    id: serial('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    amount: cents('amount').notNull(),
    settlement: text('settlement').$type<SettlementKind>().notNull(),
    redeterminationId: integer('redetermination_id').references(() => redeterminations.id),
    actId: integer('act_id').notNull().references(() => acts.id),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('receivables_district_idx').on(t.districtCode, t.fundCode, t.annuality)],
);

/**
 * A recovery on a receivable: a repayment (date, reference) or an offset withheld from a tranche
 * of the same fund. It counts on the receivable's fund annuality: disbursed there is net of it.
 */
export const receivableRecoveries = pgTable(
  'receivable_recoveries',
  {
    id: serial('id').primaryKey(),
    receivableId: integer('receivable_id').notNull().references(() => receivables.id),
    districtCode: text('district_code').notNull(),
    fundCode: text('fund_code').notNull(),
    annuality: integer('annuality').notNull(),
    kind: text('kind').$type<RecoveryKind>().notNull(),
    amount: cents('amount').notNull(),
    /** a repayment: when it was paid and its reference (reversale, bonifico) */
    paidOn: date('paid_on', { mode: 'string' }),
    reference: text('reference'),
    /** an offset: the tranche it was withheld from */
    disbursementId: integer('disbursement_id').references(() => disbursements.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('receivable_recoveries_key_idx').on(t.districtCode, t.fundCode, t.annuality), index('receivable_recoveries_tranche_idx').on(t.disbursementId)],
);
