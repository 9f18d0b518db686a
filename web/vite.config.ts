/**
 * Web app build: root `web/`, output `web/dist/`. The Titillium Web fonts of bootstrap-italia
 * are served from `/fonts` (dev) and copied to `web/dist/fonts` (build), where `loadFonts('/fonts')` looks.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = dirname(fileURLToPath(import.meta.url));
const fontsSource = resolve(webRoot, '../node_modules/bootstrap-italia/dist/fonts');
// REGIA_WEB_DIST lets two builds run side by side (e.g. parallel browser-test work).
const outDir = process.env.REGIA_WEB_DIST ? resolve(process.env.REGIA_WEB_DIST) : resolve(webRoot, 'dist');

const fontTypes: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
};

function bootstrapItaliaFonts(): Plugin {
  return {
    name: 'regia-bootstrap-italia-fonts',
    configureServer(server) {
      server.middlewares.use('/fonts', (req, res, next) => {
        const relative = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
        const file = join(fontsSource, relative);
        if (!file.startsWith(fontsSource + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('content-type', fontTypes[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      cpSync(fontsSource, join(outDir, 'fonts'), { recursive: true });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), bootstrapItaliaFonts()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev:web` next to `npm start`: the API stays on the server's port.
    proxy: { '/api': process.env.REGIA_API_URL ?? 'http://localhost:3000' },
  },
});
