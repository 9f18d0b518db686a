/** A body's emblem for the cover of its documents: upload (PNG or JPEG, up to 512 KB), download, removal. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { deleteBodyEmblem, putBodyEmblem, readBodyEmblem } from '../../services/body-emblem.ts';
import { MAX_EMBLEM_BYTES } from '../../domain/emblem.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { problemResponses } from '../schemas.ts';

const tags = ['Anagrafe'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const Emblem = Type.Object({
  bodyId: Type.Integer(),
  mediaType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg')]),
  width: Type.Integer({ description: 'pixel' }),
  height: Type.Integer({ description: 'pixel' }),
  bytes: Type.Integer(),
  sha256: Type.String(),
  storedAt: Type.String({ description: 'ISO 8601' }),
  storedBy: Type.String(),
});

export const bodyEmblemRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.put(
    '/api/bodies/:id/emblem',
    {
      config: { access: 'performance.manage' },
      schema: {
        tags,
        summary: "Carica l'emblema dell'ente per la copertina dei documenti (multipart, un file PNG o JPEG fino a 512 KB e 2000 pixel per lato): il direttore del consorzio per il proprio ente, o l'amministratore",
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: Emblem, ...problemResponses },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw invalid('file.not_multipart', "Inviare l'emblema come file (multipart/form-data)");
      // one byte past the limit tells a file too large from one exactly at it
      const file = await request.file({ limits: { fileSize: MAX_EMBLEM_BYTES + 1, files: 1 }, throwFileSizeLimit: false });
      if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
      const content = await file.toBuffer();
      if (file.file.truncated) throw invalid('emblem.too_large', 'L’emblema supera i 512 KB');
      return putBodyEmblem(ctx, actorOf(request), (request.params as { id: number }).id, content);
    },
  );

  app.get(
    '/api/bodies/:id/emblem',
    { config: { access: 'registry.read' }, schema: { tags, summary: "L'emblema dell'ente (PNG o JPEG); 404 se non ne ha", params: IdParams } },
    async (request, reply) => {
      const emblem = await readBodyEmblem(ctx, actorOf(request), (request.params as { id: number }).id);
      return reply.type(emblem.mediaType).header('cache-control', 'private, no-cache').header('etag', `"${emblem.sha256}"`).send(Buffer.from(emblem.content));
    },
  );

  app.delete(
    '/api/bodies/:id/emblem',
    {
      config: { access: 'performance.manage' },
      schema: { tags, summary: "Toglie l'emblema dell'ente: i documenti avranno la copertina senza immagine", params: IdParams, response: { 204: Type.Null(), ...problemResponses } },
    },
    async (request, reply) => {
      await deleteBodyEmblem(ctx, actorOf(request), (request.params as { id: number }).id);
      return reply.code(204).send();
    },
  );
};
