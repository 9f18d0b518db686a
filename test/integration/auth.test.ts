import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, ADMIN_PASSWORD, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';

describe(`sign-in and sessions (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ maxLoginFailures: 5 });
  });
  after(() => t.close());

  it('signs in with the contract of EXCHANGE.md and keeps the session in the database', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    assert.equal(res.statusCode, 200);
    const body = res.json() as { user: { username: string; role: string; districts: string[] }; csrfToken: string };
    assert.equal(body.user.username, 'admin');
    assert.equal(body.user.role, 'admin');
    assert.deepEqual(body.user.districts, []);
    assert.ok(body.csrfToken.length > 20);
    const cookie = res.cookies.find((c) => c.name === 'regia_session');
    assert.ok(cookie?.httpOnly, 'session cookie is HttpOnly');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `regia_session=${cookie.value}` } });
    assert.equal(me.statusCode, 200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `regia_session=${cookie.value}`, 'x-csrf-token': body.csrfToken } });
    assert.equal(out.statusCode, 204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `regia_session=${cookie.value}` } });
    assert.equal(after.statusCode, 401);
  });

  it('answers the same 401 message for an unknown user and a wrong password', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nessuno', password: 'xxxxxxxxxxxxxx' }, remoteAddress: '10.0.0.1' });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'sbagliata-sbagliata' }, remoteAddress: '10.0.0.1' });
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal((a.json() as { detail: string }).detail, (b.json() as { detail: string }).detail);
  });

  it('answers 429 after repeated failures from one address, and not to another address', async () => {
    const attempt = (ip: string, password = 'sbagliata-sbagliata', username = 'admin') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    // Failures against several accounts: the address is counted, whatever name it tries
    // (an account's 5 free failures, so an address's 20).
    for (let i = 0; i < 20; i++) assert.equal((await attempt('10.0.0.2', 'sbagliata-sbagliata', `nessuno${i}`)).statusCode, 401);
    const blocked = await attempt('10.0.0.2', ADMIN_PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.match((blocked.json() as { detail: string }).detail, /Troppi tentativi/);
    assert.equal((await attempt('10.0.0.3', ADMIN_PASSWORD)).statusCode, 200);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
    assert.ok(res.headers['strict-transport-security']);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/districts']);
    assert.ok(doc.paths['/api/districts/{code}']);
  });

  it('answers validation errors as Italian problem+json', async () => {
    const s = await t.signIn('region_officer');
    const res = await s.send('POST', '/api/acts', { type: 'DGR', date: '2024-13-45' });
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.match((res.json() as { detail: string }).detail, /Richiesta non valida/);
  });
});
