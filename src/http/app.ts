/**
 * Builds the HTTP server: security headers, cookies, the access layer every route
 * passes, one error handler, the OpenAPI document and the web UI's static files.
 */
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { ServiceContext } from '../services/context.ts';
import { registerAccess } from './access.ts';
import { canonicalUrl, isApiPath } from './canonical-url.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { loginThrottle } from './login-throttle.ts';
import { Problem } from '../contract/common.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { registryRoutes } from './routes/registry.ts';
import { actRoutes } from './routes/acts.ts';
import { auditRoutes } from './routes/audit.ts';
import { extraRoutes } from './routes/index.ts';

export interface AppOptions {
  version: string;
  /** Folder of the built web UI; served at / when present. */
  webDist?: string | undefined;
  secureCookies?: boolean;
  logger?: boolean;
  maxLoginFailures?: number;
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of Regia. Only from these is
   * X-Forwarded-For believed, so the sign-in throttle counts the client's address, not the proxy's.
   */
  trustedProxies?: readonly string[];
}

export const buildApp = async (ctx: ServiceContext, options: AppOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    // The router sees only the canonical form of the path (canonical-url.ts): encoded letters
    // decoded, `//` collapsed, `.` and `..` removed. So `/%61pi//x/../districts` is routed, guarded
    // (access.ts) and answered as `/api/districts`; a target that cannot be made canonical goes
    // through unchanged and is refused before anything reads it: by frameworkErrors below when the
    // router cannot decode it, else by the access layer's first check (400 or 414).
    rewriteUrl: (req) => {
      const target = canonicalUrl(req.url ?? '/');
      return target.ok ? target.url : (req.url ?? '/');
    },
    routerOptions: {
      // Explicit, and all three agree with the canonical form: duplicate slashes are already gone
      // (ignoring them here too keeps the router right should rewriteUrl ever be dropped); case and a
      // trailing slash make a different path (RFC 3986: paths are case-sensitive), so `/API/districts`
      // is a 404 and `/api/districts/` is routed to its own pattern (`/api/districts/:code`) and
      // guarded by that pattern's rule: never a second name for one guarded route.
      ignoreDuplicateSlashes: true,
      caseSensitive: true,
      ignoreTrailingSlash: false,
    },
    // the router's own refusals (an escape decodeURI rejects, a parameter over 100 characters)
    frameworkErrors: (error, _request, reply) => {
      reply.header('cache-control', 'no-store');
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, 414, 'request.url_too_long', 'Indirizzo non valido: un elemento del percorso è troppo lungo');
      if (error.code === 'FST_ERR_BAD_URL') return sendProblem(reply, 400, 'request.bad_url', 'Indirizzo non valido: contiene una codifica con % errata o un carattere nullo');
      return sendProblem(reply, 400, 'request.invalid', 'Richiesta non valida');
    },
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    // Judged on the canonical path, as the router judged it: `/%61pi/nothing` is the API's 404.
    // The web UI's own routes (/distretti/RM5.1) get the app; a missing file (/assets/x.js) is a 404.
    const target = canonicalUrl(request.originalUrl);
    const path = target.ok ? target.path : '/api/';
    // a file's extension starts with a letter (.js, .woff2); `RM5.1` is a district code, a page
    const isPage = request.method === 'GET' && !/\.[a-z][a-z0-9]*$/i.test(path);
    if (isApiPath(path) || !options.webDist || !isPage) return sendProblem(reply, 404, 'route.not_found', 'Risorsa non trovata');
    return reply.sendFile('index.html');
  });
  // An API answer is about one user at one moment: no browser or proxy keeps a copy (ASVS V8.2.1).
  app.addHook('onSend', async (request, reply) => {
    const target = canonicalUrl(request.originalUrl);
    const problem = String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json');
    if (problem || !target.ok || isApiPath(target.path)) reply.header('cache-control', 'no-store');
  });
  app.addSchema(Problem);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Regia API', description: 'API di Regia: governo del sistema integrato dei servizi sociali. Messaggi di errore in italiano (application/problem+json).', version: options.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'regia_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAccess(app, ctx);

  await app.register(healthRoutes(ctx, options.version));
  await app.register(authRoutes(ctx, loginThrottle(ctx, options.maxLoginFailures), options.secureCookies ?? false));
  await app.register(registryRoutes(ctx));
  await app.register(actRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(extraRoutes(ctx));

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (options.webDist && existsSync(options.webDist)) {
    const webDist = options.webDist;
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      // Vite names every file under assets/ by its content hash: a changed file is a new name, so
      // those are kept a year; index.html (and anything else) is checked again on every load.
      setHeaders: (reply, path) => {
        const asset = relative(webDist, path).split(sep)[0] === 'assets';
        reply.header('cache-control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
};
