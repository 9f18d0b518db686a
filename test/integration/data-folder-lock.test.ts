import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngine } from '../support/db.ts';
import { baseEnv, emptyPgDatabase, httpSignIn, killAll, regia, spawnServer } from '../support/server-process.ts';

const ADMIN = 'admin-password-folder-1';
const MARIO = 'password-di-mario-1';

/**
 * The server and the CLI on one data folder, as real processes: while the server runs, every
 * command refuses with what to do instead and changes nothing; after it stops, they work.
 */
describe(`one data folder, one writer (${testEngine})`, { timeout: 300_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let dropDb = async () => {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regia-folder-'));
    if (testEngine === 'pglite') {
      env = baseEnv({ REGIA_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined, REGIA_ADMIN_PASSWORD: ADMIN });
    } else {
      const db = await emptyPgDatabase('regia_folder');
      dropDb = db.drop;
      env = baseEnv({ DATABASE_URL: db.url, REGIA_ADMIN_PASSWORD: ADMIN });
    }
    writeFileSync(join(dir, 'piano.json'), '{}');
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'files', 'distretti.csv'), 'codice;nome;ente_capofila;forma_gestione\nX1;Distretto X;Comune X;altro\n');
  });
  after(async () => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
    await dropDb();
  });

  const users = async (base: string) => {
    const admin = await httpSignIn(base, 'admin', ADMIN);
    assert.equal(admin.status, 200);
    const res = await fetch(new URL('api/users', base), { headers: { cookie: admin.cookie! } });
    return ((await res.json()) as { items: { username: string }[] }).items.map((u) => u.username);
  };

  if (testEngine === 'pglite') {
    it('refuses every command while the server runs, names what to do instead, and changes nothing', async () => {
      const server = await spawnServer(env).started;
      const refusals: [string[], RegExp][] = [
        [['user', 'add', 'mario', '--role', 'auditor'], /pagina «Utenti» dell’interfaccia web \(http:\/\/127\.0\.0\.1:\d+\/utenti\) oppure l’API POST \/api\/users/],
        [['import', join(dir, 'files')], /pagina «Importazioni» .*\/importazioni\) oppure l’API POST \/api\/imports/],
        [['demo'], /npm start/],
        [['db', 'migrate'], /già applicato le migrazioni/],
        [['performance', 'import', join(dir, 'piano.json')], /pagina «Performance» .*\/performance\) oppure l’API POST \/api\/performance\/plans/],
        [['audit', 'verify'], /pagina «Registro attività» .*\/registro-attivita\) oppure l’API GET \/api\/audit\/verify/],
      ];
      const answers = await Promise.all(refusals.map(([args]) => regia(env, args, `${MARIO}\n`)));
      for (const [i, [args, instead]] of refusals.entries()) {
        const r = answers[i]!;
        assert.equal(r.code, 1, `regia ${args.join(' ')}: ${r.stderr}${r.stdout}`);
        assert.match(r.stderr, new RegExp(`La cartella dati .* è in uso dal server Regia in ascolto su ${server.url.replace(/[./]/g, '\\$&')} \\(pid ${server.child.pid}`));
        assert.match(r.stderr, /Il comando non è stato eseguito e non ha modificato nulla/);
        assert.match(r.stderr, instead);
        assert.match(r.stderr, /Oppure fermare il server/);
        assert.equal(r.stdout, '');
      }
      assert.deepEqual(await users(server.url), ['admin'], 'the server never saw a user added behind its back');

      const second = spawnServer(env);
      await assert.rejects(second.started, /uscito \(1\)/);
      const refused = await second.exited;
      assert.match(refused.stderr, /Regia non può partire\. La cartella dati .* è in uso dal server Regia in ascolto su/);
      assert.match(refused.stderr, /usare il server già avviato, oppure fermarlo prima di avviarne un altro\. Per più server insieme usare PostgreSQL/);
      assert.equal((await httpSignIn(server.url, 'admin', ADMIN)).status, 200, 'the first server still serves');

      const stopped = await server.stop();
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.equal(existsSync(join(env.REGIA_DATA_DIR!, 'regia.lock')), false, 'the lock is released at stop');
    });

    it('works once the server has stopped, and the server then sees what the command did', async () => {
      const added = await regia(env, ['user', 'add', 'mario', '--role', 'auditor'], `${MARIO}\n`);
      assert.equal(added.code, 0, added.stderr);
      assert.equal((await regia(env, ['import', join(dir, 'files')])).code, 0);
      const server = await spawnServer(env).started;
      assert.equal((await httpSignIn(server.url, 'mario', MARIO)).status, 200);
      const districts = await fetch(new URL('api/districts/X1', server.url), { headers: { cookie: (await httpSignIn(server.url, 'admin', ADMIN)).cookie! } });
      assert.equal(districts.status, 200);
      // A server killed outright leaves its lock behind; the next process finds its pid gone and takes it.
      server.child.kill('SIGKILL');
      await server.exited;
      assert.equal(existsSync(join(env.REGIA_DATA_DIR!, 'regia.lock')), true);
      const verify = await regia(env, ['audit', 'verify']);
      assert.equal(verify.code, 0, verify.stderr);
      assert.match(verify.stdout, /Registro integro/);
    });
  } else {
    it('has no folder lock on PostgreSQL: a command run beside the server is seen by the server at once', async () => {
      const server = await spawnServer(env).started;
      const added = await regia(env, ['user', 'add', 'mario', '--role', 'auditor'], `${MARIO}\n`);
      assert.equal(added.code, 0, added.stderr);
      assert.equal((await httpSignIn(server.url, 'mario', MARIO)).status, 200);
      const verify = await regia(env, ['audit', 'verify']);
      assert.equal(verify.code, 0, verify.stderr);
      assert.equal((await server.stop()).code, 0);
    });
  }
});
