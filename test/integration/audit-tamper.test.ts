/**
 * A database administrator rewrites the audit trail with raw SQL, as issue #10 saw it done, and
 * `verify` must say what was done: the chain is keyed with a secret outside the database and the
 * head is checkpointed outside it, so neither a re-hash nor a rewound head goes unnoticed.
 */
import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { auditEntries } from '../../src/db/schema/index.ts';
import { keyedHash, unkeyedHash, type AuditContent, type ChainedEntry } from '../../src/domain/audit/chain.ts';
import { auditKey } from '../../src/domain/audit/keying.ts';
import { openAuditTrail } from '../../src/services/audit-trail.ts';
import { serviceContext } from '../../src/services/context.ts';
import { verifyAudit } from '../../src/services/audit-log.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import type { Executor } from '../../src/db/client.ts';
import { baseEnv, emptyPgDatabase, httpSignIn, killAll, regia, spawnServer } from '../support/server-process.ts';

interface Verification {
  intact: boolean;
  firstBroken: number | null;
  message: string;
}

describe(`audit trail a database administrator cannot rewrite (${testEngine})`, () => {
  let t: TestApp;
  afterEach(() => t.close());

  /** A fresh installation with `acts` acts recorded, one audit entry each, and a checkpoint of the head. */
  const installation = async (acts = 6) => {
    t = await testApp();
    const admin = await t.signIn('admin');
    for (let i = 1; i <= acts; i++) {
      const res = await admin.send('POST', '/api/acts', { type: 'DD', number: `G0${i}`, date: '2024-04-04', issuingOffice: 'Direzione Inclusione sociale', subject: `Atto ${i}` });
      assert.equal(res.statusCode, 201, res.body);
    }
    const auditor = await t.signIn('auditor'); // creating the user is an entry too: before the checkpoint
    await t.audit.checkpoint();
    return { verify: async () => (await auditor.get('/api/audit/verify')).json() as Verification };
  };
  const db = (): Executor => t.database.db;
  const entries = async (): Promise<ChainedEntry[]> => db().select().from(auditEntries).orderBy(asc(auditEntries.seq));
  const lastSeq = async () => (await entries()).at(-1)!.seq;

  /** What a DBA's script does: change one entry, then re-hash it and every later one, head included. */
  const forgeAndRehash = async (seq: number, hash: (c: AuditContent, prev: string) => string) => {
    let prev: string | null = null;
    for (const e of await entries()) {
      if (e.seq < seq) continue;
      const forged = e.seq === seq ? { ...e, after: { forged: true } } : e;
      const prevHash = prev ?? e.prevHash;
      const h = hash(forged, prevHash);
      await db().execute(sql`UPDATE audit_entries SET after = ${JSON.stringify(forged.after)}::jsonb, prev_hash = ${prevHash}, hash = ${h} WHERE seq = ${e.seq}`);
      prev = h;
    }
    await db().execute(sql`UPDATE audit_head SET last_hash = ${prev} WHERE id = 1`);
  };

  it('passes an untouched chain, and writes the checkpoint and the key outside the database', async () => {
    const { verify } = await installation();
    const ok = await verify();
    assert.equal(ok.intact, true, ok.message);
    assert.match(ok.message, /Registro integro: \d+ voci verificate con la chiave, coerenti con il punto di controllo/);
    const file = join(t.auditDir, 'checkpoints.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string; mac: string });
    const head = (await entries()).at(-1)!;
    assert.equal(lines.at(-1)!.seq, head.seq);
    assert.equal(lines.at(-1)!.hash, head.hash);
    assert.match(lines.at(-1)!.mac, /^[0-9a-f]{64}$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(t.auditDir, 'audit.key')).mode & 0o777, 0o600);
    // The head did not move: no new line.
    await t.audit.checkpoint();
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, lines.length);
  });

  it('names the entries after the checkpoint when the last ones are deleted and the head rewound', async () => {
    const { verify } = await installation();
    const last = await lastSeq();
    const keep = (await entries()).find((e) => e.seq === last - 2)!;
    await db().execute(sql`DELETE FROM audit_entries WHERE seq > ${keep.seq}`);
    await db().execute(sql`UPDATE audit_head SET last_seq = ${keep.seq}, last_hash = ${keep.hash} WHERE id = 1`);
    const r = await verify();
    assert.equal(r.intact, false);
    assert.equal(r.firstBroken, keep.seq + 1);
    assert.match(r.message, new RegExp(`^Voci dalla n\\. ${keep.seq + 1} alla n\\. ${last} mancanti: il punto di controllo`));
    // The periodic checkpoint does not overwrite the evidence with the rewound head.
    await t.audit.checkpoint();
    assert.equal((await verify()).firstBroken, keep.seq + 1);
  });

  it('names the forged entry when it and every later one are re-hashed with plain SHA-256', async () => {
    const { verify } = await installation();
    const seq = (await lastSeq()) - 3;
    await forgeAndRehash(seq, unkeyedHash);
    const r = await verify();
    assert.equal(r.intact, false);
    assert.equal(r.firstBroken, seq);
    assert.match(r.message, new RegExp(`^Voce n\\. ${seq} alterata: .*SHA-256 semplice`));
  });

  it('names the forged entry when it and every later one are re-hashed with a key of the attacker', async () => {
    const { verify } = await installation();
    const seq = (await lastSeq()) - 3;
    const wrong = auditKey(new Uint8Array(32).fill(9));
    await forgeAndRehash(seq, (c, prev) => keyedHash(wrong, c, prev));
    const r = await verify();
    assert.equal(r.intact, false);
    assert.equal(r.firstBroken, seq);
    assert.match(r.message, new RegExp(`^Voce n\\. ${seq} alterata: il suo HMAC non corrisponde`));
  });

  it('names an entry whose payload was modified', async () => {
    const { verify } = await installation();
    const seq = (await lastSeq()) - 1;
    await db().execute(sql`UPDATE audit_entries SET after = '{"subject":"Atto modificato"}'::jsonb WHERE seq = ${seq}`);
    const r = await verify();
    assert.equal(r.firstBroken, seq);
    assert.match(r.message, new RegExp(`^Voce n\\. ${seq} alterata`));
  });

  it('names an entry deleted in the middle', async () => {
    const { verify } = await installation();
    const seq = (await lastSeq()) - 2;
    await db().execute(sql`DELETE FROM audit_entries WHERE seq = ${seq}`);
    const r = await verify();
    assert.equal(r.firstBroken, seq);
    assert.match(r.message, new RegExp(`^Voce n\\. ${seq} mancante`));
  });

  it('names the checkpoint when the chain was cut back and grew again (a restored older copy)', async () => {
    const { verify } = await installation();
    const last = await lastSeq();
    const keep = (await entries()).find((e) => e.seq === last - 2)!;
    await db().execute(sql`DELETE FROM audit_entries WHERE seq > ${keep.seq}`);
    await db().execute(sql`UPDATE audit_head SET last_seq = ${keep.seq}, last_hash = ${keep.hash} WHERE id = 1`);
    const admin = await t.signIn('admin');
    for (let i = 0; i < 3; i++) await admin.send('POST', '/api/acts', { type: 'DGR', number: `R${i}`, date: '2024-05-05', issuingOffice: 'Giunta', subject: 'Dopo il ripristino' });
    const r = await verify();
    assert.equal(r.intact, false);
    assert.equal(r.firstBroken, last);
    assert.match(r.message, new RegExp(`^Voce n\\. ${last} diversa dal punto di controllo`));
    // After confirming, the operator starts a new series by renaming the file: verify passes again.
    renameSync(join(t.auditDir, 'checkpoints.jsonl'), join(t.auditDir, 'checkpoints-fino-al-ripristino.jsonl'));
    await t.audit.close();
    const fresh = openAuditTrail({ REGIA_AUDIT_DIR: t.auditDir }, { write: true });
    await fresh.attach(t.database);
    assert.equal((await verifyAudit(serviceContext(t.database, undefined, fresh), SYSTEM)).intact, true);
    await fresh.close();
  });

  it('says the key is missing or another one', async () => {
    await installation(2);
    const nowhere = openAuditTrail({ REGIA_AUDIT_DIR: join(t.auditDir, 'altrove') }, { write: false });
    await nowhere.attach(t.database);
    const missing = await verifyAudit(serviceContext(t.database, undefined, nowhere), SYSTEM);
    assert.equal(!missing.intact && missing.reason, 'key-missing');
    // A server must not start with a new key on a keyed chain: that would fork the trail.
    const forking = openAuditTrail({ REGIA_AUDIT_DIR: join(t.auditDir, 'altrove') }, { write: true });
    await assert.rejects(forking.attach(t.database), /Chiave del registro mancante/);
    assert.equal(existsSync(join(t.auditDir, 'altrove', 'audit.key')), false);

    const other = openAuditTrail({ REGIA_AUDIT_DIR: t.auditDir, REGIA_AUDIT_KEY: 'ab'.repeat(32) }, { write: false });
    await other.attach(t.database);
    const different = await verifyAudit(serviceContext(t.database, undefined, other), SYSTEM);
    assert.equal(!different.intact && different.reason, 'key-different');
  });

  it('keeps an older unkeyed chain verifiable, seals it with a keyed marker, and refuses a drop back to plain hashing', async () => {
    t = await testApp();
    // An installation of the previous version: entries hashed with plain SHA-256, no checkpoints.
    const old = await entries();
    let prev = '0'.repeat(64);
    for (const e of old) {
      const h = unkeyedHash(e, prev);
      await db().execute(sql`UPDATE audit_entries SET prev_hash = ${prev}, hash = ${h} WHERE seq = ${e.seq}`);
      prev = h;
    }
    await db().execute(sql`UPDATE audit_head SET last_hash = ${prev} WHERE id = 1`);
    const dir = join(t.auditDir, 'aggiornata');
    const upgraded = openAuditTrail({ REGIA_AUDIT_DIR: dir }, { write: true });
    await upgraded.attach(t.database);
    const ctx = serviceContext(t.database, undefined, upgraded);
    const marker = (await entries()).at(-1)!;
    assert.equal(marker.action, 'audit.keyed');
    assert.deepEqual((marker.after as { keyedFrom: number }).keyedFrom, old.length + 1);
    assert.equal((await verifyAudit(ctx, SYSTEM)).intact, true);

    // A DBA re-hashes the marker and the entries after it plainly, hoping to pass as an older chain.
    await upgraded.checkpoint();
    await forgeAndRehash(marker.seq, unkeyedHash);
    const r = await verifyAudit(ctx, SYSTEM);
    assert.ok(!r.intact && r.reason === 'unkeyed' && r.firstBroken === marker.seq, JSON.stringify(r));
    await upgraded.close();
  });
});

