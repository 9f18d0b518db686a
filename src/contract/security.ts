/** Security events for administrators and auditors (ASVS 4 V7): sign-ins, refusals, exports. */
import { Type, type Static } from 'typebox';
import { securityEventKinds } from '../domain/auth/security-events.ts';
import { endpoint } from './endpoint.ts';
import { CalendarDateSchema, PageQuery, pageOf, problemResponses } from './common.ts';

const Kind = Type.Enum(securityEventKinds);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const SecurityEvent = Type.Object({
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
export type SecurityEvent = Static<typeof SecurityEvent>;

export const listSecurityEvents = endpoint('GET', '/api/security-events', {
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
});
