/** Route groups of the areas beyond the foundation register here. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { fundRoutes } from './funds.ts';
import { importRoutes } from './imports.ts';
import { fundWorkflowRoutes } from './fund-workflows.ts';
import { regionalFundRoutes } from './regional-funds.ts';
import { performanceRoutes } from './performance.ts';
import { userRoutes } from './users.ts';
import { securityEventRoutes } from './security-events.ts';
import { todoRoutes } from './todo.ts';
import { receiptRoutes } from './receipts.ts';
import { exportRoutes } from './exports.ts';
import { bodyEmblemRoutes } from './body-emblem.ts';
import { fundClosingRoutes } from './fund-closing.ts';

export const extraRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  await app.register(fundRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(fundWorkflowRoutes(ctx));
  await app.register(regionalFundRoutes(ctx));
  await app.register(performanceRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(securityEventRoutes(ctx));
  await app.register(todoRoutes(ctx));
  await app.register(receiptRoutes(ctx));
  await app.register(exportRoutes(ctx));
  await app.register(bodyEmblemRoutes(ctx));
  await app.register(fundClosingRoutes(ctx));
};
