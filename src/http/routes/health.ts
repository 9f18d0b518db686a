import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { demoActive } from '../../services/demo.ts';
import * as contract from '../../contract/health.ts';
import { route } from '../route.ts';

export const healthRoutes = (ctx: ServiceContext, version: string) => async (app: FastifyInstance) => {
  route(app, contract.getHealth, 'public', async () => ({ status: 'ok' as const, version, engine: ctx.database.engine, demo: await demoActive(ctx) }));
};
