// The test suites: `node scripts/test.mjs all|unit|pglite|postgres|browser`.
// `all` runs unit tests, integration tests on PGlite and on PostgreSQL, and browser journeys,
// then prints one closing line "N passed, N failed". A missing PostgreSQL or Chromium is a
// failure that says how to get it (`.ci/run` installs both on a bare Debian machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const find = (dir, suffix) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(suffix) && !f.includes('node_modules'))
        .map((f) => join(dir, f))
        .sort()
    : [];

const totals = { pass: 0, fail: 0, skipped: 0 };
const failedSuites = [];

// Adds a run of test files to the closing totals.
const record = (name, run) => {
  totals.pass += run.counts.pass ?? 0;
  totals.fail += run.counts.fail ?? 0;
  totals.skipped += run.counts.skipped ?? 0;
  if (!run.ok) failedSuites.push(name);
};

// Runs test files in one `node --test`; resolves with whether they passed, their counts and what
// they printed.
const runFiles = (name, files, env = {}) =>
  new Promise((resolvePromise) => {
    if (files.length === 0) {
      console.error(`[${name}] nessun file di test trovato`);
      return resolvePromise({ ok: false, output: '', counts: {} });
    }
    console.log(`\n=== ${name}: ${files.length} file ===`);
    // A test stuck past ten minutes fails, and a file whose tests are over exits even if a failed
    // hook left a handle open: CI ends with a verdict, never a hang.
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=600000', '--test-force-exit', ...files], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let output = '';
    const counts = {};
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      output += d.toString();
      buffer += d.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        const m = /^[ℹ#] (pass|fail|skipped) (\d+)\s*$/.exec(line.trim());
        if (m) counts[m[1]] = Number(m[2]);
      }
    });
    child.on('close', (code) => {
      resolvePromise({ ok: code === 0, output, counts });
    });
  });

const postgresReachable = async () => {
  const client = new pg.Client({ connectionString: process.env.REGIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (e) {
    console.error(`[postgres] PostgreSQL non raggiungibile (${e.message}). Impostare REGIA_TEST_PG_URL o avviare PostgreSQL (vedi .ci/run).`);
    return false;
  }
};

const suites = {
  unit: async () => record('unit', await runFiles('unit', [...find('src', '.test.ts'), ...find('web/src', '.test.ts')])),
  pglite: async () => record('integration (PGlite)', await runFiles('integration (PGlite)', find('test/integration', '.test.ts'), { REGIA_TEST_ENGINE: 'pglite' })),
  postgres: async () => {
    if (!(await postgresReachable())) return void failedSuites.push('integration (PostgreSQL)');
    const files = find('test/integration', '.test.ts');
    const env = { REGIA_TEST_ENGINE: 'postgres' };
    const first = await runFiles('integration (PostgreSQL)', files, env);
    // SQLSTATE 57P01: the server's administrator (pg_terminate_backend, a shutdown) ended a
    // connection. Regia never does that, so the suite is run once more, whole, and only that run
    // counts; any other failure counts at once.
    if (first.ok || !/terminating connection due to administrator command/.test(first.output)) return record('integration (PostgreSQL)', first);
    console.log('\n[postgres] il server ha chiuso una connessione (57P01), non Regia: la suite viene ripetuta una volta e conta la ripetizione');
    record('integration (PostgreSQL)', await runFiles('integration (PostgreSQL)', files, env));
  },
  browser: async () => {
    if (!existsSync('/usr/bin/chromium')) {
      console.error('[browser] /usr/bin/chromium assente: installarlo con `apt-get install -y chromium` (vedi .ci/run).');
      return void failedSuites.push('browser');
    }
    const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) return void failedSuites.push('browser (build)');
    record('browser', await runFiles('browser', find('test/browser', '.test.ts')));
  },
};

const which = process.argv[2] ?? 'all';
const order = which === 'all' ? ['unit', 'pglite', 'postgres', 'browser'] : [which];
for (const s of order) {
  if (!suites[s]) {
    console.error(`suite sconosciuta: ${s}`);
    process.exit(2);
  }
  await suites[s]();
}
console.log(`\n${failedSuites.length ? `Suite con errori: ${failedSuites.join(', ')}` : 'Tutte le suite riuscite'}`);
console.log(`${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failedSuites.length || totals.fail ? 1 : 0);
