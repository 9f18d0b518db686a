/**
 * The authorization layer every route passes. Each route declares `config.access`:
 * 'public' (sign-in, health), 'session' (any signed-in user) or a Permission. A route
 * under /api without a declaration makes the server refuse to start.
 *
 * The layer decides on the route the router matched (`request.routeOptions.url`), never on the
 * raw URL: `/%61pi/districts` is routed to `/api/districts` and guarded as `/api/districts`.
 * It runs in onRequest, before any body is parsed, so a multipart upload is never read (nor
 * written to disk) for a request it refuses.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, permissions, type Permission } from '../domain/auth/roles.ts';
import type { Actor } from '../domain/auth/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { resolveSession, type SessionInfo } from '../services/users.ts';
import { sendProblem } from './problem.ts';
import { canonicalUrl } from './canonical-url.ts';
import { securityEvent, securityEventsOnSend } from './security-events.ts';

export type Access = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule: the role × route test walks it. */
    routeCatalog: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export const SESSION_COOKIE = 'regia_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of a request that passed the access check of a non-public route. */
export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.session) throw new Error('actorOf called on a request without session');
  return request.session.actor;
};

/** Route patterns the layer guards: every /api route but the API document's pages. */
export const isGuardedRoute = (pattern: string) => pattern.startsWith('/api/') && pattern !== '/api/docs' && !pattern.startsWith('/api/docs/');

/**
 * A refusal of a request that carries a body closes the connection after the answer: the rest
 * of the body (a 300 MB upload) is not read to keep the connection alive.
 */
const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string) => {
  if (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') reply.header('connection', 'close');
  else if (request.headers['transfer-encoding'] !== undefined) reply.header('connection', 'close');
  return sendProblem(reply, status, code, detail);
};

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const registerAccess = (app: FastifyInstance, ctx: ServiceContext) => {
  app.decorateRequest('session', null);
  const catalog: RouteAccess[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    if (!isGuardedRoute(route.url)) return;
    const access = route.config?.access;
    if (!access || (access !== 'public' && access !== 'session' && !(permissions as readonly string[]).includes(access))) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url: route.url, access });
  });
  app.addHook('onSend', securityEventsOnSend(ctx));
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // the request target as received: the router saw its canonical form (rewriteUrl in app.ts)
    const target = canonicalUrl(request.originalUrl);
    if (!target.ok) return refuse(request, reply, target.status, target.code, target.detail);
    const pattern = request.routeOptions.url;
    // no route matched: the 404 handler answers, and nothing is guarded there
    if (pattern === undefined || !isGuardedRoute(pattern)) return;
    const access = request.routeOptions.config?.access;
    // onRoute makes every guarded route declare its rule; should one slip through, it is closed
    if (access === undefined) return refuse(request, reply, 403, 'auth.forbidden', 'Operazione non consentita per il proprio ruolo');
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = await resolveSession(ctx, token);
    if (access === 'public') return;
    const session = request.session;
    if (!session) return refuse(request, reply, 401, 'auth.required', 'Accesso richiesto: effettuare il login');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        await securityEvent(ctx, request, 'csrf_refused', { detail: typeof header === 'string' ? 'token CSRF diverso da quello della sessione' : 'token CSRF mancante' });
        return refuse(request, reply, 403, 'auth.csrf', 'Token CSRF mancante o non valido: ricaricare la pagina e riprovare');
      }
    }
    if (access !== 'session' && !can(session.actor.role, access)) {
      await securityEvent(ctx, request, 'access_denied', { detail: `permesso ${access} non concesso al ruolo ${session.actor.role}` });
      return refuse(request, reply, 403, 'auth.forbidden', 'Operazione non consentita per il proprio ruolo');
    }
  });
};
