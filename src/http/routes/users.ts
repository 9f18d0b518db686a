/** Local users: the administrator lists them and creates them, each with its role and scope. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { addUser, listUsers, MIN_PASSWORD_LENGTH, resetPassword, setUserActive } from '../../services/users.ts';
import { MAX_PASSWORD_LENGTH } from '../../domain/auth/password-policy.ts';
import { roles } from '../../domain/auth/roles.ts';
import { actorOf } from '../access.ts';
import { problemResponses, User } from '../../contract/common.ts';
import { securityEvent } from '../security-events.ts';

const tags = ['Utenti'];

export const userRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: 'Utenti (solo amministratori)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...User.properties, active: Type.Boolean() })) }), ...problemResponses } },
    },
    async (request) => ({ items: await listUsers(ctx, actorOf(request)) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Crea un utente locale con ruolo e ambito (distretti di un referente di distretto; ente e centri di un responsabile di area)',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
          role: Type.Union(roles.map((r) => Type.Literal(r))),
          password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: `Almeno ${MIN_PASSWORD_LENGTH} caratteri, non tra le password più comuni` }),
          districts: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 })),
          body: Type.Optional(Type.String({ maxLength: 200 })),
          centres: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
        }),
        response: { 201: User, ...problemResponses },
      },
    },
    async (request, reply) => {
      const b = request.body as { username: string; displayName?: string; role: string; password: string; districts?: string[]; body?: string; centres?: string[] };
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
    },
  );

  app.put(
    '/api/users/:username/active',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Disattiva un utente (le sue sessioni terminano) o lo riattiva; mai cancellato',
        params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ active: Type.Boolean() }),
        response: { 200: Type.Object({ username: Type.String(), active: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request) => setUserActive(ctx, actorOf(request), (request.params as { username: string }).username, (request.body as { active: boolean }).active),
  );

  app.put(
    '/api/users/:username/password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Reimposta la password di un altro utente (tutte le sue sessioni terminano); la propria si cambia con PUT /api/auth/password',
        params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: `Almeno ${MIN_PASSWORD_LENGTH} caratteri, non tra le password più comuni` }) }),
        response: { 200: Type.Object({ username: Type.String(), sessionsEnded: Type.Integer() }), ...problemResponses },
      },
    },
    async (request) => {
      const admin = actorOf(request);
      const result = await resetPassword(ctx, admin, (request.params as { username: string }).username, (request.body as { password: string }).password);
      await securityEvent(ctx, request, 'password_reset', { username: result.username, account: result.username, detail: `da ${request.session!.user.username}, sessioni chiuse: ${result.sessionsEnded}` });
      return result;
    },
  );
};
