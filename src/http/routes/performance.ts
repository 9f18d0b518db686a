/** Performance cycle (DOMAIN.md "Performance cycle"; EXCHANGE.md "Performance plan JSON"). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import {
  exportPlanJson,
  exportPlanXlsx,
  getPlan,
  importPlan,
  importPlanXlsx,
  listPlans,
  PlanRejected,
  reportDocx,
  reportPdf,
  REVISABLE_FIELDS,
  reviseObjective,
  scores,
  setObjectiveReport,
  updateActivityActual,
  updateIndicatorActual,
  validateScores,
  type ImportResult,
} from '../../services/performance.ts';
import { addActivity, addCentre, addIndicator, addObjective, createPlan, OBJECTIVE_TEXTS, setScoring } from '../../services/performance/authoring.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { sendProblem } from '../problem.ts';
import { ActRef, CalendarDateSchema, problemResponses } from '../schemas.ts';

const tags = ['Performance'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Status = Type.Union(['achieved', 'partially_achieved', 'not_achieved', 'suspended'].map((s) => Type.Literal(s)));
const Scoring = Type.Object({ achievedThreshold: Type.Number(), partiallyThreshold: Type.Number() });
const Validation = Nullable(Type.Object({ by: Type.String(), at: Type.String(), comment: Type.String() }));
const PlanSummary = {
  id: Type.Integer(),
  body: Type.String(),
  year: Type.Integer(),
  period: Type.Object({ from: Type.Integer(), to: Type.Integer() }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('validated')]),
  scoring: Scoring,
  validation: Validation,
};

/** EXCHANGE.md `scores PLAN_ID`, exactly. */
const Scores = Type.Object({
  plan: Type.String(),
  year: Type.Integer(),
  overall: Nullable(Type.Number()),
  centres: Type.Array(
    Type.Object({
      name: Type.String(),
      score: Nullable(Type.Number()),
      objectives: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), score: Nullable(Type.Number()), status: Status })),
    }),
  ),
});

const ObjectiveView = Type.Object({
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
  status: Status,
  activities: Type.Array(Type.Object({ id: Type.Integer(), description: Type.String(), planned: Type.String(), actual: Type.String() })),
  indicators: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      description: Type.String(),
      unit: Type.String(),
      target: Type.String(),
      actual: Type.String(),
      weight: Type.Number(),
      achievement: Nullable(Type.Number()),
    }),
  ),
  revisions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      kind: Type.Union([Type.Literal('updated'), Type.Literal('suspended')]),
      actId: Nullable(Type.Integer()),
      act: Type.String(),
      actDate: Type.String({ description: 'Data della deliberazione (AAAA-MM-GG)' }),
      date: Type.String({ description: 'Data da cui la revisione ha effetto (AAAA-MM-GG): può seguire quella della deliberazione' }),
      snapshot: Type.Unknown({ description: "La versione precedente dell'obiettivo (null se il piano è stato importato già revisionato)" }),
    }),
  ),
  evaluation: Nullable(Type.Object({ comment: Type.String(), by: Type.String(), at: Type.String() })),
});

const PlanView = Type.Object({
  ...PlanSummary,
  overall: Nullable(Type.Number()),
  centres: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      score: Nullable(Type.Number()),
      progress: Type.Object({
        objectives: Type.Integer(),
        scored: Type.Integer(),
        achieved: Type.Integer(),
        partiallyAchieved: Type.Integer(),
        notAchieved: Type.Integer(),
        suspended: Type.Integer(),
      }),
      objectives: Type.Array(ObjectiveView),
    }),
  ),
});

const ImportResponse = Type.Object({ id: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), notes: Type.Array(Type.String()) });
const ObjectiveOutcome = Type.Object({ objectiveId: Type.Integer(), score: Nullable(Type.Number()), status: Status });

