/** What the regional funds' use cases answer: chapters, reservations and statements as read. */
import type { Executor } from '../../../db/client.ts';
import { chapterRows, chapterYearRows } from '../../../db/repositories/funds/regional-chapters.ts';
import type { ReservationRow } from '../../../db/repositories/funds/regional-reservations.ts';
import type { StatementRow } from '../../../db/repositories/funds/regional-statements.ts';
import { notFound } from '../../../domain/errors.ts';
import { cents, toNumber, type Cents } from '../../../domain/money.ts';
import { actRef, type ActRef } from '../../acts.ts';

export interface ChapterYearView {
  year: number;
  budget: number;
  reserved: number;
  assigned: number;
  /** budget − reserved: what new reservations may still take */
  available: number;
  act: ActRef;
}

export interface ChapterView {
  id: number;
  code: string;
  description: string;
  fund: string;
  fundName: string;
  years: ChapterYearView[];
}

export interface ReservationAssignmentView {
  district: string;
  amount: number;
  act: { id: number; number: string };
}

export interface ReservationView {
  id: number;
  chapterId: number;
  chapterCode: string;
  fund: string;
  year: number;
  code: string;
  description: string;
  amount: number;
  assigned: number;
  /** amount − assigned: what implementing acts may still assign */
  available: number;
  act: ActRef;
}

export interface ReservationDetail extends ReservationView {
  assignments: ReservationAssignmentView[];
}

export interface StatementView {
  id: number;
  chapterId: number;
  chapterCode: string;
  year: number;
  semester: number;
  asOf: string;
  budget: number;
  reserved: number;
  assigned: number;
  available: number;
  act: ActRef | null;
  communication: string;
  recordedAt: string;
  recordedBy: string;
}

export const chapterViews = async (ex: Executor, filter: { id?: number; fund?: string | undefined }): Promise<ChapterView[]> => {
  const rows = await chapterRows(ex, filter);
  const years = new Map<number, ChapterYearView[]>();
  for (const y of await chapterYearRows(
    ex,
    rows.map((r) => r.c.id),
  )) {
    const budget = cents(y.amount);
    const reserved = cents(y.reserved);
    const list = years.get(y.chapterId) ?? [];
    list.push({ year: y.year, budget: toNumber(budget), reserved: toNumber(reserved), assigned: toNumber(cents(y.assigned)), available: toNumber(cents(budget - reserved)), act: y.act });
    years.set(y.chapterId, list);
  }
  return rows.map((r) => ({ id: r.c.id, code: r.c.code, description: r.c.description, fund: r.c.fundCode, fundName: r.fundName, years: years.get(r.c.id) ?? [] }));
};

export const chapterView = async (ex: Executor, id: number): Promise<ChapterView> => {
  const [view] = await chapterViews(ex, { id });
  if (!view) throw notFound('regional.chapter_not_found', `Capitolo di spesa ${id} non trovato`);
  return view;
};

export const toReservationView = (r: ReservationRow, assigned: Cents): ReservationView => ({
  id: r.id,
  chapterId: r.chapterId,
  chapterCode: r.chapterCode,
  fund: r.fund,
  year: r.year,
  code: r.code,
  description: r.description,
  amount: toNumber(cents(r.amount)),
  assigned: toNumber(assigned),
  available: toNumber(cents(r.amount - assigned)),
  act: actRef({ id: r.actId, type: r.actType, number: r.actNumber, date: r.actDate }),
});

export const toStatementView = (s: StatementRow, chapterCode: string, act: ActRef | null): StatementView => ({
  id: s.id,
  chapterId: s.chapterId,
  chapterCode,
  year: s.year,
  semester: s.semester,
  asOf: s.asOf,
  budget: toNumber(cents(s.budget)),
  reserved: toNumber(cents(s.reserved)),
  assigned: toNumber(cents(s.assigned)),
  available: toNumber(cents(s.available)),
  act,
  communication: s.communication,
  recordedAt: s.recordedAt.toISOString(),
  recordedBy: s.recordedBy,
});
