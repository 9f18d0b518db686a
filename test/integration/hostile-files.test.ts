/**
 * Hostile exchange files through the importer (issue #10, point 5; ASVS V5, V12): a database
 * failure is never shown nor put on a line, an answer lists the first 1,000 errors and counts the
 * rest, a zip bomb is refused, an ambiguous amount is refused; nothing is stored in each case.
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
import { ImportFailed, importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { zipBomb } from '../../src/exchange/fixtures.ts';
import fc from 'fast-check';
import { zipSync } from 'fflate';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-hostile-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

const registry = {
  'distretti.csv': 'codice;nome;ente_capofila\r\nD01;Uno;Comune A\r\nD02;Due;Comune B\r\n',
  'fondi.csv': 'codice;nome;fonte;regola_75\r\nFNPS;Fondo nazionale politiche sociali;nazionale;si\r\n',
  'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\r\nFNPS;2022;1.000.000,00;DM;100;2022-06-01\r\n',
};
const EXPENSE_HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
const expenses = (n: number, amount = '10,00') =>
  [EXPENSE_HEADER, ...Array.from({ length: n }, (_, i) => `D01;S-${i};FNPS;2022;A1;Assistenza;${amount};2022-03-01;`)].join('\n') + '\n';

/** A multipart body with binary parts (a zip). */
const binaryUpload = (t: TestApp, session: Session, files: Record<string, Uint8Array | string>) => {
  const boundary = '----regia-hostile';
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
};

