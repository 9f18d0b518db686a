/**
 * Registers a route from its contract (src/contract): the path, method and schemas come from the
 * endpoint, the access rule (access.ts) is the server's own. With the TypeBox type provider the
 * handler's params, query and body are typed from the schemas, and its answer must match the
 * response schema: no casts.
 */
import type { FastifyInstance, RouteHandlerMethod, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, RouteGenericInterface, FastifySchema } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Endpoint, EndpointSchema } from '../contract/endpoint.ts';
import type { Access } from './access.ts';

export type TypedApp = ReturnType<typeof typed>;
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

export type Handler<S extends EndpointSchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  unknown,
  S & FastifySchema,
  TypeBoxTypeProvider
>;

/** Limits of one route above the server's own (a plan file's JSON body is larger than 2 MB). */
export interface RouteLimits {
  readonly bodyLimit?: number;
}

/** `route(app, listDistricts, 'registry.read', async (request) => …)` */
export const route = <S extends EndpointSchema>(app: FastifyInstance, endpoint: Endpoint<S>, access: Access, handler: Handler<S>, limits: RouteLimits = {}): void => {
  app.route({ method: endpoint.method, url: endpoint.url, schema: endpoint.schema as S & FastifySchema, config: { access }, handler: handler as RouteHandlerMethod, ...limits });
};
