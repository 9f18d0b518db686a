/** The plan read out: the list of plans, one plan with its scores and progress, the scores alone, its JSON and XLSX. */
import type { PlanRecord, PlanRow } from '../../db/repositories/performance.ts';
import { listPlanRows } from '../../db/repositories/performance.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actsForBody, requirePermission } from '../../domain/auth/actor.ts';
import type { PlanInput } from '../../domain/performance/plan.ts';
import {
  DEFAULT_SCORING,
  indicatorAchievement,
  round4,
  scoreObjective,
  scorePlan,
  type ObjectiveStatus,
  type PlanScores,
  type ScoringSettings,
} from '../../domain/performance/scoring.ts';
import { parseIndicatorValue } from '../../domain/performance/values.ts';
import type { RevisionSnapshot } from '../../contract/performance/readouts.ts';
import type { ServiceContext } from '../context.ts';
import { loadRecord } from './access.ts';
import { settingsOf, toPlanInput, toPlanJson, type PlanJson } from './plan-json.ts';
import { planToWorkbook } from './xlsx.ts';

/** The plan as the domain reads it, with its scoring settings (for scoring and the report). */
export const loadPlan = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ plan: PlanInput; settings: ScoringSettings; record: PlanRecord }> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return { plan: toPlanInput(record), settings: settingsOf(record), record };
};

const summaryOf = (p: PlanRow) => ({
  id: p.id,
  body: p.body,
  year: p.year,
  period: { from: p.periodFrom, to: p.periodTo },
  status: p.status,
  scoring: (p.scoring ?? DEFAULT_SCORING) as ScoringSettings,
  validation: p.validatedAt ? { by: p.validatedBy ?? '', at: p.validatedAt.toISOString(), comment: p.validationComment ?? '' } : null,
});

export const listPlans = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'performance.read');
  const rows = (await listPlanRows(ctx.database.db)).filter((r) => actsForBody(actor, r.body));
  return rows.map((r) => ({ ...summaryOf(r), centres: r.centres, objectives: r.objectives }));
};

/** EXCHANGE.md `scores PLAN_ID`, exactly. */
export const scores = async (ctx: ServiceContext, actor: Actor, id: number): Promise<PlanScores> => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  return scorePlan(toPlanInput(record), settingsOf(record), String(id));
};

/** The plan with everything a user edits (ids included), each objective's score and each centre's progress. */
export const getPlan = async (ctx: ServiceContext, actor: Actor, id: number) => {
  requirePermission(actor, 'performance.read');
  const record = await loadRecord(ctx.database.db, actor, id);
  const settings = settingsOf(record);
  const input = toPlanInput(record);
  const planScores = scorePlan(input, settings, String(id));
  return {
    ...summaryOf(record.plan),
    overall: planScores.overall,
    centres: record.centres.map((c, ci) => {
      const objectives = c.occurrences.map(({ code, objective: o }, oi) => {
        const domainObjective = input.centres[ci]!.objectives[oi]!;
        const { score, status } = scoreObjective(domainObjective, settings);
        const suspended = status === 'suspended';
        return {
          id: o.id,
          sharedKey: o.sharedKey,
          code,
          title: o.title,
          strategicArea: o.strategicArea,
          operationalObjective: o.operationalObjective,
          pegProject: o.pegProject,
          services: o.services,
          endUsers: o.endUsers,
          networks: o.networks,
          description: o.description,
          report: o.report,
          version: o.version,
          score,
          status,
          activities: o.activities.map((a) => ({ id: a.id, description: a.description, planned: a.planned, actual: a.actual })),
          indicators: o.indicators.map((x) => ({
            id: x.id,
            name: x.name,
            description: x.description,
            unit: x.unit,
            target: x.target,
            actual: x.actual,
            weight: x.weight,
            achievement: suspended ? null : round4(indicatorAchievement(parseIndicatorValue(x.target), parseIndicatorValue(x.actual))),
          })),
          revisions: o.revisions.map((r) => ({ version: r.version, kind: r.kind, actId: r.actId, act: r.actLabel, actDate: r.actDate ?? r.date, date: r.date, snapshot: (r.snapshot ?? null) as RevisionSnapshot | null })),
          evaluation: o.evaluation ? { comment: o.evaluation.comment, by: o.evaluation.by, at: o.evaluation.at.toISOString() } : null,
        };
      });
      const statuses = objectives.map((o) => o.status);
      const count = (s: ObjectiveStatus) => statuses.filter((x) => x === s).length;
      return {
        id: c.id,
        name: c.name,
        score: planScores.centres[ci]!.score,
        progress: {
          objectives: objectives.length,
          scored: objectives.length - count('suspended'),
          achieved: count('achieved'),
          partiallyAchieved: count('partially_achieved'),
          notAchieved: count('not_achieved'),
          suspended: count('suspended'),
        },
        objectives,
      };
    }),
  };
};

export const exportPlanJson = async (ctx: ServiceContext, actor: Actor, id: number): Promise<PlanJson> => {
  requirePermission(actor, 'performance.read');
  return toPlanJson(await loadRecord(ctx.database.db, actor, id));
};

export const exportPlanXlsx = async (ctx: ServiceContext, actor: Actor, id: number): Promise<Buffer> => {
  requirePermission(actor, 'performance.read');
  return planToWorkbook(toPlanJson(await loadRecord(ctx.database.db, actor, id)));
};
