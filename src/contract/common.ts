/**
 * The schemas every area's contract shares: money, codes, years, dates, ids, pages, problems.
 * They validate requests, shape answers, make the OpenAPI document and type the web's calls.
 */
import { Type, type Static } from 'typebox';
import { actTypes } from '../domain/acts.ts';
import { roles } from '../domain/auth/roles.ts';

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

/** An amount of money in integer euro cents (never a float of euros). */
export const Money = Type.Integer({ description: 'centesimi di euro' });
/** An amount that may not be negative: what a user asks to allocate, assign, pay. */
export const NonNegativeMoney = Type.Integer({ minimum: 0, description: 'centesimi di euro' });
/** A code of a fund, line, district or centre as the exchange files write it. */
export const Code = Type.String({ minLength: 1, maxLength: 40 });
/** A district's code in a path or filter. */
export const DistrictCode = Type.String({ maxLength: 32 });
/** An annuality or a calendar year. */
export const Year = Type.Integer({ minimum: 1900, maximum: 2999 });
/** The id of a stored record (an act, a plan, a line…). */
export const Id = Type.Integer({ minimum: 1 });
/** A free-text search. */
export const SearchText = Type.String({ maxLength: 100 });

/** The kind of an act: DM, DGR, DD, CDA… (src/domain/acts.ts). */
export const ActTypeSchema = Type.Enum(actTypes);

export const ActRef = Type.Object({ id: Type.Integer(), type: ActTypeSchema, number: Type.String(), date: Type.String() });

export const Attachment = Type.Object({ fileName: Type.String(), bytes: Type.Integer(), sha256: Type.String(), storedAt: Type.String() });

export const Act = Type.Object({
  id: Type.Integer(),
  type: ActTypeSchema,
  number: Type.String(),
  date: Type.String(),
  issuingOffice: Type.String(),
  subject: Type.String(),
  attachment: Type.Union([Attachment, Type.Null()]),
});
export type Act = Static<typeof Act>;

export const User = Type.Object({
  username: Type.String(),
  role: Type.Enum(roles),
  districts: Type.Array(Type.String()),
  centres: Type.Array(Type.String(), { description: 'Centri di responsabilità di un responsabile di area' }),
  body: Type.Union([Type.String(), Type.Null()], { description: 'Ente per cui lavora (un consorzio), se indicato' }),
  displayName: Type.String(),
});
export type UserT = Static<typeof User>;

/** A file answered as a download (CSV, XLSX, JSON kept as stored): bytes, not a JSON value. */
export const FileDownload = Type.Unsafe<Uint8Array | string>({ type: 'string', format: 'binary', description: 'il file' });
