/** The register of acts (DM, DGR, DD…): list, read, record, attach a file and download it. */
import { Type } from 'typebox';
import { endpoint } from './endpoint.ts';
import { Act, ActTypeSchema, CalendarDateSchema, Id, PageQuery, SearchText, Year, pageOf, problemResponses } from './common.ts';

const tags = ['Atti'];
const IdParams = Type.Object({ id: Id });

export const listActs = endpoint('GET', '/api/acts', {
  tags,
  summary: 'Registro degli atti, dal più recente',
  querystring: Type.Object({ q: Type.Optional(SearchText), type: Type.Optional(ActTypeSchema), year: Type.Optional(Year), ...PageQuery }),
  response: { 200: pageOf(Act), ...problemResponses },
});

export const getAct = endpoint('GET', '/api/acts/:id', {
  tags,
  summary: 'Un atto',
  params: IdParams,
  response: { 200: Act, ...problemResponses },
});

export const createAct = endpoint('POST', '/api/acts', {
  tags,
  summary: 'Registra un atto (tipo, numero, data, ufficio, oggetto)',
  body: Type.Object({
    type: ActTypeSchema,
    number: Type.String({ minLength: 1, maxLength: 50 }),
    date: CalendarDateSchema,
    issuingOffice: Type.Optional(Type.String({ maxLength: 200 })),
    subject: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  response: { 201: Act, ...problemResponses },
});

/** Multipart: one file (the form's only part); the answer is the act with its attachment's receipt. */
export const attachToAct = endpoint('POST', '/api/acts/:id/attachment', {
  tags,
  summary: "Allega un file all'atto (multipart, un file fino a 20 MB); risponde con la ricevuta",
  params: IdParams,
  consumes: ['multipart/form-data'],
  response: { 200: Act, ...problemResponses },
});

/** The file as it was attached, with its own media type: a link in the web, not a JSON call. */
export const downloadAttachment = endpoint('GET', '/api/acts/:id/attachment', {
  tags,
  summary: "Scarica l'allegato dell'atto",
  params: IdParams,
  produces: ['application/octet-stream'],
  response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: "Il file allegato, con il suo tipo e nome (content-disposition)" }), ...problemResponses },
});
