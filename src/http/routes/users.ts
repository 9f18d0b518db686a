/** Local users: the administrator lists them and creates them, each with its role and scope. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { addUser, listUsers, resetPassword, setUserActive } from '../../services/users.ts';
import * as contract from '../../contract/users.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';
import { securityEvent } from '../security-events.ts';

export const userRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listUsers, 'users.manage', async (request) => ({ items: await listUsers(ctx, actorOf(request)) }));

  route(app, contract.createUser, 'users.manage', async (request, reply) => {
    const b = request.body;
    const user = await addUser(ctx, actorOf(request), {
      username: b.username,
      password: b.password,
      role: b.role,
      districts: b.districts ?? [],
      centres: b.centres ?? [],
      body: b.body ?? null,
      ...(b.displayName?.trim() ? { displayName: b.displayName.trim() } : {}),
    });
    return reply.code(201).send(user);
  });

  route(app, contract.setUserActive, 'users.manage', async (request) => setUserActive(ctx, actorOf(request), request.params.username, request.body.active));

  route(app, contract.resetPassword, 'users.manage', async (request) => {
    const admin = actorOf(request);
    const result = await resetPassword(ctx, admin, request.params.username, request.body.password);
    await securityEvent(ctx, request, 'password_reset', { username: result.username, account: result.username, detail: `da ${request.session!.user.username}, sessioni chiuse: ${result.sessionsEnded}` });
    return result;
  });
};