describe(`the audit folder of a real server (${testEngine})`, { timeout: 180_000 }, () => {
  let dir: string | undefined;
  let dropDb = async () => {};
  after(async () => {
    killAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropDb();
  });

  it('keeps the key beside the data folder, never prints it, and writes the head at stop; verify exits 0, then 1 once the head is rewound', async () => {
    dir = mkdtempSync(join(tmpdir(), 'regia-audit-server-'));
    let env: NodeJS.ProcessEnv;
    let auditDir: string;
    if (testEngine === 'pglite') {
      // The default: `<REGIA_DATA_DIR>-audit`, a sibling, so a restored or deleted data folder leaves it.
      env = baseEnv({ REGIA_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined, REGIA_AUDIT_DIR: undefined, REGIA_ADMIN_PASSWORD: 'admin-password-audit-1' });
      auditDir = join(dir, 'data-audit');
    } else {
      const db = await emptyPgDatabase('regia_audit');
      dropDb = db.drop;
      auditDir = join(dir, 'audit'); // not the default ./regia-audit, which would be in the repository
      env = baseEnv({ DATABASE_URL: db.url, REGIA_AUDIT_DIR: auditDir, REGIA_ADMIN_PASSWORD: 'admin-password-audit-1' });
    }
    const server = await spawnServer(env).started;
    const signedIn = await httpSignIn(server.url, 'admin', 'admin-password-audit-1');
    assert.equal(signedIn.status, 200);
    const res = await fetch(new URL('api/acts', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: signedIn.cookie!, 'x-csrf-token': signedIn.csrfToken! },
      body: JSON.stringify({ type: 'DD', number: 'G1', date: '2024-04-04', issuingOffice: 'Direzione', subject: 'Atto' }),
    });
    assert.equal(res.status, 201);
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    const key = readFileSync(join(auditDir, 'audit.key'), 'utf8').trim();
    assert.equal(statSync(join(auditDir, 'audit.key')).mode & 0o777, 0o600);
    assert.ok(!stopped.stdout.includes(key) && !stopped.stderr.includes(key), 'the key is never printed');
    const lines = readFileSync(join(auditDir, 'checkpoints.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { seq: number };
    assert.ok(last.seq >= 2, 'the head after the act, written at stop');

    const ok = await regia(env, ['audit', 'verify']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`punto di controllo .*\\(voce n\\. ${last.seq}\\)`));
    await rawSql(env, `DELETE FROM audit_entries WHERE seq = ${last.seq}; UPDATE audit_head SET last_seq = ${last.seq - 1}, last_hash = (SELECT hash FROM audit_entries WHERE seq = ${last.seq - 1}) WHERE id = 1`);
    const broken = await regia(env, ['audit', 'verify']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, new RegExp(`Voci dalla n\\. ${last.seq} alla n\\. ${last.seq} mancanti`));
  });
});

