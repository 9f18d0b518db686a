import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { changeLeadBody, createBody, getDistrict, getRegion, listBodies, listDistricts, listMunicipalities } from '../../services/registry.ts';
import { bodyKinds } from '../../db/schema/index.ts';
import { actorOf } from '../access.ts';
import { ActRef, CalendarDateSchema, PageQuery, pageOf, problemResponses } from '../schemas.ts';

const DistrictSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  leadBody: Type.String(),
  managementForm: Type.Union([Type.String(), Type.Null()]),
  municipalityCount: Type.Integer(),
  population: Type.Integer(),
});

const Municipality = Type.Object({ istatCode: Type.String(), name: Type.String(), population: Type.Integer() });

const DistrictDetail = Type.Object({
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

const Body = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  taxCode: Type.Union([Type.String(), Type.Null()]),
  district: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
});

const tags = ['Anagrafe'];

export const registryRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/region',
    { config: { access: 'registry.read' }, schema: { tags, summary: 'La Regione', response: { 200: Type.Object({ code: Type.String(), name: Type.String() }), ...problemResponses } } },
    async (request) => getRegion(ctx, actorOf(request)),
  );

  app.get(
    '/api/districts',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Distretti sociosanitari, con ricerca e paginazione',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }),
        response: { 200: pageOf(DistrictSummary), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; page: number; pageSize: number };
      return listDistricts(ctx, actorOf(request), q.q, q, request.session?.auditHead);
    },
  );

  app.get(
    '/api/districts/:code',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: 'Un distretto con i suoi comuni e la storia dei capofila', params: Type.Object({ code: Type.String({ maxLength: 32 }) }), response: { 200: DistrictDetail, ...problemResponses } },
    },
    async (request) => getDistrict(ctx, actorOf(request), (request.params as { code: string }).code),
  );

  app.put(
    '/api/districts/:code/lead-body',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: "Cambio dell'ente capofila da una data, con l'atto che lo dispone",
        params: Type.Object({ code: Type.String({ maxLength: 32 }) }),
        body: Type.Object({ leadBody: Type.String({ minLength: 1, maxLength: 200 }), validFrom: CalendarDateSchema, actId: Type.Integer({ minimum: 1 }) }),
        response: { 200: DistrictDetail, ...problemResponses },
      },
    },
    async (request) => changeLeadBody(ctx, actorOf(request), (request.params as { code: string }).code, request.body as { leadBody: string; validFrom: string; actId: number }),
  );

  app.get(
    '/api/municipalities',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Comuni (codice ISTAT, popolazione, distretto)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), district: Type.Optional(Type.String({ maxLength: 32 })), ...PageQuery }),
        response: { 200: pageOf(Type.Object({ istatCode: Type.String(), name: Type.String(), population: Type.Integer(), district: Type.Union([Type.String(), Type.Null()]) })), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; district?: string; page: number; pageSize: number };
      return listMunicipalities(ctx, actorOf(request), q, q);
    },
  );

  app.get(
    '/api/bodies',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Altri enti: ASL, consorzi, ASP, terzo settore',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(Type.Union(bodyKinds.map((k) => Type.Literal(k)))), ...PageQuery }),
        response: { 200: pageOf(Body), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; kind?: string; page: number; pageSize: number };
      return listBodies(ctx, actorOf(request), q, q);
    },
  );

  app.post(
    '/api/bodies',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: 'Registra un ente',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Type.Union(bodyKinds.map((k) => Type.Literal(k))),
          taxCode: Type.Optional(Type.Union([Type.String({ maxLength: 16 }), Type.Null()])),
          district: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
          notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
        }),
        response: { 201: Body, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createBody(ctx, actorOf(request), request.body as { name: string; kind: string })),
  );
};
