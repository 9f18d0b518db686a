import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { demoUsers } from '../../services/users.ts';
import { DEMO_PASSWORD } from '../../services/demo-users.ts';

const DemoInfo = Type.Object({
  password: Type.String(),
  users: Type.Array(Type.Object({ username: Type.String(), role: Type.String(), districts: Type.Array(Type.String()), centres: Type.Array(Type.String()) })),
});

export const healthRoutes = (ctx: ServiceContext, version: string) => async (app: FastifyInstance) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Sistema'],
        summary: 'Stato del servizio; se i dati dimostrativi sono caricati, come accedere',
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), engine: Type.String(), demo: Type.Union([DemoInfo, Type.Null()]) }) },
      },
    },
    async () => {
      const users = await demoUsers(ctx);
      return { status: 'ok' as const, version, engine: ctx.database.engine, demo: users.length ? { password: DEMO_PASSWORD, users } : null };
    },
  );
};
