/** The Relazione sulla Performance of a plan, as DOCX and PDF (src/documents/performance-report/). */
import type { PlanRecord } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requirePermission } from '../../domain/auth/actor.ts';
import { romeDate } from '../../domain/dates.ts';
import type { ObjectiveInput } from '../../domain/performance/plan.ts';
import { buildPerformanceReportModel, type ReportValidation } from '../../documents/performance-report/model.ts';
import { performanceReportDocx } from '../../documents/performance-report/docx.ts';
import { performanceReportPdf } from '../../documents/performance-report/pdf.ts';
import type { ServiceContext } from '../context.ts';
import { loadRecord } from './access.ts';
import { settingsOf, toPlanInput } from './plan-json.ts';
import { emblemOfBodyNamed } from '../body-emblem.ts';
import { displayNameOf } from '../../db/repositories/user-names.ts';

/**
 * The report's model: the plan, its scores and, once validated, the evaluator's date, name and
 * comments; on the cover today's date in Rome and the body's emblem, if it has one.
 */
const reportModel = async (ctx: ServiceContext, record: PlanRecord, id: number) => {
  const ex = ctx.database.db;
  const input = toPlanInput(record);
  const { plan } = record;
  let validation: ReportValidation | null = null;
  if (plan.status === 'validated' && plan.validatedAt) {
    const objectiveComments = new Map<ObjectiveInput, string>();
    // toPlanInput keeps the order of centres and of their objectives
    record.centres.forEach((c, i) =>
      c.occurrences.forEach((oc, j) => {
        if (oc.objective.evaluation) objectiveComments.set(input.centres[i]!.objectives[j]!, oc.objective.evaluation.comment);
      }),
    );
    const by = plan.validatedBy ?? '';
    // The evaluator as people know it ("Nucleo di valutazione"), when the account still exists.
    validation = { by: await displayNameOf(ex, by), on: romeDate(plan.validatedAt), comment: plan.validationComment ?? '', objectiveComments };
  }
  const emblem = await emblemOfBodyNamed(ex, plan.body);
  return buildPerformanceReportModel(input, { date: romeDate(ctx.now()), emblem, settings: settingsOf(record), planRef: String(id), validation });
};

export const reportDocx = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ content: Buffer; fileName: string }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { content: await performanceReportDocx(await reportModel(ctx, record, id)), fileName: `relazione-performance-${record.plan.year}.docx` };
};

export const reportPdf = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ content: Buffer; fileName: string }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { content: await performanceReportPdf(await reportModel(ctx, record, id)), fileName: `relazione-performance-${record.plan.year}.pdf` };
};
