import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { demoActive } from '../../services/demo.ts';

export const healthRoutes = (ctx: ServiceContext, version: string) => async (app: FastifyInstance) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Sistema'],
        summary: 'Stato del servizio e se i dati dimostrativi sono attivi (nessun dato sugli utenti)',
        // Public: it says nothing about users. The demo accounts are a published constant of the
        // demo data set (src/services/demo-users.ts), which the start page shows when `demo` is true.
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), engine: Type.String(), demo: Type.Boolean() }) },
      },
    },
    async () => ({ status: 'ok' as const, version, engine: ctx.database.engine, demo: await demoActive(ctx) }),
  );
};