describe(`hostile files (${testEngine})`, () => {
  let t: TestApp;
  let officer: Session;
  const counts = async () =>
    rowsOf<Record<string, string | number>>(
      await t.database.db.execute(sql`select
        (select count(*) from districts) as districts, (select count(*) from funds) as funds,
        (select count(*) from fund_annualities) as annualities, (select count(*) from expense_lines) as expenses,
        (select count(*) from import_receipts) as receipts, (select count(*) from district_fund_totals) as totals`),
    ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))[0]!;

  before(async () => {
    t = await testApp();
    officer = await t.signIn('region_officer');
  });
  after(() => t.close());

  it('a database failure during an import is a 500 that says nothing was saved, names no line and no database text', async () => {
    const before = await counts();
    await t.database.db.execute(
      sql.raw(`create function regia_test_forced_failure() returns trigger language plpgsql as $$ begin raise exception 'forced failure 7f3a in the database'; end $$`),
    );
    await t.database.db.execute(sql.raw(`create trigger regia_test_forced_failure before insert on expense_lines for each row execute function regia_test_forced_failure()`));
    try {
      // a clean file (fast route, COPY) and a quoted one (staging route, then INSERT): both fail in the database
      for (const text of [expenses(3), expenses(3).replace('S-1;', '"S-1";')]) {
        const res = await binaryUpload(t, officer, { ...registry, 'spese.csv': text });
        assert.equal(res.statusCode, 500, res.body);
        const body = res.json() as { detail?: string; title?: string; errors?: unknown };
        assert.match(res.body, /Errore interno: nulla è stato salvato/);
        assert.doesNotMatch(res.body, /forced|7f3a|:1:|riga|spese\.csv/);
        assert.equal(body.errors, undefined);
        assert.deepEqual(await counts(), before, 'the transaction rolled back: registry, lines, totals, receipts');

        await assert.rejects(importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ ...registry, 'spese.csv': text }) }), (e: unknown) => {
          assert.ok(e instanceof ImportFailed);
          assert.equal(e.message, 'errore interno: nulla è stato salvato');
          assert.match(String((e.cause as Error).message) + String(((e.cause as Error).cause as Error | undefined)?.message), /forced failure 7f3a/, 'the cause is kept for the log');
          return true;
        });
        assert.deepEqual(await counts(), before);
      }
    } finally {
      await t.database.db.execute(sql.raw(`drop trigger regia_test_forced_failure on expense_lines`));
      await t.database.db.execute(sql.raw(`drop function regia_test_forced_failure()`));
    }
  });

  it('3,000 bad lines: the first 1,000 errors in full, then one line with the count of the rest; nothing stored', async () => {
    const before = await counts();
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ ...registry, 'spese.csv': expenses(3000, '10.005') }) });
    assert.ok(!r.ok);
    assert.equal(r.count, 3000);
    assert.equal(r.errors.length, 1001);
    assert.equal(r.errors[0], 'spese.csv:2: importo: importo ambiguo: "10.005" (se sono 10005 euro scrivere "10.005,00" o "10005"; i decimali sono al massimo due)');
    assert.match(r.errors[999]!, /^spese\.csv:1001: importo: importo ambiguo/);
    assert.equal(r.errors[1000], '… in tutto 3000 errori (elencati i primi 1000)');
    assert.deepEqual(await counts(), before);

    const res = await binaryUpload(t, officer, { ...registry, 'spese.csv': expenses(3000, '10.005') });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Importazione annullata: 3.000 errori, nessun dato salvato/);
    assert.ok(res.body.length < 300_000, `answer of ${res.body.length} bytes`);
  });

  it('errors found by the database checks are counted past 1,000 too', async () => {
    const before = await counts();
    // 1,500 lines of a district that does not exist (staging route: a quoted field)
    const text = expenses(1500).replace(/^D01;/gm, 'D09;').replace('S-0;', '"S-0";');
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ ...registry, 'spese.csv': text }) });
    assert.ok(!r.ok);
    assert.equal(r.count, 1500);
    assert.equal(r.errors.length, 1001);
    assert.equal(r.errors[0], 'spese.csv:2: distretto: distretto "D09" inesistente');
    assert.equal(r.errors[1000], '… in tutto 1500 errori (elencati i primi 1000)');
    assert.deepEqual(await counts(), before);
  });

  it('a NUL byte in the registry or in the expense lines is an error at its line, and nothing is stored', async () => {
    const before = await counts();
    const withNul = (text: string, after: string) => text.replace(after, `${after}\u0000`);
    for (const [files, error] of [
      [{ ...registry, 'distretti.csv': withNul(registry['distretti.csv'], 'Comu') }, 'distretti.csv:2: ente_capofila: carattere di controllo non ammesso (U+0000) alla posizione 5'],
      // clean otherwise: the byte scanner's fast route, then the reader
      [{ ...registry, 'spese.csv': withNul(expenses(5), 'S-3') }, 'spese.csv:5: documento: carattere di controllo non ammesso (U+0000) alla posizione 4'],
    ] as const) {
      const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder(files) });
      assert.ok(!r.ok);
      assert.equal(r.errors.length, 1, r.errors.join('\n'));
      assert.ok(r.errors[0]!.startsWith(error), r.errors[0]);
      const res = await binaryUpload(t, officer, files);
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(await counts(), before);
    }
  });

  it('fuzz: a mutated folder is stored whole or refused with nothing stored, never an internal error', async () => {
    const base = { ...registry, 'spese.csv': expenses(20) };
    // a mutation: a byte of a file changed, a line cut or doubled, a value replaced by a hostile one
    const mutation = fc.record({
      file: fc.constantFrom(...Object.keys(base)),
      at: fc.nat(),
      kind: fc.constantFrom('byte', 'cut', 'double', 'value'),
      byte: fc.integer({ min: 0, max: 255 }),
      value: fc.constantFrom('10.005', '99999999999999999', '1899-01-01', '"', '\r', 'x'.repeat(20_000), '=1+1', '-5', ''),
    });
    const mutate = (files: Record<string, string>, m: { file: string; at: number; kind: string; byte: number; value: string }) => {
      const text = Buffer.from(files[m.file]!, 'utf8');
      const at = m.at % (text.length + 1);
      let out: Buffer;
      if (m.kind === 'byte') out = Buffer.concat([text.subarray(0, at), Buffer.from([m.byte]), text.subarray(at + 1)]);
      else if (m.kind === 'cut') out = text.subarray(0, at);
      else if (m.kind === 'double') out = Buffer.concat([text, text.subarray(text.indexOf(0x0a) + 1)]);
      else out = Buffer.concat([text.subarray(0, at), Buffer.from(m.value), text.subarray(at)]);
      return { ...files, [m.file]: out.toString('latin1') };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), async (mutations, zipped) => {
        let files: Record<string, string> = base;
        for (const m of mutations) files = mutate(files, m);
        const before = await counts();
        const dir = folder({});
        const input = zipped
          ? (writeFileSync(join(dir, 'dati.zip'), zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'latin1'))])))), join(dir, 'dati.zip'))
          : (Object.entries(files).forEach(([k, v]) => writeFileSync(join(dir, k), Buffer.from(v, 'latin1'))), dir);
        const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: input });
        if (!r.ok) {
          assert.ok(r.errors.length > 0 && r.errors.length <= 1001);
          for (const e of r.errors) assert.ok(e.length < 1_200, e.slice(0, 200));
          assert.deepEqual(await counts(), before, `refused, yet something was stored: ${r.errors.slice(0, 3).join(' | ')}`);
        }
      }),
      { numRuns: Number(process.env.REGIA_FUZZ_RUNS ?? 25) },
    );
  });

  it('a zip bomb upload is refused as file: message and stores nothing', async () => {
    const before = await counts();
    const bomb = zipBomb([{ name: 'spese.csv', head: `${EXPENSE_HEADER}\n`, bytes: 300 * 1024 * 1024 }]);
    const res = await binaryUpload(t, officer, { ...registry, 'dati.zip': bomb });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.body, /dati\.zip:1: file: la voce \\"spese\.csv\\" decompressa è più di 100 volte/);
    assert.deepEqual(await counts(), before);
  });
});
