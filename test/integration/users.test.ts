import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';

interface Listed {
  username: string;
  role: string;
  displayName: string;
  districts: string[];
  centres: string[];
  body: string | null;
  active: boolean;
}

describe(`users managed by the administrator (${testEngine})`, () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await testApp();
    await aDistrict(t.database, 'D01');
    admin = await t.signIn('admin');
  });
  after(() => t.close());

  const listed = async () => ((await admin.get('/api/users')).json() as { items: Listed[] }).items;

  it('creates a district officer and an area manager with their scopes, audited, and lists them', async () => {
    const officer = await admin.send('POST', '/api/users', { username: 'Referente.D01', displayName: 'Referente D01', role: 'district_officer', password: 'una-password-lunga', districts: ['D01'] });
    assert.equal(officer.statusCode, 201, officer.body);
    assert.deepEqual(officer.json(), { username: 'referente.d01', role: 'district_officer', districts: ['D01'], centres: [], body: null, displayName: 'Referente D01' });
    const area = await admin.send('POST', '/api/users', { username: 'capoarea', role: 'area_manager', password: 'una-password-lunga', body: 'Consorzio IN.RE.TE.', centres: ['Area Minori', 'Area Amministrativa'] });
    assert.equal(area.statusCode, 201, area.body);
    assert.equal(JSON.stringify(area.json()).includes('password'), false, 'never the password or its hash');
    const users = await listed();
    assert.deepEqual(
      users.filter((u) => u.username !== 'admin').map((u) => [u.username, u.districts, u.centres, u.body, u.active]),
      [
        ['capoarea', [], ['Area Amministrativa', 'Area Minori'], 'Consorzio IN.RE.TE.', true],
        ['referente.d01', ['D01'], [], null, true],
      ],
    );
    const audit = (await admin.get('/api/audit?pageSize=2')).json() as { items: { action: string; entityId: string; actor: string }[] };
    assert.deepEqual(audit.items.map((e) => [e.action, e.entityId, e.actor]).sort(), [['user.create', 'capoarea', 'admin'], ['user.create', 'referente.d01', 'admin']]);
    // The new user signs in with the password the administrator gave.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'capoarea', password: 'una-password-lunga' } });
    assert.equal(login.statusCode, 200);
  });

  it('refuses a wrong user in Italian and stores nothing', async () => {
    const before = (await listed()).length;
    const cases: [object, number, RegExp][] = [
      [{ username: 'capoarea', role: 'auditor', password: 'una-password-lunga' }, 409, /esiste già/],
      [{ username: 'senza', role: 'area_manager', password: 'una-password-lunga', body: 'Consorzio IN.RE.TE.' }, 422, /almeno un centro di responsabilità/],
      [{ username: 'senza', role: 'district_officer', password: 'una-password-lunga', districts: ['ZZ9'] }, 422, /Distretto sconosciuto: ZZ9/],
      [{ username: 'senza', role: 'auditor', password: 'corta' }, 422, /almeno 12 caratteri/],
      [{ username: 'senza', role: 'sindaco', password: 'una-password-lunga' }, 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin.send('POST', '/api/users', body);
      assert.equal(res.statusCode, status, res.body);
      assert.match((res.json() as { detail: string }).detail, message);
    }
    assert.equal((await listed()).length, before);
  });

  it('deactivates a user, ending its sessions, and activates it again; never the administrator itself', async () => {
    const login = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'capoarea', password: 'una-password-lunga' } });
    const first = await login();
    const cookie = `regia_session=${first.cookies.find((c) => c.name === 'regia_session')!.value}`;
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode, 200);

    const off = await admin.send('PUT', '/api/users/capoarea/active', { active: false });
    assert.deepEqual([off.statusCode, off.json()], [200, { username: 'capoarea', active: false }]);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode, 401, 'its session ended');
    assert.equal((await login()).statusCode, 401);
    assert.equal((await listed()).find((u) => u.username === 'capoarea')!.active, false);
    const audit = (await admin.get('/api/audit?pageSize=1')).json() as { items: { action: string; entityId: string; before: unknown; after: unknown }[] };
    assert.deepEqual(audit.items[0], { ...audit.items[0], action: 'user.deactivate', entityId: 'capoarea', before: { active: true }, after: { active: false } });

    assert.equal((await admin.send('PUT', '/api/users/capoarea/active', { active: true })).statusCode, 200);
    assert.equal((await login()).statusCode, 200);

    const self = await admin.send('PUT', '/api/users/admin/active', { active: false });
    assert.equal(self.statusCode, 409);
    assert.match((self.json() as { detail: string }).detail, /proprio utente/);
    assert.equal((await admin.send('PUT', '/api/users/nessuno/active', { active: false })).statusCode, 404);
  });

  it('is for administrators only', async () => {
    const manager = await t.signIn('consortium_manager');
    assert.equal((await manager.send('POST', '/api/users', { username: 'x', role: 'auditor', password: 'una-password-lunga' })).statusCode, 403);
    assert.equal((await manager.get('/api/users')).statusCode, 403);
    assert.equal((await manager.send('PUT', '/api/users/capoarea/active', { active: false })).statusCode, 403);
  });
});
