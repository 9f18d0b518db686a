/** XLSX exports of the working tables (src/contract/exports.ts); each export is a security event (security-events.ts). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as exports from '../../services/exports.ts';
import * as contract from '../../contract/exports.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const send = (reply: FastifyReply, file: exports.ExportFile) =>
  reply.type(XLSX).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.content);

export const exportRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.exportCompliance, 'funds.read', async (request, reply) =>
    send(reply, await exports.complianceXlsx(ctx, actorOf(request), request.params.fund, request.params.annuality)),
  );
  route(app, contract.exportExpenseLines, 'funds.read', async (request, reply) =>
    send(reply, await exports.expenseLinesXlsx(ctx, actorOf(request), request.params.fund, request.params.annuality, request.query)),
  );
  route(app, contract.exportActs, 'acts.read', async (request, reply) => send(reply, await exports.actsXlsx(ctx, actorOf(request), request.query)));
  route(app, contract.exportCorrections, 'funds.read', async (request, reply) => send(reply, await exports.correctionsXlsx(ctx, actorOf(request), request.query.status)));
  route(app, contract.exportUsers, 'users.manage', async (request, reply) => send(reply, await exports.usersXlsx(ctx, actorOf(request))));
  route(app, contract.exportAudit, 'audit.read', async (request, reply) => send(reply, await exports.auditXlsx(ctx, actorOf(request), request.query)));
};
