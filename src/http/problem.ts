/**
 * The one table from domain errors to HTTP: application/problem+json with the Italian message.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind } from '../domain/errors.ts';
import { conflictError } from '../db/conflicts.ts';
import { DrizzleQueryError } from 'drizzle-orm/errors';

export const statusOf: Readonly<Record<ErrorKind, number>> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
};

const titles: Readonly<Record<number, string>> = {
  400: 'Richiesta non valida',
  401: 'Accesso richiesto',
  403: 'Operazione non consentita',
  404: 'Risorsa non trovata',
  409: 'Operazione in conflitto con lo stato attuale',
  413: 'File troppo grande',
  414: 'Indirizzo troppo lungo',
  415: 'Tipo di contenuto non supportato',
  422: 'Dati non validi',
  429: 'Troppi tentativi',
  500: 'Errore interno',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: string[];
}

export const sendProblem = (reply: FastifyReply, status: number, code: string, detail: string, errors?: string[]) => {
  const body: Problem = { type: 'about:blank', title: titles[status] ?? 'Errore', status, detail, code, ...(errors ? { errors } : {}) };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
};

/**
 * A server error is always written to stderr, logger on or off, as one line of JSON: when, which
 * route (its pattern, never the URL with its query), the status and the error with its stack.
 * Never the request's body, cookies or headers: no password, session or CSRF token reaches a log
 * (ASVS V7.1, V7.3).
 */
export const logServerError = (request: FastifyRequest, status: number, error: Error) => {
  // Drizzle's message carries the query's parameters (the values a user sent): log the driver's
  // own message and the query text, which has only placeholders.
  const query = error instanceof DrizzleQueryError ? error : undefined;
  const cause = query?.cause instanceof Error ? query.cause : undefined;
  const message = query ? (cause?.message ?? 'query failed') : error.message;
  // the stack's frames, not its first line: that line repeats the message
  const frames = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).map((l) => l.trim());
  const line = {
    time: new Date().toISOString(),
    level: 'error',
    reqId: request.id,
    method: request.method,
    route: request.routeOptions.url ?? null,
    status,
    error: (cause ?? error).name,
    message,
    ...(query ? { query: query.query } : {}),
    stack: frames,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
};

const ajvMessages: Record<string, (p: Record<string, unknown>) => string> = {
  required: (p) => `campo obbligatorio mancante: ${String(p.missingProperty)}`,
  type: (p) => `tipo non valido (atteso ${String(p.type)})`,
  minLength: (p) => `testo troppo corto (minimo ${String(p.limit)} caratteri)`,
  maxLength: (p) => `testo troppo lungo (massimo ${String(p.limit)} caratteri)`,
  minimum: (p) => `valore inferiore al minimo (${String(p.limit)})`,
  maximum: (p) => `valore superiore al massimo (${String(p.limit)})`,
  pattern: () => 'formato non valido',
  format: (p) => `formato non valido (${String(p.format)})`,
  enum: (p) => `valore non ammesso (ammessi: ${(p.allowedValues as unknown[] | undefined)?.join(', ') ?? ''})`,
  additionalProperties: (p) => `campo non previsto: ${String(p.additionalProperty)}`,
};

interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export const errorHandler = (error: FastifyError & { validation?: ValidationItem[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
  if (error instanceof DomainError) {
    return sendProblem(reply, statusOf[error.kind], error.code, error.message);
  }
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => {
      const field = v.instancePath ? v.instancePath.replace(/^\//, '').replace(/\//g, '.') : where;
      return `${field}: ${ajvMessages[v.keyword]?.(v.params) ?? v.message ?? 'non valido'}`;
    });
    return sendProblem(reply, 400, 'request.invalid', `Richiesta non valida: ${errors.join('; ')}`, errors);
  }
  // two requests met in the database (a key taken meanwhile, a deadlock…): not a fault, try again
  const conflict = conflictError(error);
  if (conflict) {
    request.log.warn({ err: error }, 'conflitto con una modifica contemporanea');
    return sendProblem(reply, statusOf[conflict.kind], conflict.code, conflict.message);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    logServerError(request, 500, error);
    return sendProblem(reply, 500, 'internal', 'Si è verificato un errore interno. Riprovare o contattare l’assistenza.');
  }
  if (status === 413) return sendProblem(reply, 413, 'request.too_large', 'Il file o la richiesta superano la dimensione massima consentita');
  if (status === 415) return sendProblem(reply, 415, 'request.media_type', 'Tipo di contenuto non supportato');
  if (status === 429) return sendProblem(reply, 429, 'request.rate_limited', 'Troppi tentativi: riprovare più tardi');
  return sendProblem(reply, status, 'request.invalid', 'Richiesta non valida');
};
