/** Whether the service is up, and whether the demo data set is on. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  engine: Type.Enum(['pglite', 'postgres']),
  demo: Type.Boolean({ description: 'Dati dimostrativi attivi: i loro utenti sono una costante pubblicata (src/domain/demo-users.ts)' }),
});
export type Health = Static<typeof Health>;

// Public: it says nothing about users. The demo accounts are a published constant of the demo
// data set (src/domain/demo-users.ts), which the start page shows when `demo` is true.
export const getHealth = endpoint('GET', '/api/health', {
  tags: ['Sistema'],
  summary: 'Stato del servizio e se i dati dimostrativi sono attivi (nessun dato sugli utenti)',
  response: { 200: Health },
});
