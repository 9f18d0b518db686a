/** The read-outs of EXCHANGE.md over HTTP (src/contract/funds.ts). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { compliance, siossRows, split, tranche } from '../../services/funds/readouts.ts';
import { siossCsv, siossXlsx } from '../../documents/sioss.ts';
import { cents } from '../../domain/money.ts';
import * as contract from '../../contract/funds.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';

/** The JSON of each read-out object the service has kept; dropped with it. */
const serialised = new WeakMap<object, string>();

export const fundRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.getCompliance, 'funds.read', async (request, reply) => {
    const readout = await compliance(ctx, actorOf(request), request.params.fund, request.params.annuality, request.session?.auditHead);
    // the service answers the same object until something is written: serialised (by the
    // contract's schema) and encoded once, ~100 KB for the whole Region
    let body = serialised.get(readout);
    // the route's JSON-schema serializer answers text (its type also allows buffers, for other serializers)
    if (body === undefined) serialised.set(readout, (body = reply.serialize(readout) as string));
    const json = body;
    return reply.type('application/json; charset=utf-8').serializer(() => json).send(readout);
  });

  route(app, contract.getTranche, 'funds.read', async (request) => tranche(ctx, actorOf(request), request.params.fund, request.params.year));

  route(app, contract.previewAllocation, 'funds.read', async (request) =>
    split(ctx, actorOf(request), cents(request.body.total), request.body.criterion, request.body.fixedPercent),
  );

  route(app, contract.exportSioss, 'funds.read', async (request, reply) => {
    const { fund, annuality } = request.params;
    const format = request.query.format ?? 'csv';
    const rows = await siossRows(ctx, actorOf(request), fund, annuality);
    reply.header('content-disposition', `attachment; filename="sioss-${fund}-${annuality}.${format}"`);
    if (format === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await siossXlsx(rows));
    return reply.type('text/csv; charset=utf-8').send(siossCsv(rows));
  });
};
