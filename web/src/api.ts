/**
 * The one way the UI talks to the server: same-origin cookies, the CSRF token on
 * state-changing requests, and problem+json turned into an `ApiError` carrying the
 * server's Italian `detail` (docs/API-FOUNDATION.md). `call` takes an endpoint of the
 * contract (src/contract): its input and answer are typed from the server's own schemas.
 */
import type { Endpoint, InputOf, ReplyOf } from '../../src/contract/endpoint.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly errors: string[];
  /** The server's own Italian explanation, when it sent one. */
  readonly detail: string | null;

  constructor(status: number, detail: string | null, code: string | null = null, errors: string[] = []) {
    super(detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.code = code;
    this.errors = errors;
  }
}

/** Status 0: the request never got an answer (server down, network lost). */
export const NETWORK_ERROR = 0;

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in request answers 401: the session expired or was closed elsewhere. */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

export type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

const isProblem = (value: unknown): value is { detail?: unknown; title?: unknown; code?: unknown; errors?: unknown } =>
  typeof value === 'object' && value !== null;

async function toError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : null;
        const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [];
        return new ApiError(response.status, detail, typeof body.code === 'string' ? body.code : null, errors);
      }
    } catch {
      // Not JSON after all: fall through to a generic error.
    }
  }
  return new ApiError(response.status, null);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form; // the browser sets the multipart boundary
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_ERROR, null);
  }

  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && csrfToken && path !== '/api/auth/login') onSessionLost?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** `/api/districts/:code` with `{ code: 'RM5.1' }` → `/api/districts/RM5.1` (each part encoded). */
export const pathOf = (url: string, params?: Readonly<Record<string, unknown>>): string =>
  url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${url}: parametro ${name} mancante`);
    return encodeURIComponent(String(value));
  });

/** A call of one endpoint of the contract, typed by its schemas. */
export function call<E extends Endpoint>(endpoint: E, input: InputOf<E>, signal?: AbortSignal): Promise<ReplyOf<E>> {
  const { params, query, body } = input as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  return request<ReplyOf<E>>(endpoint.method, pathOf(endpoint.url, params), { query, json: body, signal });
}

/** A multipart upload to an endpoint of the contract (its files are not in its JSON schema). */
export function upload<E extends Endpoint>(endpoint: E, params: InputOf<E>['params'], form: FormData): Promise<ReplyOf<E>> {
  return request<ReplyOf<E>>(endpoint.method, pathOf(endpoint.url, params as Record<string, unknown> | undefined), { form });
}
