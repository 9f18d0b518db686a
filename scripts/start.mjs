// `npm start`: builds the web UI when its sources changed, then starts Regia with the demo data
// (set REGIA_DEMO=0 for an installation without it).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

const built = 'web/dist/index.html';
if (!existsSync(built) || newest('web/src') > statSync(built).mtimeMs || statSync('web/index.html').mtimeMs > statSync(built).mtimeMs) {
  console.log('Compilazione dell’interfaccia web…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// From here on, what Regia writes (the data folder, uploads being processed, the password file)
// is for the owner only; the web build above keeps the usual modes.
process.umask(0o077);
process.env.REGIA_DEMO ??= '1';
register();
const { startServer } = await import('../src/server.ts');
await startServer();
