import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { testApp, PASSWORD, ADMIN_PASSWORD, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { roles, can } from '../../src/domain/auth/roles.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { recordSecurityEvent } from '../../src/services/security-events.ts';
import { securityEvents, users } from '../../src/db/schema/index.ts';
import { SECURITY_EVENT_ROWS_PER_MINUTE } from '../../src/db/repositories/security-events.ts';
import type { SecurityEventKind } from '../../src/domain/auth/security-events.ts';

interface Item {
  id: number;
  at: string;
  lastAt: string;
  count: number;
  kind: SecurityEventKind;
  username: string | null;
  userId: number | null;
  address: string | null;
  route: string | null;
  detail: string | null;
}
interface EventPage {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

const seed2 = JSON.parse(readFileSync('reference-data/performance/inrete-2024.json', 'utf8')) as unknown;
const WRONG = 'password-sbagliata-segreta-1';

describe(`security events (${testEngine})`, () => {
  let t: TestApp;
  let clock = new Date('2026-03-02T09:00:10Z');
  let auditor: Session;
  let admin: Session;
  let marioId: number;
  /** Every secret the tests handle: none may appear in any stored field. */
  const secrets = new Set<string>([PASSWORD, ADMIN_PASSWORD, WRONG]);
  const remember = (s: Session) => {
    secrets.add(s.csrfToken);
    secrets.add(s.cookie.split('=')[1]!);
    return s;
  };

  const login = (username: string, password: string, remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const list = async (query: Record<string, string | number> = {}, who: Session = auditor) => {
    const res = await who.get(`/api/security-events?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as EventPage;
  };
  const ofKind = async (kind: SecurityEventKind) => (await list({ kind, pageSize: 200 })).items;

  before(async () => {
    // The clock moves by hours: sessions stay open as long as the absolute limit allows.
    t = await testApp({ maxLoginFailures: 3, now: () => clock, sessionIdleMinutes: 480 });
    await aDistrict(t.database, 'D01');
    await aDistrict(t.database, 'D02');
    await addUser(t.ctx, SYSTEM, { username: 'mario', password: PASSWORD, role: 'region_officer' });
    marioId = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'mario')))[0]!.id;
    auditor = remember(await t.signIn('auditor'));
    admin = remember(await t.signIn('admin'));
  });
  after(() => t.close());

  it('records a failed sign-in with the name as typed and the address, identical ones of a minute as one row with their count', async () => {
    assert.equal((await login('Mario ', WRONG, '10.9.0.1')).statusCode, 401);
    assert.equal((await login('Mario ', WRONG, '10.9.0.1')).statusCode, 401);
    assert.equal((await login('nessuno', WRONG, '10.9.0.1')).statusCode, 401);
    const failed = await ofKind('sign_in_failed');
    const mario = failed.filter((e) => e.username === 'Mario ');
    assert.equal(mario.length, 1, JSON.stringify(failed));
    assert.deepEqual({ ...mario[0], id: 0 }, {
      id: 0,
      at: '2026-03-02T09:00:10.000Z',
      lastAt: '2026-03-02T09:00:10.000Z',
      count: 2,
      kind: 'sign_in_failed',
      username: 'Mario ',
      userId: null,
      address: '10.9.0.1',
      route: 'POST /api/auth/login',
      detail: null,
    });
    assert.equal(failed.find((e) => e.username === 'nessuno')?.count, 1);
  });

  it('records a throttled sign-in (429), apart from the failures', async () => {
    let status = 0;
    let failures = 0;
    for (let i = 0; i < 50 && status !== 429; i++) {
      status = (await login('carla', WRONG, '10.9.0.7')).statusCode;
      if (status === 401) failures++;
    }
    assert.equal(status, 429);
    const throttled = (await ofKind('sign_in_throttled')).filter((e) => e.address === '10.9.0.7');
    assert.deepEqual(throttled.map((e) => [e.username, e.count, e.route]), [['carla', 1, 'POST /api/auth/login']]);
    const failed = (await ofKind('sign_in_failed')).filter((e) => e.address === '10.9.0.7');
    assert.deepEqual(failed.map((e) => e.count), [failures]);
  });

  it('records a sign-in with the user’s id, and a sign-out', async () => {
    clock = new Date('2026-03-02T09:01:00Z');
    const res = await login('Mario ', PASSWORD, '10.9.0.2');
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'regia_session')!.value;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    secrets.add(cookie).add(csrf);
    const signIn = (await ofKind('sign_in')).find((e) => e.address === '10.9.0.2');
    assert.deepEqual([signIn?.username, signIn?.userId, signIn?.count], ['Mario ', marioId, 1]);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `regia_session=${cookie}`, 'x-csrf-token': csrf }, remoteAddress: '10.9.0.2' });
    assert.equal(out.statusCode, 204);
    const signOut = (await ofKind('sign_out')).filter((e) => e.address === '10.9.0.2');
    assert.deepEqual(signOut.map((e) => [e.username, e.userId, e.route]), [['mario', marioId, 'POST /api/auth/logout']]);
  });

  it('records CSRF refusals, saying whether the token was missing or another one, never the token', async () => {
    const officer = remember(await t.signIn('region_officer'));
    const act = { type: 'DGR', number: '1', date: '2024-01-10', subject: 'prova' };
    assert.equal((await officer.send('POST', '/api/acts', act, { csrf: null })).statusCode, 403);
    assert.equal((await officer.send('POST', '/api/acts', act, { csrf: admin.csrfToken })).statusCode, 403);
    const refused = (await ofKind('csrf_refused')).filter((e) => e.route === 'POST /api/acts');
    assert.deepEqual(refused.map((e) => e.detail).sort(), ['token CSRF diverso da quello della sessione', 'token CSRF mancante']);
    assert.ok(refused.every((e) => e.username?.startsWith('regionofficer') && e.userId !== null));
  });

  it('records a 403 of the role and a 403 of a district outside the user’s scope', async () => {
    const officer = remember(await t.signIn('district_officer', ['D01']));
    assert.equal((await officer.get('/api/audit')).statusCode, 403);
    assert.equal((await officer.get('/api/districts/D02/funds')).statusCode, 403);
    const denied = (await ofKind('access_denied')).filter((e) => e.username?.startsWith('districtofficer'));
    assert.deepEqual(denied.map((e) => e.route).sort(), ['GET /api/audit', 'GET /api/districts/:code/funds']);
    assert.equal(denied.find((e) => e.route === 'GET /api/audit')?.detail, 'permesso audit.read non concesso al ruolo district_officer');
    assert.match(denied.find((e) => e.route === 'GET /api/districts/:code/funds')?.detail ?? '', /^[a-z_.]+$/);
  });

  it('records every export with its route and file name, never the query string', async () => {
    const region = remember(await t.signIn('region_officer'));
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
    assert.equal((await region.get('/api/exports/sioss/FNPS/2022')).statusCode, 200);
    assert.equal((await region.get('/api/exports/sioss/FNPS/2022?format=xlsx')).statusCode, 200);
    const imported = await admin.send('POST', '/api/performance/plans', seed2);
    assert.equal(imported.statusCode, 201, imported.body);
    const planId = (imported.json() as { id: number }).id;
    assert.equal((await admin.get(`/api/performance/plans/${planId}/export.json`)).statusCode, 200);
    assert.equal((await admin.get(`/api/performance/plans/${planId}/export.xlsx`)).statusCode, 200);
    const docx = await admin.get(`/api/performance/plans/${planId}/report.docx`);
    assert.equal(docx.statusCode, 200);
    const docxName = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(docx.headers['content-disposition'] as string)![1]!);
    // HEAD sends no file: not an export.
    assert.equal((await t.app.inject({ method: 'HEAD', url: '/api/exports/sioss/FNPS/2022', headers: { cookie: region.cookie } })).statusCode, 200);
    // A refused export is a refusal, not an export.
    assert.equal((await auditor.get(`/api/exports/sioss/NESSUNO/2022`)).statusCode, 404);
    const exports = await ofKind('export');
    assert.deepEqual(
      exports.map((e) => [e.route, e.detail]).sort(),
      [
        ['GET /api/exports/sioss/:fund/:annuality', 'sioss-FNPS-2022.csv'],
        ['GET /api/exports/sioss/:fund/:annuality', 'sioss-FNPS-2022.xlsx'],
        ['GET /api/performance/plans/:id/export.json', 'piano-performance-2024.json'],
        ['GET /api/performance/plans/:id/export.xlsx', `piano-performance-${planId}.xlsx`],
        ['GET /api/performance/plans/:id/report.docx', docxName],
      ].sort(),
    );
    assert.ok(exports.every((e) => e.userId !== null && e.address === '127.0.0.1'));
  });

  it('records a password change or reset in one call, about the user it concerns', async () => {
    await recordSecurityEvent(t.ctx, { kind: 'password_changed', username: 'mario', userId: marioId, address: '10.9.0.3', route: 'PUT /api/auth/password' });
    await recordSecurityEvent(t.ctx, { kind: 'password_reset', username: 'mario', account: 'mario', address: '10.9.0.4', route: 'POST /api/users/:username/password', detail: 'da admin' });
    assert.deepEqual((await ofKind('password_changed')).map((e) => [e.username, e.userId]), [['mario', marioId]]);
    assert.deepEqual((await ofKind('password_reset')).map((e) => [e.username, e.userId, e.detail]), [['mario', marioId, 'da admin']]);
  });

  it('stores no password, session token or CSRF token in any field', async () => {
    // A secret in a query string stays out too: only the route pattern is kept.
    const region = remember(await t.signIn('district_officer', ['D01']));
    assert.equal((await region.get(`/api/audit?actor=${encodeURIComponent(PASSWORD)}`)).statusCode, 403);
    const rows = await t.database.db.select().from(securityEvents);
    assert.ok(rows.length >= 10, `${rows.length} rows`);
    const stored = JSON.stringify(rows);
    for (const secret of secrets) assert.ok(!stored.includes(secret), `a secret is stored: ${secret.slice(0, 4)}…`);
    assert.ok(!stored.includes('?'), 'no query string');
  });

  it('lists events to administrators and auditors only', async () => {
    for (const role of roles) {
      const s = role === 'admin' ? admin : role === 'auditor' ? auditor : await t.signIn(role, role === 'district_officer' ? ['D01'] : [], undefined, role === 'area_manager' ? { body: 'Consorzio di prova', centres: ['Area di prova'] } : undefined);
      const res = await s.get('/api/security-events');
      assert.equal(res.statusCode, can(role, 'audit.read') ? 200 : 403, `${role}: ${res.statusCode}`);
    }
    assert.deepEqual(
      roles.filter((r) => can(r, 'audit.read')),
      ['admin', 'auditor'],
    );
  });

  it('pages newest first, and filters by kind, user and date', async () => {
    const all = await list({ pageSize: 200 });
    assert.ok(all.total > 6);
    assert.equal(all.items.length, all.total);
    const sorted = [...all.items].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
    assert.deepEqual(all.items.map((e) => e.id), sorted.map((e) => e.id));
    const first = await list({ pageSize: 3, page: 1 });
    const second = await list({ pageSize: 3, page: 2 });
    assert.deepEqual([first.total, first.page, first.pageSize, second.page], [all.total, 1, 3, 2]);
    assert.deepEqual([...first.items, ...second.items].map((e) => e.id), all.items.slice(0, 6).map((e) => e.id));
    const mario = await list({ username: 'MARIO', pageSize: 200 });
    assert.ok(mario.items.length >= 4 && mario.items.every((e) => e.username?.trim().toLowerCase() === 'mario'), JSON.stringify(mario.items));
    const failedOfMario = await list({ username: 'mario ', kind: 'sign_in_failed' });
    assert.deepEqual(failedOfMario.items.map((e) => e.count), [2]);
    // 09:00 UTC is 10:00 in Rome: 2 March holds every event, 1 and 3 March none.
    assert.equal((await list({ from: '2026-03-02', to: '2026-03-02' })).total, all.total);
    assert.equal((await list({ to: '2026-03-01' })).total, 0);
    assert.equal((await list({ from: '2026-03-03' })).total, 0);
    assert.equal((await auditor.get('/api/security-events?kind=nonesiste')).statusCode, 400);
  });

  it('bounds a flood: past the quota of rows of a kind in a minute, the rest is counted in one overflow row', async () => {
    clock = new Date('2026-03-02T11:30:05Z');
    const flood = SECURITY_EVENT_ROWS_PER_MINUTE + 50;
    for (let i = 0; i < flood; i++) await recordSecurityEvent(t.ctx, { kind: 'sign_in_failed', username: `nome${i}`, address: `10.8.${i >> 8}.${i & 255}`, route: 'POST /api/auth/login' });
    // An event already in the minute still counts in its own row.
    await recordSecurityEvent(t.ctx, { kind: 'sign_in_failed', username: 'nome0', address: '10.8.0.0', route: 'POST /api/auth/login' });
    const minute = (await list({ kind: 'sign_in_failed', pageSize: 200 })).items.filter((e) => e.at.startsWith('2026-03-02T11:30'));
    assert.equal(minute.length, SECURITY_EVENT_ROWS_PER_MINUTE + 1);
    assert.equal(minute.reduce((s, e) => s + e.count, 0), flood + 1);
    const overflow = minute.filter((e) => e.address === '*');
    assert.deepEqual(overflow.map((e) => [e.username, e.count]), [['*', 50]]);
    assert.equal(minute.find((e) => e.username === 'nome0')?.count, 2);
  });

  it('cuts a long or multi-line user name to its bound, and never fails when the event cannot be stored', async () => {
    clock = new Date('2026-03-02T12:00:00Z');
    assert.equal((await login('finto\nriga di log', WRONG, '10.9.0.9')).statusCode, 401);
    assert.equal((await list({ address: '10.9.0.9' })).items[0]?.username, 'finto riga di log');
    await recordSecurityEvent(t.ctx, { kind: 'sign_in_failed', username: 'x'.repeat(100), address: '10.9.0.11', detail: 'y'.repeat(500) });
    const [long] = (await list({ address: '10.9.0.11' })).items;
    assert.deepEqual([long?.username, long?.detail], ['x'.repeat(64), 'y'.repeat(200)]);
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => void errors.push(message);
    try {
      await recordSecurityEvent(t.ctx, { kind: 'not_a_kind' as SecurityEventKind, address: '10.9.0.10' });
    } finally {
      console.error = original;
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^Evento di sicurezza non registrato \(not_a_kind\)/);
    assert.equal((await list({ address: '10.9.0.10' })).total, 0);
  });
});
