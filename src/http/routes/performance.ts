/** Performance cycle (DOMAIN.md "Performance cycle"; EXCHANGE.md "Performance plan JSON"): contracts in src/contract/performance/. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { importPlan, importPlanXlsx, PlanRejected, type ImportResult } from '../../services/performance/import.ts';
import { exportPlanJson, exportPlanXlsx, getPlan, listPlans, scores } from '../../services/performance/readouts.ts';
import { reportDocx, reportPdf } from '../../services/performance/reports.ts';
import { setObjectiveReport, updateActivityActual, updateIndicatorActual } from '../../services/performance/monitoring.ts';
import { reviseObjective } from '../../services/performance/revisions.ts';
import { validateScores } from '../../services/performance/validation.ts';
import { addActivity, addCentre, addIndicator, addObjective, createPlan, setScoring } from '../../services/performance/authoring.ts';
import * as plans from '../../contract/performance/plans.ts';
import * as readouts from '../../contract/performance/readouts.ts';
import * as reports from '../../contract/performance/reports.ts';
import * as monitoring from '../../contract/performance/monitoring.ts';
import * as revisions from '../../contract/performance/revisions.ts';
import * as validation from '../../contract/performance/validation.ts';
import * as authoring from '../../contract/performance/authoring.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { sendProblem } from '../problem.ts';
import { route } from '../route.ts';

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
  // ------------------------------------------------------------ plans, import and export
  route(app, plans.listPlans, 'performance.read', async (request) => listPlans(ctx, actorOf(request)));

  route(app, plans.importPlan, 'performance.manage', async (request, reply) => importing(reply, () => importPlan(ctx, actorOf(request), request.body)), {
    bodyLimit: 20 * 1024 * 1024,
  });

  route(app, plans.importPlanXlsx, 'performance.manage', async (request, reply) => {
    if (!request.isMultipart()) throw invalid('import.not_multipart', 'Inviare il file come multipart/form-data');
    const file = await request.file({ limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
    if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
    const content = await file.toBuffer();
    return importing(reply, () => importPlanXlsx(ctx, actorOf(request), content));
  });

  route(app, plans.exportPlanJson, 'performance.read', async (request, reply) => {
    const plan = await exportPlanJson(ctx, actorOf(request), request.params.id);
    return download(reply, 'application/json; charset=utf-8', `piano-performance-${plan.year}.json`, JSON.stringify(plan, null, 2));
  });

  route(app, plans.exportPlanXlsx, 'performance.read', async (request, reply) =>
    download(reply, XLSX, `piano-performance-${request.params.id}.xlsx`, await exportPlanXlsx(ctx, actorOf(request), request.params.id)),
  );

  // ------------------------------------------------------------ read-outs and reports
  route(app, readouts.getPlan, 'performance.read', async (request) => getPlan(ctx, actorOf(request), request.params.id));

  route(app, readouts.getScores, 'performance.read', async (request) => scores(ctx, actorOf(request), request.params.id));

  route(app, reports.reportDocx, 'performance.read', async (request, reply) => {
    const r = await reportDocx(ctx, actorOf(request), request.params.id);
    return download(reply, DOCX, r.fileName, r.content);
  });

  route(app, reports.reportPdf, 'performance.read', async (request, reply) => {
    const r = await reportPdf(ctx, actorOf(request), request.params.id);
    return download(reply, 'application/pdf', r.fileName, r.content);
  });

  // ------------------------------------------------------------ monitoring
  route(app, monitoring.setIndicatorActual, 'performance.report', async (request) =>
    updateIndicatorActual(ctx, actorOf(request), request.params.id, request.params.indicatorId, request.body.actual),
  );

  route(app, monitoring.setActivityActual, 'performance.report', async (request) =>
    updateActivityActual(ctx, actorOf(request), request.params.id, request.params.activityId, request.body.actual),
  );

  route(app, monitoring.setObjectiveReport, 'performance.report', async (request) =>
    setObjectiveReport(ctx, actorOf(request), request.params.id, request.params.objectiveId, request.body.report),
  );

  // ------------------------------------------------------------ revisions and validation
  route(app, revisions.reviseObjective, 'performance.manage', async (request, reply) =>
    reply.code(201).send(await reviseObjective(ctx, actorOf(request), request.params.id, request.params.objectiveId, request.body)),
  );

  route(app, validation.validatePlan, 'performance.evaluate', async (request) => validateScores(ctx, actorOf(request), request.params.id, request.body));

  // ------------------------------------------------------------ authoring (a plan written in the application)
  route(app, authoring.createPlan, 'performance.manage', async (request, reply) => reply.code(201).send(await createPlan(ctx, actorOf(request), request.body)));

  route(app, authoring.addCentre, 'performance.manage', async (request, reply) => reply.code(201).send(await addCentre(ctx, actorOf(request), request.params.id, request.body)));

  route(app, authoring.addObjective, 'performance.manage', async (request, reply) =>
    reply.code(201).send(await addObjective(ctx, actorOf(request), request.params.id, request.params.centreId, request.body)),
  );

  route(app, authoring.addActivity, 'performance.manage', async (request, reply) =>
    reply.code(201).send(await addActivity(ctx, actorOf(request), request.params.id, request.params.objectiveId, request.body)),
  );

  route(app, authoring.addIndicator, 'performance.manage', async (request, reply) =>
    reply.code(201).send(await addIndicator(ctx, actorOf(request), request.params.id, request.params.objectiveId, request.body)),
  );

  route(app, authoring.setScoring, 'performance.manage', async (request) => setScoring(ctx, actorOf(request), request.params.id, request.body));
};
