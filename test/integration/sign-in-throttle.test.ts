import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count } from 'drizzle-orm';
import { testApp, ADMIN_PASSWORD, PASSWORD, type TestApp } from '../support/app.ts';
import { freshDatabase, testEngine } from '../support/db.ts';
import { serviceContext } from '../../src/services/context.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { signInFailures } from '../../src/db/schema/index.ts';

/** The sign-in throttle at 5 failures in 15 minutes, on a clock the test moves. */
describe(`sign-in throttle per address and per account (${testEngine})`, () => {
  let t: TestApp;
  let clock = new Date('2026-03-02T09:00:00Z');
  before(async () => {
    t = await testApp({ maxLoginFailures: 5, now: () => clock });
    for (const username of ['mario', 'luisa', 'anna', 'paolo', 'carla']) await addUser(t.ctx, SYSTEM, { username, password: PASSWORD, role: 'auditor' });
  });
  after(() => t.close());

  const attempt = async (address: string, username: string, password = 'sbagliata-sbagliata') =>
    (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address })).statusCode;
  const fail = async (address: string, username: string, times: number) => {
    for (let i = 0; i < times; i++) assert.equal(await attempt(address, username), 401, `failure ${i + 1} of ${username} from ${address}`);
  };

  it('blocks an account after failures from several addresses, with the usual message, and not another account', async () => {
    for (let i = 1; i <= 5; i++) await fail(`10.1.0.${i}`, 'mario', 1);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'Mario ', password: PASSWORD }, remoteAddress: '10.1.0.9' });
    assert.equal(res.statusCode, 429);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal((res.json() as { detail: string }).detail, 'Troppi tentativi di accesso non riusciti: riprovare tra qualche minuto');
    assert.equal(await attempt('10.1.0.9', 'luisa', PASSWORD), 200);
  });

  it('does not reset an address when it signs in to another account', async () => {
    await fail('10.2.0.1', 'luisa', 4);
    assert.equal(await attempt('10.2.0.1', 'paolo', PASSWORD), 200, 'own account');
    await fail('10.2.0.1', 'nessuno', 1);
    assert.equal(await attempt('10.2.0.1', 'paolo', PASSWORD), 429, 'the address has had 5 failures');
    assert.equal(await attempt('10.2.0.2', 'luisa', PASSWORD), 200, 'luisa has had 4 failures only');
  });

  it('clears, on a success, only that account’s failures from that address', async () => {
    await fail('10.3.0.1', 'anna', 3);
    await fail('10.3.0.2', 'anna', 1);
    assert.equal(await attempt('10.3.0.1', 'anna', PASSWORD), 200);
    // The three typing mistakes are gone: three more keep the account under its limit.
    await fail('10.3.0.1', 'anna', 3);
    // The failure from the other address still counts against the account: 1 + 3 + 1 = 5.
    await fail('10.3.0.3', 'anna', 1);
    assert.equal(await attempt('10.3.0.4', 'anna', PASSWORD), 429);
  });

  it('does not count refused attempts, and forgets failures once the window has passed', async () => {
    await fail('10.4.0.1', 'carla', 5);
    for (let i = 0; i < 3; i++) assert.equal(await attempt('10.4.0.1', 'carla', PASSWORD), 429);
    clock = new Date(clock.getTime() + 15 * 60_000 + 1000);
    assert.equal(await attempt('10.4.0.1', 'carla', PASSWORD), 200, 'the window has passed');
    assert.equal(await attempt('10.1.0.9', 'mario', PASSWORD), 200, 'mario too');
    // Old rows are pruned as new attempts come: none older than the window is left.
    await fail('10.4.0.2', 'nessuno', 1);
    const [rows] = await t.database.db.select({ n: count() }).from(signInFailures);
    assert.equal(rows?.n, 1);
    assert.equal(await attempt('10.4.0.3', 'admin', ADMIN_PASSWORD), 200);
  });
});

/** Behind a load balancer: the client's address comes from X-Forwarded-For, from trusted proxies only. */
describe(`sign-in throttle behind a trusted proxy (${testEngine})`, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await freshDatabase();
    const ctx = serviceContext(database);
    await bootstrap(ctx, ADMIN_PASSWORD);
    app = await buildApp(ctx, { version: 'test', maxLoginFailures: 2, trustedProxies: ['10.9.0.1'] });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  let guessed = 0;
  const attempt = async (remoteAddress: string, client: string, password = 'sbagliata-sbagliata') =>
    (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nessuno${++guessed}`, password }, remoteAddress, headers: { 'x-forwarded-for': client } })).statusCode;
  const admin = async (remoteAddress: string, client: string) =>
    (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, remoteAddress, headers: { 'x-forwarded-for': client } })).statusCode;

  it('counts each client behind the proxy by its own address', async () => {
    assert.equal(await attempt('10.9.0.1', '198.51.100.1'), 401);
    assert.equal(await attempt('10.9.0.1', '198.51.100.1'), 401);
    assert.equal(await admin('10.9.0.1', '198.51.100.1'), 429);
    assert.equal(await admin('10.9.0.1', '198.51.100.2'), 200, 'another client through the same proxy');
  });

  it('ignores X-Forwarded-For from any other address', async () => {
    assert.equal(await attempt('10.9.0.50', '198.51.100.3'), 401);
    assert.equal(await attempt('10.9.0.50', '198.51.100.4'), 401);
    assert.equal(await admin('10.9.0.50', '198.51.100.5'), 429, 'a forged header does not make a new client');
  });
});
