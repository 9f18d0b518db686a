/**
 * Half-yearly statements of a chapter (Reg. contabilità 26/2017 art. 4 c. 28): budget, reserved,
 * assigned and available for the year, frozen when the "cabina di regia" transmits them.
 */
import { lockLimits } from '../../../db/locks.ts';
import { findAct } from '../../../db/repositories/funds/regional-acts.ts';
import { insertStatement, statementRows, statementTaken } from '../../../db/repositories/funds/regional-statements.ts';
import { assignedOnChapter, reservedOn } from '../../../db/repositories/funds/regional-sums.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { actorName, requirePermission } from '../../../domain/auth/actor.ts';
import { parseCalendarDate, romeDate, yearOf } from '../../../domain/dates.ts';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { cents } from '../../../domain/money.ts';
import { actRef } from '../../acts.ts';
import { recordChange } from '../../audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { chapterBudgetOf, requireChapter, requireYear } from './requirements.ts';
import { toStatementView, type StatementView } from './views.ts';

const semesterStart = (year: number, semester: 1 | 2) => `${year}-${semester === 1 ? '01' : '07'}-01`;

export const listStatements = async (ctx: ServiceContext, actor: Actor, chapterId: number, filter: { year?: number | undefined } = {}): Promise<StatementView[]> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const chapter = await requireChapter(db, chapterId);
  const rows = await statementRows(db, chapterId, filter.year);
  return rows.map((r) => toStatementView(r.s, chapter.code, r.act ? actRef(r.act) : null));
};

export interface StatementInput {
  year: number;
  semester: 1 | 2;
  /** the date of the statement; today (Europe/Rome) when omitted */
  asOf?: string | undefined;
  actId?: number | undefined;
  /** the transmission's reference (protocol, note) */
  communication?: string | undefined;
}

/**
 * Records the half-yearly statement of a chapter: budget, reserved, assigned and available for
 * the year, as they stand when it is recorded, frozen with the date and the reference of the
 * transmission. The chapter's lock keeps budget and reserved from moving while they are read,
 * and tells two recordings of one semester apart.
 */
export const recordStatement = async (ctx: ServiceContext, actor: Actor, chapterId: number, input: StatementInput): Promise<StatementView> => {
  requirePermission(actor, 'funds.manage');
  requireYear(input.year);
  if (input.semester !== 1 && input.semester !== 2) throw invalid('regional.semester_invalid', `Semestre non valido: ${String(input.semester)} (1 o 2)`);
  const asOf = input.asOf === undefined ? romeDate(ctx.now()) : parseCalendarDate(input.asOf);
  if (!asOf) throw invalid('date.invalid', `Data del prospetto non valida: "${input.asOf}"`);
  const start = semesterStart(input.year, input.semester);
  if (asOf < start) throw invalid('regional.statement_too_early', `Il prospetto del ${input.semester}° semestre ${input.year} non può avere una data anteriore al ${start.split('-').reverse().join('/')}`);
  if (yearOf(asOf) > input.year + 1) throw invalid('regional.statement_too_late', `Data del prospetto (${asOf}) troppo lontana dall'anno ${input.year}`);
  const communication = (input.communication ?? '').trim();
  if (input.actId === undefined && !communication) {
    throw invalid('regional.statement_reference_missing', "Indicare l'atto o gli estremi della comunicazione con cui il prospetto è stato trasmesso");
  }
  const id = await ctx.database.db.transaction(async (tx) => {
    const chapter = await requireChapter(tx, chapterId);
    await lockLimits(tx, [{ limit: 'chapter', chapterId }]);
    const budget = cents((await chapterBudgetOf(tx, chapter, input.year)).amount);
    if (input.actId !== undefined && !(await findAct(tx, input.actId))) throw notFound('act.not_found', `Atto ${input.actId} non trovato`);
    if (await statementTaken(tx, chapterId, input.year, input.semester)) {
      throw conflict('regional.statement_duplicate', `Il prospetto del ${input.semester}° semestre ${input.year} del capitolo ${chapter.code} è già registrato`);
    }
    const reserved = await reservedOn(tx, chapterId, input.year);
    const assigned = await assignedOnChapter(tx, chapterId, input.year);
    const row = {
      chapterId,
      year: input.year,
      semester: input.semester,
      asOf,
      budget,
      reserved,
      assigned,
      available: cents(budget - reserved),
      actId: input.actId ?? null,
      communication,
      recordedAt: ctx.now(),
      recordedBy: actorName(actor),
    };
    const statementId = await insertStatement(tx, row);
    await recordChange(ctx, tx, actor, {
      action: 'budget_statement.create',
      entityType: 'budget_chapter',
      entityId: `${chapterId}/${input.year}/S${input.semester}`,
      after: row,
      actId: input.actId ?? null,
    });
    return statementId;
  });
  const [view] = (await listStatements(ctx, actor, chapterId, { year: input.year })).filter((s) => s.id === id);
  return view!;
};
