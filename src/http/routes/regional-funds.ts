/** Regional funds (src/contract/regional-funds.ts): budget chapters, half-yearly statements, reservations (DGR), assignments (DD). */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import * as regional from '../../services/funds/regional/index.ts';
import { cents } from '../../domain/money.ts';
import * as contract from '../../contract/regional-funds.ts';
import { actorOf } from '../access.ts';
import { route } from '../route.ts';
import { toSplit } from '../split-body.ts';

export const regionalFundRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  route(app, contract.listChapters, 'funds.read', async (request) => regional.listChapters(ctx, actorOf(request), request.query));

  route(app, contract.createChapter, 'funds.manage', async (request, reply) => {
    const b = request.body;
    return reply.code(201).send(await regional.createChapter(ctx, actorOf(request), { ...b, amounts: b.amounts.map((a) => ({ ...a, amount: cents(a.amount) })) }));
  });

  route(app, contract.getChapter, 'funds.read', async (request) => regional.getChapter(ctx, actorOf(request), request.params.id));

  route(app, contract.setChapterAmount, 'funds.manage', async (request) =>
    regional.setChapterAmount(ctx, actorOf(request), request.params.id, request.params.year, { amount: cents(request.body.amount), actId: request.body.actId }),
  );

  route(app, contract.listStatements, 'funds.read', async (request) => regional.listStatements(ctx, actorOf(request), request.params.id, request.query));

  route(app, contract.recordStatement, 'funds.manage', async (request, reply) =>
    reply.code(201).send(await regional.recordStatement(ctx, actorOf(request), request.params.id, request.body)),
  );

  route(app, contract.createReservation, 'funds.manage', async (request, reply) =>
    reply.code(201).send(await regional.createReservation(ctx, actorOf(request), request.params.id, { ...request.body, amount: cents(request.body.amount) })),
  );

  route(app, contract.listReservations, 'funds.read', async (request) => {
    const q = request.query;
    return regional.listReservations(ctx, actorOf(request), { chapterId: q.chapter, year: q.year, fund: q.fund });
  });

  route(app, contract.getReservation, 'funds.read', async (request) => regional.getReservation(ctx, actorOf(request), request.params.id));

  route(app, contract.amendReservation, 'funds.manage', async (request) =>
    regional.amendReservation(ctx, actorOf(request), request.params.id, { ...request.body, amount: cents(request.body.amount) }),
  );

  route(app, contract.previewReservationAssignment, 'funds.read', async (request) =>
    regional.previewReservationAssignment(ctx, actorOf(request), request.params.id, toSplit(request.body)),
  );

  route(app, contract.assignReservation, 'funds.manage', async (request, reply) =>
    reply.code(201).send(await regional.assignReservation(ctx, actorOf(request), request.params.id, { ...toSplit(request.body), actId: request.body.actId })),
  );
};
