/**
 * Imports that overlap (DOMAIN.md, issue 9 deliverable 2): the same expense file sent several
 * times at once is stored once, two disjoint files at once are both stored, and every answer is a
 * success (a re-import stores nothing new) or a clear refusal, never a 500. The running totals
 * equal a recount of the lines afterwards. On PGlite the requests are serialised; on PostgreSQL
 * they run on parallel connections.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { testApp, type Session, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { rowsOf } from '../../src/db/client.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { uploadImport } from '../support/multipart.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-concurrent-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

const DISTRICTS = ['D01', 'D02', 'D03', 'D04'];
const registry = {
  'distretti.csv': `codice;nome;ente_capofila\n${DISTRICTS.map((d) => `${d};Distretto ${d};Comune ${d}`).join('\n')}\n`,
  'fondi.csv': 'codice;nome;fonte;regola_75\nFNPS;Fondo nazionale politiche sociali;nazionale;si\nFNA;Fondo non autosufficienza;nazionale;no\n',
  'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;1.000.000,00;DM;100;2022-06-01\nFNA;2022;500.000,00;DM;101;2022-06-01\n',
};

const HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
/** `count` lines with documents `prefix-i`, spread over the districts and both funds. */
const expenses = (prefix: string, count: number, quoted = false) =>
  `${HEADER}\n` +
  Array.from({ length: count }, (_, i) => {
    const description = quoted ? `"Servizio; ${i}"` : `Servizio ${i}`;
    return `${DISTRICTS[i % DISTRICTS.length]};${prefix}-${i};${i % 3 ? 'FNPS' : 'FNA'};2022;A1;${description};${(i % 97) + 1},${String(i % 100).padStart(2, '0')};2023-0${(i % 9) + 1}-15;`;
  }).join('\n') +
  '\n';


/**
 * Runs the requests at once. On PostgreSQL a SHARE lock on `table` first holds back every write
 * to it while reads go on, until each request waits for a lock (that one, or one the first
 * holds): they then overlap for certain, each having read what it checks before any has written.
 */
