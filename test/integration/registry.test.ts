import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { loadDemo } from '../../src/services/demo.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-import-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

interface DistrictPage {
  items: { code: string; name: string; municipalityCount: number; population: number }[];
  total: number;
}

describe(`registry of districts, municipalities, bodies and acts (${testEngine})`, () => {
  let t: TestApp;
  let officer: Session;
  before(async () => {
    t = await testApp();
    officer = await t.signIn('region_officer');
  });
  after(() => t.close());

  it('imports districts and municipalities, and a second import stores nothing new', async () => {
    const dir = folder({
      'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD01;Distretto Uno;Comune di Alfa;convenzione\nD02;Distretto Due;Consorzio Beta;consorzio\n',
      'comuni.csv': 'istat,nome,distretto,popolazione\n058001,Alfa,D01,"1.000"\n058002,Beta,D02,2500\n058003,Gamma,D02,500\n',
    });
    const first = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
    assert.ok(first.ok, JSON.stringify(first));
    assert.deepEqual(first.counts.comuni, { added: 3, changed: 0, unchanged: 0 });
    const auditor = await t.signIn('auditor');
    const auditBefore = ((await auditor.get('/api/audit?pageSize=1')).json() as { total: number }).total;
    const second = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
    assert.ok(second.ok);
    assert.deepEqual(second.counts.distretti, { added: 0, changed: 0, unchanged: 2 });
    assert.deepEqual(second.counts.comuni, { added: 0, changed: 0, unchanged: 3 });
    const latest = (await auditor.get('/api/audit?pageSize=1')).json() as { total: number; items: { action: string }[] };
    assert.equal(latest.total, auditBefore + 1, 'an unchanged import writes only its receipt');
    assert.equal(latest.items[0]!.action, 'import.receipt');
    assert.ok(second.receipt.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256)));
  });

  it('lists every error as file:line: column: message and stores nothing', async () => {
    const dir = folder({
      'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD09;Distretto Nove;Comune X;federazione\n',
      'comuni.csv': 'istat;nome;distretto;popolazione\n58009;Delta;D09;100\n058010;Epsilon;D09;-3\n',
    });
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.ok(r.errors.some((e) => e.startsWith('distretti.csv:2: forma_gestione:')), r.errors.join('\n'));
    assert.ok(r.errors.some((e) => e.startsWith('comuni.csv:2: istat:')), r.errors.join('\n'));
    assert.ok(r.errors.some((e) => e.startsWith('comuni.csv:3: popolazione:')), r.errors.join('\n'));
    const page = (await officer.get('/api/districts?q=D09')).json() as DistrictPage;
    assert.equal(page.total, 0);
  });

  it('refuses municipalities of an unknown district, naming the line, and stores none of the files', async () => {
    const dir = folder({
      'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD07;Distretto Sette;Comune Y;\n',
      'comuni.csv': 'istat;nome;distretto;popolazione\n058020;Zeta;D07;100\n058021;Eta;D99;100\n',
    });
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, ['comuni.csv:3: distretto: distretto "D99" inesistente']);
    assert.equal(((await officer.get('/api/districts?q=D07')).json() as DistrictPage).total, 0);
  });

  it('serves districts with search, pagination, population and municipalities', async () => {
    const page = (await officer.get('/api/districts?pageSize=1&page=2')).json() as DistrictPage & { page: number };
    assert.equal(page.total, 2);
    assert.equal(page.items[0]!.code, 'D02');
    assert.equal(page.items[0]!.population, 3000);
    assert.equal(page.items[0]!.municipalityCount, 2);
    const byMunicipality = (await officer.get('/api/districts?q=gamma')).json() as DistrictPage;
    assert.deepEqual(byMunicipality.items.map((d) => d.code), ['D02']);
    const detail = (await officer.get('/api/districts/D01')).json() as { population: number; municipalities: { name: string; population: number }[]; leadBodyHistory: { leadBody: string }[] };
    assert.equal(detail.population, 1000);
    assert.deepEqual(detail.municipalities.map((m) => m.name), ['Alfa']);
    assert.equal(detail.leadBodyHistory[0]!.leadBody, 'Comune di Alfa');
    assert.equal((await officer.get('/api/districts/NOPE')).statusCode, 404);
  });

  it('keeps a dated history of lead bodies, each change citing its act', async () => {
    const act = (await officer.send('POST', '/api/acts', { type: 'DGR', number: '123', date: '2024-05-02', subject: 'Cambio capofila' })).json() as { id: number };
    const res = await officer.send('PUT', '/api/districts/D01/lead-body', { leadBody: 'Comune di Gamma', validFrom: '2024-06-01', actId: act.id });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as { leadBody: string; leadBodyHistory: { leadBody: string; validFrom: string | null; validTo: string | null; act: { number: string } | null }[] };
    assert.equal(d.leadBody, 'Comune di Gamma');
    assert.deepEqual(d.leadBodyHistory.map((h) => [h.leadBody, h.validFrom, h.validTo, h.act?.number ?? null]), [
      ['Comune di Gamma', '2024-06-01', null, '123'],
      ['Comune di Alfa', null, '2024-05-31', null],
    ]);
    const earlier = await officer.send('PUT', '/api/districts/D01/lead-body', { leadBody: 'Comune di Alfa', validFrom: '2024-01-01', actId: act.id });
    assert.equal(earlier.statusCode, 409);
  });

  it('records bodies, refusing duplicates and bad tax codes in Italian', async () => {
    const ok = await officer.send('POST', '/api/bodies', { name: 'ASP Esempio', kind: 'asp', taxCode: '12345678901' });
    assert.equal(ok.statusCode, 201);
    assert.equal((await officer.send('POST', '/api/bodies', { name: 'ASP Esempio', kind: 'asp' })).statusCode, 409);
    const bad = await officer.send('POST', '/api/bodies', { name: 'ASP Altra', kind: 'asp', taxCode: '123' });
    assert.equal(bad.statusCode, 422);
    assert.match((bad.json() as { detail: string }).detail, /11 cifre/);
    const list = (await officer.get('/api/bodies?kind=asp')).json() as { items: { name: string }[] };
    assert.deepEqual(list.items.map((b) => b.name), ['ASP Esempio']);
  });

  it('keeps acts with an attachment and answers the upload with a receipt', async () => {
    const act = (await officer.send('POST', '/api/acts', { type: 'DD', number: 'G00001', date: '2025-02-03', issuingOffice: 'Direzione', subject: 'Assegnazione' })).json() as { id: number };
    const boundary = '----regia';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="atto.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 prova\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/acts/${act.id}/attachment`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const receipt = (res.json() as { attachment: { fileName: string; bytes: number; sha256: string } }).attachment;
    assert.equal(receipt.fileName, 'atto.pdf');
    assert.equal(receipt.bytes, 14);
    assert.match(receipt.sha256, /^[0-9a-f]{64}$/);
    const file = await officer.get(`/api/acts/${act.id}/attachment`);
    assert.equal(file.body, '%PDF-1.4 prova');
    const dup = await officer.send('POST', '/api/acts', { type: 'DD', number: 'G00001', date: '2025-02-03' });
    assert.equal(dup.statusCode, 422);
  });

  it('loads the real demo registry twice without duplicates', async () => {
    const demo = await testApp();
    try {
      await loadDemo(demo.ctx);
      const again = await loadDemo(demo.ctx);
      assert.ok(again.includes('distretti: 0 aggiunti, 0 modificati, 22 invariati'), again.join('\n'));
      const s = await demo.signIn('region_officer');
      const page = (await s.get('/api/districts?q=RMC')).json() as DistrictPage;
      assert.equal(page.items[0]!.population, 2617175);
      assert.equal(((await demo.app.inject({ method: 'GET', url: '/api/health' })).json() as { demo: boolean }).demo, true);
      const admin = await demo.signIn('admin');
      const listed = ((await admin.get('/api/users')).json() as { items: { username: string; districts: string[]; centres: string[] }[] }).items;
      const scopes = Object.fromEntries(listed.map((u) => [u.username, [...u.districts, ...u.centres]]));
      assert.deepEqual([scopes.distretto, scopes.area, scopes.regione], [['LT2'], ['Area Amministrativa'], []]);
    } finally {
      await demo.close();
    }
  });
});
