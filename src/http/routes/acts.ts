import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { attachToAct, createAct, getAct, listActs, readAttachment, MAX_ATTACHMENT_BYTES } from '../../services/acts.ts';
import { actTypes } from '../../db/schema/index.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { Act, CalendarDateSchema, PageQuery, pageOf, problemResponses } from '../../contract/common.ts';

const tags = ['Atti'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const actRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/acts',
    {
      config: { access: 'acts.read' },
      schema: {
        tags,
        summary: 'Registro degli atti, dal più recente',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          type: Type.Optional(Type.Union(actTypes.map((t) => Type.Literal(t)))),
          year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
          ...PageQuery,
        }),
        response: { 200: pageOf(Act), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; type?: string; year?: number; page: number; pageSize: number };
      return listActs(ctx, actorOf(request), q, q);
    },
  );

  app.get(
    '/api/acts/:id',
    { config: { access: 'acts.read' }, schema: { tags, summary: 'Un atto', params: IdParams, response: { 200: Act, ...problemResponses } } },
    async (request) => getAct(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.post(
    '/api/acts',
    {
      config: { access: 'acts.write' },
      schema: {
        tags,
        summary: 'Registra un atto (tipo, numero, data, ufficio, oggetto)',
        body: Type.Object({
          type: Type.Union(actTypes.map((t) => Type.Literal(t))),
          number: Type.String({ minLength: 1, maxLength: 50 }),
          date: CalendarDateSchema,
          issuingOffice: Type.Optional(Type.String({ maxLength: 200 })),
          subject: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 201: Act, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createAct(ctx, actorOf(request), request.body as { type: string; number: string; date: string })),
  );

  app.post(
    '/api/acts/:id/attachment',
    {
      config: { access: 'acts.write' },
      schema: { tags, summary: "Allega un file all'atto (multipart, un file fino a 20 MB); risponde con la ricevuta", params: IdParams, consumes: ['multipart/form-data'], response: { 200: Act, ...problemResponses } },
    },
    async (request) => {
      const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
      const content = await file.toBuffer();
      return attachToAct(ctx, actorOf(request), (request.params as { id: number }).id, { fileName: file.filename, mediaType: file.mimetype, content });
    },
  );

  app.get(
    '/api/acts/:id/attachment',
    { config: { access: 'acts.read' }, schema: { tags, summary: "Scarica l'allegato dell'atto", params: IdParams } },
    async (request, reply) => {
      const file = await readAttachment(ctx, actorOf(request), (request.params as { id: number }).id);
      return reply
        .type(file.mediaType || 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(Buffer.from(file.content));
    },
  );
};
