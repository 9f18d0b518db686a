/** Following a plan through the year: actual values of indicators, actual times of activities, year-end reports. */
import { Type } from 'typebox';
import { endpoint } from '../endpoint.ts';
import { Id, problemResponses } from '../common.ts';
import { ObjectiveOutcome, tags } from './schemas.ts';

export const setIndicatorActual = endpoint('PUT', '/api/performance/plans/:id/indicators/:indicatorId/actual', {
  tags,
  summary: 'Valore consuntivo di un indicatore, come scritto (numero, si, no, si parzialmente, vuoto)',
  params: Type.Object({ id: Id, indicatorId: Id }),
  body: Type.Object({ actual: Type.String({ maxLength: 200 }) }),
  response: { 200: Type.Object({ id: Type.Integer(), actual: Type.String(), objective: ObjectiveOutcome }), ...problemResponses },
});

export const setActivityActual = endpoint('PUT', '/api/performance/plans/:id/activities/:activityId/actual', {
  tags,
  summary: "Consuntivo di un'attività, come scritto (\"Luglio\", \"Rinvio al 2025\")",
  params: Type.Object({ id: Id, activityId: Id }),
  body: Type.Object({ actual: Type.String({ maxLength: 2000 }) }),
  response: { 200: Type.Object({ id: Type.Integer(), planned: Type.String(), actual: Type.String() }), ...problemResponses },
});

export const setObjectiveReport = endpoint('PUT', '/api/performance/plans/:id/objectives/:objectiveId/report', {
  tags,
  summary: "Report di fine anno dell'obiettivo (Report al 31/12)",
  params: Type.Object({ id: Id, objectiveId: Id }),
  body: Type.Object({ report: Type.String({ maxLength: 100_000 }) }),
  response: { 200: Type.Object({ id: Type.Integer(), report: Type.String() }), ...problemResponses },
});
