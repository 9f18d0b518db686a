/** An objective updated or suspended by a board resolution (act of type CDA); the earlier version is kept. */
import { Type } from 'typebox';
import { revisableFields } from '../../domain/performance/plan.ts';
import { endpoint } from '../endpoint.ts';
import { ActRef, CalendarDateSchema, Id, problemResponses } from '../common.ts';
import { tags } from './schemas.ts';
import { RevisionKindSchema } from './readouts.ts';

const Changes = Type.Partial(Type.Object(Object.fromEntries(revisableFields.map((f) => [f, Type.String({ maxLength: 20_000 })])) as Record<(typeof revisableFields)[number], ReturnType<typeof Type.String>>));

export const reviseObjective = endpoint('POST', '/api/performance/plans/:id/objectives/:objectiveId/revisions', {
  tags,
  summary: "Aggiorna o sospende un obiettivo con una deliberazione del CdA (atto di tipo CDA); la versione precedente resta",
  params: Type.Object({ id: Id, objectiveId: Id }),
  body: Type.Object({ kind: RevisionKindSchema, actId: Id, date: Type.Optional(CalendarDateSchema), changes: Type.Optional(Changes) }),
  response: { 201: Type.Object({ objectiveId: Type.Integer(), version: Type.Integer(), kind: RevisionKindSchema, act: ActRef, date: Type.String() }), ...problemResponses },
});
