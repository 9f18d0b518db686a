/** Security events for administrators and auditors (ASVS 4 V7): sign-ins, refusals, exports. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { listSecurityEvents } from '../../services/security-events.ts';
import * as contract from '../../contract/security.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const securityEventRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listSecurityEvents, 'audit.read', async (request) => listSecurityEvents(ctx, actorOf(request), request.query, request.query));
};
