/** The registry's endpoints: the Region, districts with their municipalities and lead bodies, other bodies. */
import { Type, type Static } from 'typebox';
import { bodyKinds } from '../domain/registry.ts';
import { endpoint } from './endpoint.ts';
import { ActRef, CalendarDateSchema, DistrictCode, Id, PageQuery, SearchText, pageOf, problemResponses } from './common.ts';

const tags = ['Anagrafe'];

export const DistrictSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  leadBody: Type.String(),
  managementForm: Type.Union([Type.String(), Type.Null()]),
  municipalityCount: Type.Integer(),
  population: Type.Integer(),
});
export type DistrictSummary = Static<typeof DistrictSummary>;

export const Municipality = Type.Object({ istatCode: Type.String(), name: Type.String(), population: Type.Integer() });

export const DistrictDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  leadBody: Type.String(),
  managementForm: Type.Union([Type.String(), Type.Null()]),
  population: Type.Integer(),
  municipalities: Type.Array(Municipality),
  leadBodyHistory: Type.Array(
    Type.Object({
      leadBody: Type.String(),
      validFrom: Type.Union([Type.String(), Type.Null()]),
      validTo: Type.Union([Type.String(), Type.Null()]),
      act: Type.Union([ActRef, Type.Null()]),
    }),
  ),
});
export type DistrictDetail = Static<typeof DistrictDetail>;

export const MunicipalityRow = Type.Object({ istatCode: Type.String(), name: Type.String(), population: Type.Integer(), district: Type.Union([Type.String(), Type.Null()]) });
export type MunicipalityRow = Static<typeof MunicipalityRow>;

const BodyKindSchema = Type.Enum(bodyKinds);

export const Body = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  taxCode: Type.Union([Type.String(), Type.Null()]),
  district: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
});
export type Body = Static<typeof Body>;

const DistrictParams = Type.Object({ code: DistrictCode });

export const getRegion = endpoint('GET', '/api/region', {
  tags,
  summary: 'La Regione',
  response: { 200: Type.Object({ code: Type.String(), name: Type.String() }), ...problemResponses },
});

export const listDistricts = endpoint('GET', '/api/districts', {
  tags,
  summary: 'Distretti sociosanitari, con ricerca e paginazione',
  querystring: Type.Object({ q: Type.Optional(SearchText), ...PageQuery }),
  response: { 200: pageOf(DistrictSummary), ...problemResponses },
});

export const getDistrict = endpoint('GET', '/api/districts/:code', {
  tags,
  summary: 'Un distretto con i suoi comuni e la storia dei capofila',
  params: DistrictParams,
  response: { 200: DistrictDetail, ...problemResponses },
});

export const changeLeadBody = endpoint('PUT', '/api/districts/:code/lead-body', {
  tags,
  summary: "Cambio dell'ente capofila da una data, con l'atto che lo dispone",
  params: DistrictParams,
  body: Type.Object({ leadBody: Type.String({ minLength: 1, maxLength: 200 }), validFrom: CalendarDateSchema, actId: Id }),
  response: { 200: DistrictDetail, ...problemResponses },
});

export const listMunicipalities = endpoint('GET', '/api/municipalities', {
  tags,
  summary: 'Comuni (codice ISTAT, popolazione, distretto)',
  querystring: Type.Object({ q: Type.Optional(SearchText), district: Type.Optional(DistrictCode), ...PageQuery }),
  response: { 200: pageOf(MunicipalityRow), ...problemResponses },
});

export const listBodies = endpoint('GET', '/api/bodies', {
  tags,
  summary: 'Altri enti: ASL, consorzi, ASP, terzo settore',
  querystring: Type.Object({ q: Type.Optional(SearchText), kind: Type.Optional(BodyKindSchema), ...PageQuery }),
  response: { 200: pageOf(Body), ...problemResponses },
});

export const createBody = endpoint('POST', '/api/bodies', {
  tags,
  summary: 'Registra un ente',
  body: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: BodyKindSchema,
    taxCode: Type.Optional(Type.Union([Type.String({ maxLength: 16 }), Type.Null()])),
    district: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  }),
  response: { 201: Body, ...problemResponses },
});
