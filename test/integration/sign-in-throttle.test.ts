import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { testApp, ADMIN_PASSWORD, PASSWORD, type TestApp } from '../support/app.ts';
import { freshDatabase, testEngine } from '../support/db.ts';
import { atOnce, statusCounts } from '../support/parallel.ts';
import { serviceContext } from '../../src/services/context.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { securityEvents, signInFailures } from '../../src/db/schema/index.ts';

const minute = 60_000;

/** The progressive lockout (5 free failures, then 1, 2, 4 … 30 minutes), on a clock the test moves. */
describe(`sign-in lockout per address and per account (${testEngine})`, () => {
  let t: TestApp;
  let clock = new Date('2026-03-02T09:00:00Z');
  const wait = (ms: number) => (clock = new Date(clock.getTime() + ms));
  before(async () => {
    t = await testApp({ maxLoginFailures: 5, now: () => clock, sessionIdleMinutes: 480 });
    for (const username of ['mario', 'luisa', 'anna', 'paolo', 'carla', 'gino', 'sara', 'piero']) await addUser(t.ctx, SYSTEM, { username, password: PASSWORD, role: 'auditor' });
  });
  after(() => t.close());

  const login = (address: string, username: string, password = 'sbagliata-sbagliata') => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });
  const attempt = async (address: string, username: string, password?: string) => (await login(address, username, password)).statusCode;
  let spread = 0;
  /** A failure from an address never used before, so only the account counts it. */
  const failOnAccount = async (username: string) => assert.equal(await attempt(`10.100.${Math.floor(++spread / 250)}.${spread % 250}`, username), 401);

  it('lets five failures pass, then makes each next attempt wait 1, 2, 4, 8, 16 and at most 30 minutes', async () => {
    for (let i = 0; i < 5; i++) await failOnAccount('mario');
    for (const minutes of [1, 2, 4, 8, 16, 30, 30]) {
      const refused = await login('10.1.0.9', 'Mario ', PASSWORD);
      assert.equal(refused.statusCode, 429, `during the ${minutes}-minute wait`);
      assert.equal(refused.headers['retry-after'], String(minutes * 60));
      assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
      const expected = `Troppi tentativi di accesso non riusciti: riprovare tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}`;
      assert.deepEqual([(refused.json() as { detail: string }).detail, (refused.json() as { code: string }).code], [expected, 'auth.too_many_attempts']);
      wait(minutes * minute - 1000);
      const later = await login('10.1.0.9', 'mario', PASSWORD);
      assert.equal(later.statusCode, 429, 'one second before the end');
      assert.equal(later.headers['retry-after'], '1');
      wait(1000);
      await failOnAccount('mario');
    }
    wait(30 * minute);
    assert.equal(await attempt('10.1.0.9', 'mario', PASSWORD), 200, 'never locked for good: after the longest wait the owner signs in');
  });

  it('does not lengthen a wait with refused attempts', async () => {
    for (let i = 0; i < 5; i++) await failOnAccount('gino');
    wait(minute);
    await failOnAccount('gino');
    for (let i = 0; i < 20; i++) assert.equal(await attempt('10.1.1.1', 'gino', PASSWORD), 429);
    wait(2 * minute);
    assert.equal(await attempt('10.1.1.1', 'gino', PASSWORD), 200, 'six failures: two minutes, however many refusals came');
  });

  it('throttles 180 guesses from 20 addresses at one account: 5 are checked, the owner waits a minute', async () => {
    const codes: number[] = [];
    for (let round = 0; round < 9; round++) for (let a = 1; a <= 20; a++) codes.push(await attempt(`10.2.${a}.1`, 'luisa'));
    assert.deepEqual({ 401: codes.filter((c) => c === 401).length, 429: codes.filter((c) => c === 429).length }, { 401: 5, 429: 175 });
    assert.equal(await attempt('10.2.99.1', 'luisa', PASSWORD), 429, 'the right password waits too: the account is in a wait');
    wait(minute);
    assert.equal(await attempt('10.2.99.1', 'luisa', PASSWORD), 200);
  });

  it('throttles 45 guesses from one address interleaved with good sign-ins to another account', async () => {
    const guesses: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < 45; i++) {
      guesses.push(await attempt('10.3.0.1', `nome${i}`));
      if (i % 5 === 0) own.push(await attempt('10.3.0.1', 'paolo', PASSWORD));
    }
    // An address has four times an account's free failures (an office's staff may share it): 20.
    assert.equal(guesses.filter((c) => c === 401).length, 20, 'the good sign-ins do not reset the address');
    assert.equal(guesses.filter((c) => c === 429).length, 25);
    assert.deepEqual(own.slice(0, 4), [200, 200, 200, 200], 'before the limit, the own account signs in');
    assert.ok(own.slice(4).every((c) => c === 429), 'then the address waits, whatever account it signs in to');
    assert.equal(await attempt('10.3.0.2', 'paolo', PASSWORD), 200, 'from another address paolo is not affected');
  });

  it('clears, on a success, only that account’s failures from that address', async () => {
    for (let i = 0; i < 3; i++) assert.equal(await attempt('10.4.0.1', 'anna'), 401);
    assert.equal(await attempt('10.4.0.2', 'anna'), 401);
    assert.equal(await attempt('10.4.0.1', 'anna', PASSWORD), 200);
    // The three typing mistakes are gone: three more keep the account free.
    for (let i = 0; i < 3; i++) assert.equal(await attempt('10.4.0.1', 'anna'), 401);
    // The failure from the other address still counts: 1 + 3 + 1 = 5, so a wait starts.
    assert.equal(await attempt('10.4.0.3', 'anna'), 401);
    assert.equal(await attempt('10.4.0.4', 'anna', PASSWORD), 429);
  });

  it('records account_locked and address_locked when a wait starts', async () => {
    for (let i = 0; i < 5; i++) await failOnAccount('sara');
    const locked = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, 'account_locked'));
    assert.ok(locked.some((e) => e.username === 'sara'), 'the account');
    const byAddress = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, 'address_locked'));
    assert.ok(byAddress.some((e) => e.address === '10.3.0.1'), 'the address of the 45 guesses');
    assert.ok(!locked.some((e) => e.username === 'piero'));
  });

  it('remembers failures for a day, and prunes older ones as new attempts come', async () => {
    for (let i = 0; i < 5; i++) await failOnAccount('carla');
    wait(23 * 60 * minute);
    assert.equal(await attempt('10.5.0.1', 'carla'), 401);
    const refused = await login('10.5.1.1', 'carla', PASSWORD);
    assert.equal(refused.statusCode, 429, 'the failures of 23 hours ago still count: this sixth one makes a two-minute wait');
    assert.equal(refused.headers['retry-after'], '120');
    wait(25 * 60 * minute);
    assert.equal(await attempt('10.5.1.1', 'carla', PASSWORD), 200, 'a day later all is forgotten');
    await failOnAccount('nessuno');
    const [rows] = await t.database.db.select({ n: count() }).from(signInFailures);
    assert.equal(rows?.n, 1, 'only the failure just made is left');
    assert.equal(await attempt('10.5.2.1', 'admin', ADMIN_PASSWORD), 200);
  });

  it('checks at most the free failures of 30 guesses at one account sent at the same moment', async () => {
    const answers = await atOnce(30, (i) => login(`10.6.${i}.1`, 'piero'));
    const counts = statusCounts(answers);
    // Overlapping attempts count each other as failures, so a burst may get fewer than five
    // checked (on PostgreSQL often none), never more.
    assert.ok((counts[401] ?? 0) <= 5, JSON.stringify(counts));
    assert.equal((counts[401] ?? 0) + (counts[429] ?? 0), 30, JSON.stringify(counts));
    const [rows] = await t.database.db.select({ n: count() }).from(signInFailures).where(eq(signInFailures.username, 'piero'));
    assert.equal(rows?.n, counts[401] ?? 0, 'a refused attempt leaves no row');
    // Refusals left nothing behind: the owner waits only if five failures were really checked.
    assert.equal(await attempt('10.6.99.1', 'piero', PASSWORD), (rows?.n ?? 0) < 5 ? 200 : 429);
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

  // two free failures per account, so eight per address
  it('counts each client behind the proxy by its own address', async () => {
    for (let i = 0; i < 8; i++) assert.equal(await attempt('10.9.0.1', '198.51.100.1'), 401);
    assert.equal(await admin('10.9.0.1', '198.51.100.1'), 429);
    assert.equal(await admin('10.9.0.1', '198.51.100.2'), 200, 'another client through the same proxy');
  });

  it('ignores X-Forwarded-For from any other address', async () => {
    for (let i = 0; i < 8; i++) assert.equal(await attempt('10.9.0.50', `198.51.100.${10 + i}`), 401);
    assert.equal(await admin('10.9.0.50', '198.51.100.5'), 429, 'a forged header does not make a new client');
  });
});
