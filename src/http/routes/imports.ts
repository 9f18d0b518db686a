import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { ImportFailed, importExchange } from '../../services/imports.ts';
import { invalid } from '../../domain/errors.ts';
import * as contract from '../../contract/imports.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';
import { logServerError, sendProblem } from '../problem.ts';
import { withUploads } from '../upload-folder.ts';
import { errorCount } from '../../exchange/issues.ts';

export const importRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.runImport, 'imports.run', async (request, reply) => {
    if (!request.isMultipart()) throw invalid('import.not_multipart', 'Inviare i file come multipart/form-data');
    let result;
    try {
      result = await withUploads(request, { fileSize: 500 * 1024 * 1024, files: 20 }, async (saved) => {
        if (saved.length === 0) throw invalid('import.no_files', 'Nessun file ricevuto');
        const uploads = saved.map((f) => ({ name: f.filename, path: f.filepath }));
        return importExchange(ctx, actorOf(request), { kind: 'uploads', files: uploads });
      });
    } catch (e) {
      if (!(e instanceof ImportFailed)) throw e;
      // The cause (a database message) goes to the log only, always, as every server error does.
      logServerError(request, 500, e.cause instanceof Error ? e.cause : e);
      return sendProblem(reply, 500, 'import.internal', 'Errore interno: nulla è stato salvato');
    }
    if (!result.ok) {
      return sendProblem(reply, 422, 'import.rejected', `Importazione annullata: ${errorCount(result.count)}, nessun dato salvato`, result.errors);
    }
    return { receipt: result.receipt, summary: result.summary };
  });
};
