/** Route groups of later areas (funds, performance, …) register here. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';

export const extraRoutes = (_ctx: ServiceContext) => async (_app: FastifyInstance) => {};
