/**
 * 1. The regional budget law gives each spending chapter an amount per year of the three-year
 * budget. The regional fund annuality carries Σ of its chapters as its allocation, so every
 * write of a chapter amount rewrites that allocation under the annuality's lock.
 */
import type { Tx } from '../../../db/client.ts';
import { lockLimits, type LimitKey } from '../../../db/locks.ts';
import { findFundAnnuality, insertFundAnnuality, updateFundAnnuality } from '../../../db/repositories/funds/regional-annualities.ts';
import { chapterCodeTaken, findChapterAmount, findFund, insertChapter, insertChapterAmount, updateChapterAmount } from '../../../db/repositories/funds/regional-chapters.ts';
import { chapterBudgetsOf, programmedOn, reservedOn } from '../../../db/repositories/funds/regional-sums.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { requirePermission } from '../../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { checkLimitCoversUsage, requirePositiveAmount } from '../../../domain/funds/limits.ts';
import type { Annuality, FundCode } from '../../../domain/funds/types.ts';
import type { Cents } from '../../../domain/money.ts';
import { recordChange } from '../../audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { CODE, requireActOfType, requireChapter, requireYear } from './requirements.ts';
import { chapterView, chapterViews, type ChapterView } from './views.ts';

export interface ChapterAmountInput {
  year: number;
  amount: Cents;
  actId: number;
}

export interface ChapterInput {
  code: string;
  description: string;
  fund: string;
  amounts: ChapterAmountInput[];
}

/** The budget law (or its amendment) sets the chapter's amount for a year: LEGGE or DGR. */
const BUDGET_ACT_TYPES = ['LEGGE', 'DGR'] as const;

/** The fund annuality a chapter-year finances: its allocation is Σ of the chapters. */
const allocationKey = (fund: string, year: number): LimitKey => ({ limit: 'allocation', fund, annuality: year });

/**
 * Keeps the regional fund annuality in step with the budget: its allocation is Σ of the chapters
 * financing the fund for that year, its act the last budget act recorded. It may not fall below
 * the lines already programmed on it (a reservation of another chapter, an imported line).
 * The caller holds the annuality's lock (`allocationKey`), so Σ is a recount no other write
 * of a chapter of the fund-year can overtake.
 */
const syncFundAnnuality = async (ctx: ServiceContext, tx: Tx, actor: Actor, fund: string, year: number, actId: number) => {
  const allocated = await chapterBudgetsOf(tx, fund, year);
  const before = await findFundAnnuality(tx, fund, year);
  if (before) {
    checkLimitCoversUsage('allocation', { newLimit: allocated, used: await programmedOn(tx, fund, year) }, { fund: fund as FundCode, annuality: year as Annuality });
    await updateFundAnnuality(tx, fund, year, { allocated, actId });
  } else {
    await insertFundAnnuality(tx, fund, year, { allocated, actId });
  }
  await recordChange(ctx, tx, actor, {
    action: before ? 'fund_annuality.amend' : 'fund_annuality.create',
    entityType: 'fund_annuality',
    entityId: `${fund}/${year}`,
    before: before ? { allocated: before.allocated, actId: before.actId } : null,
    after: { allocated, actId },
    actId,
  });
};

export const listChapters = async (ctx: ServiceContext, actor: Actor, filter: { fund?: string | undefined } = {}): Promise<ChapterView[]> => {
  requirePermission(actor, 'funds.read');
  return chapterViews(ctx.database.db, { fund: filter.fund || undefined });
};

export const getChapter = async (ctx: ServiceContext, actor: Actor, id: number): Promise<ChapterView> => {
  requirePermission(actor, 'funds.read');
  return chapterView(ctx.database.db, id);
};

