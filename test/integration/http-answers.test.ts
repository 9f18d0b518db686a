import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { testApp, ADMIN_PASSWORD, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';

/** A web build as Vite leaves it: index.html and content-hashed files under assets/. */
const tinyWebDist = () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-web-test-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Regia</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-3f9a1c.js'), 'console.log("regia")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
};

const BOUNDARY = 'regia-answers-boundary';
const partHead = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`;

const waitFor = async <T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe(`HTTP answers: cache headers, server errors in the log, owner-only uploads (${testEngine})`, () => {
  let t: TestApp;
  let webDist: string;
  let admin: Session;
  let officer: Session;
  before(async () => {
    webDist = tinyWebDist();
    t = await testApp({ webDist });
    await aDistrict(t.database, 'D01');
    admin = await t.signIn('admin');
    officer = await t.signIn('district_officer', ['D01']);
  });
  after(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('marks every API answer no-store: signed in, public, refused, missing and malformed', async () => {
    const answers = {
      'signed-in 200': await admin.get('/api/districts'),
      'public 200': await t.app.inject({ method: 'GET', url: '/api/health' }),
      'anonymous 401': await t.app.inject({ method: 'GET', url: '/api/districts' }),
      'csrf 403': await admin.send('POST', '/api/acts', {}, { csrf: null }),
      'validation 400': await admin.send('POST', '/api/acts', {}),
      'missing 404': await admin.get('/api/nothing-here'),
      'encoded missing 404': await t.app.inject({ method: 'GET', url: '/%61pi/nothing-here' }),
      'bad escape 400': await t.app.inject({ method: 'GET', url: '/api/%zz' }),
    };
    for (const [name, res] of Object.entries(answers)) assert.equal(res.headers['cache-control'], 'no-store', `${name}: ${res.statusCode}`);
    assert.equal(answers['signed-in 200'].statusCode, 200);
  });

  it('keeps hashed assets a year, checks index.html on every load, and serves the page only for page paths', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-3f9a1c.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/distretti/RM5.1', '/favicon.svg']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
    }
    assert.match((await t.app.inject({ method: 'GET', url: '/distretti/RM5.1' })).body, /id="root"/);
    // an API path, however written, is the API's 404 and never the web page
    for (const url of ['/%61pi/nothing', '/api/nothing', '/api//nothing', '/assets/missing.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/, url);
    }
  });

  it('spools an upload into an owner-only folder of its own while it is processed, and removes it after', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'regia-spool-test-'));
    const previous = { tmpdir: process.env.TMPDIR, umask: process.umask(0o000) }; // a careless umask
    process.env.TMPDIR = spool;
    try {
      for (const [session, url] of [
        [admin, '/api/imports'],
        [officer, '/api/districts/D01/reports/2024/upload'],
      ] as const) {
        const body = new PassThrough();
        const answer = t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: body });
        body.write(partHead('interventi.csv'));
        body.write('a'.repeat(64 * 1024));
        // the request is still open: its file is on disk, being read
        const file = await waitFor(`the spooled file of ${url}`, () => {
          for (const entry of readdirSync(spool)) {
            const folder = join(spool, entry);
            const inside = statSync(folder).isDirectory() ? readdirSync(folder) : [];
            if (inside.length > 0 && statSync(join(folder, inside[0]!)).size > 0) return { folder, path: join(folder, inside[0]!) };
          }
          return undefined;
        });
        assert.match(file.folder, /regia-upload-/, url);
        assert.equal(statSync(file.folder).mode & 0o777, 0o700, `${url}: folder mode`);
        assert.equal(statSync(file.path).mode & 0o777, 0o600, `${url}: file mode`);
        body.end(`\r\n--${BOUNDARY}--\r\n`);
        const res = await answer;
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode} ${res.body}`);
        assert.deepEqual(readdirSync(spool), [], `${url}: the folder is removed after the request`);
      }
    } finally {
      process.umask(previous.umask);
      if (previous.tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous.tmpdir;
      rmSync(spool, { recursive: true, force: true });
    }
  });

  it('writes a server error to stderr as one line of JSON, without body, cookie, CSRF token or password, and tells the user nothing of it', async () => {
    const secret = 'segreto-del-corpo-7f3e';
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    // an act cannot be stored: the table is gone (the database failing under the service)
    await t.database.db.execute(sql`drop table acts cascade`);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    let res;
    try {
      res = await admin.send('POST', '/api/acts', { type: 'DGR', number: `${secret}-n`, date: '2024-01-10', subject: secret });
    } finally {
      process.stderr.write = write;
    }
    assert.equal(res.statusCode, 500, res.body);
    assert.doesNotMatch(res.body, /acts|relation|select|insert/i);
    const logged = lines.join('').split('\n').filter((l) => l.includes('"level":"error"'));
    assert.equal(logged.length, 1, `stderr: ${lines.join('')}`);
    const entry = JSON.parse(logged[0]!) as Record<string, unknown>;
    assert.equal(entry.method, 'POST');
    assert.equal(entry.route, '/api/acts');
    assert.equal(entry.status, 500);
    assert.ok(typeof entry.time === 'string' && typeof entry.message === 'string' && Array.isArray(entry.stack) && entry.stack.length > 0, logged[0]);
    assert.match(entry.message as string, /acts/);
    const cookieValue = admin.cookie.split('=')[1]!;
    for (const forbidden of [secret, cookieValue, admin.csrfToken, ADMIN_PASSWORD]) assert.ok(!logged[0]!.includes(forbidden), `the log line holds ${forbidden}`);
  });
});
