/**
 * Read throughput: the real server (`src/server.ts`, a child process listening on 127.0.0.1 on a
 * free port) under autocannon (in this process) at 50 connections, signed in with a session
 * cookie, on each engine. Routes: the compliance read-out and the districts list, next to
 * `/api/health` (the trivial route: one tiny query, no session) and `/api/auth/me` (the session
 * lookup alone), so the ratios tell what a read costs beyond HTTP and beyond the session.
 * On PostgreSQL, the compliance read-out again while `regia import` (another process, as from
 * the CLI or a second instance) stores a REGIA_BENCH_LINES-line spese.csv.
 *
 * Environment (besides run.ts's REGIA_BENCH_QUICK, REGIA_BENCH_ENGINES, REGIA_BENCH_LINES):
 *   REGIA_BENCH_ONLY=throughput        run only this section
 *   REGIA_BENCH_THROUGHPUT_SECONDS     seconds per route (default 30, quick 3)
 *   REGIA_BENCH_THROUGHPUT_FULL=1      the whole ALL_ITALY setup instead of 2 funds × 2 annualities
 *   REGIA_BENCH_CPU_PROF=DIR           the server writes a V8 CPU profile per engine into DIR
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openDatabase, type Database } from '../src/db/client.ts';
import { serviceContext, type ServiceContext } from '../src/services/context.ts';
import { bootstrap, SYSTEM } from '../src/services/bootstrap.ts';
import { importExchange } from '../src/services/imports.ts';
import { addUser } from '../src/services/users.ts';
import { adminQuery, PG_URL, postgresReachable } from './engines.ts';
import { ALL_ITALY, writeExpenses, writeSetupFolder, type Shape } from './synthetic.ts';
import { load } from './machine.ts';
import { table } from './table.ts';
import { fmtInt, fmtMs, timeIt } from './timing.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 50;
const TARGET = { pgRps: 2000, pgP99: 50, pgliteP99: 200, duringImportP99: 500 };
const READER = { username: 'bench.reader', password: 'bench-only-password-not-a-secret' };
const FUND = 'F01';
const ANNUALITY = 2022;
/** Expense lines stored before the reads: the read-outs read running totals, so this only makes them non-zero. */
const BASE_LINES = 60_000;

export interface ThroughputOptions {
  readonly quick: boolean;
  readonly engines: readonly string[];
  /** lines of the spese.csv imported while the compliance read-out is measured (PostgreSQL) */
  readonly importLines: number;
  readonly log: (message: string) => void;
}

interface Route {
  readonly name: string;
  readonly path: string;
  readonly signedIn: boolean;
  /** checks one answer before the load, so a wrong setup cannot pass for a fast one */
  readonly check: (body: unknown) => string | null;
}

const ROUTES: readonly Route[] = [
  { name: 'trivial: GET /api/health (no session, one small query)', path: '/api/health', signedIn: false, check: (b) => ((b as { status?: string }).status === 'ok' ? null : 'status not ok') },
  { name: 'session alone: GET /api/auth/me', path: '/api/auth/me', signedIn: true, check: (b) => ((b as { user?: { username?: string } }).user?.username === READER.username ? null : 'not the reader') },
  {
    name: `compliance read-out: GET /api/compliance/${FUND}/${ANNUALITY}`,
    path: `/api/compliance/${FUND}/${ANNUALITY}`,
    signedIn: true,
    check: (b) => ((b as { districts?: unknown[] }).districts?.length ? null : 'no district listed'),
  },
  { name: 'districts list: GET /api/districts', path: '/api/districts', signedIn: true, check: (b) => ((b as { items?: unknown[] }).items?.length ? null : 'no district listed') },
];

export interface LoadFigures {
  route: string;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

const figuresOf = (route: string, r: autocannon.Result): LoadFigures => ({
  route,
  seconds: r.duration,
  requests: r.requests.total,
  rps: r.requests.total / r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

/** autocannon at CONNECTIONS connections; `until` (if given) stops it early. */
const hammer = (url: string, cookie: string | null, seconds: number, until?: Promise<unknown>): Promise<autocannon.Result> =>
  new Promise((resolveRun, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {} }, (error, result) => (error ? reject(error) : resolveRun(result)));
    void until?.finally(() => instance.stop());
  });

const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
};

interface Served {
  readonly base: string;
  stop(): Promise<void>;
}

/** `src/server.ts` as `npm start` runs it, on the given database, until stop(). */
const serve = async (env: Record<string, string>, cpuProfDir: string | undefined, label: string): Promise<Served> => {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', REGIA_WEB_DIST: join(tmpdir(), 'regia-bench-no-web'), REGIA_LOG: '', REGIA_DEMO: '' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const args = ['--import', 'tsx', ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=server-${label}-${Date.now()}.cpuprofile`] : []), join(ROOT, 'src/server.ts')];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

const signIn = async (base: string): Promise<string> => {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(READER) });
  const cookie = /regia_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
};

