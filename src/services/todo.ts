/**
 * "What needs me now" for the signed-in user (issue #11): the Region's reports to verify,
 * corrections to decide, tranches payable or blocked and late districts; a district's report due
 * and its open requests; a manager's objectives to report; an evaluator's plans to validate.
 * Each part is asked only of the roles the role table lets see it.
 */
import type { ServiceContext } from './context.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { isBodyScoped, nameKey, visibleDistricts } from '../domain/auth/actor.ts';
import { can } from '../domain/auth/roles.ts';
import { romeDate, yearOf, type CalendarDate } from '../domain/dates.ts';
import { DomainError } from '../domain/errors.ts';
import { orderTodo, owedExpenseYear, reportItem, type TodoItem } from '../domain/todo.ts';
import * as todo from '../db/repositories/todo.ts';
import { tranche } from './funds/readouts.ts';

export interface Todo {
  readonly today: CalendarDate;
  readonly items: TodoItem[];
}

const regionItems = async (ctx: ServiceContext, actor: Actor, today: CalendarDate): Promise<TodoItem[]> => {
  const db = ctx.database.db;
  const items: TodoItem[] = [];
  const verify = await todo.reportsToVerify(db);
  if (verify.lines > 0) items.push({ kind: 'reports_to_verify', ...verify });
  const corrections = await todo.pendingCorrections(db, null);
  if (corrections > 0) items.push({ kind: 'corrections_pending', requests: corrections, mine: false });
  const expenseYear = owedExpenseYear(today);
  const owing = await todo.districtsWithAssignments(db, null, expenseYear);
  const submitted = await todo.submittedReports(db, expenseYear, null);
  const late = owing.filter((d) => reportItem(d, today, submitted.has(d))?.kind === 'report_late');
  if (late.length > 0) items.push({ kind: 'reports_late', expenseYear, districts: late });
  for (const fund of await todo.rule75Funds(db)) {
    try {
      const t = await tranche(ctx, actor, fund, yearOf(today));
      // a fund with nothing allocated for the gating annuality has no tranche to speak of
      if (t.allocated > 0) items.push({ kind: 'tranche', fund, year: t.year, gatingAnnuality: t.gatingAnnuality, eligible: t.eligible, missingToThreshold: t.missingToThreshold });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return items;
};

const districtItems = async (ctx: ServiceContext, districts: readonly string[], today: CalendarDate): Promise<TodoItem[]> => {
  const db = ctx.database.db;
  const expenseYear = owedExpenseYear(today);
  const owing = await todo.districtsWithAssignments(db, districts, expenseYear);
  const submitted = await todo.submittedReports(db, expenseYear, districts);
  const items = owing.map((d) => reportItem(d, today, submitted.has(d))).filter((i): i is TodoItem => i !== null);
  const corrections = await todo.pendingCorrections(db, districts);
  if (corrections > 0) items.push({ kind: 'corrections_pending', requests: corrections, mine: true });
  return items;
};

const performanceItems = async (ctx: ServiceContext, actor: Extract<Actor, { kind: 'user' }>, today: CalendarDate): Promise<TodoItem[]> => {
  if (!isBodyScoped(actor.role) || !actor.body) return [];
  const db = ctx.database.db;
  const body = nameKey(actor.body);
  if (actor.role === 'evaluator') return (await todo.plansToValidate(db, body, yearOf(today))).map((p) => ({ kind: 'plan_to_validate', ...p }));
  // last year's plan is reported early in the new year; this year's during it
  const centres = actor.role === 'area_manager' ? actor.centres.map(nameKey) : null;
  return (await todo.objectivesToReport(db, body, yearOf(today) - 1, centres)).map((p) => ({ kind: 'objectives_to_report', ...p }));
};

export const todoOf = async (ctx: ServiceContext, actor: Actor): Promise<Todo> => {
  const today = romeDate(ctx.now());
  if (actor.kind !== 'user') return { today, items: [] };
  const items: TodoItem[] = [];
  if (can(actor.role, 'funds.manage')) items.push(...(await regionItems(ctx, actor, today)));
  else if (can(actor.role, 'funds.report')) items.push(...(await districtItems(ctx, visibleDistricts(actor) ?? [], today)));
  items.push(...(await performanceItems(ctx, actor, today)));
  return { today, items: orderTodo(items) };
};
