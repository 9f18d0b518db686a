/** The evaluator (OIV) validates a plan's scores; from then on the plan does not change. */
import { Type } from 'typebox';
import { endpoint } from '../endpoint.ts';
import { Id, problemResponses } from '../common.ts';
import { PlanParams, Scores, tags, Validation } from './schemas.ts';

export const validatePlan = endpoint('POST', '/api/performance/plans/:id/validation', {
  tags,
  summary: 'Il valutatore (OIV) valida i punteggi, con commenti per obiettivo e complessivo; poi il piano non cambia più',
  params: PlanParams,
  body: Type.Object({
    comment: Type.Optional(Type.String({ maxLength: 20_000 })),
    objectives: Type.Optional(Type.Array(Type.Object({ objectiveId: Id, comment: Type.String({ maxLength: 20_000 }) }))),
  }),
  response: { 200: Type.Object({ id: Type.Integer(), status: Type.Literal('validated'), validation: Validation, scores: Scores }), ...problemResponses },
});
