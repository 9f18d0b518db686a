/**
 * Real Regia processes for tests of what only separate processes show (one data folder, one
 * writer; several instances on one database): the server is started as `npm start` starts it
 * (src/server.ts's startServer) and the CLI as an operator runs it (bin/regia.mjs). Every child
 * is bounded in time and killed at the end of the test file, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPgDatabase } from './db.ts';

export { emptyPgDatabase };

const children = new Set<ChildProcess>();
// A test file ended early (--test-force-exit, a timeout) takes its servers with it.
process.on('exit', () => {
  killAll();
  if (auditDir) rmSync(auditDir, { recursive: true, force: true });
});

// The audit key and checkpoints of this test file's processes: shared by its instances (as servers
// on one PostgreSQL share one key), never in the repository's ./regia-audit.
let auditDir: string | null = null;
const testAuditDir = () => (auditDir ??= mkdtempSync(join(tmpdir(), 'regia-audit-proc-')));

/** Kills every child still running (for `after`). */
export const killAll = () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
};

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const track = (child: ChildProcess) => {
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exited>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { output: () => ({ stdout, stderr }), exited };
};

const withTimeout = <T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what()}: nessuna risposta in ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e as Error)),
    );
  });

/** The environment of a server or command: no demo, no web build, a free port. */
export const baseEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, REGIA_DEMO: '0', PORT: '0', HOST: '127.0.0.1', REGIA_WEB_DIST: '/nonexistent', REGIA_AUDIT_DIR: testAuditDir(), ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
};

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<Exited>;
  /** SIGTERM, as Ctrl+C or a service manager stops it; resolves when it has exited. */
  stop(): Promise<Exited>;
}

/** Spawns a server; resolves once it listens, rejects if it exits first or takes over `ms`. */
export const spawnServer = (env: NodeJS.ProcessEnv, ms = 90_000): { started: Promise<ServerProcess>; exited: Promise<Exited> } => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { output, exited } = track(child);
  const listening = new Promise<ServerProcess>((resolve, reject) => {
    const look = () => {
      const m = /in ascolto su (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output().stdout);
      if (m) resolve({ url: m[1]!, child, exited, stop: () => stop(child, exited) });
    };
    child.stdout!.on('data', look);
    void exited.then((e) => reject(new Error(`il server è uscito (${e.code ?? e.signal}) prima di ascoltare:\n${e.stderr}${e.stdout}`)));
  });
  return { started: withTimeout(listening, ms, () => `avvio del server\n${output().stderr}`), exited };
};

const stop = async (child: ChildProcess, exited: Promise<Exited>): Promise<Exited> => {
  child.kill('SIGTERM');
  try {
    return await withTimeout(exited, 20_000, () => 'arresto del server');
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
};

/** Runs `regia ARGS` with standard input, to its end (bounded). */
export const regia = (env: NodeJS.ProcessEnv, args: string[], input = '', ms = 60_000): Promise<Exited> => {
  const child = spawn(process.execPath, ['bin/regia.mjs', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const { exited } = track(child);
  child.stdin!.end(input);
  return withTimeout(exited, ms, () => `regia ${args.join(' ')}`);
};

/** Signs in over real HTTP; answers the status, and the cookie and CSRF token on success. */
export const httpSignIn = async (base: string, username: string, password: string, headers: Record<string, string> = {}) => {
  const res = await fetch(new URL('api/auth/login', base), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { csrfToken?: string; detail?: string };
  const cookie = /regia_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  return { status: res.status, cookie, csrfToken: body.csrfToken, detail: body.detail };
};
