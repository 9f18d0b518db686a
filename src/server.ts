/** Starts Regia: opens the database the environment chooses, bootstraps it, serves the API and the web UI. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFromEnv } from './db/client.ts';
import { serviceContext } from './services/context.ts';
import { bootstrap } from './services/bootstrap.ts';
import { loadDemo } from './services/demo.ts';
import { buildApp } from './http/app.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;
export const webDist = process.env.REGIA_WEB_DIST ? resolve(process.env.REGIA_WEB_DIST) : resolve(root, 'web/dist');

export const startServer = async (env: NodeJS.ProcessEnv = process.env) => {
  const database = await openFromEnv(env);
  const ctx = serviceContext(database);
  const boot = await bootstrap(ctx, env.REGIA_ADMIN_PASSWORD);
  if (env.REGIA_DEMO === '1') await loadDemo(ctx);
  const app = await buildApp(ctx, { version, webDist, secureCookies: env.REGIA_SECURE_COOKIES === '1', logger: env.REGIA_LOG === '1' });
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  const where = database.engine === 'pglite' ? `PGlite in ${resolve(env.REGIA_DATA_DIR || './data')}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Regia ${version} in ascolto su http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  — database: ${where}`);
  if (boot.adminCreated && boot.generatedPassword) {
    console.log(`Primo amministratore creato: utente "admin", password "${boot.generatedPassword}" (mostrata una sola volta: annotarla).`);
  }
  if (env.REGIA_DEMO === '1') console.log('Dati dimostrativi caricati: la pagina iniziale indica gli utenti di prova.');
  const stop = async () => {
    await app.close();
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
