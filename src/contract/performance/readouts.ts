/** A plan read out: every field a user edits (with ids), each objective's score and status, each centre's progress; and the scores alone. */
import { Type, type Static } from 'typebox';
import { revisionKinds } from '../../domain/performance/plan.ts';
import { endpoint } from '../endpoint.ts';
import { problemResponses } from '../common.ts';
import { Nullable, ObjectiveStatusSchema, PlanParams, PlanSummaryFields, Scores, tags, Validation } from './schemas.ts';

export const RevisionKindSchema = Type.Enum(revisionKinds);

export const Activity = Type.Object({ id: Type.Integer(), description: Type.String(), planned: Type.String(), actual: Type.String() });
export type Activity = Static<typeof Activity>;

export const Indicator = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  unit: Type.String(),
  target: Type.String(),
  actual: Type.String(),
  weight: Type.Number(),
  achievement: Nullable(Type.Number()),
});
export type Indicator = Static<typeof Indicator>;

/** The objective as it was before a revision, kept whole (src/services/performance/revisions.ts). */
export const RevisionSnapshot = Type.Object({
  version: Type.Integer(),
  suspended: Type.Boolean(),
  title: Type.String(),
  strategicArea: Type.String(),
  operationalObjective: Type.String(),
  pegProject: Type.String(),
  services: Type.String(),
  endUsers: Type.String(),
  networks: Type.String(),
  description: Type.String(),
  report: Type.String(),
  activities: Type.Array(Type.Object({ description: Type.String(), planned: Type.String(), actual: Type.String() })),
  indicators: Type.Array(Type.Object({ name: Type.String(), description: Type.String(), unit: Type.String(), target: Type.String(), actual: Type.String(), weight: Type.Number() })),
});
export type RevisionSnapshot = Static<typeof RevisionSnapshot>;

export const Revision = Type.Object({
  version: Type.Integer(),
  kind: RevisionKindSchema,
  actId: Nullable(Type.Integer()),
  act: Type.String(),
  actDate: Type.String({ description: 'Data della deliberazione (AAAA-MM-GG)' }),
  date: Type.String({ description: 'Data da cui la revisione ha effetto (AAAA-MM-GG): può seguire quella della deliberazione' }),
  snapshot: Type.Union([RevisionSnapshot, Type.Null()], { description: "La versione precedente dell'obiettivo (null se il piano è stato importato già revisionato)" }),
});
export type Revision = Static<typeof Revision>;

export const Objective = Type.Object({
  id: Type.Integer(),
  sharedKey: Nullable(Type.String()),
  code: Type.String(),
  title: Type.String(),
  strategicArea: Type.String(),
  operationalObjective: Type.String(),
  pegProject: Type.String(),
  services: Type.String(),
  endUsers: Type.String(),
  networks: Type.String(),
  description: Type.String(),
  report: Type.String(),
  version: Type.Integer(),
  score: Nullable(Type.Number()),
  status: ObjectiveStatusSchema,
  activities: Type.Array(Activity),
  indicators: Type.Array(Indicator),
  revisions: Type.Array(Revision),
  evaluation: Nullable(Validation),
});
export type Objective = Static<typeof Objective>;

export const Progress = Type.Object({
  objectives: Type.Integer(),
  scored: Type.Integer(),
  achieved: Type.Integer(),
  partiallyAchieved: Type.Integer(),
  notAchieved: Type.Integer(),
  suspended: Type.Integer(),
});
export type Progress = Static<typeof Progress>;

export const Centre = Type.Object({ id: Type.Integer(), name: Type.String(), score: Nullable(Type.Number()), progress: Progress, objectives: Type.Array(Objective) });
export type Centre = Static<typeof Centre>;

export const Plan = Type.Object({ ...PlanSummaryFields, overall: Nullable(Type.Number()), centres: Type.Array(Centre) });
export type Plan = Static<typeof Plan>;

export const getPlan = endpoint('GET', '/api/performance/plans/:id', {
  tags,
  summary: 'Un piano con punteggi e avanzamento per centro',
  params: PlanParams,
  response: { 200: Plan, ...problemResponses },
});

export const getScores = endpoint('GET', '/api/performance/plans/:id/scores', {
  tags,
  summary: 'Punteggi del piano (EXCHANGE.md `scores PLAN_ID`)',
  params: PlanParams,
  response: { 200: Scores, ...problemResponses },
});
