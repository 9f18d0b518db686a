import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { compliance, siossRows, split, tranche } from '../../services/funds/readouts.ts';
import { siossCsv, siossXlsx } from '../../documents/sioss.ts';
import { cents } from '../../domain/money.ts';
import { actorOf } from '../access.ts';
import { problemResponses } from '../../contract/common.ts';

const tags = ['Fondi'];
const Money = Type.Integer({ description: 'centesimi di euro' });

const ComplianceDistrict = Type.Object({
  district: Type.String(),
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: Money,
  toDisburse: Money,
  progress: Type.Number(),
});

export const Compliance = Type.Object({
  fund: Type.String(),
  annuality: Type.Integer(),
  allocated: Money,
  programmed: Money,
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: Money,
  ratio: Type.Number(),
  districts: Type.Array(ComplianceDistrict),
});

export const Tranche = Type.Object({
  fund: Type.String(),
  year: Type.Integer(),
  gatingAnnuality: Type.Integer(),
  allocated: Money,
  recognised: Money,
  ratio: Type.Number(),
  threshold: Type.Number(),
  eligible: Type.Boolean(),
  missingToThreshold: Money,
  previousAnnuality: Type.Integer(),
  previousMissing: Money,
});

const FundAnnualityParams = Type.Object({ fund: Type.String({ maxLength: 40 }), annuality: Type.Integer({ minimum: 1900, maximum: 2999 }) });

/** The JSON of each read-out object the service has kept; dropped with it. */
const serialised = new WeakMap<object, Buffer>();

export const fundRoutes = (ctx: ServiceContext) => async (app: FastifyInstance) => {
  app.get(
    '/api/compliance/:fund/:annuality',
    {
      config: { access: 'funds.read' },
      schema: { tags, summary: 'Conformità di un fondo e annualità (EXCHANGE.md); un referente di distretto vede solo i propri distretti', params: FundAnnualityParams, response: { 200: Compliance, ...problemResponses } },
    },
    async (request, reply) => {
      const p = request.params as { fund: string; annuality: number };
      const readout = await compliance(ctx, actorOf(request), p.fund, p.annuality, request.session?.auditHead);
      // the service answers the same object until something is written: serialised (schema above)
      // and encoded once, ~100 KB for the whole Region
      let body = serialised.get(readout);
      if (body === undefined) serialised.set(readout, (body = Buffer.from(reply.serialize(readout) as string)));
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/tranches/:fund/:year',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: "Tranche ministeriale dell'anno: 75% dell'annualità YEAR−2 (art. 89 c. 1 DL 34/2020)",
        params: Type.Object({ fund: Type.String({ maxLength: 40 }), year: Type.Integer({ minimum: 1900, maximum: 2999 }) }),
        response: { 200: Tranche, ...problemResponses },
      },
    },
    async (request) => {
      const p = request.params as { fund: string; year: number };
      return tranche(ctx, actorOf(request), p.fund, p.year);
    },
  );

  app.post(
    '/api/allocations/preview',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'Anteprima del riparto fra tutti i distretti (resti maggiori, al centesimo)',
        body: Type.Object({
          total: Type.Integer({ minimum: 0, description: 'centesimi' }),
          criterion: Type.Union([Type.Literal('population'), Type.Literal('fixed_plus_population')]),
          fixedPercent: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.String({ maxLength: 10 })])),
        }),
        response: {
          200: Type.Object({ total: Money, criterion: Type.String(), shares: Type.Array(Type.Object({ district: Type.String(), amount: Money })) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const b = request.body as { total: number; criterion: 'population' | 'fixed_plus_population'; fixedPercent?: number | string };
      return split(ctx, actorOf(request), cents(b.total), b.criterion, b.fixedPercent);
    },
  );

  app.get(
    '/api/exports/sioss/:fund/:annuality',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'Esportazione SIOSS (CSV con ; e virgola decimale, oppure XLSX)',
        params: FundAnnualityParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) }),
      },
    },
    async (request, reply) => {
      const p = request.params as { fund: string; annuality: number };
      const format = (request.query as { format?: string }).format ?? 'csv';
      const rows = await siossRows(ctx, actorOf(request), p.fund, p.annuality);
      const name = `sioss-${p.fund}-${p.annuality}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await siossXlsx(rows));
      return reply.type('text/csv; charset=utf-8').send(siossCsv(rows));
    },
  );
};
