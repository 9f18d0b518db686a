/**
 * One contract per endpoint: its method, path and TypeBox schemas. The server registers the route
 * from it (src/http/route.ts: the type provider types the handler's input and answer), the OpenAPI
 * document is made from it, and the web calls it through `call` (web/src/api.ts), whose input and
 * answer types come from the same schemas. A field renamed here is a type error on both sides.
 */
import type { Static, TSchema } from 'typebox';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointSchema {
  readonly tags?: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly hide?: boolean;
  readonly consumes?: readonly string[];
  readonly produces?: readonly string[];
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  readonly response: { readonly [status: number]: TSchema };
}

export interface Endpoint<S extends EndpointSchema = EndpointSchema> {
  readonly method: Method;
  /** Fastify's pattern: `/api/districts/:code`. */
  readonly url: string;
  readonly schema: S;
}

export const endpoint = <const S extends EndpointSchema>(method: Method, url: string, schema: S): Endpoint<S> => ({ method, url, schema });

type StaticOf<T> = T extends TSchema ? Static<T> : never;
type SchemaOf<E> = E extends Endpoint<infer S> ? S : never;

/** What a call sends: the parts its schema declares, each required when declared. */
export type InputOf<E> = (SchemaOf<E>['params'] extends TSchema ? { readonly params: StaticOf<SchemaOf<E>['params']> } : { readonly params?: undefined }) &
  (SchemaOf<E>['querystring'] extends TSchema ? { readonly query?: Partial<StaticOf<SchemaOf<E>['querystring']>> } : { readonly query?: undefined }) &
  (SchemaOf<E>['body'] extends TSchema ? { readonly body: StaticOf<SchemaOf<E>['body']> } : { readonly body?: undefined });

type SuccessStatus = 200 | 201;
/** The answer of a successful call (200 or 201, whichever the endpoint declares). */
export type ReplyOf<E> = {
  [K in keyof SchemaOf<E>['response'] & SuccessStatus]: StaticOf<SchemaOf<E>['response'][K]>;
}[keyof SchemaOf<E>['response'] & SuccessStatus];
