import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as receipts from '../../services/receipts.ts';
import * as contract from '../../contract/receipts.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const receiptRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listReceipts, 'funds.read', async (request) => receipts.listReceipts(ctx, actorOf(request), { district: request.query.district }, request.query));

  route(app, contract.getReceiptPdf, 'funds.read', async (request, reply) => {
    const { content, fileName } = await receipts.receiptDocument(ctx, actorOf(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).send(content);
  });
};
