/**
 * National funds from decree to verification (src/contract/fund-programming.ts,
 * fund-reporting.ts, fund-review.ts): each route is its contract, an access rule and a service call.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as programming from '../../services/funds/programming.ts';
import * as reporting from '../../services/funds/reporting.ts';
import * as review from '../../services/funds/review.ts';
import { cents } from '../../domain/money.ts';
import { invalid } from '../../domain/errors.ts';
import * as national from '../../contract/fund-programming.ts';
import * as reports from '../../contract/fund-reporting.ts';
import * as checks from '../../contract/fund-review.ts';
import type { ExpenseBody } from '../../contract/fund-reporting.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';
import { toSplit } from '../split-body.ts';
import { sendProblem } from '../problem.ts';
import { withUploads } from '../upload-folder.ts';
import { errorCount } from '../../exchange/issues.ts';

const toExpense = (b: ExpenseBody): reporting.ExpenseInput => ({ ...b, amount: cents(b.amount) });

const programmingRoutes = (ctx: ServiceContext, app: FastifyInstance) => {
  route(app, national.listFunds, 'funds.read', async (request) => programming.listFunds(ctx, actorOf(request)));

  route(app, national.createFund, 'funds.manage', async (request, reply) => reply.code(201).send(await programming.createFund(ctx, actorOf(request), request.body)));

  route(app, national.recordAllocation, 'funds.manage', async (request) =>
    programming.recordAllocation(ctx, actorOf(request), request.params.fund, { ...request.body, allocated: cents(request.body.allocated) }),
  );

  route(app, national.getAnnuality, 'funds.read', async (request) => programming.annualityDetail(ctx, actorOf(request), request.params.fund, request.params.annuality));

  route(app, national.programLine, 'funds.manage', async (request) =>
    programming.programLine(ctx, actorOf(request), request.params.fund, request.params.annuality, { ...request.body, amount: cents(request.body.amount) }),
  );

  route(app, national.recordTransmission, 'funds.manage', async (request) =>
    programming.recordTransmission(ctx, actorOf(request), request.params.fund, request.params.annuality, request.body),
  );

  route(app, national.setGatingRule, 'funds.manage', async (request) =>
    programming.setGatingRule(ctx, actorOf(request), request.params.fund, request.params.annuality, request.body),
  );

  route(app, national.previewLineAssignment, 'funds.read', async (request) => programming.previewLineAssignment(ctx, actorOf(request), toSplit(request.body)));

  route(app, national.assignLine, 'funds.manage', async (request) => {
    const p = request.params;
    return programming.assignLine(ctx, actorOf(request), p.fund, p.annuality, p.line, { ...toSplit(request.body), actId: request.body.actId });
  });

  route(app, national.checkDisbursement, 'funds.read', async (request) =>
    programming.checkDisbursement(ctx, actorOf(request), request.params.fund, request.params.annuality, request.query.district),
  );

  route(app, national.disburse, 'funds.manage', async (request) =>
    programming.disburse(ctx, actorOf(request), request.params.fund, request.params.annuality, { ...request.body, amount: cents(request.body.amount) }),
  );
};

const reportingRoutes = (ctx: ServiceContext, app: FastifyInstance) => {
  route(app, reports.getDistrictFunds, 'funds.read', async (request) => reporting.districtFunds(ctx, actorOf(request), request.params.code));

  route(app, reports.getReport, 'funds.read', async (request) => reporting.getReport(ctx, actorOf(request), request.params.code, request.params.year, request.query));

  route(app, reports.addExpenseLine, 'funds.report', async (request, reply) =>
    reply.code(201).send(await reporting.addExpenseLine(ctx, actorOf(request), request.params.code, request.params.year, toExpense(request.body))),
  );

  route(app, reports.updateExpenseLine, 'funds.report', async (request) => {
    const p = request.params;
    return reporting.updateExpenseLine(ctx, actorOf(request), p.code, p.year, p.id, toExpense(request.body));
  });

  route(app, reports.deleteExpenseLine, 'funds.report', async (request, reply) => {
    await reporting.deleteExpenseLine(ctx, actorOf(request), request.params.code, request.params.id);
    return reply.code(204).send(null);
  });

  route(app, reports.uploadExpenses, 'funds.report', async (request, reply) => {
    const p = request.params;
    if (!request.isMultipart()) throw invalid('upload.not_multipart', 'Inviare il file come multipart/form-data');
    const result = await withUploads(request, { fileSize: 100 * 1024 * 1024, files: 1 }, async (files) => {
      const file = files[0];
      if (!file) throw invalid('upload.no_file', 'Nessun file ricevuto');
      return reporting.uploadExpenses(ctx, actorOf(request), p.code, p.year, { name: file.filename, source: createReadStream(file.filepath) });
    });
    if (!result.ok) return sendProblem(reply, 422, 'upload.rejected', `File non caricato: ${errorCount(result.count)}, nessuna spesa salvata`, result.errors);
    return result.receipt;
  });

  route(app, reports.submitReport, 'funds.report', async (request) => reporting.submitReport(ctx, actorOf(request), request.params.code, request.params.year));

  route(app, reports.getReceipt, 'funds.read', async (request, reply) => {
    const id = request.params.id;
    const receipt = await reporting.getReceipt(ctx, actorOf(request), id);
    if (request.query.download) reply.header('content-disposition', `attachment; filename="ricevuta-${id}.json"`);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(receipt, null, 2));
  });
};

const reviewRoutes = (ctx: ServiceContext, app: FastifyInstance) => {
  route(app, checks.listLinesToVerify, 'funds.read', async (request) => {
    const { district, status } = request.query;
    return review.listLinesToVerify(ctx, actorOf(request), { ...request.params, district, status }, request.query);
  });

  route(app, checks.verifyExpenseLine, 'funds.manage', async (request) => {
    const b = request.body;
    const input: review.VerifyInput = b.action === 'recognise_part' ? { ...b, recognised: cents(b.recognised) } : b;
    return review.verifyExpenseLine(ctx, actorOf(request), request.params.id, input);
  });

  route(app, checks.requestCorrection, 'funds.report', async (request, reply) => {
    const b = request.body;
    return reply.code(201).send(await review.requestCorrection(ctx, actorOf(request), request.params.id, { ...b, amount: b.amount === undefined ? undefined : cents(b.amount) }));
  });

  route(app, checks.listCorrections, 'funds.read', async (request) => review.listCorrections(ctx, actorOf(request), request.query.status, request.query));

  route(app, checks.decideCorrection, 'funds.manage', async (request) => review.decideCorrection(ctx, actorOf(request), request.params.id, request.body));
};

export const fundWorkflowRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  programmingRoutes(ctx, app);
  reportingRoutes(ctx, app);
  reviewRoutes(ctx, app);
};
