/**
 * The compliance read-out and the districts list are kept between requests under the audit
 * chain's head (src/services/kept-readouts.ts): a write on this instance or on another one
 * sharing the database must show in the very next answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testEngine } from '../support/db.ts';
import { testApp } from '../support/app.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { serviceContext } from '../../src/services/context.ts';
import { bootstrap, SYSTEM } from '../../src/services/bootstrap.ts';
import { importExchange } from '../../src/services/imports.ts';
import { compliance } from '../../src/services/funds/readouts.ts';
import type { Actor } from '../../src/domain/auth/actor.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-memo-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

const history = {
  'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD01;Uno;Comune A;convenzione\nD02;Due;Comune B;consorzio\n',
  'comuni.csv': 'istat;nome;distretto;popolazione\n058001;A;D01;50000\n058002;B;D02;30000\n',
  'fondi.csv': 'codice;nome;fonte;regola_75\nFNPS;Fondo nazionale politiche sociali;nazionale;si\n',
  'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;1.000.000,00;DM;100;2022-06-01\n',
  'linee.csv': 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;L1;Servizi domiciliari;600.000,00;DGR;500;2022-07-01\n',
  'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\nFNPS;2022;L1;D01;G01;300000;DD;2022-09-01\nFNPS;2022;L1;D02;G01;180000;DD;2022-09-01\n',
};

const expenses = (document: string, amount: string) =>
  folder({ 'spese.csv': `distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD01;${document};FNPS;2022;A1;Assistenza domiciliare;${amount};2023-03-15;\n` });

const officer: Actor = { kind: 'user', userId: 1, username: 'referente', role: 'district_officer', districts: ['D02'], body: null, centres: [] };

describe(`compliance read-out kept between requests (${testEngine})`, () => {
  let database: Database;
  const ctx = () => serviceContext(database);

  before(async () => {
    database = await freshDatabase();
    await bootstrap(ctx(), 'password-di-prova-lunga');
    const r = await importExchange(ctx(), SYSTEM, { kind: 'path', path: folder(history) });
    assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  });
  after(async () => database.close());

  it('shows a write made on the same instance in the next read-out, for every reader', async () => {
    const first = await compliance(ctx(), SYSTEM, 'FNPS', 2022);
    assert.equal(first.reported, 0);
    assert.equal(await compliance(ctx(), SYSTEM, 'FNPS', 2022), first, 'nothing written: the same read-out is answered again');
    assert.equal((await compliance(ctx(), officer, 'FNPS', 2022)).districts.length, 1, 'a district officer is not answered the Region’s read-out');
    const r = await importExchange(ctx(), SYSTEM, { kind: 'path', path: expenses('F-1', '1234,56') });
    assert.ok(r.ok);
    const second = await compliance(ctx(), SYSTEM, 'FNPS', 2022);
    assert.equal(second.reported, 123456);
    assert.equal(second.districts.find((d) => d.district === 'D01')?.reported, 123456);
  });

  it('shows a write made by another instance on the same database in the next read-out', { skip: testEngine !== 'postgres' && 'two instances share a database only on PostgreSQL' }, async () => {
    if (database.raw.kind !== 'postgres') return;
    const before = await compliance(ctx(), SYSTEM, 'FNPS', 2022);
    const other = await openDatabase({ databaseUrl: (database.raw.pool as unknown as { options: { connectionString: string } }).options.connectionString });
    try {
      const r = await importExchange(serviceContext(other), SYSTEM, { kind: 'path', path: expenses('F-2', '100') });
      assert.ok(r.ok);
    } finally {
      await other.close();
    }
    const after = await compliance(ctx(), SYSTEM, 'FNPS', 2022);
    assert.equal(after.reported, before.reported + 10000);
  });

  it('over HTTP, where the session brings the head: a write shows in the next answer, read-out and districts list', async () => {
    const t = await testApp();
    try {
      const region = await t.signIn('region_officer');
      const r = await importExchange(serviceContext(t.database), SYSTEM, { kind: 'path', path: folder(history) });
      assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
      const first = (await region.get('/api/compliance/FNPS/2022')).json() as { reported: number };
      assert.equal((await region.get('/api/compliance/FNPS/2022')).json().reported, first.reported);
      assert.ok((await importExchange(serviceContext(t.database), SYSTEM, { kind: 'path', path: expenses('F-3', '7') })).ok);
      const res = await region.get('/api/compliance/FNPS/2022');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal((res.json() as { reported: number }).reported, first.reported + 700);
      // the districts list is kept the same way
      assert.equal(((await region.get('/api/districts')).json() as { total: number }).total, 2);
      const more = folder({ 'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD03;Tre;Comune C;\n' });
      assert.ok((await importExchange(serviceContext(t.database), SYSTEM, { kind: 'path', path: more })).ok);
      const list = (await region.get('/api/districts')).json() as { total: number; items: { code: string }[] };
      assert.equal(list.total, 3);
      assert.deepEqual(list.items.map((d) => d.code), ['D01', 'D02', 'D03']);
    } finally {
      await t.close();
    }
  });
});
