import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import {
  annualityDetail,
  assignLine,
  checkDisbursement,
  createFund,
  disburse,
  listFunds,
  previewAssignment,
  programLine,
  recordAllocation,
  recordTransmission,
  setGatingRule,
} from '../../services/funds/programming.ts';
import { addExpenseLine, deleteExpenseLine, districtFunds, getReceipt, getReport, submitReport, updateExpenseLine, uploadExpenses, type ExpenseInput } from '../../services/funds/reporting.ts';
import { decideCorrection, listCorrections, listLinesToVerify, requestCorrection, verifyExpenseLine, type VerifyInput } from '../../services/funds/review.ts';
import { cents } from '../../domain/money.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { SplitBody, toSplit, type SplitJson } from '../split-body.ts';
import { CalendarDateSchema, PageQuery, pageOf, problemResponses } from '../../contract/common.ts';
import { sendProblem } from '../problem.ts';
import { withUploads } from '../upload-folder.ts';
import { errorCount } from '../../exchange/issues.ts';

const tags = ['Fondi'];
const Money = Type.Integer({ minimum: 0, description: 'centesimi di euro' });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const Year = Type.Integer({ minimum: 1900, maximum: 2999 });
const FA = Type.Object({ fund: Code, annuality: Year });

const AnnualityDetail = Type.Object({
  fund: Type.String(),
  fundName: Type.String(),
  source: Type.String(),
  rule75: Type.Boolean(),
  annuality: Type.Integer(),
  allocated: Type.Integer(),
  act: Type.Object({ id: Type.Integer(), type: Type.String(), number: Type.String(), date: Type.String() }),
  programmed: Type.Integer(),
  transmission: Type.Union([Type.Object({ transmittedOn: Type.String(), protocol: Type.String() }), Type.Null()]),
  gating: Type.Unknown(),
  gatingAct: Type.Union([Type.Object({ id: Type.Integer(), type: Type.String(), number: Type.String(), date: Type.String() }), Type.Null()]),
  lines: Type.Array(Type.Object({ code: Type.String(), description: Type.String(), amount: Type.Integer(), assigned: Type.Integer(), actId: Type.Integer() })),
});


const ExpenseBody = Type.Object({
  document: Type.String({ minLength: 1, maxLength: 100 }),
  fund: Code,
  annuality: Year,
  area: Type.String({ minLength: 1, maxLength: 40 }),
  description: Type.String({ maxLength: 500 }),
  amount: Money,
  paidOn: CalendarDateSchema,
});

