/** Boots the whole application on a fresh database and signs users in, for integration tests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshDatabase } from './db.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { bootstrap, SYSTEM } from '../../src/services/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import { addUser } from '../../src/services/users.ts';
import type { Database } from '../../src/db/client.ts';
import type { Role } from '../../src/domain/auth/roles.ts';
import { openAuditTrail, type AuditTrail } from '../../src/services/audit-trail.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const PASSWORD = 'password-for-tests-1';

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  database: Database;
  /** The test's own audit key and checkpoints, in a temporary folder (never in the repository). */
  audit: AuditTrail;
  auditDir: string;
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

export const testApp = async (options: { now?: () => Date; maxLoginFailures?: number; webDist?: string; sessionIdleMinutes?: number } = {}): Promise<TestApp> => {
  const database = await freshDatabase();
  const { audit, auditDir } = await testAuditTrail(database, options.now);
  const ctx = serviceContext(database, options.now, audit, options.sessionIdleMinutes);
  await bootstrap(ctx, ADMIN_PASSWORD);
  const app = await buildApp(ctx, { version: 'test', maxLoginFailures: options.maxLoginFailures ?? 1000, webDist: options.webDist });
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
    audit,
    auditDir,
    signIn: async (role, districts = [], username, scope) => {
      if (role === 'admin' && !username) return login('admin', ADMIN_PASSWORD);
      const name = username ?? `${role.replace('_', '')}${++counter}`;
      await addUser(ctx, SYSTEM, { username: name, password: PASSWORD, role, districts, ...(scope ? { body: scope.body, centres: scope.centres } : {}) });
      return login(name, PASSWORD);
    },
    close: async () => {
      await app.close();
      await audit.close();
      await database.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
};

/** A key and a checkpoint file of the test's own, as a first start makes them, joined to the database. */
export const testAuditTrail = async (database: Database, now?: () => Date) => {
  const auditDir = mkdtempSync(join(tmpdir(), 'regia-audit-test-'));
  const audit = openAuditTrail({ REGIA_AUDIT_DIR: auditDir }, { write: true, ...(now ? { now } : {}) });
  await audit.attach(database);
  return { audit, auditDir };
};
