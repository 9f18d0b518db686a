/** The Relazione sulla Performance of a plan, as DOCX and PDF (file downloads). */
import { endpoint } from '../endpoint.ts';
import { problemResponses } from '../common.ts';
import { PlanParams, tags } from './schemas.ts';

export const reportDocx = endpoint('GET', '/api/performance/plans/:id/report.docx', {
  tags,
  summary: 'Relazione sulla Performance (DOCX)',
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  params: PlanParams,
  response: { ...problemResponses },
});

export const reportPdf = endpoint('GET', '/api/performance/plans/:id/report.pdf', {
  tags,
  summary: 'Relazione sulla Performance (PDF)',
  produces: ['application/pdf'],
  params: PlanParams,
  response: { ...problemResponses },
});