const shapeOf = (quick: boolean): Shape => {
  const full = process.env.REGIA_BENCH_THROUGHPUT_FULL === '1';
  const base: Shape = quick ? { ...ALL_ITALY, districts: ALL_ITALY.districts / 100 } : ALL_ITALY;
  // every district in the read-out's fund annuality, as ALL_ITALY has it; fewer records to set up
  return full ? base : { ...base, funds: 2, years: [2021, ANNUALITY] };
};

/** Registry, money, expense lines and the signed-in reader, through the same imports as a real install. */
const prepare = async (database: Database, shape: Shape, work: string, log: (m: string) => void, label: string, quick: boolean) => {
  const ctx: ServiceContext = serviceContext(database);
  await bootstrap(ctx, READER.password);
  const setupDir = join(work, 'setup');
  const summary = await writeSetupFolder(setupDir, shape);
  const setup = await timeIt(() => importExchange(ctx, SYSTEM, { kind: 'path', path: setupDir }));
  if (!setup.result.ok) throw new Error(`setup import rejected: ${setup.result.errors.slice(0, 5).join('; ')}`);
  const lines = quick ? BASE_LINES / 100 : BASE_LINES;
  const linesDir = join(work, 'lines');
  await mkdir(linesDir);
  await writeExpenses(join(linesDir, 'spese.csv'), { from: 0, count: lines }, shape);
  const imported = await importExchange(ctx, SYSTEM, { kind: 'path', path: linesDir });
  if (!imported.ok) throw new Error(`expense import rejected: ${imported.errors.slice(0, 5).join('; ')}`);
  await addUser(ctx, SYSTEM, { username: READER.username, password: READER.password, role: 'region_officer' });
  log(
    `${label}: throughput setup in ${fmtMs(setup.ms)}: ${summary.districts} districts, ${summary.municipalities} municipalities, ${summary.funds} funds × ${shape.years.length} annualities, ` +
      `${fmtInt(summary.assignments)} assignments, ${fmtInt(summary.disbursements)} disbursements, ${fmtInt(lines)} expense lines; reader: region_officer`,
  );
  return { summary, lines };
};

interface EngineThroughput {
  engine: string;
  routes: LoadFigures[];
  duringImport?: LoadFigures & { importLines: number; importMs: number; importOk: boolean };
  loadBefore: string;
  loadAfter: string;
}

/** Each route: a warm-up, then `seconds` of load; every answer checked once first. */
const measureRoutes = async (served: Served, cookie: string, seconds: number, warm: number, log: (m: string) => void, label: string): Promise<LoadFigures[]> => {
  const out: LoadFigures[] = [];
  for (const route of ROUTES) {
    const res = await fetch(served.base + route.path, { headers: route.signedIn ? { cookie } : {} });
    const wrong = res.ok ? route.check(await res.json()) : `${res.status} ${await res.text()}`;
    if (wrong) throw new Error(`${route.path}: ${wrong}`);
    await hammer(served.base + route.path, route.signedIn ? cookie : null, warm);
    const f = figuresOf(route.name, await hammer(served.base + route.path, route.signedIn ? cookie : null, seconds));
    log(`${label}: ${route.path}: ${fmtInt(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, errors ${f.errors}, non-2xx ${f.non2xx}`);
    out.push(f);
  }
  return out;
};

/** `regia import FOLDER` on the same database, as another process; resolves with its time and exit code. */
const cliImport = (databaseUrl: string, folder: string): Promise<{ ms: number; ok: boolean; output: string }> =>
  new Promise((resolveRun) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/regia.mjs'), 'import', folder], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolveRun({ ms: performance.now() - t0, ok: code === 0, output }));
  });

