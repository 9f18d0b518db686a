/** A body's emblem for the cover of its documents (src/contract/body-emblem.ts). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as emblems from '../../services/body-emblem.ts';
import * as contract from '../../contract/body-emblem.ts';
import { MAX_EMBLEM_BYTES } from '../../domain/emblem.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const bodyEmblemRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.putBodyEmblem, 'performance.manage', async (request) => {
    if (!request.isMultipart()) throw invalid('file.not_multipart', "Inviare l'emblema come file (multipart/form-data)");
    // one byte past the limit tells a file too large from one exactly at it
    const file = await request.file({ limits: { fileSize: MAX_EMBLEM_BYTES + 1, files: 1 }, throwFileSizeLimit: false });
    if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
    const content = await file.toBuffer();
    if (file.file.truncated) throw invalid('emblem.too_large', 'L’emblema supera i 512 KB');
    return emblems.putBodyEmblem(ctx, actorOf(request), request.params.id, content);
  });

  route(app, contract.getBodyEmblem, 'registry.read', async (request, reply) => {
    const emblem = await emblems.readBodyEmblem(ctx, actorOf(request), request.params.id);
    return reply.type(emblem.mediaType).header('cache-control', 'private, no-cache').header('etag', `"${emblem.sha256}"`).send(Buffer.from(emblem.content));
  });

  route(app, contract.deleteBodyEmblem, 'performance.manage', async (request, reply) => {
    await emblems.deleteBodyEmblem(ctx, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
};