/** A refused plan lists every problem with its path, like the CSV imports. */
const importing = async (reply: FastifyReply, work: () => Promise<ImportResult>) => {
  try {
    return reply.code(201).send(await work());
  } catch (e) {
    if (e instanceof PlanRejected) return sendProblem(reply, 422, e.code, e.message, [...e.errors]);
    throw e;
  }
};

const download = (reply: FastifyReply, type: string, fileName: string, content: Buffer | string) =>
  reply.type(type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(content);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const performanceRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/performance/plans',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Piani della performance', response: { 200: Type.Array(Type.Object({ ...PlanSummary, centres: Type.Integer(), objectives: Type.Integer() })), ...problemResponses } } },
    async (request) => listPlans(ctx, actorOf(request)),
  );

  app.post(
    '/api/performance/plans',
    {
      config: { access: 'performance.manage' },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Importa un piano della performance (JSON di EXCHANGE.md); risponde con l’id del piano',
        body: Type.Object({}, { additionalProperties: true, description: 'Piano della performance, formato EXCHANGE.md' }),
        response: { 201: ImportResponse, ...problemResponses },
      },
    },
    async (request, reply) => importing(reply, () => importPlan(ctx, actorOf(request), request.body)),
  );

  app.post(
    '/api/performance/plans/import-xlsx',
    {
      config: { access: 'performance.manage' },
      schema: { tags, summary: 'Importa un piano da XLSX (fogli Piano, Centri, Obiettivi, Attività, Indicatori), multipart', consumes: ['multipart/form-data'], response: { 201: ImportResponse, ...problemResponses } },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw invalid('import.not_multipart', 'Inviare il file come multipart/form-data');
      const file = await request.file({ limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
      if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
      const content = await file.toBuffer();
      return importing(reply, () => importPlanXlsx(ctx, actorOf(request), content));
    },
  );

  app.get(
    '/api/performance/plans/:id',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Un piano con punteggi e avanzamento per centro', params: IdParams, response: { 200: PlanView, ...problemResponses } } },
    async (request) => getPlan(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/performance/plans/:id/scores',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Punteggi del piano (EXCHANGE.md `scores PLAN_ID`)', params: IdParams, response: { 200: Scores, ...problemResponses } } },
    async (request) => scores(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/performance/plans/:id/export.json',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Esporta il piano nel formato JSON di EXCHANGE.md', params: IdParams } },
    async (request, reply) => {
      const plan = await exportPlanJson(ctx, actorOf(request), (request.params as { id: number }).id);
      return download(reply, 'application/json; charset=utf-8', `piano-performance-${plan.year}.json`, JSON.stringify(plan, null, 2));
    },
  );

  app.get(
    '/api/performance/plans/:id/export.xlsx',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Esporta il piano in XLSX', params: IdParams } },
    async (request, reply) => {
      const id = (request.params as { id: number }).id;
      return download(reply, XLSX, `piano-performance-${id}.xlsx`, await exportPlanXlsx(ctx, actorOf(request), id));
    },
  );

  app.get(
    '/api/performance/plans/:id/report.docx',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Relazione sulla Performance (DOCX)', params: IdParams } },
    async (request, reply) => {
      const r = await reportDocx(ctx, actorOf(request), (request.params as { id: number }).id);
      return download(reply, DOCX, r.fileName, r.content);
    },
  );

  app.get(
    '/api/performance/plans/:id/report.pdf',
    { config: { access: 'performance.read' }, schema: { tags, summary: 'Relazione sulla Performance (PDF)', params: IdParams } },
    async (request, reply) => {
      const r = await reportPdf(ctx, actorOf(request), (request.params as { id: number }).id);
      return download(reply, 'application/pdf', r.fileName, r.content);
    },
  );

  app.put(
    '/api/performance/plans/:id/indicators/:indicatorId/actual',
    {
      config: { access: 'performance.report' },
      schema: {
        tags,
        summary: "Valore consuntivo di un indicatore, come scritto (numero, si, no, si parzialmente, vuoto)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), indicatorId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ actual: Type.String({ maxLength: 200 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), actual: Type.String(), objective: ObjectiveOutcome }), ...problemResponses },
      },
    },
    async (request) => {
      const p = request.params as { id: number; indicatorId: number };
      return updateIndicatorActual(ctx, actorOf(request), p.id, p.indicatorId, (request.body as { actual: string }).actual);
    },
  );

  app.put(
    '/api/performance/plans/:id/activities/:activityId/actual',
    {
      config: { access: 'performance.report' },
      schema: {
        tags,
        summary: "Consuntivo di un'attività, come scritto (\"Luglio\", \"Rinvio al 2025\")",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), activityId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ actual: Type.String({ maxLength: 2000 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), planned: Type.String(), actual: Type.String() }), ...problemResponses },
      },
    },
    async (request) => {
      const p = request.params as { id: number; activityId: number };
      return updateActivityActual(ctx, actorOf(request), p.id, p.activityId, (request.body as { actual: string }).actual);
    },
  );

  app.put(
    '/api/performance/plans/:id/objectives/:objectiveId/report',
    {
      config: { access: 'performance.report' },
      schema: {
        tags,
        summary: "Report di fine anno dell'obiettivo (Report al 31/12)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), objectiveId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ report: Type.String({ maxLength: 100_000 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), report: Type.String() }), ...problemResponses },
      },
    },
    async (request) => {
      const p = request.params as { id: number; objectiveId: number };
      return setObjectiveReport(ctx, actorOf(request), p.id, p.objectiveId, (request.body as { report: string }).report);
    },
  );

  app.post(
    '/api/performance/plans/:id/objectives/:objectiveId/revisions',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: "Aggiorna o sospende un obiettivo con una deliberazione del CdA (atto di tipo CDA); la versione precedente resta",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), objectiveId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          kind: Type.Union([Type.Literal('updated'), Type.Literal('suspended')]),
          actId: Type.Integer({ minimum: 1 }),
          date: Type.Optional(CalendarDateSchema),
          changes: Type.Optional(Type.Partial(Type.Object(Object.fromEntries(REVISABLE_FIELDS.map((f) => [f, Type.String({ maxLength: 20_000 })]))))),
        }),
        response: { 201: Type.Object({ objectiveId: Type.Integer(), version: Type.Integer(), kind: Type.String(), act: ActRef, date: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = request.params as { id: number; objectiveId: number };
      return reply.code(201).send(await reviseObjective(ctx, actorOf(request), p.id, p.objectiveId, request.body as Parameters<typeof reviseObjective>[4]));
    },
  );

  app.post(
    '/api/performance/plans/:id/validation',
    {
      config: { access: 'performance.evaluate' },
      schema: {
        tags,
        summary: 'Il valutatore (OIV) valida i punteggi, con commenti per obiettivo e complessivo; poi il piano non cambia più',
        params: IdParams,
        body: Type.Object({
          comment: Type.Optional(Type.String({ maxLength: 20_000 })),
          objectives: Type.Optional(Type.Array(Type.Object({ objectiveId: Type.Integer({ minimum: 1 }), comment: Type.String({ maxLength: 20_000 }) }))),
        }),
        response: {
          200: Type.Object({ id: Type.Integer(), status: Type.Literal('validated'), validation: Type.Object({ by: Type.String(), at: Type.String(), comment: Type.String() }), scores: Scores }),
          ...problemResponses,
        },
      },
    },
    async (request) => validateScores(ctx, actorOf(request), (request.params as { id: number }).id, request.body as Parameters<typeof validateScores>[3]),
  );
  // ------------------------------------------------------------ authoring (a plan written in the application)

  const PlanParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
  const CentreParams = Type.Object({ id: Type.Integer({ minimum: 1 }), centreId: Type.Integer({ minimum: 1 }) });
  const ObjectiveParams = Type.Object({ id: Type.Integer({ minimum: 1 }), objectiveId: Type.Integer({ minimum: 1 }) });
  const Text = (maxLength: number) => Type.String({ maxLength });

  app.post(
    '/api/performance/plans/new',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: "Crea un piano vuoto (bozza) per un ente e un anno, all'interno del triennio; 409 se il piano di quell'ente e anno esiste già",
        body: Type.Object({ body: Text(500), year: Type.Integer(), periodFrom: Type.Integer(), periodTo: Type.Integer() }),
        response: { 201: Type.Object({ id: Type.Integer(), body: Type.String(), year: Type.Integer(), period: Type.Object({ from: Type.Integer(), to: Type.Integer() }), scoring: Scoring, status: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createPlan(ctx, actorOf(request), request.body as Parameters<typeof createPlan>[2])),
  );

  app.post(
    '/api/performance/plans/:id/centres',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: 'Aggiunge un centro di responsabilità al piano (non validato)',
        params: PlanParams,
        body: Type.Object({ name: Text(500) }),
        response: { 201: Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.Integer() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addCentre(ctx, actorOf(request), (request.params as { id: number }).id, request.body as { name: string })),
  );

  app.post(
    '/api/performance/plans/:id/centres/:centreId/objectives',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: 'Aggiunge un obiettivo a un centro di responsabilità, con tutti i campi (il codice non è univoco)',
        params: CentreParams,
        body: Type.Object({ code: Text(100), title: Text(20_000), ...Object.fromEntries(OBJECTIVE_TEXTS.map((f) => [f, Type.Optional(Text(20_000))])) }),
        response: {
          201: Type.Object({ id: Type.Integer(), centreId: Type.Integer(), code: Type.String(), title: Type.String(), ...Object.fromEntries(OBJECTIVE_TEXTS.map((f) => [f, Type.String()])) }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const p = request.params as { id: number; centreId: number };
      return reply.code(201).send(await addObjective(ctx, actorOf(request), p.id, p.centreId, request.body as Parameters<typeof addObjective>[4]));
    },
  );

  app.post(
    '/api/performance/plans/:id/objectives/:objectiveId/activities',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: "Aggiunge un'attività all'obiettivo, con il tempo previsto come scritto (\"Marzo\", \"mensile\")",
        params: ObjectiveParams,
        body: Type.Object({ description: Text(20_000), planned: Type.Optional(Text(200)) }),
        response: { 201: Type.Object({ id: Type.Integer(), objectiveId: Type.Integer(), description: Type.String(), planned: Type.String(), actual: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = request.params as { id: number; objectiveId: number };
      return reply.code(201).send(await addActivity(ctx, actorOf(request), p.id, p.objectiveId, request.body as Parameters<typeof addActivity>[4]));
    },
  );

  app.post(
    '/api/performance/plans/:id/objectives/:objectiveId/indicators',
    {
      config: { access: 'performance.manage' },
      schema: {
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
          201: Type.Object({ id: Type.Integer(), objectiveId: Type.Integer(), name: Type.String(), description: Type.String(), unit: Type.String(), target: Type.String(), actual: Type.String(), weight: Type.Number() }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const p = request.params as { id: number; objectiveId: number };
      return reply.code(201).send(await addIndicator(ctx, actorOf(request), p.id, p.objectiveId, request.body as Parameters<typeof addIndicator>[4]));
    },
  );

  app.put(
    '/api/performance/plans/:id/scoring',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: 'Soglie di valutazione del piano (raggiunto, parzialmente raggiunto), tra 0 e 1; risponde con i nuovi punteggi',
        params: PlanParams,
        body: Scoring,
        response: { 200: Type.Object({ id: Type.Integer(), scoring: Scoring, scores: Scores }), ...problemResponses },
      },
    },
    async (request) => setScoring(ctx, actorOf(request), (request.params as { id: number }).id, request.body as { achievedThreshold: number; partiallyThreshold: number }),
  );
};
