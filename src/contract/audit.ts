/** The activity log (who changed what, chained and signed) and its check. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { ActRef, CalendarDateSchema, PageQuery, pageOf, problemResponses } from './common.ts';

const tags = ['Registro attività'];

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown({ description: 'Lo stato prima della modifica, come registrato' }),
  after: Type.Unknown({ description: 'Lo stato dopo la modifica, come registrato' }),
  actId: Type.Union([Type.Integer(), Type.Null()]),
  act: Type.Union([ActRef, Type.Null()]),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const listAudit = endpoint('GET', '/api/audit', {
  tags,
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
  response: { 200: pageOf(AuditEntry), ...problemResponses },
});

export const AuditVerification = Type.Object({ intact: Type.Boolean(), entries: Type.Integer(), firstBroken: Type.Union([Type.Integer(), Type.Null()]), message: Type.String() });
export type AuditVerification = Static<typeof AuditVerification>;

export const verifyAudit = endpoint('GET', '/api/audit/verify', {
  tags,
  summary: "Verifica la catena del registro con la chiave e con l'ultimo punto di controllo scritto fuori dal database",
  response: { 200: AuditVerification, ...problemResponses },
});
