/** A plan written in the application: an empty draft, then its centres, objectives, activities, indicators and thresholds. */
import { Type } from 'typebox';
import { objectiveTexts } from '../../domain/performance/plan.ts';
import { endpoint } from '../endpoint.ts';
import { Id, problemResponses } from '../common.ts';
import { Period, PlanParams, PlanStatusSchema, Scores, Scoring, tags } from './schemas.ts';

const Text = (maxLength: number) => Type.String({ maxLength });
const CentreParams = Type.Object({ id: Id, centreId: Id });
const ObjectiveParams = Type.Object({ id: Id, objectiveId: Id });

const objectiveTextSchemas = <T>(schema: () => T) => Object.fromEntries(objectiveTexts.map((f) => [f, schema()])) as Record<(typeof objectiveTexts)[number], T>;

export const createPlan = endpoint('POST', '/api/performance/plans/new', {
  tags,
  summary: "Crea un piano vuoto (bozza) per un ente e un anno, all'interno del triennio; 409 se il piano di quell'ente e anno esiste già",
  body: Type.Object({ body: Text(500), year: Type.Integer(), periodFrom: Type.Integer(), periodTo: Type.Integer() }),
  response: { 201: Type.Object({ id: Type.Integer(), body: Type.String(), year: Type.Integer(), period: Period, scoring: Scoring, status: PlanStatusSchema }), ...problemResponses },
});

export const addCentre = endpoint('POST', '/api/performance/plans/:id/centres', {
  tags,
  summary: 'Aggiunge un centro di responsabilità al piano (non validato)',
  params: PlanParams,
  body: Type.Object({ name: Text(500) }),
  response: { 201: Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.Integer() }), ...problemResponses },
});

export const addObjective = endpoint('POST', '/api/performance/plans/:id/centres/:centreId/objectives', {
  tags,
  summary: 'Aggiunge un obiettivo a un centro di responsabilità, con tutti i campi (il codice non è univoco)',
  params: CentreParams,
  body: Type.Object({ code: Text(100), title: Text(20_000), ...objectiveTextSchemas(() => Type.Optional(Text(20_000))) }),
  response: {
    201: Type.Object({ id: Type.Integer(), centreId: Type.Integer(), code: Type.String(), title: Type.String(), ...objectiveTextSchemas(() => Type.String()) }),
    ...problemResponses,
  },
});

export const addActivity = endpoint('POST', '/api/performance/plans/:id/objectives/:objectiveId/activities', {
  tags,
  summary: "Aggiunge un'attività all'obiettivo, con il tempo previsto come scritto (\"Marzo\", \"mensile\")",
  params: ObjectiveParams,
  body: Type.Object({ description: Text(20_000), planned: Type.Optional(Text(200)) }),
  response: { 201: Type.Object({ id: Type.Integer(), objectiveId: Type.Integer(), description: Type.String(), planned: Type.String(), actual: Type.String() }), ...problemResponses },
});

export const addIndicator = endpoint('POST', '/api/performance/plans/:id/objectives/:objectiveId/indicators', {
  tags,
  summary: "Aggiunge un indicatore all'obiettivo; valore atteso come scritto (numero non negativo all'italiana, si, no), peso facoltativo (1)",
  params: ObjectiveParams,
  body: Type.Object({
    name: Type.Optional(Text(2000)),
    description: Type.Optional(Text(20_000)),
    unit: Type.Optional(Text(50)),
    target: Text(200),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  }),
  response: {
    201: Type.Object({
      id: Type.Integer(),
      objectiveId: Type.Integer(),
      name: Type.String(),
      description: Type.String(),
      unit: Type.String(),
      target: Type.String(),
      actual: Type.String(),
      weight: Type.Number(),
    }),
    ...problemResponses,
  },
});

export const setScoring = endpoint('PUT', '/api/performance/plans/:id/scoring', {
  tags,
  summary: 'Soglie di valutazione del piano (raggiunto, parzialmente raggiunto), tra 0 e 1; risponde con i nuovi punteggi',
  params: PlanParams,
  body: Scoring,
  response: { 200: Type.Object({ id: Type.Integer(), scoring: Scoring, scores: Scores }), ...problemResponses },
});
