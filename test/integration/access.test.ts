import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { roles, can, type Role } from '../../src/domain/auth/roles.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';

/** Fills path parameters with values that exist or at least parse. */
const concrete = (url: string) => url.replace(':code', 'D01').replace(':id', '1').replace(':fund', 'FNPS').replace(':annuality', '2022').replace(':year', '2024');

describe(`every route × every role (${testEngine})`, () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  before(async () => {
    t = await testApp();
    await aDistrict(t.database, 'D01');
    for (const role of roles) {
      const scope = role === 'area_manager' ? { body: 'Consorzio di prova', centres: ['Area di prova'] } : undefined;
      sessions.set(role, await t.signIn(role, role === 'district_officer' ? ['D01'] : [], undefined, scope));
    }
  });
  after(() => t.close());

  it('has a catalog of routes, each with an access rule', () => {
    assert.ok(t.app.routeCatalog.length >= 15, `only ${t.app.routeCatalog.length} routes`);
  });

  it('answers 401 to anonymous calls except sign-in, health and the API document', async () => {
    for (const r of t.app.routeCatalog) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.access === 'public') assert.notEqual(res.statusCode, 401, `${r.method} ${r.url}`);
      else assert.equal(res.statusCode, 401, `${r.method} ${r.url} answered ${res.statusCode}`);
    }
  });

  for (const role of roles) {
    it(`lets ${role} through exactly the routes its role allows`, async () => {
      const s = sessions.get(role)!;
      for (const r of t.app.routeCatalog) {
        if (r.access === 'public' || r.url === '/api/auth/logout') continue;
        const url = concrete(r.url);
        const res = r.method === 'GET' ? await s.get(url) : await s.send(r.method as 'POST', url, {});
        const allowed = r.access === 'session' || can(role, r.access);
        // Allowed: never refused, and never a server error (a response that breaks its own schema is one).
        if (allowed) assert.ok(res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500, `${role} ${r.method} ${r.url} should be allowed, got ${res.statusCode} ${res.body}`);
        else {
          assert.equal(res.statusCode, 403, `${role} ${r.method} ${r.url} should be forbidden, got ${res.statusCode}`);
          assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
        }
      }
    });
  }

  it('lists users to administrators with each one’s scope', async () => {
    const res = await sessions.get('admin')!.get('/api/users');
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: { role: string; districts: string[]; centres: string[]; body: string | null }[] }).items;
    const scope = (role: string) => items.filter((u) => u.role === role).map((u) => ({ districts: u.districts, centres: u.centres, body: u.body }));
    assert.deepEqual(scope('district_officer'), [{ districts: ['D01'], centres: [], body: null }]);
    assert.deepEqual(scope('area_manager'), [{ districts: [], centres: ['Area di prova'], body: 'Consorzio di prova' }]);
  });

  it('refuses a state change without the CSRF header, or with another token, and changes nothing', async () => {
    const s = sessions.get('region_officer')!;
    const act = { type: 'DGR', number: '999', date: '2024-01-10', subject: 'prova CSRF' };
    assert.equal((await s.send('POST', '/api/acts', act, { csrf: null })).statusCode, 403);
    assert.equal((await s.send('POST', '/api/acts', act, { csrf: sessions.get('admin')!.csrfToken })).statusCode, 403);
    const list = (await s.get('/api/acts?q=prova%20CSRF')).json() as { total: number };
    assert.equal(list.total, 0);
    assert.equal((await s.send('POST', '/api/acts', act)).statusCode, 201);
  });
});
