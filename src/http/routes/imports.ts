import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { ImportFailed, importExchange } from '../../services/imports.ts';
import { invalid } from '../../domain/errors.ts';
import { actorOf } from '../access.ts';
import { problemResponses } from '../../contract/common.ts';
import { logServerError, sendProblem } from '../problem.ts';
import { withUploads } from '../upload-folder.ts';
import { errorCount } from '../../exchange/issues.ts';

const FileSummary = Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer(), lines: Type.Integer() });
const Counts = Type.Object({ added: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() });

export const importRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.post(
    '/api/imports',
    {
      config: { access: 'imports.run' },
      schema: {
        tags: ['Importazioni'],
        summary: 'Importa i file CSV/XLSX del formato di scambio (o uno .zip) in una transazione; risponde con la ricevuta',
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({
            receipt: Type.Object({
              id: Type.Integer(),
              at: Type.String(),
              actor: Type.String(),
              files: Type.Array(FileSummary),
              archive: Type.Union([Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer() }), Type.Null()]),
              stored: Type.Record(Type.String(), Counts),
            }),
            summary: Type.Array(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
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
    },
  );
};
