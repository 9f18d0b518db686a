import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { testApp, PASSWORD, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { auditEntries, securityEvents, sessions, users } from '../../src/db/schema/index.ts';
import { commonPasswords } from '../../src/services/common-passwords.ts';
import { baseEnv, spawnServer } from '../support/server-process.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NEW_PASSWORD = 'cavallo-batteria-graffetta';
const minute = 60_000;

describe(`passwords and own sessions (${testEngine})`, () => {
  let t: TestApp;
  let clock = new Date('2026-03-02T09:00:00Z');
  const wait = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let admin: Session;
  before(async () => {
    t = await testApp({ now: () => clock });
    admin = await t.signIn('admin');
  });
  after(() => t.close());

  const login = async (username: string, password: string, userAgent = 'Firefox di prova') => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: '192.0.2.7', headers: { 'user-agent': userAgent } });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = `regia_session=${res.cookies.find((c) => c.name === 'regia_session')!.value}`;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return {
      get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
      send: (method: 'PUT' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) }),
    };
  };
  type Client = Awaited<ReturnType<typeof login>>;
  const me = async (c: Client) => (await c.get('/api/auth/me')).statusCode;
  const own = async (c: Client) => {
    const res = await c.get('/api/auth/sessions');
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: string; createdAt: string; lastSeenAt: string; address: string; userAgent: string; current: boolean }[] }).items;
  };
  const create = (username: string, password: string) => admin.send('POST', '/api/users', { username, role: 'auditor', password });

  it('ships the NCSC list of 100,000 common passwords', () => {
    const list = commonPasswords();
    assert.ok(list.size > 95_000, `${list.size} entries`);
    assert.ok(list.has('password') && list.has('qwerty') && list.has('iloveyou'));
  });

  it('refuses a common password, twelve spaces and a repetition when creating a user, saying why', async () => {
    for (const [password, code, why] of [
      ['password1234', 'password.common', /tra le più usate/],
      ['Password1234!', 'password.common', /tra le più usate/],
      ['qwertyuiop123', 'password.common', /tra le più usate/],
      [' '.repeat(12), 'password.blank', /solo di spazi/],
      ['abababababab', 'password.few_characters', /caratteri diversi/],
      ['corta', 'password.too_short', /almeno 12 caratteri/],
      ['nuovo.utente.1', 'password.username', /nome utente/],
    ] as const) {
      const res = await create('nuovo.utente.1', password);
      assert.equal(res.statusCode, 422, `${JSON.stringify(password)}: ${res.body}`);
      const body = res.json() as { code: string; detail: string };
      assert.equal(body.code, code, JSON.stringify(password));
      assert.match(body.detail, why);
    }
    const [row] = await t.database.db.select().from(users).where(eq(users.username, 'nuovo.utente.1'));
    assert.equal(row, undefined, 'nothing created');
    assert.equal((await create('nuovo.utente.1', NEW_PASSWORD)).statusCode, 201);
  });

  it('changes one’s own password: the current one is required, other sessions end, this one stays', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'mario', password: PASSWORD, role: 'auditor' });
    const here = await login('mario', PASSWORD);
    const phone = await login('mario', PASSWORD, 'Telefono');
    const other = await login('admin', 'admin-password-for-tests');

    const wrong = await here.send('PUT', '/api/auth/password', { currentPassword: 'non-e-questa-password', newPassword: NEW_PASSWORD });
    assert.equal(wrong.statusCode, 403);
    assert.deepEqual([(wrong.json() as { code: string }).code, (wrong.json() as { detail: string }).detail], ['auth.wrong_password', 'La password attuale non è corretta']);
    const common = await here.send('PUT', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'password1234' });
    assert.equal(common.statusCode, 422);
    assert.equal((common.json() as { code: string }).code, 'password.common');
    assert.equal(await me(phone), 200, 'refused changes end nothing');

    const ok = await here.send('PUT', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { sessionsEnded: 1 });
    assert.equal(await me(here), 200, 'the session that changed it stays');
    assert.equal(await me(phone), 401, 'the other session ended');
    assert.equal(await me(other), 200, 'another user’s session is untouched');
    const signIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mario', password }, remoteAddress: '192.0.2.8' });
    assert.equal((await signIn(PASSWORD)).statusCode, 401, 'the old password no longer works');
    assert.equal((await signIn(NEW_PASSWORD)).statusCode, 200);

    const events = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, 'password_changed'));
    assert.deepEqual(events.map((e) => e.username), ['mario']);
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'user.password_change'));
    assert.deepEqual(audit.map((a) => [a.actor, a.entityId]), [['mario', 'mario']]);
    assert.ok(!JSON.stringify(audit).includes(NEW_PASSWORD), 'no password in the audit trail');
  });

  it('lets the administrator reset a password, which ends all of that user’s sessions', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'luisa', password: PASSWORD, role: 'auditor' });
    const a = await login('luisa', PASSWORD);
    const b = await login('luisa', PASSWORD);
    const auditor = await t.signIn('auditor');
    assert.equal((await auditor.send('PUT', '/api/users/luisa/password', { password: NEW_PASSWORD })).statusCode, 403, 'only the administrator');
    const spaces = await admin.send('PUT', '/api/users/luisa/password', { password: ' '.repeat(12) });
    assert.equal(spaces.statusCode, 422);
    assert.equal(await me(a), 200);
    assert.equal((await admin.send('PUT', '/api/users/nessuno/password', { password: NEW_PASSWORD })).statusCode, 404);
    const own = await admin.send('PUT', '/api/users/admin/password', { password: NEW_PASSWORD });
    assert.equal(own.statusCode, 409, 'one’s own password changes only with the current one');
    assert.equal(own.json().code, 'user.self_reset');

    const res = await admin.send('PUT', '/api/users/luisa/password', { password: NEW_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { username: 'luisa', sessionsEnded: 2 });
    assert.equal(await me(a), 401);
    assert.equal(await me(b), 401);
    assert.equal((await admin.get('/api/auth/me')).statusCode, 200, 'the administrator’s own session stays');
    await login('luisa', NEW_PASSWORD);

    const [event] = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, 'password_reset'));
    assert.equal(event?.username, 'luisa');
    assert.match(event?.detail ?? '', /^da admin/);
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'user.password_reset'));
    assert.deepEqual(audit.map((e) => [e.actor, e.entityId]), [['admin', 'luisa']]);
  });

  it('lists one’s own sessions, with where and when, and an id that is not the token', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'anna', password: PASSWORD, role: 'auditor' });
    const first = await login('anna', PASSWORD, 'Firefox di prova');
    wait(2 * minute);
    const second = await login('anna', PASSWORD, 'Telefono\r\nfalso');
    const items = await own(second);
    assert.equal(items.length, 2);
    const current = items.find((s) => s.current)!;
    assert.equal(current.userAgent, 'Telefono  falso', 'control characters become spaces');
    assert.equal(current.address, '192.0.2.7');
    const rows = await t.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    for (const s of items) assert.ok(!rows.some((r) => r.tokenHash.includes(s.id)), 'the public id is not the stored hash');
    assert.deepEqual((await own(first)).filter((s) => s.current).map((s) => s.userAgent), ['Firefox di prova']);
  });

  it('ends one of one’s own sessions, or all the others, and never another user’s', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'paolo', password: PASSWORD, role: 'auditor' });
    await addUser(t.ctx, SYSTEM, { username: 'carla', password: PASSWORD, role: 'auditor' });
    const p1 = await login('paolo', PASSWORD);
    const p2 = await login('paolo', PASSWORD);
    const p3 = await login('paolo', PASSWORD);
    const carla = await login('carla', PASSWORD);
    const carlaId = (await own(carla))[0]!.id;

    const foreign = await p1.send('DELETE', `/api/auth/sessions/${carlaId}`);
    assert.equal(foreign.statusCode, 404, 'another user’s session is not found');
    assert.equal((await p1.send('DELETE', '/api/auth/sessions/0123456789abcdef01234567')).statusCode, 404, 'the same answer as an id that never existed');
    assert.equal(await me(carla), 200);
    assert.ok(!(await own(p1)).some((s) => s.id === carlaId), 'nor is it listed');

    const p2Id = (await own(p2)).find((s) => s.current)!.id;
    assert.equal((await p1.send('DELETE', `/api/auth/sessions/${p2Id}`)).statusCode, 204);
    assert.equal(await me(p2), 401);
    assert.equal(await me(p3), 200);

    const others = await p1.send('DELETE', '/api/auth/sessions/others');
    assert.deepEqual([others.statusCode, others.json()], [200, { sessionsEnded: 1 }]);
    assert.equal(await me(p3), 401);
    assert.equal(await me(p1), 200, 'the current session stays');
    assert.equal(await me(carla), 200, 'carla’s session is untouched');
    assert.equal((await own(p1)).length, 1);
  });

  it('ends a session unused past the idle limit, and keeps one in use alive up to it', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'gino', password: PASSWORD, role: 'auditor' });
    const used = await login('gino', PASSWORD);
    const idle = await login('gino', PASSWORD);
    for (let i = 0; i < 4; i++) {
      wait(20 * minute);
      assert.equal(await me(used), 200, `used every 20 minutes (${(i + 1) * 20} minutes after sign-in)`);
    }
    assert.equal(await me(idle), 401, 'unused for 80 minutes: ended');
    const left = await t.database.db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.username, 'gino'));
    assert.equal(left.length, 1, 'the idle session’s row is deleted');
    wait(30 * minute);
    assert.equal(await me(used), 200, 'exactly the limit still counts as in use');
    wait(30 * minute + 1000);
    assert.equal(await me(used), 401);
  });

  it('writes the last use at most once a minute', async () => {
    await addUser(t.ctx, SYSTEM, { username: 'sara', password: PASSWORD, role: 'auditor' });
    const s = await login('sara', PASSWORD);
    const seen = async () => (await own(s))[0]!.lastSeenAt;
    const signedAt = await seen();
    wait(30_000);
    assert.equal(await seen(), signedAt, 'half a minute later: not written');
    wait(40_000);
    assert.equal(await seen(), clock.toISOString(), 'past a minute: written');
  });
});

describe('the idle limit of sessions at start', () => {
  it('refuses to start with an idle limit outside 1–480 minutes, saying why, before opening anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regia-idle-'));
    try {
      const { exited } = spawnServer(baseEnv({ REGIA_SESSION_IDLE_MINUTES: '0', REGIA_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined, REGIA_ADMIN_PASSWORD: 'admin-password-idle-1' }));
      const end = await exited;
      assert.equal(end.code, 1);
      assert.match(end.stderr, /Regia non può partire\. REGIA_SESSION_IDLE_MINUTES non valido: "0"\. Indicare un numero intero di minuti da 1 a 480/);
      assert.equal(existsSync(join(dir, 'data')), false, 'no data folder was made');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
