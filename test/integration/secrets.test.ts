import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { baseEnv, emptyPgDatabase, httpSignIn, killAll, regia, spawnServer, type Exited, type ServerProcess } from '../support/server-process.ts';
import { openDatabase } from '../../src/db/client.ts';
import { serviceContext } from '../../src/services/context.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { addUser, signIn } from '../../src/services/users.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/domain/demo-users.ts';

const MARIO = 'password-di-mario-1';

/** Every entry under `root` whose mode lets its group or others in, with that mode. */
const openToOthers = (root: string): string[] => {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
};

/** What an earlier version left: a folder anyone on the machine may read and write. */
const openToEveryone = (root: string) => {
  const stat = lstatSync(root);
  chmodSync(root, stat.isDirectory() ? 0o777 : 0o666);
  if (stat.isDirectory()) for (const name of readdirSync(root)) openToEveryone(join(root, name));
};

const outputOf = (e: Exited) => `${e.stdout}\n${e.stderr}`;
const filePathIn = (output: string) => /password nel file (\S+)/.exec(output)?.[1];

describe(`no published secrets (${testEngine})`, () => {
  it('/api/health says whether the demo is on, and nothing about users', async () => {
    const t = await testApp();
    try {
      const before = (await t.app.inject({ method: 'GET', url: '/api/health' })).json() as { demo: unknown };
      assert.equal(before.demo, false, 'an installation without demo users');
      const u = DEMO_USERS[0]!;
      await addUser(t.ctx, SYSTEM, { ...u, password: DEMO_PASSWORD, demo: true });
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      const body = res.json() as { demo: unknown };
      assert.equal(body.demo, true);
      assert.ok(!res.body.includes(DEMO_PASSWORD), 'no password');
      assert.ok(!res.body.includes(u.username), 'no user name');
      assert.deepEqual(Object.keys(body).sort(), ['demo', 'engine', 'status', 'version']);
    } finally {
      await t.close();
    }
  });
});

/**
 * Real servers and commands, as an installation runs them: the first administrator's password
 * goes to an owner-only file, never to the output; a start without the demo shuts the demo users
 * out; the data folder and the uploads being processed are readable by their owner only.
 */
