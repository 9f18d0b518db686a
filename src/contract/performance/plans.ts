/** The plans: their list, a plan imported from the EXCHANGE.md JSON or its XLSX workbook, and exported back. */
import { Type, type Static } from 'typebox';
import { endpoint } from '../endpoint.ts';
import { problemResponses } from '../common.ts';
import { PlanParams, PlanSummaryFields, tags } from './schemas.ts';

export const PlanListItem = Type.Object({ ...PlanSummaryFields, centres: Type.Integer(), objectives: Type.Integer() });
export type PlanListItem = Static<typeof PlanListItem>;

/** What an import stored, and what the importer chose on the user's behalf. */
export const ImportResult = Type.Object({ id: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), notes: Type.Array(Type.String()) });
export type ImportResult = Static<typeof ImportResult>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const listPlans = endpoint('GET', '/api/performance/plans', {
  tags,
  summary: 'Piani della performance',
  response: { 200: Type.Array(PlanListItem), ...problemResponses },
});

export const importPlan = endpoint('POST', '/api/performance/plans', {
  tags,
  summary: 'Importa un piano della performance (JSON di EXCHANGE.md); risponde con l’id del piano',
  // the domain reads the file and names every problem with its path (src/domain/performance/plan.ts)
  body: Type.Object({}, { additionalProperties: true, description: 'Piano della performance, formato EXCHANGE.md' }),
  response: { 201: ImportResult, ...problemResponses },
});

export const importPlanXlsx = endpoint('POST', '/api/performance/plans/import-xlsx', {
  tags,
  summary: 'Importa un piano da XLSX (fogli Piano, Centri, Obiettivi, Attività, Indicatori), multipart',
  consumes: ['multipart/form-data'],
  response: { 201: ImportResult, ...problemResponses },
});

export const exportPlanJson = endpoint('GET', '/api/performance/plans/:id/export.json', {
  tags,
  summary: 'Esporta il piano nel formato JSON di EXCHANGE.md',
  produces: ['application/json'],
  params: PlanParams,
  response: { ...problemResponses },
});

export const exportPlanXlsx = endpoint('GET', '/api/performance/plans/:id/export.xlsx', {
  tags,
  summary: 'Esporta il piano in XLSX',
  produces: [XLSX],
  params: PlanParams,
  response: { ...problemResponses },
});