const runEngine = async (engine: 'pglite' | 'postgres', options: ThroughputOptions, seconds: number): Promise<EngineThroughput> => {
  const { log, quick } = options;
  const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const work = await mkdtemp(join(tmpdir(), 'regia-bench-throughput-'));
  const dbName = `regia_bench_tp_${randomBytes(5).toString('hex')}`;
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const env: Record<string, string> = engine === 'pglite' ? { REGIA_DATA_DIR: join(work, 'pgdata') } : { DATABASE_URL: databaseUrl };
  const shape = shapeOf(quick);
  const loadBefore = load();
  let served: Served | undefined;
  try {
    if (engine === 'postgres') await adminQuery(`CREATE DATABASE ${dbName}`);
    // PGlite is one process's folder: prepared here, closed, then opened by the server
    const database = await openDatabase(engine === 'pglite' ? { dataDir: env.REGIA_DATA_DIR } : { databaseUrl });
    let prepared;
    try {
      prepared = await prepare(database, shape, work, log, label, quick);
    } finally {
      await database.close();
    }
    served = await serve(env, process.env.REGIA_BENCH_CPU_PROF, engine);
    const cookie = await signIn(served.base);
    const warm = quick ? 1 : 3;
    const routes = await measureRoutes(served, cookie, seconds, warm, log, label);
    let duringImport: EngineThroughput['duringImport'];
    if (engine === 'postgres') {
      const folder = join(work, 'big');
      await mkdir(folder);
      await writeExpenses(join(folder, 'spese.csv'), { from: prepared.lines, count: options.importLines }, shape);
      log(`${label}: compliance read-out during \`regia import\` of ${fmtInt(options.importLines)} lines…`);
      const importing = cliImport(databaseUrl, folder);
      const path = ROUTES[2]!.path;
      const result = await hammer(served.base + path, cookie, 3600, importing);
      const imp = await importing;
      if (!imp.ok) log(`${label}: the import failed:\n${imp.output}`);
      duringImport = { ...figuresOf(`compliance read-out during a ${fmtInt(options.importLines)}-line import`, result), importLines: options.importLines, importMs: imp.ms, importOk: imp.ok };
      log(`${label}: import took ${fmtMs(imp.ms)}; reads meanwhile: ${fmtInt(duringImport.rps)} req/s, p50 ${duringImport.p50} ms, p99 ${duringImport.p99} ms, max ${duringImport.max} ms, errors ${duringImport.errors}, non-2xx ${duringImport.non2xx}`);
    }
    return { engine: label, routes, duringImport, loadBefore, loadAfter: load() };
  } finally {
    await served?.stop();
    if (engine === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: unknown) => log(`could not drop ${dbName}: ${String(e)}`));
    await rm(work, { recursive: true, force: true });
  }
};

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

const report = (f: EngineThroughput, seconds: number): string => {
  const pg = f.engine === 'PostgreSQL';
  const trivial = f.routes[0]!;
  const row = (r: LoadFigures, target: string) => [
    r.route,
    fmtInt(r.rps),
    `${r.p50} ms`,
    `${r.p99} ms`,
    `${r.max} ms`,
    `${r.errors} / ${r.non2xx}`,
    r === trivial ? '1' : `${(r.rps / trivial.rps).toFixed(3)}×${r.rps < trivial.rps ? ` (${(trivial.rps / r.rps).toFixed(1)}× slower)` : ''}`,
    target,
  ];
  const target = (r: LoadFigures) =>
    pg ? `≥ ${fmtInt(TARGET.pgRps)} req/s, p99 ≤ ${TARGET.pgP99} ms: ${verdict(r.rps >= TARGET.pgRps && r.p99 <= TARGET.pgP99)}` : `p99 ≤ ${TARGET.pgliteP99} ms: ${verdict(r.p99 <= TARGET.pgliteP99)}`;
  const rows = f.routes.map((r, i) => row(r, i >= 2 ? target(r) : '—'));
  if (f.duringImport) {
    const d = f.duringImport;
    rows.push(row(d, `p99 ≤ ${TARGET.duringImportP99} ms: ${verdict(d.p99 <= TARGET.duringImportP99)}; import ${fmtMs(d.importMs)}${d.importOk ? '' : ' FAILED'}`));
  }
  return (
    `\n== Read throughput, ${f.engine}: autocannon, ${CONNECTIONS} connections, ${seconds} s per route after a warm-up, signed in as a region_officer (session cookie); load average ${f.loadBefore} before, ${f.loadAfter} after\n` +
    table(['route', 'req/s', 'p50', 'p99', 'max', 'errors / non-2xx', 'req/s vs trivial', 'target'], rows)
  );
};

/** The read-throughput section of `npm run bench`. */
export const benchThroughput = async (options: ThroughputOptions): Promise<EngineThroughput[]> => {
  const seconds = Number(process.env.REGIA_BENCH_THROUGHPUT_SECONDS || (options.quick ? 3 : 30));
  const results: EngineThroughput[] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    if (!options.engines.includes(engine)) continue;
    if (engine === 'postgres') {
      const reach = await postgresReachable();
      if (!reach.ok) {
        console.log(`\n== Read throughput on PostgreSQL skipped: unreachable (${reach.reason})`);
        continue;
      }
    }
    const f = await runEngine(engine, options, seconds);
    results.push(f);
    console.log(report(f, seconds));
  }
  return results;
};