describe(`the first password, the demo users and the files of a real installation (${testEngine})`, { timeout: 300_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let passwordFile: string;
  let databaseUrl: string | undefined;
  const drops: (() => Promise<void>)[] = [];
  let server: ServerProcess | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regia-secrets-'));
    dataDir = join(dir, 'data');
    mkdirSync(join(dir, 'tmp'));
    // TMPDIR: where the server's uploads wait while they are processed, watched by the test (tsx
    // keeps its cache there too, written before Regia starts: not Regia's files).
    const common = { REGIA_ADMIN_PASSWORD: undefined, TMPDIR: join(dir, 'tmp') };
    if (testEngine === 'pglite') {
      env = baseEnv({ ...common, REGIA_DATA_DIR: dataDir, DATABASE_URL: undefined, REGIA_ADMIN_PASSWORD_FILE: undefined });
      passwordFile = join(dataDir, 'admin-password.txt');
    } else {
      const db = await emptyPgDatabase('regia_secrets');
      drops.push(db.drop);
      databaseUrl = db.url;
      passwordFile = join(dir, 'segreti', 'admin-password.txt');
      env = baseEnv({ ...common, DATABASE_URL: db.url, REGIA_ADMIN_PASSWORD_FILE: passwordFile });
    }
  });
  after(async () => {
    await server?.stop().catch(() => {});
    killAll();
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const adminPassword = () => readFileSync(passwordFile, 'utf8').trim();

  it('the first start writes the administrator password to a file only its owner reads, and prints only the path', async () => {
    server = await spawnServer(env).started;
    assert.ok(existsSync(passwordFile), `the password file ${passwordFile}`);
    assert.equal(statSync(passwordFile).mode & 0o777, 0o600);
    const password = adminPassword();
    assert.ok(password.length >= 16, 'a long generated password');
    assert.equal((await httpSignIn(server.url, 'admin', password)).status, 200);
  });

  it('the password is nowhere in what the server printed', async () => {
    const stopped = await server!.stop();
    server = undefined;
    const output = outputOf(stopped);
    assert.equal(filePathIn(output), passwordFile, output);
    assert.ok(!output.includes(adminPassword()), 'the password is not printed');
  });

  it('uploads are readable by their owner only while they are processed', async () => {
    server = await spawnServer(env).started;
    const admin = await httpSignIn(server.url, 'admin', adminPassword());
    const created = await fetch(new URL('api/users', server.url), {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken!, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mario', password: MARIO, role: 'region_officer' }),
    });
    assert.equal(created.status, 201, await created.text());
    const mario = await httpSignIn(server.url, 'mario', MARIO);
    // A multipart upload begun and held open: the server has started writing it to a temporary file.
    const boundary = '----regia-secrets';
    const upload = request(new URL('api/imports', server.url), {
      method: 'POST',
      headers: { cookie: mario.cookie!, 'x-csrf-token': mario.csrfToken!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    upload.on('error', () => {});
    upload.write(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="distretti.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    upload.write(`codice;nome;ente_capofila;forma_gestione\n${'X1;Distretto X;Comune X;altro\n'.repeat(2000)}`);
    const tmp = join(dir, 'tmp');
    // Read while the upload is held open: an aborted upload's file is removed at once.
    // The upload goes into a folder of the request's own (src/http/upload-folder.ts): the folder
    // and the file in it are both the owner's only.
    let modes: string[] = [];
    for (let i = 0; i < 100 && modes.length < 2; i++) {
      await sleep(100);
      modes = readdirSync(tmp)
        .filter((f) => !f.startsWith('tsx-'))
        .flatMap((f) => {
          const path = join(tmp, f);
          const entry = `${f} ${(statSync(path).mode & 0o777).toString(8)}`;
          return statSync(path).isDirectory() ? [entry, ...readdirSync(path).map((g) => `${f}/${g} ${(statSync(join(path, g)).mode & 0o777).toString(8)}`)] : [entry];
        });
    }
    upload.destroy();
    assert.equal(modes.length, 2, `the upload is being written to a temporary file in its folder: ${modes.join(', ')}`);
    assert.match(modes[0]!, /^regia-upload-\S+ 700$/);
    assert.match(modes[1]!, /^regia-upload-\S+\/1 600$/);
  });

  it('(PGlite) the data folder is closed to others while the server runs, and every file in it once it stops', { skip: testEngine !== 'pglite' && 'PostgreSQL keeps its own files' }, async () => {
    assert.deepEqual(openToOthers(dataDir).filter((e) => statSync(e.split(' ')[0]!).isDirectory()), [], 'no folder on the way to a file lets others in');
    await server!.stop();
    server = undefined;
    assert.deepEqual(openToOthers(dataDir), []);
  });

  it('a start without the demo deactivates the demo users an earlier demo created and ends their sessions', async () => {
    await server?.stop();
    server = undefined;
    // An earlier start with the demo: a demo user with its published password, signed in.
    const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
    let session: string;
    try {
      const ctx = serviceContext(database);
      const demoUser = DEMO_USERS.find((u) => u.role === 'region_officer')!;
      await addUser(ctx, SYSTEM, { ...demoUser, password: DEMO_PASSWORD, demo: true });
      session = (await signIn(ctx, demoUser.username, DEMO_PASSWORD)).sessionToken;
    } finally {
      await database.close();
    }
    const password = adminPassword();
    // An earlier version left the data folder open to everyone.
    if (testEngine === 'pglite') openToEveryone(dataDir);
    server = await spawnServer(env).started; // REGIA_DEMO=0
    assert.equal((await fetch(new URL('api/auth/me', server.url), { headers: { cookie: `regia_session=${session}` } })).status, 401, 'the session has ended');
    assert.equal((await httpSignIn(server.url, 'regione', DEMO_PASSWORD)).status, 401, 'the published password no longer signs in');
    assert.equal(((await (await fetch(new URL('api/health', server.url))).json()) as { demo: unknown }).demo, false);
    assert.equal((await httpSignIn(server.url, 'mario', MARIO)).status, 200, 'other users are untouched');
    const stopped = await server.stop();
    server = undefined;
    if (testEngine === 'pglite') assert.deepEqual(openToOthers(dataDir), [], 'the folder an earlier version left open is closed');
    assert.equal(adminPassword(), password, 'the file is written once, by the start that creates the administrator');
    assert.equal(filePathIn(outputOf(stopped)), undefined, 'no new administrator');
  });

  it('a command on a new installation writes the password file too, and prints only its path', async () => {
    let cliEnv: NodeJS.ProcessEnv;
    let file: string;
    const cliData = join(dir, 'cli-data');
    if (testEngine === 'pglite') {
      cliEnv = { ...env, REGIA_DATA_DIR: cliData };
      file = join(cliData, 'admin-password.txt');
    } else {
      const db = await emptyPgDatabase('regia_secrets_cli');
      drops.push(db.drop);
      file = join(dir, 'cli-admin-password.txt');
      cliEnv = { ...env, DATABASE_URL: db.url, REGIA_ADMIN_PASSWORD_FILE: file };
    }
    const done = await regia(cliEnv, ['db', 'migrate']);
    assert.equal(done.code, 0, outputOf(done));
    assert.equal(filePathIn(outputOf(done)), file, outputOf(done));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!outputOf(done).includes(readFileSync(file, 'utf8').trim()), 'the password is not printed');
    if (testEngine === 'pglite') assert.deepEqual(openToOthers(cliData), []);
  });
});

describe(
  'instances starting together on an empty PostgreSQL: the one that creates the administrator writes the file',
  { skip: testEngine === 'postgres' ? false : 'several instances need PostgreSQL', timeout: 300_000 },
  () => {
    let dir: string;
    const servers: ServerProcess[] = [];
    let drop = async () => {};
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'regia-secrets-inst-'));
    });
    after(async () => {
      await Promise.allSettled(servers.map((s) => s.stop()));
      killAll();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exactly one file, owner-only, whose password signs in on both', async () => {
      const db = await emptyPgDatabase('regia_secrets_inst');
      drop = db.drop;
      const files = [join(dir, 'a.txt'), join(dir, 'b.txt')];
      const env = (file: string) => baseEnv({ DATABASE_URL: db.url, REGIA_ADMIN_PASSWORD: undefined, REGIA_ADMIN_PASSWORD_FILE: file });
      servers.push(...(await Promise.all(files.map((f) => spawnServer(env(f)).started))));
      const written = files.filter((f) => existsSync(f));
      assert.equal(written.length, 1, `one file of ${files.join(', ')}`);
      assert.equal(statSync(written[0]!).mode & 0o777, 0o600);
      const password = readFileSync(written[0]!, 'utf8').trim();
      for (const s of servers) assert.equal((await httpSignIn(s.url, 'admin', password)).status, 200);
      const outputs = await Promise.all(servers.splice(0).map(async (s) => outputOf(await s.stop())));
      assert.deepEqual(outputs.map(filePathIn).filter(Boolean), written);
      assert.ok(!outputs.join('\n').includes(password));
    });
  },
);