const ExpenseLine = Type.Object({
  id: Type.Integer(),
  document: Type.String(),
  fund: Type.String(),
  annuality: Type.Integer(),
  area: Type.String(),
  description: Type.String(),
  amount: Type.Integer(),
  paidOn: Type.String(),
  recognised: Type.Union([Type.Integer(), Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  submitted: Type.Boolean(),
  acknowledgedActId: Type.Union([Type.Integer(), Type.Null()], { description: "la presa d'atto che ha chiuso la verifica della spesa" }),
});

const toExpense = (b: { document: string; fund: string; annuality: number; area: string; description: string; amount: number; paidOn: string }): ExpenseInput => ({ ...b, amount: cents(b.amount) });

const Report = Type.Object({
  district: Type.String(),
  year: Type.Integer(),
  status: Type.String(),
  deadline: Type.String(),
  deadlineStatus: Type.Object({ status: Type.String(), deadline: Type.String(), daysLeft: Type.Optional(Type.Integer()), daysLate: Type.Optional(Type.Integer()) }),
  submittedOn: Type.Union([Type.String(), Type.Null()]),
  late: Type.Union([Type.Boolean(), Type.Null()]),
  daysLate: Type.Union([Type.Integer(), Type.Null()]),
  lineCount: Type.Integer(),
  total: Type.Integer(),
  lines: pageOf(ExpenseLine),
});

const Correction = Type.Object({
  id: Type.Integer(),
  expenseLineId: Type.Integer(),
  district: Type.String(),
  reason: Type.String(),
  proposed: Type.Unknown(),
  status: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});

const VerifiedLine = Type.Object({
  id: Type.Integer(),
  district: Type.String(),
  document: Type.String(),
  fund: Type.String(),
  annuality: Type.Integer(),
  area: Type.String(),
  description: Type.String(),
  amount: Type.Integer(),
  paidOn: Type.String(),
  recognised: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  submitted: Type.Boolean(),
  acknowledgedActId: Type.Union([Type.Integer(), Type.Null()], { description: "la presa d'atto che ha chiuso la verifica della spesa" }),
});

const DistrictYear = Type.Object({ code: Code, year: Year });

export const fundWorkflowRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get('/api/funds', { config: { access: 'funds.read' }, schema: { tags, summary: 'Fondi e annualità', response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), source: Type.String(), rule75: Type.Boolean(), annualities: Type.Array(Type.Object({ annuality: Type.Integer(), allocated: Type.Integer() })) })), ...problemResponses } } }, async (request) =>
    listFunds(ctx, actorOf(request)),
  );

  app.post(
    '/api/funds',
    {
      config: { access: 'funds.manage' },
      schema: { tags, summary: 'Registra un fondo', body: Type.Object({ code: Code, name: Type.String({ minLength: 1, maxLength: 200 }), source: Type.Union([Type.Literal('national'), Type.Literal('regional')]), rule75: Type.Boolean() }), response: { 201: Type.Object({ code: Type.String(), name: Type.String(), source: Type.String(), rule75: Type.Boolean() }), ...problemResponses } },
    },
    async (request, reply) => reply.code(201).send(await createFund(ctx, actorOf(request), request.body as { code: string; name: string; source: 'national' | 'regional'; rule75: boolean })),
  );

  app.post(
    '/api/funds/:fund/annualities',
    {
      config: { access: 'funds.manage' },
      schema: { tags, summary: 'Decreto di riparto: importo assegnato alla Regione per un\'annualità', params: Type.Object({ fund: Code }), body: Type.Object({ annuality: Year, allocated: Money, actId: Type.Integer({ minimum: 1 }) }), response: { 200: AnnualityDetail, ...problemResponses } },
    },
    async (request) => {
      const b = request.body as { annuality: number; allocated: number; actId: number };
      return recordAllocation(ctx, actorOf(request), (request.params as { fund: string }).fund, { ...b, allocated: cents(b.allocated) });
    },
  );

  app.get(
    '/api/funds/:fund/annualities/:annuality',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Annualità di un fondo: linee, assegnato per linea, regola di liquidazione, trasmissione', params: FA, response: { 200: AnnualityDetail, ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      return annualityDetail(ctx, actorOf(request), p.fund, p.annuality);
    },
  );

  app.post(
    '/api/funds/:fund/annualities/:annuality/lines',
    {
      config: { access: 'funds.manage' },
      schema: { tags, summary: 'Programmazione (DGR): una linea di intervento; Σ linee ≤ importo assegnato', params: FA, body: Type.Object({ code: Code, description: Type.String({ maxLength: 500 }), amount: Money, actId: Type.Integer({ minimum: 1 }) }), response: { 200: AnnualityDetail, ...problemResponses } },
    },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      const b = request.body as { code: string; description: string; amount: number; actId: number };
      return programLine(ctx, actorOf(request), p.fund, p.annuality, { ...b, amount: cents(b.amount) });
    },
  );

  app.put(
    '/api/funds/:fund/annualities/:annuality/transmission',
    { config: { access: 'funds.manage' }, schema: { tags, summary: 'Trasmissione della programmazione al Ministero', params: FA, body: Type.Object({ transmittedOn: CalendarDateSchema, protocol: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 200: AnnualityDetail, ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      return recordTransmission(ctx, actorOf(request), p.fund, p.annuality, request.body as { transmittedOn: string; protocol: string });
    },
  );

  app.put(
    '/api/funds/:fund/annualities/:annuality/gating',
    { config: { access: 'funds.manage' }, schema: { tags, summary: 'Regola di liquidazione ai distretti per l\'annualità, stabilita da un atto', params: FA, body: Type.Object({ rule: Type.Unknown(), actId: Type.Integer({ minimum: 1 }) }), response: { 200: AnnualityDetail, ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      return setGatingRule(ctx, actorOf(request), p.fund, p.annuality, request.body as { rule: unknown; actId: number });
    },
  );

  app.post(
    '/api/funds/:fund/annualities/:annuality/lines/:line/assignments/preview',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Anteprima del riparto di una linea fra i distretti (somma esatta al centesimo)', params: Type.Object({ fund: Code, annuality: Year, line: Code }), body: SplitBody, response: { 200: Type.Object({ shares: Type.Array(Type.Object({ district: Type.String(), amount: Type.Integer() })), total: Type.Integer() }), ...problemResponses } } },
    async (request) => {
      const shares = await previewAssignment(ctx, actorOf(request), toSplit(request.body as SplitJson));
      return { shares: shares.map((s) => ({ district: s.district, amount: Number(s.amount) })), total: shares.reduce((s, x) => s + Number(x.amount), 0) };
    },
  );

  app.post(
    '/api/funds/:fund/annualities/:annuality/lines/:line/assignments',
    { config: { access: 'funds.manage' }, schema: { tags, summary: 'Assegnazione e impegno (DD) di una linea ai distretti; Σ ≤ linea', params: Type.Object({ fund: Code, annuality: Year, line: Code }), body: Type.Intersect([SplitBody, Type.Object({ actId: Type.Integer({ minimum: 1 }) })]), response: { 200: AnnualityDetail, ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number; line: string };
      const body = request.body as SplitJson & { actId: number };
      return assignLine(ctx, actorOf(request), p.fund, p.annuality, p.line, { ...toSplit(body), actId: body.actId });
    },
  );

  app.get(
    '/api/funds/:fund/annualities/:annuality/disbursements/check',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Verifica preventiva: la prossima liquidazione al distretto è consentita? Se no, perché', params: FA, querystring: Type.Object({ district: Code }), response: { 200: Type.Object({ allowed: Type.Boolean(), reason: Type.Union([Type.String(), Type.Null()]), missing: Type.Integer(), toDisburse: Type.Integer() }), ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      return checkDisbursement(ctx, actorOf(request), p.fund, p.annuality, (request.query as { district: string }).district);
    },
  );

  app.post(
    '/api/funds/:fund/annualities/:annuality/disbursements',
    { config: { access: 'funds.manage' }, schema: { tags, summary: 'Liquidazione di una tranche a un distretto (DD); Σ ≤ assegnato, secondo la regola di liquidazione', params: FA, body: Type.Object({ district: Code, amount: Money, paidOn: CalendarDateSchema, actId: Type.Integer({ minimum: 1 }) }), response: { 200: AnnualityDetail, ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      const b = request.body as { district: string; amount: number; paidOn: string; actId: number };
      return disburse(ctx, actorOf(request), p.fund, p.annuality, { ...b, amount: cents(b.amount) });
    },
  );

  app.get(
    '/api/funds/:fund/annualities/:annuality/expense-lines',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Spese inviate da verificare o verificate', params: FA, querystring: Type.Object({ district: Type.Optional(Code), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('verified')])), ...PageQuery }), response: { 200: pageOf(VerifiedLine), ...problemResponses } } },
    async (request) => {
      const p = request.params as { fund: string; annuality: number };
      const q = request.query as { district?: string; status?: 'pending' | 'verified'; page: number; pageSize: number };
      return listLinesToVerify(ctx, actorOf(request), { ...p, district: q.district, status: q.status }, q);
    },
  );

  app.post(
    '/api/expense-lines/:id/verification',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: 'Verifica di una spesa: riconosciuta in tutto, in parte, o respinta con motivo',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Union([
          Type.Object({ action: Type.Literal('recognise_all') }),
          Type.Object({ action: Type.Literal('recognise_part'), recognised: Money, reason: Type.Optional(Type.String({ maxLength: 500 })) }),
          Type.Object({ action: Type.Literal('reject'), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
          Type.Object({ action: Type.Literal('reopen') }),
        ]),
        response: { 200: VerifiedLine, ...problemResponses },
      },
    },
    async (request) => {
      const b = request.body as { action: string; recognised?: number; reason?: string };
      const input = (b.action === 'recognise_part' ? { ...b, recognised: cents(b.recognised ?? 0) } : b) as VerifyInput;
      return verifyExpenseLine(ctx, actorOf(request), (request.params as { id: number }).id, input);
    },
  );

  app.get(
    '/api/districts/:code/funds',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Quanto il distretto ha ricevuto e deve rendicontare, per fondo e annualità', params: Type.Object({ code: Code }), response: { 200: Type.Array(Type.Object({ fund: Type.String(), fundName: Type.String(), rule75: Type.Boolean(), annuality: Type.Integer(), assigned: Type.Integer(), disbursed: Type.Integer(), reported: Type.Integer(), recognised: Type.Integer(), residual: Type.Integer(), toDisburse: Type.Integer(), expenseLines: Type.Integer() })), ...problemResponses } } },
    async (request) => districtFunds(ctx, actorOf(request), (request.params as { code: string }).code),
  );

  app.get(
    '/api/districts/:code/reports/:year',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Rendiconto delle spese dell\'anno: bozza o inviato, scadenza del 31 marzo', params: DistrictYear, querystring: Type.Object(PageQuery), response: { 200: Report, ...problemResponses } } },
    async (request) => {
      const p = request.params as { code: string; year: number };
      return getReport(ctx, actorOf(request), p.code, p.year, request.query as { page: number; pageSize: number });
    },
  );

  app.post(
    '/api/districts/:code/reports/:year/lines',
    { config: { access: 'funds.report' }, schema: { tags, summary: 'Aggiunge una spesa alla bozza (salvata subito)', params: DistrictYear, body: ExpenseBody, response: { 201: ExpenseLine, ...problemResponses } } },
    async (request, reply) => {
      const p = request.params as { code: string; year: number };
      return reply.code(201).send(await addExpenseLine(ctx, actorOf(request), p.code, p.year, toExpense(request.body as Parameters<typeof toExpense>[0])));
    },
  );

  app.put(
    '/api/districts/:code/reports/:year/lines/:id',
    { config: { access: 'funds.report' }, schema: { tags, summary: 'Modifica una spesa in bozza', params: Type.Object({ code: Code, year: Year, id: Type.Integer({ minimum: 1 }) }), body: ExpenseBody, response: { 200: ExpenseLine, ...problemResponses } } },
    async (request) => {
      const p = request.params as { code: string; year: number; id: number };
      return updateExpenseLine(ctx, actorOf(request), p.code, p.year, p.id, toExpense(request.body as Parameters<typeof toExpense>[0]));
    },
  );

  app.delete(
    '/api/districts/:code/reports/:year/lines/:id',
    { config: { access: 'funds.report' }, schema: { tags, summary: 'Elimina una spesa in bozza', params: Type.Object({ code: Code, year: Year, id: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      const p = request.params as { code: string; year: number; id: number };
      await deleteExpenseLine(ctx, actorOf(request), p.code, p.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/districts/:code/reports/:year/upload',
    {
      config: { access: 'funds.report' },
      schema: {
        tags,
        summary: 'Carica spese da CSV o XLSX (colonne di spese.csv) nella bozza: tutte o nessuna; risponde con la ricevuta',
        params: DistrictYear,
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({ id: Type.Integer(), at: Type.String(), actor: Type.String(), district: Type.String(), year: Type.Integer(), files: Type.Array(Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer(), lines: Type.Integer() })), stored: Type.Integer(), amount: Type.Integer() }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const p = request.params as { code: string; year: number };
      if (!request.isMultipart()) throw invalid('upload.not_multipart', 'Inviare il file come multipart/form-data');
      const result = await withUploads(request, { fileSize: 100 * 1024 * 1024, files: 1 }, async (files) => {
        const file = files[0];
        if (!file) throw invalid('upload.no_file', 'Nessun file ricevuto');
        return uploadExpenses(ctx, actorOf(request), p.code, p.year, { name: file.filename, source: createReadStream(file.filepath) });
      });
      if (!result.ok) return sendProblem(reply, 422, 'upload.rejected', `File non caricato: ${errorCount(result.count)}, nessuna spesa salvata`, result.errors);
      return result.receipt;
    },
  );

  app.post(
    '/api/districts/:code/reports/:year/submit',
    { config: { access: 'funds.report' }, schema: { tags, summary: 'Invia il rendiconto (dopo il 31 marzo dell\'anno successivo risulta in ritardo)', params: DistrictYear, response: { 200: Report, ...problemResponses } } },
    async (request) => {
      const p = request.params as { code: string; year: number };
      return submitReport(ctx, actorOf(request), p.code, p.year);
    },
  );

  app.get(
    '/api/receipts/:id',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Ricevuta di un caricamento o di un\'importazione (scaricabile)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }) } },
    async (request, reply) => {
      const id = (request.params as { id: number }).id;
      const receipt = await getReceipt(ctx, actorOf(request), id);
      if ((request.query as { download?: boolean }).download) reply.header('content-disposition', `attachment; filename="ricevuta-${id}.json"`);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(receipt, null, 2));
    },
  );

  app.post(
    '/api/expense-lines/:id/corrections',
    { config: { access: 'funds.report' }, schema: { tags, summary: 'Richiesta di rettifica di una spesa già inviata', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: Type.Object({ amount: Type.Optional(Money), area: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), description: Type.Optional(Type.String({ maxLength: 500 })), reason: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 201: Correction, ...problemResponses } } },
    async (request, reply) => {
      const b = request.body as { amount?: number; area?: string; description?: string; reason: string };
      return reply.code(201).send(await requestCorrection(ctx, actorOf(request), (request.params as { id: number }).id, { ...b, amount: b.amount === undefined ? undefined : cents(b.amount) }));
    },
  );

  app.get(
    '/api/corrections',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Richieste di rettifica (un referente di distretto vede le proprie)', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('refused')])), ...PageQuery }), response: { 200: pageOf(Correction), ...problemResponses } } },
    async (request) => {
      const q = request.query as { status?: 'pending' | 'accepted' | 'refused'; page: number; pageSize: number };
      return listCorrections(ctx, actorOf(request), q.status, q);
    },
  );

  app.post(
    '/api/corrections/:id/decision',
    { config: { access: 'funds.manage' }, schema: { tags, summary: 'La Regione accoglie o respinge una richiesta di rettifica', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: Type.Object({ accept: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000 })) }), response: { 200: Correction, ...problemResponses } } },
    async (request) => decideCorrection(ctx, actorOf(request), (request.params as { id: number }).id, request.body as { accept: boolean; note?: string }),
  );
};
