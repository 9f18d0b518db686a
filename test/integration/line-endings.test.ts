/**
 * Exchange files whose lines end partly in CR LF and partly in LF (rows appended in another
 * editor to a file saved on Windows), or whose last line has no end: every line is read, by the
 * fast route and by the row-by-row reader, and a bad line is named by its own number.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { testApp, type Session, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { rowsOf } from '../../src/db/client.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { uploadImport } from '../support/multipart.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-eol-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

/** Lines joined by the given ends in turn: `ends[i]` follows `lines[i]`; none after the last when `ends` is one short. */
const mixed = (lines: readonly string[], ends: readonly string[]) => lines.map((l, i) => l + (ends[i] ?? '')).join('');

const registry = {
  'distretti.csv': 'codice;nome;ente_capofila\r\nD01;Uno;Comune A\r\nD02;Due;Comune B\r\n',
  'fondi.csv': 'codice;nome;fonte;regola_75\r\nFNPS;Fondo nazionale politiche sociali;nazionale;si\r\n',
  'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\r\nFNPS;2022;1.000.000,00;DM;100;2022-06-01\r\n',
  'linee.csv': 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\r\nFNPS;2022;L1;Servizi;600.000,00;DGR;500;2022-07-01\r\n',
};

const EXPENSE_HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
const expense = (district: string, document: string, amount: string, paidOn = '19/02/2021', description = 'Assistenza') =>
  `${district};${document};FNPS;2022;A1;${description};${amount};${paidOn};`;


