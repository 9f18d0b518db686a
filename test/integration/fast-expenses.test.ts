import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { rowsOf } from '../../src/db/client.ts';
import { expenseStaging } from '../../src/services/funds/import-expenses.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { readExchangeFile } from '../../src/exchange/read-file.ts';
import { expensesFile } from '../../src/exchange/files.ts';

const HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-fast-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};
const file = (name: string, content: string) => join(folder({ [name]: content }), name);

const lineText = (r: Record<string, unknown>) =>
  [r.district_code, r.document, r.fund_code, r.annuality, r.area, r.description, String(r.amount), String(r.paid_on).slice(0, 10), r.recognised === null ? null : String(r.recognised)].join('|');

/** What the fast route stored (null: it gave the file to the reader), and what the reader reads from it. */
const bothRoutes = async (t: TestApp, path: string) => {
  let stored: string[] | null = null;
  await t.database.db
    .transaction(async (tx) => {
      const staging = expenseStaging(t.database, tx);
      const summary = await staging.addFile({ name: 'spese.csv', open: () => path });
      if (summary) {
        stored = rowsOf<Record<string, unknown>>(
          await tx.execute(sql`select district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised from expense_lines order by id`),
        ).map(lineText);
        assert.equal(summary.lines, stored.length);
      }
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  const read: string[] = [];
  const errors: string[] = [];
  for await (const batch of readExchangeFile(expensesFile, path)) {
    errors.push(...batch.errors);
    for (const r of batch.records) read.push([r.districtCode, r.document, r.fundCode, r.annuality, r.area, r.description, String(r.amount), r.paymentDate, r.recognisedAmount === null ? null : String(r.recognisedAmount)].join('|'));
  }
  return { stored: stored as string[] | null, read, errors };
};

const indexDefinitions = async (t: TestApp) =>
  rowsOf<{ indexdef: string }>(await t.database.db.execute(sql`select indexdef from pg_indexes where tablename = 'expense_lines' order by indexname`)).map((r) => r.indexdef);

/** A spese.csv of `count` synthetic lines in D01 FNPS 2022 (written as a stream). */
const bigFile = async (count: number, extra = '') => {
  const path = join(mkdtempSync(join(tmpdir(), 'regia-fast-big-')), 'spese.csv');
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < count; i += 10_000) {
    let text = '';
    for (let j = i; j < Math.min(count, i + 10_000); j++) text += `D01;BIG-${j};FNPS;2022;anziani;sintetico;${(j % 500) + 1},25;2023-03-01;${j % 3 ? '1,25' : ''}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end(extra);
  await once(out, 'finish');
  return path;
};

describe(`fast route for clean expense files (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    const setup = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'distretti.csv': 'codice;nome;ente_capofila\nD01;Distretto uno (sintetico);Comune A\nD02;Distretto due (sintetico);Comune B\n',
        'fondi.csv': 'codice;nome;fonte;regola_75\nFNPS;Fondo nazionale politiche sociali;nazionale;si\n',
        'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;1.000.000,00;DM;1/2022;2022-03-01\n',
      }),
    });
    assert.ok(setup.ok, JSON.stringify(setup));
  });
  after(() => t.close());

  it('stores exactly what the row-by-row reader reads, for every amount and date form', async () => {
    const path = file(
      'spese.csv',
      '\uFEFFDistretto;Documento;FONDO;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\r\n' +
        'D01;F-1;FNPS;2022;A1;Assistenza è domiciliare;1234.56;2023-01-31;\r\n' +
        'D01;F-2;FNPS;2022;A1;x;1234,5;31/01/2023;1000\r\n' +
        'D01;F-3;FNPS;2022;B2; spazi ;1.234.567,89;1/2/2024;1.234.567,89\r\n' +
        'D02;F-4;FNA;2023;C3;;1.234,00;29/02/2024;0\r\n' +
        'D02;F-5;FNA;2023;C3;y;€ 0,01;2024-12-31;0,01\r\n' +
        'D02;F-6\u00a0;FNA;2023;C3;città ;7;2024-12-31;\r\n',
    );
    const { stored, read, errors } = await bothRoutes(t, path);
    assert.deepEqual(errors, []);
    assert.ok(stored, 'a clean file takes the fast route');
    assert.deepEqual(stored, read);
  });

  it('reads a comma-separated file with columns in another order the same way', async () => {
    const path = file('spese.csv', 'importo,documento,distretto,fondo,annualita,area,descrizione,data_pagamento\n10.5,A,D01,FNPS,2022,A1,z,2023-03-01\n7,B,D01,FNPS,2022,A1,,2023-03-02');
    const { stored, read } = await bothRoutes(t, path);
    assert.ok(stored);
    assert.deepEqual(stored, read);
  });

  for (const [why, line] of [
    ['three decimals', 'D01;F-9;FNPS;2022;A1;x;12,345;2023-01-01;'],
    ['a quoted field', 'D01;F-9;FNPS;2022;A1;"x; y";12;2023-01-01;'],
    ['an impossible date', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-30;'],
    ['a recognised amount above the amount', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-03;13'],
    ['a missing area', 'D01;F-9;FNPS;2022;;x;12;2023-02-03;'],
    ['an annuality out of range', 'D01;F-9;FNPS;1999;A1;x;12;2023-02-03;'],
    ['a blank line', '\nD01;F-9;FNPS;2022;A1;x;12;2023-02-03;'],
    ['a missing field', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-03'],
    ['a key twice', 'D01;OK-1;FNPS;2022;A1;x;12;2023-02-03;'],
  ] as const) {
    it(`leaves a file with ${why} to the row-by-row reader`, async () => {
      const path = file('spese.csv', `${HEADER}\nD01;OK-1;FNPS;2022;A1;x;1;2023-01-01;\n${line}\n`);
      const { stored } = await bothRoutes(t, path);
      assert.equal(stored, null);
    });
  }

  it('imports a large file with its indexes rebuilt, and leaves the table as the migrations made it', async () => {
    const before = await indexDefinitions(t);
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: await bigFile(120_000) });
    assert.ok(r.ok, JSON.stringify(r).slice(0, 500));
    assert.deepEqual(r.counts.spese, { added: 120_000, changed: 0, unchanged: 0 });
    assert.deepEqual(await indexDefinitions(t), before);
    // the fast route writes the lines in file order (the staging route in key order: BIG-99999 last)
    const [last] = rowsOf<{ document: string }>(await t.database.db.execute(sql`select document from expense_lines order by id desc limit 1`));
    assert.equal(last!.document, 'BIG-119999');
    const [totals] = rowsOf<{ n: number; reported: string; recognised: string }>(
      await t.database.db.execute(sql`select expense_lines as n, reported, recognised from district_fund_totals where district_code = 'D01' and fund_code = 'FNPS' and annuality = 2022`),
    );
    const [recount] = rowsOf<{ n: string; reported: string; recognised: string }>(
      await t.database.db.execute(sql`select count(*) as n, sum(amount) as reported, coalesce(sum(recognised), 0) as recognised from expense_lines where district_code = 'D01' and fund_code = 'FNPS' and annuality = 2022`),
    );
    assert.equal(Number(totals!.n), 120_000);
    assert.deepEqual([String(totals!.n), String(totals!.reported), String(totals!.recognised)], [String(recount!.n), String(recount!.reported), String(recount!.recognised)]);

    // importing it again stores nothing twice: the fast route gives way and every line is unchanged
    const again = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: await bigFile(120_000) });
    assert.ok(again.ok);
    assert.deepEqual(again.counts.spese, { added: 0, changed: 0, unchanged: 120_000 });
    assert.deepEqual(await indexDefinitions(t), before);
  });

  it('refuses a large file with a key twice, naming both lines, and stores nothing', async () => {
    const [count] = rowsOf<{ n: string }>(await t.database.db.execute(sql`select count(*) as n from expense_lines`));
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: await bigFile(120_000, 'D02;DUPLICATO;FNPS;2022;anziani;x;1;2023-03-01;\nD02;DUPLICATO;FNPS;2022;anziani;y;2;2023-03-01;\n') });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.errors.includes('spese.csv:120003: distretto,documento: chiave duplicata (D02, DUPLICATO): già presente alla riga 120002'), !r.ok ? r.errors.slice(0, 3).join('\n') : '');
    const [after] = rowsOf<{ n: string }>(await t.database.db.execute(sql`select count(*) as n from expense_lines`));
    assert.equal(String(after!.n), String(count!.n));
  });

  it('names the lines of a district or fund annuality the registry lacks, after a fast load', async () => {
    const r = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({ 'spese.csv': `${HEADER}\nD01;U-1;FNPS;2022;A1;x;1;2023-01-01;\nD77;U-2;FNPS;2022;A1;x;1;2023-01-01;\nD01;U-3;FNPS;2031;A1;x;1;2023-01-01;\nD77;U-4;FNPS;2022;A1;x;1;2023-01-01;\n` }),
    });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors, [
      'spese.csv:3: distretto: distretto "D77" inesistente',
      'spese.csv:4: annualita: annualità 2031 del fondo "FNPS" inesistente',
      'spese.csv:5: distretto: distretto "D77" inesistente',
    ]);
  });
});