/** A DBA's statements, straight to the database the environment names. */
const rawSql = async (env: NodeJS.ProcessEnv, text: string) => {
  if (env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    await c.query(text);
    await c.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(env.REGIA_DATA_DIR!);
    await db.exec(text);
    await db.close();
  }
};

describe(`checkpoints sent to syslog and to a URL (${testEngine})`, () => {
  let t: TestApp;
  after(() => t.close());

  it('sends each checkpoint to both, and a target that cannot be reached fails nothing', async () => {
    t = await testApp();
    const udp = createSocket('udp4');
    const datagram = new Promise<string>((resolve) => udp.once('message', (m) => resolve(m.toString())));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    let received: (r: { url: string; body: string }) => void = () => {};
    const posted = new Promise<{ url: string; body: string }>((resolve) => (received = resolve));
    const http = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => (res.end(), received({ url: req.url!, body })));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    // Another server sharing the key (REGIA_AUDIT_KEY_FILE) with a folder of its own.
    const shared = { REGIA_AUDIT_KEY_FILE: join(t.auditDir, 'audit.key') };
    const trail = openAuditTrail({ ...shared, REGIA_AUDIT_DIR: join(t.auditDir, 'remoto'), REGIA_AUDIT_SYSLOG: `127.0.0.1:${(udp.address() as AddressInfo).port}`, REGIA_AUDIT_CHECKPOINT_URL: `http://127.0.0.1:${port}/punti` }, { write: true });
    await trail.attach(t.database);
    const head = (await t.database.db.select().from(auditEntries).orderBy(asc(auditEntries.seq))).at(-1)!;
    const message = await datagram;
    assert.match(message, /^<110>1 \S+ \S+ regia \d+ checkpoint - \{/);
    assert.equal((JSON.parse(message.slice(message.indexOf('{'))) as { seq: number }).seq, head.seq);
    const post = await posted;
    assert.equal(post.url, '/punti');
    assert.equal((JSON.parse(post.body) as { hash: string }).hash, head.hash);
    await trail.close();
    udp.close();
    await new Promise((resolve) => http.close(resolve));

    // Nobody listening: the checkpoint is still in the file, and the write it follows succeeds.
    const unreachable = openAuditTrail({ ...shared, REGIA_AUDIT_DIR: join(t.auditDir, 'isolato'), REGIA_AUDIT_SYSLOG: `127.0.0.1:${port}`, REGIA_AUDIT_CHECKPOINT_URL: `http://127.0.0.1:${port}/punti` }, { write: true });
    await unreachable.attach(t.database);
    const lines = readFileSync(join(t.auditDir, 'isolato', 'checkpoints.jsonl'), 'utf8').trim().split('\n');
    assert.equal((JSON.parse(lines.at(-1)!) as { seq: number }).seq, head.seq);
    await unreachable.close();
  });
});
