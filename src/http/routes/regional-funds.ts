/** Regional funds: budget chapters, half-yearly statements, reservations (DGR), assignments (DD). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import {
  amendReservation,
  assignReservation,
  createChapter,
  createReservation,
  getChapter,
  getReservation,
  listChapters,
  listReservations,
  listStatements,
  previewReservationAssignment,
  recordStatement,
  setChapterAmount,
  type StatementInput,
} from '../../services/funds/regional/index.ts';
import { cents } from '../../domain/money.ts';
import { actorOf } from '../access.ts';
import { SplitBody, toSplit, type SplitJson } from '../split-body.ts';
import { ActRef, CalendarDateSchema, problemResponses } from '../../contract/common.ts';

const tags = ['Fondi regionali'];
const Money = Type.Integer({ minimum: 0, description: 'centesimi di euro' });
const Amount = Type.Integer({ description: 'centesimi di euro' });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const Year = Type.Integer({ minimum: 1900, maximum: 2999 });
const Id = Type.Integer({ minimum: 1 });
const IdParams = Type.Object({ id: Id });

const ChapterYear = Type.Object({ year: Type.Integer(), budget: Amount, reserved: Amount, assigned: Amount, available: Amount, act: ActRef });
const Chapter = Type.Object({ id: Type.Integer(), code: Type.String(), description: Type.String(), fund: Type.String(), fundName: Type.String(), years: Type.Array(ChapterYear) });

const reservationFields = {
  id: Type.Integer(),
  chapterId: Type.Integer(),
  chapterCode: Type.String(),
  fund: Type.String(),
  year: Type.Integer(),
  code: Type.String(),
  description: Type.String(),
  amount: Amount,
  assigned: Amount,
  available: Amount,
  act: ActRef,
};
const Reservation = Type.Object(reservationFields);
const ReservationDetail = Type.Object({
  ...reservationFields,
  assignments: Type.Array(Type.Object({ district: Type.String(), amount: Amount, act: Type.Object({ id: Type.Integer(), number: Type.String() }) })),
});

const Statement = Type.Object({
  id: Type.Integer(),
  chapterId: Type.Integer(),
  chapterCode: Type.String(),
  year: Type.Integer(),
  semester: Type.Integer(),
  asOf: Type.String(),
  budget: Amount,
  reserved: Amount,
  assigned: Amount,
  available: Amount,
  act: Type.Union([ActRef, Type.Null()]),
  communication: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});


const AssignmentPreview = Type.Object({
  shares: Type.Array(Type.Object({ district: Type.String(), amount: Amount })),
  total: Amount,
  reservation: Amount,
  alreadyAssigned: Amount,
  remaining: Amount,
});

export const regionalFundRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/regional-funds/chapters',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Capitoli di spesa del bilancio regionale: stanziamento, prenotato, assegnato e disponibile per anno', querystring: Type.Object({ fund: Type.Optional(Code) }), response: { 200: Type.Array(Chapter), ...problemResponses } } },
    async (request) => listChapters(ctx, actorOf(request), request.query as { fund?: string }),
  );

  app.post(
    '/api/regional-funds/chapters',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: 'Legge di bilancio: registra un capitolo di spesa con gli stanziamenti del triennio',
        body: Type.Object({
          code: Code,
          description: Type.String({ maxLength: 500 }),
          fund: Code,
          amounts: Type.Array(Type.Object({ year: Year, amount: Money, actId: Id }), { maxItems: 10 }),
        }),
        response: { 201: Chapter, ...problemResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as { code: string; description: string; fund: string; amounts: { year: number; amount: number; actId: number }[] };
      return reply.code(201).send(await createChapter(ctx, actorOf(request), { ...b, amounts: b.amounts.map((a) => ({ ...a, amount: cents(a.amount) })) }));
    },
  );

  app.get(
    '/api/regional-funds/chapters/:id',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Un capitolo di spesa con le cifre per anno', params: IdParams, response: { 200: Chapter, ...problemResponses } } },
    async (request) => getChapter(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.put(
    '/api/regional-funds/chapters/:id/amounts/:year',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: "Stanziamento del capitolo per l'anno (legge di bilancio o variazione); non inferiore al già prenotato",
        params: Type.Object({ id: Id, year: Year }),
        body: Type.Object({ amount: Money, actId: Id }),
        response: { 200: Chapter, ...problemResponses },
      },
    },
    async (request) => {
      const p = request.params as { id: number; year: number };
      const b = request.body as { amount: number; actId: number };
      return setChapterAmount(ctx, actorOf(request), p.id, p.year, { amount: cents(b.amount), actId: b.actId });
    },
  );

  app.get(
    '/api/regional-funds/chapters/:id/statements',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Prospetti semestrali del budget del capitolo', params: IdParams, querystring: Type.Object({ year: Type.Optional(Year) }), response: { 200: Type.Array(Statement), ...problemResponses } } },
    async (request) => listStatements(ctx, actorOf(request), (request.params as { id: number }).id, request.query as { year?: number }),
  );

  app.post(
    '/api/regional-funds/chapters/:id/statements',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: 'Registra il prospetto semestrale del capitolo (cabina di regia, Reg. 26/2017 art. 4 c. 28): cifre calcolate e conservate',
        params: IdParams,
        body: Type.Object({
          year: Year,
          semester: Type.Union([Type.Literal(1), Type.Literal(2)]),
          asOf: Type.Optional(CalendarDateSchema),
          actId: Type.Optional(Id),
          communication: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 201: Statement, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await recordStatement(ctx, actorOf(request), (request.params as { id: number }).id, request.body as StatementInput)),
  );

  app.post(
    '/api/regional-funds/chapters/:id/reservations',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: 'Deliberazione di finalizzazione (DGR): prenota una somma del capitolo per un intervento; Σ prenotazioni ≤ stanziamento',
        params: IdParams,
        body: Type.Object({ year: Year, code: Code, description: Type.String({ maxLength: 500 }), amount: Money, actId: Id }),
        response: { 201: ReservationDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as { year: number; code: string; description: string; amount: number; actId: number };
      return reply.code(201).send(await createReservation(ctx, actorOf(request), (request.params as { id: number }).id, { ...b, amount: cents(b.amount) }));
    },
  );

  app.get(
    '/api/regional-funds/reservations',
    {
      config: { access: 'funds.read' },
      schema: { tags, summary: 'Prenotazioni, con assegnato e disponibile', querystring: Type.Object({ chapter: Type.Optional(Id), year: Type.Optional(Year), fund: Type.Optional(Code) }), response: { 200: Type.Array(Reservation), ...problemResponses } },
    },
    async (request) => {
      const q = request.query as { chapter?: number; year?: number; fund?: string };
      return listReservations(ctx, actorOf(request), { chapterId: q.chapter, year: q.year, fund: q.fund });
    },
  );

  app.get(
    '/api/regional-funds/reservations/:id',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'Una prenotazione con le assegnazioni ai distretti', params: IdParams, response: { 200: ReservationDetail, ...problemResponses } } },
    async (request) => getReservation(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.put(
    '/api/regional-funds/reservations/:id',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: "Modifica una prenotazione (DGR): non oltre il disponibile del capitolo, non sotto l'assegnato",
        params: IdParams,
        body: Type.Object({ amount: Money, actId: Id, description: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: ReservationDetail, ...problemResponses },
      },
    },
    async (request) => {
      const b = request.body as { amount: number; actId: number; description?: string };
      return amendReservation(ctx, actorOf(request), (request.params as { id: number }).id, { ...b, amount: cents(b.amount) });
    },
  );

  app.post(
    '/api/regional-funds/reservations/:id/assignments/preview',
    {
      config: { access: 'funds.read' },
      schema: { tags, summary: 'Anteprima del riparto di una prenotazione fra i distretti (somma esatta al centesimo)', params: IdParams, body: SplitBody, response: { 200: AssignmentPreview, ...problemResponses } },
    },
    async (request) => previewReservationAssignment(ctx, actorOf(request), (request.params as { id: number }).id, toSplit(request.body as SplitJson)),
  );

  app.post(
    '/api/regional-funds/reservations/:id/assignments',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags,
        summary: 'Provvedimento attuativo (DD): assegna la prenotazione ai distretti con un criterio di riparto; Σ ≤ prenotazione',
        params: IdParams,
        body: Type.Intersect([SplitBody, Type.Object({ actId: Id })]),
        response: { 201: ReservationDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as SplitJson & { actId: number };
      return reply.code(201).send(await assignReservation(ctx, actorOf(request), (request.params as { id: number }).id, { ...toSplit(body), actId: body.actId }));
    },
  );
};
