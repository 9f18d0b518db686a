/** Security events for administrators and auditors (ASVS 4 V7): sign-ins, refusals, exports. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { listSecurityEvents } from '../../services/security-events.ts';
import { securityEventKinds } from '../../domain/auth/security-events.ts';
import type { SecurityEventFilter } from '../../db/repositories/security-events.ts';
import { actorOf } from '../access.ts';
import { CalendarDateSchema, PageQuery, pageOf, problemResponses } from '../../contract/common.ts';

const Kind = Type.Union(securityEventKinds.map((k) => Type.Literal(k)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const SecurityEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: 'Primo evento del gruppo (ISO 8601)' }),
  lastAt: Type.String({ description: 'Ultimo evento del gruppo: gli eventi identici di uno stesso minuto sono contati in una riga' }),
  count: Type.Integer({ minimum: 1 }),
  kind: Kind,
  username: Nullable(Type.String({ description: 'Come digitato all’accesso, o l’utente della sessione' })),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  address: Nullable(Type.String()),
  route: Nullable(Type.String({ description: 'Metodo e percorso della rotta, senza parametri di ricerca' })),
  detail: Nullable(Type.String()),
});

export const securityEventRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/security-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['Registro attività'],
        summary: 'Eventi di sicurezza (solo amministratori e revisori), dal più recente: accessi, uscite, accessi non riusciti o bloccati, rifiuti, cambi di password, esportazioni',
        querystring: Type.Object({
          kind: Type.Optional(Kind),
          username: Type.Optional(Type.String({ maxLength: 64 })),
          address: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(CalendarDateSchema),
          to: Type.Optional(CalendarDateSchema),
          ...PageQuery,
        }),
        response: { 200: pageOf(SecurityEvent), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as SecurityEventFilter & { page: number; pageSize: number };
      return listSecurityEvents(ctx, actorOf(request), q, q);
    },
  );
};