describe(`line ends mixed in one file (${testEngine})`, () => {
  let t: TestApp;
  let officer: Session;
  const storedLines = async () =>
    rowsOf<{ district_code: string; document: string; amount: string | number; paid_on: string; description: string }>(
      await t.database.db.execute(sql`select district_code, document, amount, paid_on::text as paid_on, description from expense_lines order by district_code, document`),
    ).map((r) => `${r.district_code}|${r.document}|${String(r.amount)}|${r.paid_on}|${r.description}`);
  const reported = async () =>
    rowsOf<{ reported: string | number; lines: string | number }>(
      await t.database.db.execute(sql`select coalesce(sum(reported), 0) as reported, coalesce(sum(expense_lines), 0) as lines from district_fund_totals`),
    ).map((r) => [Number(r.reported), Number(r.lines)])[0];

  before(async () => {
    t = await testApp();
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder(registry) });
    assert.ok(r.ok, JSON.stringify(r));
    officer = await t.signIn('region_officer');
  });
  after(() => t.close());

  it('a clean spese.csv with CR LF and LF lines and no final end is stored whole (fast route, POST /api/imports)', async () => {
    const text = mixed([EXPENSE_HEADER, expense('D01', 'M-1', '100'), expense('D01', 'M-2', '200,50'), expense('D02', 'M-3', '1.000,00'), expense('D02', 'M-4', '4')], ['\r\n', '\n', '\r\n', '\n']);
    const res = await uploadImport(t, officer, { 'spese.csv': text });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { receipt: { files: { name: string; lines: number }[]; stored: Record<string, { added: number }> } };
    assert.equal(body.receipt.files[0]!.lines, 4);
    assert.equal(body.receipt.stored.spese!.added, 4);
    assert.deepEqual(await storedLines(), [
      'D01|M-1|10000|2021-02-19|Assistenza',
      'D01|M-2|20050|2021-02-19|Assistenza',
      'D02|M-3|100000|2021-02-19|Assistenza',
      'D02|M-4|400|2021-02-19|Assistenza',
    ]);
    assert.deepEqual(await reported(), [130450, 4]);
  });

  it('a spese.csv read row by row (a quoted field) with mixed ends is stored whole, quoted line breaks kept', async () => {
    const text = mixed(
      [EXPENSE_HEADER, expense('D01', 'R-1', '1', '2021-03-01', '"due\r\nrighe"'), expense('D01', 'R-2', '2', '2021-03-02'), expense('D02', 'R-3', '3', '2021-03-03', '"a; b"')],
      ['\n', '\r\n', '\n', '\r\n'],
    );
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ 'spese.csv': text }) });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.counts.spese!.added, 3);
    const lines = await storedLines();
    assert.ok(lines.includes('D01|R-1|100|2021-03-01|due\r\nrighe'), JSON.stringify(lines));
    assert.ok(lines.includes('D01|R-2|200|2021-03-02|Assistenza'));
    assert.ok(lines.includes('D02|R-3|300|2021-03-03|a; b'));
    assert.deepEqual(await reported(), [130450 + 600, 7]);
  });

  it('a small file (assegnazioni.csv) with mixed ends is stored whole', async () => {
    const text = mixed(
      [
        'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data',
        'FNPS;2022;L1;D01;G01;300000;DD;2022-09-01',
        'FNPS;2022;L1;D02;G01;180000;DD;2022-09-01',
        'FNPS;2022;L1;D01;G02;20000;DD;19/02/2022',
      ],
      ['\r\n', '\n', '\r\n'],
    );
    const res = await uploadImport(t, officer, { 'assegnazioni.csv': text });
    assert.equal(res.statusCode, 200, res.body);
    const rows = rowsOf<{ district_code: string; act_number: string; amount: string | number }>(
      await t.database.db.execute(sql`select district_code, act_number, amount from assignments order by district_code, act_number`),
    ).map((r) => `${r.district_code}|${r.act_number}|${String(r.amount)}`);
    assert.deepEqual(rows, ['D01|G01|30000000', 'D01|G02|2000000', 'D02|G01|18000000']);
  });

  it('an unknown district in a clean mixed file (found after the fast route) is named by its own line', async () => {
    const before = await storedLines();
    const text = mixed([EXPENSE_HEADER, expense('D01', 'U-1', '1'), expense('D01', 'U-2', '2'), expense('D09', 'U-3', '3'), expense('D02', 'U-4', '4')], ['\r\n', '\n', '\r\n', '\n']);
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ 'spese.csv': text }) });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, ['spese.csv:4: distretto: distretto "D09" inesistente']);
    assert.deepEqual(await storedLines(), before);
  });

  it('a bad line in a mixed file is named by its own line number and nothing is stored', async () => {
    const before = await storedLines();
    const spese = mixed(
      [EXPENSE_HEADER, expense('D01', 'B-1', '1'), expense('D01', 'B-2', '2', '2021-02-30'), expense('D01', 'B-3', '3', '2021-01-01', '"x\r\ny"'), expense('D02', 'B-4', '1,234'), expense('D02', 'B-5', '5')],
      ['\r\n', '\n', '\r\n', '\n', '\r\n'],
    );
    const assegnazioni = mixed(['fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data', 'FNPS;2022;L1;D02;G09;1000;DD;2022-09-01', 'FNPS;2022;L1;D02;G10;0;DD;2022-09-01'], ['\r\n', '\n']);
    const res = await uploadImport(t, officer, { 'assegnazioni.csv': assegnazioni, 'spese.csv': spese });
    assert.equal(res.statusCode, 422, res.body);
    const errors = (res.json() as { errors: string[] }).errors;
    // file, line and column of each error; line 4 of spese.csv holds a quoted line break, so the next record starts on line 6
    assert.deepEqual(
      errors.map((e) => e.split(': ')[0] + ': ' + e.split(': ')[1]),
      ['assegnazioni.csv:3: importo', 'spese.csv:3: data_pagamento', 'spese.csv:6: importo'],
      JSON.stringify(errors),
    );
    assert.deepEqual(await storedLines(), before);
    const assigned = rowsOf<{ n: string | number }>(await t.database.db.execute(sql`select count(*) as n from assignments where act_number in ('G09', 'G10')`));
    assert.equal(Number(assigned[0]!.n), 0);
  });
});
