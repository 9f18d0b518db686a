import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as contract from '../../contract/fund-closing.ts';
import { acknowledgeReport, getAcknowledgement, listAcknowledgements } from '../../services/funds/closing/acknowledge.ts';
import { redetermineResidual } from '../../services/funds/closing/redetermine.ts';
import { ledgerOf, recordOffset, recordRepayment } from '../../services/funds/closing/ledger.ts';
import { ddInput, destinationInput } from '../../services/funds/closing/inputs.ts';
import { cents } from '../../domain/money.ts';
import { acknowledgementActDocx, acknowledgementActPdf } from '../../services/funds/closing/act-document.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

const download = (reply: FastifyReply, type: string, file: { fileName: string; content: Buffer }) =>
  reply.type(type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.content);

export const fundClosingRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.acknowledgeReport, 'funds.manage', async (request, reply) => {
    const { fund, annuality } = request.params;
    const made = await acknowledgeReport(ctx, actorOf(request), { fund, annuality, district: request.body.district, act: ddInput(request.body.act) });
    return reply.code(201).send(made);
  });
  route(app, contract.listAcknowledgements, 'funds.read', async (request) =>
    listAcknowledgements(ctx, actorOf(request), { fund: request.params.fund, annuality: request.params.annuality, district: request.query.district }),
  );
  route(app, contract.getAcknowledgement, 'funds.read', async (request) => getAcknowledgement(ctx, actorOf(request), request.params.id));
  route(app, contract.redetermine, 'funds.manage', async (request) => {
    const b = request.body;
    return redetermineResidual(ctx, actorOf(request), {
      fund: request.params.fund,
      annuality: request.params.annuality,
      from: b.from,
      amount: cents(b.amount),
      to: b.to.map(destinationInput),
      settlement: b.settlement,
      act: ddInput(b.act),
    });
  });
  route(app, contract.getLedger, 'funds.read', async (request) => ledgerOf(ctx, actorOf(request), request.params.code));
  route(app, contract.recordRepayment, 'funds.manage', async (request) =>
    recordRepayment(ctx, actorOf(request), request.params.id, { amount: cents(request.body.amount), paidOn: request.body.paidOn, reference: request.body.reference }),
  );
  route(app, contract.recordOffset, 'funds.manage', async (request) =>
    recordOffset(ctx, actorOf(request), request.params.id, {
      disbursementId: request.body.disbursementId,
      amount: request.body.amount === undefined ? undefined : cents(request.body.amount),
    }),
  );
  route(app, contract.acknowledgementDocx, 'funds.read', async (request, reply) =>
    download(reply, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await acknowledgementActDocx(ctx, actorOf(request), request.params.id)),
  );
  route(app, contract.acknowledgementPdf, 'funds.read', async (request, reply) => download(reply, 'application/pdf', await acknowledgementActPdf(ctx, actorOf(request), request.params.id)));
};
