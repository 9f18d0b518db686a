/**
 * Two writers meeting in the database (a unique key taken meanwhile, a serialization failure, a
 * deadlock, a lock not available) answer 409 problem+json with an Italian message, and the
 * command line exits 1 with it: never a 500 or a stack trace.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { testApp, type Session, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { errorHandler } from '../../src/http/problem.ts';
import { refusal } from '../../src/cli/main.ts';

const HTTP_MESSAGE = "Operazione in conflitto con un'altra modifica contemporanea: ricaricare la pagina e riprovare";

/** The error a query fails with (it must fail). */
const failure = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('the query was expected to fail');
};

/** Real errors of the database, one per SQLSTATE, from two connections (PostgreSQL only). */
const concurrentErrors = async (pool: pg.Pool): Promise<Record<string, unknown>> => {
  const [a, b] = [await pool.connect(), await pool.connect()];
  try {
    // 55P03: a row locked by another transaction, asked for with NOWAIT
    await a.query('begin');
    await a.query(`select * from regions where code = 'LAZIO' for update`);
    await b.query('begin');
    const lock = await failure(() => b.query(`select * from regions where code = 'LAZIO' for update nowait`));
    await b.query('rollback');
    await a.query('rollback');

    // 40001: a row changed by another transaction since this repeatable-read one began
    await a.query('begin isolation level repeatable read');
    await a.query(`select * from regions where code = 'LAZIO'`);
    await b.query(`update regions set name = name where code = 'LAZIO'`);
    const serialization = await failure(() => a.query(`update regions set name = name where code = 'LAZIO'`));
    await a.query('rollback');

    // 40P01: each transaction waits for the lock the other holds
    await a.query('begin');
    await b.query('begin');
    await a.query('select pg_advisory_xact_lock(9101)');
    await b.query('select pg_advisory_xact_lock(9102)');
    const results = await Promise.allSettled([a.query('select pg_advisory_xact_lock(9102)'), b.query('select pg_advisory_xact_lock(9101)')]);
    await a.query('rollback');
    await b.query('rollback');
    const deadlock = results.find((r) => r.status === 'rejected')?.reason as unknown;
    assert.ok(deadlock, 'one of the two was chosen as the deadlock victim');
    return { '55P03': lock, '40001': serialization, '40P01': deadlock };
  } finally {
    a.release();
    b.release();
  }
};

describe(`database conflicts answer 409, never 500 (${testEngine})`, () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await testApp();
    admin = await t.signIn('admin');
  });
  after(() => t.close());

  it('real errors of the database reach the error handler as 409 problem+json, and the CLI as its message', async () => {
    const errors: Record<string, unknown> = {
      // through drizzle, which wraps the driver's error
      '23505': await failure(() => t.database.db.execute(sql`insert into regions (code, name) values ('LAZIO', 'di nuovo')`)),
      ...(t.database.raw.kind === 'postgres' ? await concurrentErrors(t.database.raw.pool) : {}),
    };
    const fault = await failure(() => t.database.db.execute(sql`insert into districts (code, name, region_code) values ('X1', 'x', 'NESSUNA')`));
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/:code', async (request) => {
      const code = (request.params as { code: string }).code;
      throw code === 'fault' ? fault : errors[code];
    });
    await app.ready();
    try {
      assert.equal(Object.keys(errors).length, testEngine === 'postgres' ? 4 : 1);
      const kinds: Record<string, string> = { '23505': 'unique', '40001': 'serialization', '40P01': 'deadlock', '55P03': 'lock' };
      for (const code of Object.keys(errors)) {
        const res = await app.inject({ method: 'GET', url: `/${code}` });
        assert.equal(res.statusCode, 409, `${code}: ${res.body}`);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
        assert.deepEqual(res.json(), { type: 'about:blank', title: 'Operazione in conflitto con lo stato attuale', status: 409, detail: HTTP_MESSAGE, code: `db.conflict.${kinds[code]}` });
        assert.equal(refusal(errors[code]), "Operazione in conflitto con un'altra modifica contemporanea: ripetere il comando");
      }
      // a foreign key is a fault, not a race: it stays an internal error
      assert.equal((await app.inject({ method: 'GET', url: '/fault' })).statusCode, 500);
      assert.equal(refusal(fault), null);
    } finally {
      await app.close();
    }
  });

  it('the same new user sent eight times at once is created once; every other answer is 409', async () => {
    const send = () => admin.send('POST', '/api/users', { username: 'gara', role: 'auditor', password: 'password-della-gara' });
    let answers;
    if (t.database.raw.kind === 'postgres') {
      // Inserts into users wait behind a SHARE lock while reads go on, so that all eight requests
      // find no such user before any of them inserts: seven then meet the unique key itself.
      const blocker = await t.database.raw.pool.connect();
      try {
        await blocker.query('begin');
        await blocker.query('lock table users in share mode');
        const sent = Promise.all(Array.from({ length: 8 }, send));
        const waiting = async () =>
          Number((await blocker.query(`select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'users' and not l.granted`)).rows[0].n);
        const start = Date.now();
        while ((await waiting()) < 8 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 20));
        assert.equal(await waiting(), 8, 'all eight requests read before inserting');
        await blocker.query('commit');
        answers = await sent;
      } finally {
        blocker.release();
      }
    } else {
      answers = await Promise.all(Array.from({ length: 8 }, send));
    }
    const statuses = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], answers.map((r) => r.body).join('\n'));
    for (const r of answers.filter((a) => a.statusCode === 409)) {
      assert.match(r.headers['content-type'] as string, /^application\/problem\+json/);
      const body = r.json() as { code: string; detail: string };
      // PGlite runs one request after the other: the service's own check answers there
      if (testEngine === 'postgres') assert.deepEqual([body.code, body.detail], ['db.conflict.unique', HTTP_MESSAGE]);
      else assert.deepEqual([body.code, body.detail], ['user.exists', 'L\'utente "gara" esiste già']);
    }
    const users = (await admin.get('/api/users')).json() as { items: { username: string }[] };
    assert.equal(users.items.filter((u) => u.username === 'gara').length, 1);
  });
});
