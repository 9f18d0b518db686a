/** Starts Regia: opens the database the environment chooses, bootstraps it, serves the API and the web UI. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openFromEnv, withStartupLock } from './db/client.ts';
import { FolderLocked } from './db/folder-lock.ts';
import { serviceContext } from './services/context.ts';
import { adminCreatedMessage, adminPasswordFrom, bootstrap } from './services/bootstrap.ts';
import { disableDemoUsers, loadDemo } from './services/demo.ts';
import { openAuditTrail } from './services/audit-trail.ts';
import { DomainError } from './domain/errors.ts';
import { buildApp } from './http/app.ts';
import { parseIdleMinutes } from './domain/auth/session-policy.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;
export const webDist = process.env.REGIA_WEB_DIST ? resolve(process.env.REGIA_WEB_DIST) : resolve(root, 'web/dist');

/** Why a server cannot open a data folder another process holds, and what to do. */
const folderLockedMessage = (e: FolderLocked) =>
  [
    `Regia non può partire. ${e.message}`,
    e.holder?.role === 'cli'
      ? 'Attendere che il comando finisca, poi avviare di nuovo il server.'
      : 'Una cartella PGlite si apre da un solo processo alla volta: usare il server già avviato, oppure fermarlo prima di avviarne un altro. Per più server insieme usare PostgreSQL (DATABASE_URL).',
  ].join('\n');

/** REGIA_TRUSTED_PROXIES: the addresses or CIDR ranges of the proxies in front of Regia. */
const trustedProxies = (env: NodeJS.ProcessEnv) =>
  (env.REGIA_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');

export const startServer = async (env: NodeJS.ProcessEnv = process.env) => {
  // Whatever this process creates (the PGlite folder, uploads being processed, the password file)
  // is for its owner only, whatever the shell's umask.
  process.umask(0o077);
  // A bad idle limit stops the start before anything is opened: a session policy must not be guessed.
  const idle = parseIdleMinutes(env.REGIA_SESSION_IDLE_MINUTES);
  if (!idle.ok) {
    console.error(`Regia non può partire. ${idle.message}`);
    process.exit(1);
  }
  let database: Awaited<ReturnType<typeof openFromEnv>>;
  try {
    database = await openFromEnv(env, { role: 'server' });
  } catch (e) {
    if (!(e instanceof FolderLocked)) throw e;
    console.error(folderLockedMessage(e));
    process.exit(1);
  }
  // The audit key and checkpoints live outside the database (src/services/audit-trail.ts).
  let audit: ReturnType<typeof openAuditTrail>;
  try {
    audit = openAuditTrail(env, { write: true });
    await audit.attach(database, { periodic: true });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    console.error(`Regia non può partire. ${e.message}`);
    await database.close();
    process.exit(1);
  }
  const ctx = serviceContext(database, undefined, audit, idle.minutes);
  const boot = await bootstrap(ctx, adminPasswordFrom(env, database.engine));
  // Instances starting together on one PostgreSQL load the demo one after the other. Without the
  // demo, the demo users an earlier demo created (their password is published) cannot sign in.
  const demo = env.REGIA_DEMO === '1';
  const demoDisabled = demo ? [] : await withStartupLock(database, () => disableDemoUsers(ctx));
  if (demo) await withStartupLock(database, () => loadDemo(ctx));
  const app = await buildApp(ctx, {
    version,
    webDist,
    secureCookies: env.REGIA_SECURE_COOKIES === '1',
    logger: env.REGIA_LOG === '1',
    trustedProxies: trustedProxies(env),
  });
  const host = env.HOST ?? '127.0.0.1';
  await app.listen({ port: Number(env.PORT ?? 3000), host });
  // PORT=0 asks the system for a free port: the address printed is the one bound.
  const port = (app.server.address() as AddressInfo).port;
  database.folderLock?.update({ url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/` });
  const where = database.engine === 'pglite' ? `PGlite in ${resolve(env.REGIA_DATA_DIR || './data')}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Regia ${version} in ascolto su http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  — database: ${where}`);
  if (boot.passwordFile) console.log(adminCreatedMessage(boot.passwordFile));
  if (demo) console.log('Dati dimostrativi caricati: la pagina iniziale indica gli utenti di prova.');
  if (demoDisabled.length) console.log(`Avvio senza dati dimostrativi: disattivati gli utenti dimostrativi ${demoDisabled.join(', ')} (le loro sessioni sono chiuse).`);
  const stop = async () => {
    await app.close();
    await audit.close(); // the last checkpoint of the head
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, database };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}
