/**
 * What the performance endpoints share: a plan's summary, its scoring thresholds, the scores of
 * EXCHANGE.md `scores PLAN_ID`, an objective's outcome. Scores are fractions 0…1; statuses and
 * kinds are the domain's own lists (src/domain/performance).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { objectiveStatuses } from '../../domain/performance/scoring.ts';
import { planStatuses } from '../../domain/performance/plan.ts';
import { Id } from '../common.ts';

export const tags = ['Performance'];

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PlanParams = Type.Object({ id: Id });

export const ObjectiveStatusSchema = Type.Enum(objectiveStatuses);
export const PlanStatusSchema = Type.Enum(planStatuses);

export const Scoring = Type.Object({ achievedThreshold: Type.Number(), partiallyThreshold: Type.Number() });
export type Scoring = Static<typeof Scoring>;

export const Validation = Type.Object({ by: Type.String(), at: Type.String({ description: 'istante ISO 8601' }), comment: Type.String() });
export type Validation = Static<typeof Validation>;

export const Period = Type.Object({ from: Type.Integer(), to: Type.Integer() });

export const PlanSummaryFields = {
  id: Type.Integer(),
  body: Type.String(),
  year: Type.Integer(),
  period: Period,
  status: PlanStatusSchema,
  scoring: Scoring,
  validation: Nullable(Validation),
};

/** EXCHANGE.md `scores PLAN_ID`, exactly. */
export const Scores = Type.Object({
  plan: Type.String(),
  year: Type.Integer(),
  overall: Nullable(Type.Number()),
  // the domain's scores are read-only (src/domain/performance/scoring.ts)
  centres: Type.Immutable(Type.Array(
    Type.Object({
      name: Type.String(),
      score: Nullable(Type.Number()),
      objectives: Type.Immutable(Type.Array(Type.Object({ code: Type.String(), title: Type.String(), score: Nullable(Type.Number()), status: ObjectiveStatusSchema }))),
    }),
  )),
});
export type Scores = Static<typeof Scores>;

/** An objective's score and status after a change of one of its values. */
export const ObjectiveOutcome = Type.Object({ objectiveId: Type.Integer(), score: Nullable(Type.Number()), status: ObjectiveStatusSchema });
