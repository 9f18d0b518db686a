import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { todoOf } from '../../services/todo.ts';
import { getTodo } from '../../contract/todo.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const todoRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, getTodo, 'session', async (request) => todoOf(ctx, actorOf(request)));
};
