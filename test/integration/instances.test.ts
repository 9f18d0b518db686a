import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { testEngine } from '../support/db.ts';
import { migrationsFolder } from '../../src/db/client.ts';
import { baseEnv, emptyPgDatabase, httpSignIn, killAll, spawnServer, type ServerProcess } from '../support/server-process.ts';
import { DEFAULT_LOCKOUT } from '../../src/domain/auth/sign-in-lockout.ts';

const ADMIN = 'admin-password-instances-1';
const MARIO = 'password-di-mario-1';
const LIMIT = DEFAULT_LOCKOUT.freeFailures; // the server's free sign-in failures per account, then a wait
const ADDRESS_LIMIT = DEFAULT_LOCKOUT.addressFreeFailures; // and per address

/**
 * Two Regia servers (real processes, two ports) on one fresh PostgreSQL database, started at the
 * same moment, behave as one: one migration, shared sessions, one sign-in throttle. They sit
 * behind a "proxy" on 127.0.0.1 (REGIA_TRUSTED_PROXIES), so the test names client addresses in
 * X-Forwarded-For as a load balancer would.
 */
describe(
  'several instances on one PostgreSQL',
  { skip: testEngine === 'postgres' ? false : 'PGlite is one process per data folder (data-folder-lock.test.ts): several instances need PostgreSQL', timeout: 300_000 },
  () => {
    let db: Awaited<ReturnType<typeof emptyPgDatabase>>;
    let a: ServerProcess;
    let b: ServerProcess;
    before(async () => {
      db = await emptyPgDatabase('regia_inst');
    });
    after(async () => {
      await Promise.allSettled([a?.stop(), b?.stop()]);
      killAll();
      await db?.drop();
    });

    const from = (address: string) => ({ 'x-forwarded-for': address });

    it('start together on an empty database and migrate it once', async () => {
      const env = baseEnv({ DATABASE_URL: db.url, REGIA_ADMIN_PASSWORD: ADMIN, REGIA_TRUSTED_PROXIES: '127.0.0.1' });
      [a, b] = await Promise.all([spawnServer(env).started, spawnServer(env).started]);
      assert.notEqual(a.url, b.url);
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        const applied = await c.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by id');
        assert.equal(applied.rows.length, journal.entries.length, 'each migration recorded once');
        assert.equal(new Set(applied.rows.map((r) => r.hash)).size, journal.entries.length);
        const admins = await c.query(`select 1 from users where username = 'admin'`);
        assert.equal(admins.rowCount, 1);
      } finally {
        await c.end();
      }
    });

    it('share sessions: one opened on one instance works, and ends, on the other', async () => {
      const s = await httpSignIn(a.url, 'admin', ADMIN);
      assert.equal(s.status, 200);
      const me = await fetch(new URL('api/auth/me', b.url), { headers: { cookie: s.cookie! } });
      assert.equal(me.status, 200);
      const created = await fetch(new URL('api/users', b.url), {
        method: 'POST',
        headers: { cookie: s.cookie!, 'x-csrf-token': s.csrfToken!, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mario', password: MARIO, role: 'auditor' }),
      });
      assert.equal(created.status, 201, await created.text());
      const out = await fetch(new URL('api/auth/logout', b.url), { method: 'POST', headers: { cookie: s.cookie!, 'x-csrf-token': s.csrfToken! } });
      assert.equal(out.status, 204);
      assert.equal((await fetch(new URL('api/auth/me', a.url), { headers: { cookie: s.cookie! } })).status, 401);
    });

    it('add up failed sign-ins from one address on both instances to one limit', async () => {
      for (let i = 0; i < ADDRESS_LIMIT; i++) {
        const r = await httpSignIn(i % 2 ? b.url : a.url, `nessuno${i}`, 'sbagliata-sbagliata', from('198.51.100.7'));
        assert.equal(r.status, 401, `failure ${i + 1}`);
      }
      for (const server of [a, b]) {
        const r = await httpSignIn(server.url, 'admin', ADMIN, from('198.51.100.7'));
        assert.equal(r.status, 429);
        assert.equal(r.detail, 'Troppi tentativi di accesso non riusciti: riprovare tra 1 minuto');
      }
      assert.equal((await httpSignIn(b.url, 'admin', ADMIN, from('198.51.100.8'))).status, 200, 'another address');
    });

    it('add up failed sign-ins against one account from many addresses on both instances', async () => {
      for (let i = 0; i < LIMIT; i++) assert.equal((await httpSignIn(i % 2 ? a.url : b.url, 'mario', 'sbagliata-sbagliata', from(`203.0.113.${i + 1}`))).status, 401);
      assert.equal((await httpSignIn(a.url, 'mario', MARIO, from('203.0.113.200'))).status, 429);
      assert.equal((await httpSignIn(b.url, 'mario', MARIO, from('203.0.113.201'))).status, 429);
      assert.equal((await httpSignIn(a.url, 'admin', ADMIN, from('203.0.113.200'))).status, 200, 'another account');
    });
  },
);
