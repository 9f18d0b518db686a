/**
 * Builds the HTTP server: security headers, cookies, the access layer every route
 * passes, one error handler, the OpenAPI document and the web UI's static files.
 */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { ServiceContext } from '../services/context.ts';
import { registerAccess } from './access.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { loginThrottle } from './login-throttle.ts';
import { Problem } from './schemas.ts';
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
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    // The web UI's own routes (/distretti/RM5.1) get the app; a missing file (/assets/x.js) is a 404.
    const path = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !/\.[a-z0-9]+$/i.test(path);
    if (request.url.startsWith('/api/') || !options.webDist || !isPage) return sendProblem(reply, 404, 'route.not_found', 'Risorsa non trovata');
    return reply.sendFile('index.html');
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
    await app.register(fastifyStatic, { root: options.webDist, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  return app;
};
