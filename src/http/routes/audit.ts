import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { listAudit, verifyAudit } from '../../services/audit-log.ts';
import { auditCheckMessage } from '../../domain/audit/messages.ts';
import * as contract from '../../contract/audit.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const auditRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listAudit, 'audit.read', async (request) => listAudit(ctx, actorOf(request), request.query, request.query));

  route(app, contract.verifyAudit, 'audit.read', async (request) => {
    const r = await verifyAudit(ctx, actorOf(request));
    return { intact: r.intact, entries: r.entries, firstBroken: r.intact ? null : r.firstBroken, message: auditCheckMessage(r) };
  });
};
