import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { rawClient, type RawAnswer, type RawClient } from '../support/raw-http.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';

/** Fills path parameters with values that exist or at least parse (as access.test.ts does). */
const concrete = (url: string) => url.replace(':code', 'D01').replace(':id', '1').replace(':fund', 'FNPS').replace(':annuality', '2022').replace(':year', '2024');

const hex = (c: string, upper: boolean) => {
  const h = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upper ? h.toUpperCase() : h.toLowerCase()}`;
};
/** Letters whose escape has a hex letter in it (`l` is %6C or %6c). */
const HEX_LETTERED = /[j-oz]/g;

/** The ways one canonical path can be written; each names the same resource. */
const encodedForms = (path: string): { form: string; target: string }[] => {
  const rest = path.slice('/api'.length); // '/districts/D01'
  const forms = [
    { form: 'one letter encoded', target: `/%61pi${rest}` },
    { form: 'escapes in upper-case hex', target: `/api${rest.replace(HEX_LETTERED, (c) => hex(c, true))}` },
    { form: 'escapes in lower-case hex', target: `/api${rest.replace(HEX_LETTERED, (c) => hex(c, false))}` },
    { form: 'doubled slashes', target: `/${path.replace(/\//g, '//')}` },
    { form: 'a dot segment', target: `/api/x/..${rest}` },
    { form: 'a single-dot segment', target: `/api/.${rest}` },
    { form: 'an encoded dot segment', target: `/api/x/%2e%2E${rest}` },
  ];
  return forms.filter((f) => f.target !== path);
};

const multipartBody = (bytes: number) => {
  const boundary = 'regia-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="interventi.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.alloc(bytes, 'a'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
};

const same = (a: RawAnswer, b: RawAnswer) => ({ status: a.status, code: a.code, sameAs: { status: b.status, code: b.code } });

describe(`encoded, doubled-slash and dot-segment paths are the canonical path (${testEngine})`, () => {
  let t: TestApp;
  let raw: RawClient;
  let admin: Session;
  let officer: Session;
  before(async () => {
    t = await testApp();
    await aDistrict(t.database, 'D01');
    admin = await t.signIn('admin');
    officer = await t.signIn('region_officer');
    raw = await rawClient(t.app);
  });
  after(async () => {
    raw.close();
    await t.close();
  });

  const anonymous = (method: string, target: string) =>
    raw.send(method, target, method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' });

  it('answers anonymous calls on every route in every form exactly as on the canonical path', async () => {
    let checked = 0;
    for (const r of t.app.routeCatalog) {
      const path = concrete(r.url);
      const canonical = await anonymous(r.method, path);
      assert.ok(canonical.status < 500, `${r.method} ${path} answered ${canonical.status}`);
      if (r.access !== 'public') assert.equal(canonical.status, 401, `${r.method} ${path}`);
      for (const { form, target } of encodedForms(path)) {
        const res = await anonymous(r.method, target);
        assert.deepEqual({ status: res.status, code: res.code }, { status: canonical.status, code: canonical.code }, `${r.method} ${target} (${form}): ${JSON.stringify(same(res, canonical))}`);
        checked++;
      }
    }
    assert.ok(checked > 5 * t.app.routeCatalog.length, `only ${checked} encoded requests`);
  });

  it('refuses every state change in every form without the CSRF header, to a signed-in user', async () => {
    for (const r of t.app.routeCatalog) {
      if (r.method === 'GET' || r.access === 'public') continue;
      const path = concrete(r.url);
      for (const { form, target } of [{ form: 'canonical', target: path }, ...encodedForms(path)]) {
        const res = await raw.send(r.method, target, { headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: '{}' });
        assert.deepEqual({ status: res.status, code: res.code }, { status: 403, code: 'auth.csrf' }, `${r.method} ${target} (${form}) answered ${res.status} ${res.body}`);
      }
    }
    // nothing got through: the administrator is still signed in
    assert.equal((await admin.get('/api/auth/me')).statusCode, 200);
  });

  it('answers GET /%61pi/districts as /api/districts: 401 anonymous, 200 signed in, never 500', async () => {
    assert.equal((await raw.send('GET', '/%61pi/districts')).status, 401);
    assert.equal((await raw.send('GET', '/api/districts')).status, 401);
    const signedIn = await raw.send('GET', '/%61pi/districts', { headers: { cookie: officer.cookie } });
    assert.equal(signedIn.status, 200, signedIn.body);
  });

  it('keeps the session of a POST /%61pi/auth/logout without the CSRF header', async () => {
    const res = await raw.send('POST', '/%61pi/auth/logout', { headers: { cookie: officer.cookie } });
    assert.equal(res.status, 403);
    assert.equal(res.code, 'auth.csrf');
    assert.equal((await officer.get('/api/auth/me')).statusCode, 200);
  });

  it('answers an unknown encoded API path with the API’s 404, and a mistyped case as another path', async () => {
    for (const target of ['/%61pi/nothing', '/api//nothing', '/api/x/../nothing', '/API/districts', '/%41PI/districts']) {
      const res = await raw.send('GET', target);
      assert.equal(res.status, 404, target);
      assert.equal(res.code, 'route.not_found', target);
    }
  });

  it('refuses a broken escape or a NUL byte with 400 request.bad_url, and an over-long target with 414', async () => {
    for (const target of ['/api/%zz', '/%61pi/%C3', '/api/districts%00', '/api/acts?q=%00', '/api/acts?q=100%']) {
      const res = await raw.send('GET', target, { headers: { cookie: officer.cookie } });
      assert.equal(res.status, 400, `${target}: ${res.status} ${res.body}`);
      assert.equal(res.code, 'request.bad_url', target);
      assert.match(res.body, /Indirizzo non valido/);
    }
    const long = await raw.send('GET', `/api/acts?q=${'a'.repeat(8200)}`, { headers: { cookie: officer.cookie } });
    assert.equal(long.status, 414, long.body);
    assert.equal(long.code, 'request.url_too_long');
  });

  it('reads no multipart upload before authorization: anonymous imports get 401, a closed connection and no file on disk', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'regia-spool-test-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = spool;
    const created: string[] = [];
    const watcher = watch(spool, (_event, name) => created.push(String(name)));
    try {
      const { body, contentType } = multipartBody(4 * 1024 * 1024);
      for (const target of ['/%61pi/imports', '/api/imports', '/api//imports', '/api/x/../imports']) {
        const res = await raw.send('POST', target, { headers: { 'content-type': contentType }, body });
        assert.equal(res.status, 401, `${target}: ${res.status} ${res.body}`);
        assert.equal(res.headers.connection, 'close', target);
      }
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual({ created, left: readdirSync(spool) }, { created: [], left: [] });
    } finally {
      watcher.close();
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(spool, { recursive: true, force: true });
    }
  });

  it('answers an anonymous 300 MB upload to /%61pi/imports with 401 after a few kilobytes, and closes the connection', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    const announced = 300 * 1024 * 1024;
    const boundary = 'regia-big-upload';
    socket.write(`POST /%61pi/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${announced}\r\n\r\n`);
    socket.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n${'a'.repeat(64 * 1024)}`);
    socket.on('error', () => {}); // writes after the server closed
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no answer before the body ended; so far: ${text.slice(0, 200)}`)), 5000);
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 401 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
  });
});
