/**
 * District reporting: what a district received and owes, the yearly expense report (a draft of
 * lines typed or uploaded, then submitted), and the receipts of its uploads.
 */
import { Type, type Static } from 'typebox';
import { verificationStatuses } from '../domain/funds/verification.ts';
import { reportStatuses } from '../domain/funds/workflow-statuses.ts';
import { endpoint } from './endpoint.ts';
import { CalendarDateSchema, Code, FileDownload, Id, Money, NonNegativeMoney, PageQuery, Year, pageOf, problemResponses } from './common.ts';

const tags = ['Fondi'];

/** Where a line's verification stands (src/domain/funds/verification.ts): sent, never worked out by the page. */
export const VerificationStatusSchema = Type.Enum(verificationStatuses);

export const DistrictFundRow = Type.Object({
  fund: Type.String(),
  fundName: Type.String(),
  rule75: Type.Boolean(),
  annuality: Type.Integer(),
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: Money,
  toDisburse: Money,
  expenseLines: Type.Integer(),
});
export type DistrictFundRow = Static<typeof DistrictFundRow>;

export const ExpenseBody = Type.Object({
  document: Type.String({ minLength: 1, maxLength: 100 }),
  fund: Code,
  annuality: Year,
  area: Type.String({ minLength: 1, maxLength: 40 }),
  description: Type.String({ maxLength: 500 }),
  amount: NonNegativeMoney,
  paidOn: CalendarDateSchema,
});
export type ExpenseBody = Static<typeof ExpenseBody>;

export const ExpenseLine = Type.Object({
  id: Type.Integer(),
  document: Type.String(),
  fund: Type.String(),
  annuality: Type.Integer(),
  area: Type.String(),
  description: Type.String(),
  amount: Money,
  paidOn: Type.String(),
  recognised: Type.Union([Money, Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  submitted: Type.Boolean(),
  acknowledgedActId: Type.Union([Type.Integer(), Type.Null()], { description: "la presa d'atto che ha chiuso la verifica della spesa" }),
  verification: VerificationStatusSchema,
});
export type ExpenseLine = Static<typeof ExpenseLine>;

export const Report = Type.Object({
  district: Type.String(),
  year: Type.Integer(),
  status: Type.Enum(reportStatuses),
  deadline: Type.String(),
  deadlineStatus: Type.Union([
    Type.Object({ status: Type.Literal('open'), deadline: Type.String(), daysLeft: Type.Integer() }),
    Type.Object({ status: Type.Literal('late'), deadline: Type.String(), daysLate: Type.Integer() }),
  ]),
  submittedOn: Type.Union([Type.String(), Type.Null()]),
  late: Type.Union([Type.Boolean(), Type.Null()]),
  daysLate: Type.Union([Type.Integer(), Type.Null()]),
  lineCount: Type.Integer(),
  total: Money,
  receipt: Type.Union([Type.Integer(), Type.Null()], { description: "La ricevuta dell'invio (GET /api/receipts/{id}/pdf), una volta inviato" }),
  lines: pageOf(ExpenseLine),
});
export type Report = Static<typeof Report>;

export const UploadReceipt = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  district: Type.String(),
  year: Type.Integer(),
  files: Type.Array(Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer(), lines: Type.Integer() })),
  stored: Type.Integer(),
  amount: Money,
});
export type UploadReceipt = Static<typeof UploadReceipt>;

const DistrictParams = Type.Object({ code: Code });
const DistrictYear = Type.Object({ code: Code, year: Year });
const LineParams = Type.Object({ code: Code, year: Year, id: Id });

export const getDistrictFunds = endpoint('GET', '/api/districts/:code/funds', {
  tags,
  summary: 'Quanto il distretto ha ricevuto e deve rendicontare, per fondo e annualità',
  params: DistrictParams,
  response: { 200: Type.Array(DistrictFundRow), ...problemResponses },
});

export const getReport = endpoint('GET', '/api/districts/:code/reports/:year', {
  tags,
  summary: "Rendiconto delle spese dell'anno: bozza o inviato, scadenza del 31 marzo",
  params: DistrictYear,
  querystring: Type.Object(PageQuery),
  response: { 200: Report, ...problemResponses },
});

export const addExpenseLine = endpoint('POST', '/api/districts/:code/reports/:year/lines', {
  tags,
  summary: 'Aggiunge una spesa alla bozza (salvata subito)',
  params: DistrictYear,
  body: ExpenseBody,
  response: { 201: ExpenseLine, ...problemResponses },
});

export const updateExpenseLine = endpoint('PUT', '/api/districts/:code/reports/:year/lines/:id', {
  tags,
  summary: 'Modifica una spesa in bozza',
  params: LineParams,
  body: ExpenseBody,
  response: { 200: ExpenseLine, ...problemResponses },
});

export const deleteExpenseLine = endpoint('DELETE', '/api/districts/:code/reports/:year/lines/:id', {
  tags,
  summary: 'Elimina una spesa in bozza',
  params: LineParams,
  response: { 204: Type.Null(), ...problemResponses },
});

/** Multipart: the web sends it with api.upload, its answer typed by ReplyOf. */
export const uploadExpenses = endpoint('POST', '/api/districts/:code/reports/:year/upload', {
  tags,
  summary: 'Carica spese da CSV o XLSX (colonne di spese.csv) nella bozza: tutte o nessuna; risponde con la ricevuta',
  params: DistrictYear,
  consumes: ['multipart/form-data'],
  response: { 200: UploadReceipt, ...problemResponses },
});

export const submitReport = endpoint('POST', '/api/districts/:code/reports/:year/submit', {
  tags,
  summary: "Invia il rendiconto (dopo il 31 marzo dell'anno successivo risulta in ritardo)",
  params: DistrictYear,
  response: { 200: Report, ...problemResponses },
});

/** A download: the stored receipt as JSON, as kept. */
export const getReceipt = endpoint('GET', '/api/receipts/:id', {
  tags,
  summary: "Ricevuta di un caricamento o di un'importazione (scaricabile)",
  params: Type.Object({ id: Id }),
  querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }),
  produces: ['application/json'],
  response: { 200: FileDownload, ...problemResponses },
});
