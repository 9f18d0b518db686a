/** "What needs me now": the home page's list of work waiting for the signed-in user (src/domain/todo.ts). */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { CalendarDateSchema, Money, problemResponses } from './common.ts';

const Count = Type.Integer({ minimum: 0 });

export const TodoItem = Type.Union([
  Type.Object({ kind: Type.Literal('reports_to_verify'), reports: Count, lines: Count }),
  Type.Object({ kind: Type.Literal('corrections_pending'), requests: Count, mine: Type.Boolean({ description: 'richieste del proprio distretto, in attesa della Regione' }) }),
  Type.Object({ kind: Type.Literal('tranche'), fund: Type.String(), year: Type.Integer(), gatingAnnuality: Type.Integer(), eligible: Type.Boolean(), missingToThreshold: Money }),
  Type.Object({ kind: Type.Literal('reports_late'), expenseYear: Type.Integer(), districts: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('report_due'), district: Type.String(), expenseYear: Type.Integer(), deadline: CalendarDateSchema, daysLeft: Count }),
  Type.Object({ kind: Type.Literal('report_late'), district: Type.String(), expenseYear: Type.Integer(), deadline: CalendarDateSchema, daysLate: Count }),
  Type.Object({ kind: Type.Literal('objectives_to_report'), planId: Type.Integer(), body: Type.String(), year: Type.Integer(), objectives: Count }),
  Type.Object({ kind: Type.Literal('plan_to_validate'), planId: Type.Integer(), body: Type.String(), year: Type.Integer() }),
]);
export type TodoItem = Static<typeof TodoItem>;

export const getTodo = endpoint('GET', '/api/todo', {
  tags: ['Attività'],
  summary: "Cosa mi aspetta: il lavoro in attesa dell'utente, dal più urgente (scadenze passate, vicine, il resto)",
  response: { 200: Type.Object({ today: CalendarDateSchema, items: Type.Array(TodoItem) }), ...problemResponses },
});
