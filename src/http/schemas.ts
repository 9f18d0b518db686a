/** Shared TypeBox schemas: they validate requests, shape responses and make the OpenAPI document. */
import { Type, type Static } from 'typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.String())),
  },
  { $id: 'Problem', description: 'application/problem+json, messaggio in italiano' },
);

export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const CalendarDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'AAAA-MM-GG' });

export const ActRef = Type.Object({ id: Type.Integer(), type: Type.String(), number: Type.String(), date: Type.String() });

export const Attachment = Type.Object({ fileName: Type.String(), bytes: Type.Integer(), sha256: Type.String(), storedAt: Type.String() });

export const Act = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  number: Type.String(),
  date: Type.String(),
  issuingOffice: Type.String(),
  subject: Type.String(),
  attachment: Type.Union([Attachment, Type.Null()]),
});

export const User = Type.Object({
  username: Type.String(),
  role: Type.String(),
  districts: Type.Array(Type.String()),
  centres: Type.Array(Type.String(), { description: 'Centri di responsabilità di un responsabile di area' }),
  body: Type.Union([Type.String(), Type.Null()], { description: 'Ente per cui lavora (un consorzio), se indicato' }),
  displayName: Type.String(),
});
export type UserT = Static<typeof User>;
