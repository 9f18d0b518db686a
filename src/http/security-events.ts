/**
 * The HTTP side of security events: who, from where, on which route. The access layer and the
 * sign-in routes call `securityEvent` where they refuse or sign in; one onSend hook catches the
 * rest, so no route has to remember it: a 403 raised by a service (a district or body outside the
 * user's scope) and every answer sent as a file (an export).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecurityEventKind } from '../domain/auth/security-events.ts';
import type { ServiceContext } from '../services/context.ts';
import { recordSecurityEvent } from '../services/security-events.ts';

/** Requests whose event is already recorded, so the hook does not count them twice. */
const recorded = new WeakSet<FastifyRequest>();

/** Method and matched pattern: never the query string, so no token or search in it is stored. */
export const routeOf = (request: FastifyRequest): string => `${request.method} ${request.routeOptions.url ?? ''}`.trimEnd();

export interface RequestEventDetails {
  /** The user the event is about, when not the session's (a sign-in, a password reset). */
  username?: string;
  userId?: number;
  /** The user name of an account whose id is not at hand. */
  account?: string;
  detail?: string;
}

/**
 * Records an event of this request: its address, route and session user unless told otherwise.
 * The password use cases call it in one line, e.g. after a change
 * `await securityEvent(ctx, request, 'password_changed')`, after a reset
 * `await securityEvent(ctx, request, 'password_reset', { username: target, account: target, detail: \`da ${admin}\` })`.
 */
export const securityEvent = async (ctx: ServiceContext, request: FastifyRequest, kind: SecurityEventKind, details: RequestEventDetails = {}): Promise<void> => {
  recorded.add(request);
  const actor = request.session?.actor;
  const own = details.username === undefined;
  await recordSecurityEvent(ctx, {
    kind,
    username: own ? actor?.username : details.username,
    userId: details.userId ?? (own ? actor?.userId : undefined),
    account: details.account,
    address: request.ip,
    route: routeOf(request),
    detail: details.detail,
  });
};

const problemCode = (payload: unknown): string => {
  if (typeof payload !== 'string') return '';
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' && /^[a-z0-9_.]{1,80}$/i.test(code) ? code : '';
  } catch {
    return '';
  }
};

/** The file name of an answer sent as an attachment; null when it is not one. */
export const attachmentName = (header: unknown): string | null => {
  if (typeof header !== 'string' || !/^\s*attachment\b/i.test(header)) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return encoded;
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? '';
};

export const securityEventsOnSend = (ctx: ServiceContext) => async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
  // The matched pattern, not the URL: an encoded path (/%61pi/…) matches the same route.
  if (recorded.has(request) || !request.routeOptions.url?.startsWith('/api/')) return payload;
  if (reply.statusCode === 403) {
    await securityEvent(ctx, request, 'access_denied', { detail: problemCode(payload) });
  } else if (reply.statusCode >= 200 && reply.statusCode < 300 && request.method !== 'HEAD') {
    const file = attachmentName(reply.getHeader('content-disposition'));
    if (file !== null) await securityEvent(ctx, request, 'export', { detail: file });
  }
  return payload;
};