export const createChapter = async (ctx: ServiceContext, actor: Actor, input: ChapterInput): Promise<ChapterView> => {
  requirePermission(actor, 'funds.manage');
  const code = input.code.trim();
  if (!CODE.test(code)) throw invalid('regional.chapter_code_invalid', `Codice del capitolo di spesa non valido: "${input.code}"`);
  const years = new Set<number>();
  for (const a of input.amounts) {
    requireYear(a.year);
    if (years.has(a.year)) throw invalid('regional.chapter_year_repeated', `Anno ${a.year} ripetuto negli stanziamenti del capitolo ${code}`);
    years.add(a.year);
    requirePositiveAmount(a.amount, 'dello stanziamento', { chapter: code, annuality: a.year as Annuality });
  }
  const id = await ctx.database.db.transaction(async (tx) => {
    const fund = await findFund(tx, input.fund);
    if (!fund) throw notFound('fund.not_found', `Fondo "${input.fund}" non trovato`);
    if (fund.source !== 'regional') {
      throw invalid('regional.fund_not_regional', `Il fondo ${fund.code} è un fondo nazionale: un capitolo del bilancio regionale finanzia un fondo regionale`);
    }
    // A new chapter-year adds to the allocation of its fund annuality: Σ is recounted under its lock.
    await lockLimits(
      tx,
      [...years].map((y) => allocationKey(fund.code, y)),
    );
    if (await chapterCodeTaken(tx, code)) throw conflict('regional.chapter_duplicate', `Il capitolo di spesa ${code} è già registrato`);
    const row = await insertChapter(tx, { code, description: input.description.trim(), fundCode: fund.code });
    await recordChange(ctx, tx, actor, { action: 'budget_chapter.create', entityType: 'budget_chapter', entityId: row.id, after: { code, description: row.description, fund: fund.code } });
    for (const a of [...input.amounts].sort((x, y) => x.year - y.year)) {
      await requireActOfType(tx, a.actId, BUDGET_ACT_TYPES, 'Lo stanziamento del capitolo');
      await insertChapterAmount(tx, { chapterId: row.id, year: a.year, amount: a.amount, actId: a.actId });
      await recordChange(ctx, tx, actor, { action: 'budget_chapter_amount.create', entityType: 'budget_chapter', entityId: `${row.id}/${a.year}`, after: { amount: a.amount, actId: a.actId }, actId: a.actId });
      await syncFundAnnuality(ctx, tx, actor, fund.code, a.year, a.actId);
    }
    return row.id;
  });
  return chapterView(ctx.database.db, id);
};

/**
 * Sets or amends the chapter's amount for a year (budget law, amendment, variation). Lowering it
 * below what the DGRs of finalisation already reserved on it is refused. It takes the chapter's
 * lock (Σ reservations ≤ the amount) and the fund annuality's (its allocation is Σ chapters).
 */
export const setChapterAmount = async (ctx: ServiceContext, actor: Actor, chapterId: number, year: number, input: { amount: Cents; actId: number }): Promise<ChapterView> => {
  requirePermission(actor, 'funds.manage');
  requireYear(year);
  await ctx.database.db.transaction(async (tx) => {
    // The chapter's fund never changes: reading it before the lock is safe.
    const chapter = await requireChapter(tx, chapterId);
    await lockLimits(tx, [{ limit: 'chapter', chapterId }, allocationKey(chapter.fundCode, year)]);
    const where = { fund: chapter.fundCode as FundCode, annuality: year as Annuality, chapter: chapter.code };
    requirePositiveAmount(input.amount, 'dello stanziamento', where);
    await requireActOfType(tx, input.actId, BUDGET_ACT_TYPES, 'Lo stanziamento del capitolo');
    const before = await findChapterAmount(tx, chapterId, year);
    if (before) {
      checkLimitCoversUsage('chapter', { newLimit: input.amount, used: await reservedOn(tx, chapterId, year) }, where);
      await updateChapterAmount(tx, chapterId, year, { amount: input.amount, actId: input.actId });
    } else {
      await insertChapterAmount(tx, { chapterId, year, amount: input.amount, actId: input.actId });
    }
    await recordChange(ctx, tx, actor, {
      action: before ? 'budget_chapter_amount.amend' : 'budget_chapter_amount.create',
      entityType: 'budget_chapter',
      entityId: `${chapterId}/${year}`,
      before: before ? { amount: before.amount, actId: before.actId } : null,
      after: { amount: input.amount, actId: input.actId },
      actId: input.actId,
    });
    await syncFundAnnuality(ctx, tx, actor, chapter.fundCode, year, input.actId);
  });
  return chapterView(ctx.database.db, chapterId);
};
