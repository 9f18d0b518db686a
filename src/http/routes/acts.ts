import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { attachToAct, createAct, getAct, listActs, readAttachment } from '../../services/acts.ts';
import { MAX_ATTACHMENT_BYTES } from '../../domain/acts.ts';
import { invalid } from '../../domain/errors.ts';
import * as contract from '../../contract/acts.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

export const actRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listActs, 'acts.read', async (request) => listActs(ctx, actorOf(request), request.query, request.query));

  route(app, contract.getAct, 'acts.read', async (request) => getAct(ctx, actorOf(request), request.params.id));

  route(app, contract.createAct, 'acts.write', async (request, reply) => reply.code(201).send(await createAct(ctx, actorOf(request), request.body)));

  route(app, contract.attachToAct, 'acts.write', async (request) => {
    const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
    if (!file) throw invalid('file.missing', 'Nessun file ricevuto');
    const content = await file.toBuffer();
    return attachToAct(ctx, actorOf(request), request.params.id, { fileName: file.filename, mediaType: file.mimetype, content });
  });

  route(app, contract.downloadAttachment, 'acts.read', async (request, reply) => {
    const file = await readAttachment(ctx, actorOf(request), request.params.id);
    return reply
      .type(file.mediaType || 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(Buffer.from(file.content));
  });
};
