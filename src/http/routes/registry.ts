import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as registry from '../../services/registry.ts';
import * as contract from '../../contract/registry.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const registryRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.getRegion, 'registry.read', async (request) => registry.getRegion(ctx, actorOf(request)));

  route(app, contract.listDistricts, 'registry.read', async (request) =>
    registry.listDistricts(ctx, actorOf(request), request.query.q, request.query, request.session?.auditHead),
  );

  route(app, contract.getDistrict, 'registry.read', async (request) => registry.getDistrict(ctx, actorOf(request), request.params.code));

  route(app, contract.changeLeadBody, 'registry.write', async (request) =>
    registry.changeLeadBody(ctx, actorOf(request), request.params.code, request.body),
  );

  route(app, contract.listMunicipalities, 'registry.read', async (request) => registry.listMunicipalities(ctx, actorOf(request), request.query, request.query));

  route(app, contract.listBodies, 'registry.read', async (request) => registry.listBodies(ctx, actorOf(request), request.query, request.query));

  route(app, contract.createBody, 'registry.write', async (request, reply) =>
    reply.code(201).send(await registry.createBody(ctx, actorOf(request), request.body)),
  );
};
