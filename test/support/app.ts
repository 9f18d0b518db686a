/** Boots the whole application on a fresh database and signs users in, for integration tests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase } from './db.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { bootstrap, SYSTEM } from '../../src/services/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import { addUser } from '../../src/services/users.ts';
import type { Database } from '../../src/db/client.ts';
import type { Role } from '../../src/domain/auth/roles.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const PASSWORD = 'password-for-tests-1';

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  database: Database;
  /**
   * Creates a user of the role (district officers for the given districts; area managers for
   * `scope.centres` of `scope.body`) and signs in.
   */
  signIn(role: Role | 'admin', districts?: string[], username?: string, scope?: { body: string; centres: string[] }): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, opts?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
}

let counter = 0;

export const testApp = async (options: { now?: () => Date; maxLoginFailures?: number } = {}): Promise<TestApp> => {
  const database = await freshDatabase();
  const ctx = serviceContext(database, options.now);
  await bootstrap(ctx, ADMIN_PASSWORD);
  const app = await buildApp(ctx, { version: 'test', maxLoginFailures: options.maxLoginFailures ?? 1000 });
  await app.ready();

  const login = async (username: string, password: string): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'regia_session')!;
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    const cookieHeader = `regia_session=${cookie.value}`;
    return {
      cookie: cookieHeader,
      csrfToken,
      get: (url) => app.inject({ method: 'GET', url, headers: { cookie: cookieHeader } }),
      send: (method, url, body, opts) =>
        app.inject({
          method,
          url,
          headers: { cookie: cookieHeader, ...(opts?.csrf === null ? {} : { 'x-csrf-token': opts?.csrf ?? csrfToken }) },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
    };
  };

  return {
    app,
    ctx,
    database,
    signIn: async (role, districts = [], username, scope) => {
      if (role === 'admin' && !username) return login('admin', ADMIN_PASSWORD);
      const name = username ?? `${role.replace('_', '')}${++counter}`;
      await addUser(ctx, SYSTEM, { username: name, password: PASSWORD, role, districts, ...(scope ? { body: scope.body, centres: scope.centres } : {}) });
      return login(name, PASSWORD);
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
};
