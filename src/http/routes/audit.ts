import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { listAudit, verifyAudit } from '../../services/audit-log.ts';
import { auditCheckMessage } from '../../domain/audit/messages.ts';
import { actorOf } from '../access.ts';
import { ActRef, CalendarDateSchema, PageQuery, pageOf, problemResponses } from '../../contract/common.ts';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  actId: Type.Union([Type.Integer(), Type.Null()]),
  act: Type.Union([ActRef, Type.Null()]),
  hash: Type.String(),
});

export const auditRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['Registro attività'],
        summary: 'Registro delle attività (solo amministratori e revisori), dal più recente',
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ maxLength: 100 })),
          entityType: Type.Optional(Type.String({ maxLength: 50 })),
          entityId: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(CalendarDateSchema),
          to: Type.Optional(CalendarDateSchema),
          ...PageQuery,
        }),
        response: { 200: pageOf(Entry), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as import("../../db/repositories/audit.ts").AuditFilter & { page: number; pageSize: number };
      return listAudit(ctx, actorOf(request), q, q);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['Registro attività'],
        summary: 'Verifica la catena del registro con la chiave e con l\'ultimo punto di controllo scritto fuori dal database',
        response: {
          200: Type.Object({ intact: Type.Boolean(), entries: Type.Integer(), firstBroken: Type.Union([Type.Integer(), Type.Null()]), message: Type.String() }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const r = await verifyAudit(ctx, actorOf(request));
      return { intact: r.intact, entries: r.entries, firstBroken: r.intact ? null : r.firstBroken, message: auditCheckMessage(r) };
    },
  );
};