const atOnce = async <T>(t: TestApp, table: string, requests: (() => Promise<T>)[]): Promise<T[]> => {
  if (t.database.raw.kind !== 'postgres') return Promise.all(requests.map((r) => r()));
  const blocker = await t.database.raw.pool.connect();
  try {
    await blocker.query('begin');
    await blocker.query(`lock table ${table} in share mode`);
    const answers = Promise.all(requests.map((r) => r()));
    const waiting = async () => {
      // inside a transaction the activity view is a snapshot until cleared
      await blocker.query('select pg_stat_clear_snapshot()');
      return Number((await blocker.query(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`)).rows[0].n);
    };
    const start = Date.now();
    while ((await waiting()) < requests.length && Date.now() - start < 30_000) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await waiting(), requests.length, `every request waits behind the lock on ${table}`);
    await blocker.query('commit');
    return await answers;
  } finally {
    blocker.release();
  }
};

/** An answer is a success or a clear refusal: 409 or 422 problem+json with an Italian detail. */
const outcome = (res: LightMyRequestResponse): { ok: true; added: number } | { ok: false; status: number } => {
  assert.ok([200, 409, 422].includes(res.statusCode), `${res.statusCode}: ${res.body}`);
  if (res.statusCode === 200) return { ok: true, added: (res.json() as { receipt: { stored: Record<string, { added: number }> } }).receipt.stored.spese?.added ?? 0 };
  assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
  assert.ok((res.json() as { detail: string }).detail.length > 0);
  return { ok: false, status: res.statusCode };
};

describe(`imports at the same time (${testEngine})`, () => {
  let t: TestApp;
  let officer: Session;

  const storedDocuments = async (prefix: string) =>
    Number(rowsOf<{ n: string | number }>(await t.database.db.execute(sql`select count(*) as n from expense_lines where document like ${`${prefix}-%`}`))[0]!.n);

  /** The running totals of expense lines against a recount of the lines themselves. */
  const assertTotalsRecount = async () => {
    const totals = rowsOf<Record<string, unknown>>(
      await t.database.db.execute(sql`select district_code, fund_code, annuality, reported::text as reported, recognised::text as recognised, expense_lines
        from district_fund_totals where expense_lines <> 0 or reported <> 0 order by 1, 2, 3`),
    );
    const recount = rowsOf<Record<string, unknown>>(
      await t.database.db.execute(sql`select district_code, fund_code, annuality, sum(amount)::text as reported, coalesce(sum(recognised), 0)::text as recognised, count(*)::int as expense_lines
        from expense_lines where submitted group by 1, 2, 3 order by 1, 2, 3`),
    );
    assert.deepEqual(totals.map((r) => ({ ...r, expense_lines: Number(r.expense_lines) })), recount.map((r) => ({ ...r, expense_lines: Number(r.expense_lines) })));
  };

  before(async () => {
    t = await testApp();
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder(registry) });
    assert.ok(r.ok, JSON.stringify(r));
    officer = await t.signIn('region_officer');
  });
  after(() => t.close());

  for (const [route, quoted] of [
    ['the fast route (a clean file)', false],
    ['the row-by-row reader (a quoted field)', true],
  ] as const) {
    it(`the same spese.csv sent four times at once is stored once, through ${route}`, async () => {
      const prefix = quoted ? 'SAME-Q' : 'SAME';
      const text = expenses(prefix, 400, quoted);
      const answers = (await atOnce(t, 'expense_lines', Array.from({ length: 4 }, () => () => uploadImport(t, officer, { 'spese.csv': text })))).map(outcome);
      assert.equal(await storedDocuments(prefix), 400);
      // one stores the lines; the others are a re-import that stores nothing new
      assert.deepEqual(
        answers.map((a) => (a.ok ? a.added : a)).sort(),
        [0, 0, 0, 400],
      );
      await assertTotalsRecount();
      // and once all is settled, the same file again is a plain re-import
      assert.deepEqual(outcome(await uploadImport(t, officer, { 'spese.csv': text })), { ok: true, added: 0 });
    });
  }

  it('two files with the same documents and other amounts at once: one is stored, the other refused naming its lines', async () => {
    const first = expenses('DIFF', 20, true);
    const second = first.replace(/;A1;/g, ';A2;');
    const answers = await atOnce(t, 'expense_lines', [() => uploadImport(t, officer, { 'spese.csv': first }), () => uploadImport(t, officer, { 'spese.csv': second })]);
    const stored = answers.filter((r) => r.statusCode === 200);
    const refused = answers.filter((r) => r.statusCode === 422);
    assert.equal(stored.length, 1, answers.map((r) => r.body).join('\n'));
    assert.equal(refused.length, 1, answers.map((r) => r.body).join('\n'));
    assert.equal(outcome(stored[0]!).ok && (outcome(stored[0]!) as { added: number }).added, 20);
    const errors = (refused[0]!.json() as { errors: string[] }).errors;
    assert.deepEqual(
      errors,
      Array.from({ length: 20 }, (_, i) => `spese.csv:${i + 2}: documento: documento già registrato con valori diversi: un importo già inviato si corregge con una richiesta di rettifica`),
    );
    assert.equal(await storedDocuments('DIFF'), 20);
    await assertTotalsRecount();
  });

  it('the same expense file uploaded four times at once into a district report is stored once; the others are refused', async () => {
    const district = await t.signIn('district_officer', ['D03']);
    const text = `${HEADER}\n${Array.from({ length: 30 }, (_, i) => `D03;UP-${i};FNPS;2022;A1;Servizio;${i + 1};2023-05-0${(i % 9) + 1};`).join('\n')}\n`;
    const boundary = '----regia-upload';
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/districts/D03/reports/2023/upload',
        headers: { cookie: district.cookie, 'x-csrf-token': district.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="spese.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n--${boundary}--\r\n`,
      });
    const answers = await atOnce(t, 'expense_reports', Array.from({ length: 4 }, () => send));
    const statuses = answers.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 200).length, 1, answers.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
    for (const r of answers.filter((a) => a.statusCode !== 200)) outcome(r);
    assert.equal(await storedDocuments('UP'), 30);
    const reports = rowsOf<{ n: string | number }>(await t.database.db.execute(sql`select count(*) as n from expense_reports where district_code = 'D03' and expense_year = 2023`));
    assert.equal(Number(reports[0]!.n), 1);
    await assertTotalsRecount();
  });

  it('the same whole folder (registry, funds and expenses) sent four times at once is stored once', async () => {
    const files = {
      'distretti.csv': registry['distretti.csv'].replace('D04;Distretto D04;Comune D04\n', 'D04;Distretto D04;Comune D04\nD05;Distretto D05;Comune D05\n'),
      'annualita.csv': `${registry['annualita.csv']}FNPS;2023;900.000,00;DM;200;2023-06-01\n`,
      'linee.csv': 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\nFNPS;2023;L1;Servizi;600.000,00;DGR;500;2023-07-01\n',
      'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\nFNPS;2023;L1;D05;G01;300000;DD;2023-09-01\nFNPS;2023;L1;D01;G01;100000;DD;2023-09-01\n',
      'liquidazioni.csv': 'fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data\nFNPS;2023;D05;L-1;200000;2023-10-01;DD;2023-09-30\n',
      'spese.csv': expenses('FOLDER', 50).replace(/;2022;/g, ';2023;').replace(/;FNA;/g, ';FNPS;'),
    };
    const answers = (await Promise.all(Array.from({ length: 4 }, () => uploadImport(t, officer, files)))).map(outcome);
    assert.ok(answers.some((a) => a.ok && a.added === 50), JSON.stringify(answers));
    assert.equal(await storedDocuments('FOLDER'), 50);
    const counts = rowsOf<Record<string, string | number>>(
      await t.database.db.execute(sql`select
        (select count(*) from districts where code = 'D05') as districts,
        (select count(*) from intervention_lines where fund_code = 'FNPS' and annuality = 2023) as lines,
        (select count(*) from assignments where annuality = 2023) as assignments,
        (select count(*) from disbursements where annuality = 2023) as disbursements,
        (select assigned::text from district_fund_totals where district_code = 'D05' and fund_code = 'FNPS' and annuality = 2023) as assigned,
        (select disbursed::text from district_fund_totals where district_code = 'D05' and fund_code = 'FNPS' and annuality = 2023) as disbursed`),
    )[0]!;
    assert.deepEqual(
      Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
      { districts: '1', lines: '1', assignments: '2', disbursements: '1', assigned: '30000000', disbursed: '20000000' },
    );
    await assertTotalsRecount();
  });

  it('the same fund files (no expenses) sent four times at once: stored once, every other answer a success or a 409', async () => {
    const files = {
      'distretti.csv': 'codice;nome;ente_capofila\nD06;Distretto D06;Comune D06\n',
      'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2024;800.000,00;DM;300;2024-06-01\n',
      'linee.csv': 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\nFNPS;2024;L1;Servizi;500.000,00;DGR;600;2024-07-01\n',
      'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\nFNPS;2024;L1;D06;G01;250000;DD;2024-09-01\n',
      'liquidazioni.csv': 'fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data\nFNPS;2024;D06;L-1;100000;2024-10-01;DD;2024-09-30\n',
    };
    const answers = await Promise.all(Array.from({ length: 4 }, () => uploadImport(t, officer, files)));
    for (const r of answers) outcome(r);
    assert.ok(answers.some((r) => r.statusCode === 200));
    const counts = rowsOf<Record<string, string | number>>(
      await t.database.db.execute(sql`select
        (select count(*) from districts where code = 'D06') as districts,
        (select count(*) from intervention_lines where annuality = 2024) as lines,
        (select count(*) from assignments where annuality = 2024) as assignments,
        (select count(*) from disbursements where annuality = 2024) as disbursements,
        (select assigned::text || '/' || disbursed::text from district_fund_totals where district_code = 'D06' and fund_code = 'FNPS' and annuality = 2024) as totals`),
    )[0]!;
    assert.deepEqual(
      Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
      { districts: '1', lines: '1', assignments: '1', disbursements: '1', totals: '25000000/10000000' },
    );
  });

  it(
    'a file large enough to have the indexes rebuilt, sent three times at once, is stored once and leaves every index',
    { skip: testEngine !== 'postgres' && 'PGlite runs one import after the other' },
    async () => {
      const dir = folder({});
      // above REBUILD_MIN_LINES and large next to the lines already stored: the fast route drops and rebuilds the indexes
      writeFileSync(join(dir, 'spese.csv'), expenses('BIG', 110_000));
      const indexes = async () => rowsOf<{ indexdef: string }>(await t.database.db.execute(sql`select indexdef from pg_indexes where tablename = 'expense_lines' order by indexname`)).map((r) => r.indexdef);
      const before = await indexes();
      const answers = await Promise.all(Array.from({ length: 3 }, () => importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir })));
      assert.deepEqual(answers.map((a) => (a.ok ? a.counts.spese!.added : a.errors.slice(0, 3))).sort(), [0, 0, 110_000]);
      assert.equal(await storedDocuments('BIG'), 110_000);
      assert.deepEqual(await indexes(), before);
      await assertTotalsRecount();
    },
  );

  it('two disjoint files at once are both stored', async () => {
    const [a, b] = (
      await atOnce(t, 'expense_lines', [() => uploadImport(t, officer, { 'spese.csv': expenses('ONE', 300) }), () => uploadImport(t, officer, { 'spese.csv': expenses('TWO', 300, true) })])
    ).map(outcome);
    assert.deepEqual([a, b], [
      { ok: true, added: 300 },
      { ok: true, added: 300 },
    ]);
    assert.equal(await storedDocuments('ONE'), 300);
    assert.equal(await storedDocuments('TWO'), 300);
    await assertTotalsRecount();
  });
});
