import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { importExchange } from '../../src/services/imports.ts';
import { verifyAudit } from '../../src/services/audit-log.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { BULK_LOCK_KEYS } from '../../src/db/locks.ts';
import { rowsOf } from '../../src/db/client.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-history-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

const H = {
  distretti: 'codice;nome;ente_capofila;forma_gestione\n',
  fondi: 'codice;nome;fonte;regola_75\n',
  annualita: 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\n',
  linee: 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\n',
  assegnazioni: 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\n',
  liquidazioni: 'fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data\n',
  spese: 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\n',
};

const base = {
  'distretti.csv': `${H.distretti}D01;Uno;Comune A;convenzione\nD02;Due;Comune B;\n`,
  'fondi.csv': `${H.fondi}FNPS;Fondo nazionale;nazionale;si\n`,
  'annualita.csv': `${H.annualita}FNPS;2022;100000;DM;1;2022-06-01\n`,
  'linee.csv': `${H.linee}FNPS;2022;L1;Servizi;10000;DGR;2;2022-07-01\n`,
};

const count = async (t: TestApp, table: string) => Number(rowsOf<{ n: string | number }>(await t.ctx.database.db.execute(sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

describe(`history import, set-wise (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('answers every line-level and reference error of every file in one answer, sorted by file and line, and stores nothing', async () => {
    const r = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        ...base,
        // a line-level error (three decimals) in one file…
        'assegnazioni.csv': `${H.assegnazioni}FNPS;2022;L1;D01;G1;1000;DD;2022-09-01\nFNPS;2022;L1;D02;G1;80,001;DD;2022-09-01\n`,
        // …an unknown fund code in another…
        'annualita.csv': `${H.annualita}FNPS;2022;100000;DM;1;2022-06-01\nFNXX;2022;5000;DM;1;2022-06-01\n`,
        // …an unknown district and an annuality never allocated in a third…
        'liquidazioni.csv': `${H.liquidazioni}FNPS;2022;D09;P1;100;2022-10-01;DD;2022-09-30\nFNPS;2019;D01;P2;100;2019-10-01;DD;2019-09-30\n`,
        // …and an unknown district in spese.csv
        'spese.csv': `${H.spese}D01;F-1;FNPS;2022;A1;x;100;2023-01-01;\nD77;F-2;FNPS;2022;A1;x;100;2023-01-01;\n`,
      }),
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      'annualita.csv:3: fondo: fondo "FNXX" inesistente',
      'assegnazioni.csv:3: importo: importo con più di due decimali: "80,001"',
      'liquidazioni.csv:2: distretto: distretto "D09" inesistente',
      'liquidazioni.csv:3: annualita: annualità 2019 del fondo "FNPS" inesistente (manca in annualita.csv)',
      'spese.csv:3: distretto: distretto "D77" inesistente',
    ]);
    for (const table of ['districts', 'funds', 'fund_annualities', 'intervention_lines', 'assignments', 'disbursements', 'expense_lines', 'district_fund_totals', 'import_receipts']) {
      assert.equal(await count(t, table), 0, table);
    }
  });

  it('names the first record at which the running sum passes a limit', async () => {
    const r = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        ...base,
        'assegnazioni.csv': `${H.assegnazioni}FNPS;2022;L1;D01;G1;6000;DD;2022-09-01\nFNPS;2022;L1;D02;G1;3000;DD;2022-09-01\nFNPS;2022;L1;D01;G2;2000;DD;2022-09-01\nFNPS;2022;L1;D02;G2;500;DD;2022-09-01\n`,
      }),
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      "assegnazioni.csv:4: importo: L'importo dell'assegnazione (€ 11.500,00) sommato a € 0,00 già assegnati sulla linea supera l'importo della linea di intervento (€ 10.000,00) di € 1.500,00 (fondo FNPS annualità 2022, linea L1)",
    ]);
    assert.equal(await count(t, 'assignments'), 0);
  });

  it('stores a history with one audit entry per record on an intact chain, and verify still finds an altered or removed entry', async () => {
    const r = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        ...base,
        'assegnazioni.csv': `${H.assegnazioni}FNPS;2022;L1;D01;G1;6000;DD;2022-09-01\nFNPS;2022;L1;D02;G1;3000;DD;2022-09-01\n`,
        'liquidazioni.csv': `${H.liquidazioni}FNPS;2022;D01;P1;5000;2022-10-01;DD;2022-09-30\nFNPS;2022;D02;P1;3000;2022-10-01;DD;2022-09-30\n`,
      }),
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.counts.assegnazioni, { added: 2, changed: 0, unchanged: 0 });
    const db = t.ctx.database.db;
    const actions = rowsOf<{ action: string; n: string | number }>(await db.execute(sql`select action, count(*) as n from audit_entries where action like '%.import' or action = 'act.create' group by action order by action`));
    assert.deepEqual(
      actions.map((a) => [a.action, Number(a.n)]),
      [
        ['act.create', 4],
        ['assignment.import', 2],
        ['disbursement.import', 2],
        ['district.import', 2],
        ['fund.import', 1],
        ['fund_annuality.import', 1],
        ['intervention_line.import', 1],
      ],
    );
    const totals = rowsOf<{ district_code: string; assigned: string | number; disbursed: string | number }>(
      await db.execute(sql`select district_code, assigned, disbursed from district_fund_totals order by district_code`),
    );
    assert.deepEqual(totals.map((x) => [x.district_code, Number(x.assigned), Number(x.disbursed)]), [['D01', 600000, 500000], ['D02', 300000, 300000]]);
    const intact = await verifyAudit(t.ctx, SYSTEM);
    assert.ok(intact.intact, JSON.stringify(intact));
    const [entry] = rowsOf<{ seq: string | number }>(await db.execute(sql`select seq from audit_entries where action = 'assignment.import' order by seq limit 1`));
    const seq = Number(entry!.seq);
    await db.execute(sql`update audit_entries set after = '{"amount":"1"}' where seq = ${seq}`);
    assert.deepEqual(await verifyAudit(t.ctx, SYSTEM), { intact: false, entries: seq, firstBroken: seq, reason: 'altered' });
    await db.execute(sql`delete from audit_entries where seq = ${seq}`);
    const removed = await verifyAudit(t.ctx, SYSTEM);
    assert.ok(!removed.intact && removed.firstBroken === seq && removed.reason === 'missing', JSON.stringify(removed));
  });
});

describe(`registry changes through an import (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ now: () => new Date('2024-05-10T10:00:00Z') });
  });
  after(() => t.close());

  it('stores changed districts, municipalities and funds with their before, and dates a new lead body on the day of the import', async () => {
    const first = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'distretti.csv': `${H.distretti}D01;Uno;Comune A;convenzione\nD02;Due;Comune B;\nD03;Tre;Comune C;unione\n`,
        'comuni.csv': 'istat;nome;distretto;popolazione\n058001;A;D01;100\n058002;B;D02;200\n',
        'fondi.csv': `${H.fondi}FNPS;Fondo nazionale;nazionale;si\n`,
      }),
    });
    assert.ok(first.ok, JSON.stringify(first));
    const second = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'distretti.csv': `${H.distretti}D01;Uno bis;Comune A;convenzione\nD02;Due;Comune Z;\nD03;Tre;Comune C;unione\nD04;Quattro;;\n`,
        'comuni.csv': 'istat;nome;distretto;popolazione\n058001;A;D02;100\n058002;B;D02;200\n',
        'fondi.csv': `${H.fondi}FNPS;Fondo nazionale politiche sociali;nazionale;si\n`,
      }),
    });
    assert.ok(second.ok, JSON.stringify(second));
    assert.deepEqual(second.counts, {
      distretti: { added: 1, changed: 2, unchanged: 1 },
      comuni: { added: 0, changed: 1, unchanged: 1 },
      fondi: { added: 0, changed: 1, unchanged: 0 },
    });
    const db = t.ctx.database.db;
    const history = rowsOf<{ district_code: string; lead_body: string; valid_from: string | null; valid_to: string | null }>(
      await db.execute(sql`select district_code, lead_body, valid_from::text, valid_to::text from district_lead_bodies order by district_code, id`),
    );
    assert.deepEqual(history, [
      { district_code: 'D01', lead_body: 'Comune A', valid_from: null, valid_to: null },
      { district_code: 'D02', lead_body: 'Comune B', valid_from: null, valid_to: '2024-05-10' },
      { district_code: 'D02', lead_body: 'Comune Z', valid_from: '2024-05-10', valid_to: null },
      { district_code: 'D03', lead_body: 'Comune C', valid_from: null, valid_to: null },
    ]);
    const changes = rowsOf<{ entity_id: string; before: unknown; after: unknown }>(
      await db.execute(sql`select entity_id, before, after from audit_entries where action in ('district.import', 'municipality.import', 'fund.import') and before is not null order by seq`),
    );
    assert.deepEqual(changes, [
      { entity_id: 'D01', before: { code: 'D01', name: 'Uno', leadBody: 'Comune A', managementForm: 'convenzione' }, after: { code: 'D01', name: 'Uno bis', leadBody: 'Comune A', managementForm: 'convenzione' } },
      { entity_id: 'D02', before: { code: 'D02', name: 'Due', leadBody: 'Comune B', managementForm: null }, after: { code: 'D02', name: 'Due', leadBody: 'Comune Z', managementForm: null } },
      { entity_id: '058001', before: { istatCode: '058001', name: 'A', population: 100, districtCode: 'D01' }, after: { istatCode: '058001', name: 'A', population: 100, districtCode: 'D02' } },
      { entity_id: 'FNPS', before: { code: 'FNPS', name: 'Fondo nazionale', source: 'national', rule75: true }, after: { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true } },
    ]);
    assert.ok((await verifyAudit(t.ctx, SYSTEM)).intact);
  });
});

/** Imports at once that each add a disbursement to one assignment: only as many as fit are stored. */
describe(`concurrent history imports against one limit (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const race = async (districts: number, tranche: string) => {
    const codes = Array.from({ length: districts }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
    const setup = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'distretti.csv': H.distretti + codes.map((c) => `${c};Distretto ${c};Comune ${c};`).join('\n') + '\n',
        'fondi.csv': `${H.fondi}F${districts};Fondo;regionale;no\n`,
        'annualita.csv': `${H.annualita}F${districts};2023;${districts * 10000};DM;1;2023-01-10\n`,
        'linee.csv': `${H.linee}F${districts};2023;L1;Linea;${districts * 10000};DGR;2;2023-02-01\n`,
        'assegnazioni.csv': H.assegnazioni + codes.map((c) => `F${districts};2023;L1;${c};A1;10000;DD;2023-03-01`).join('\n') + '\n',
      }),
    });
    assert.ok(setup.ok, JSON.stringify(setup).slice(0, 500));
    // every import pays every district 6000 of its 10000: two imports cannot both fit
    const attempts = Array.from({ length: 6 }, (_, n) =>
      folder({ 'liquidazioni.csv': H.liquidazioni + codes.map((c) => `F${districts};2023;${c};P${n};${tranche};2023-04-01;DD;2023-03-30`).join('\n') + '\n' }),
    );
    const results = await Promise.all(attempts.map((path) => importExchange(t.ctx, SYSTEM, { kind: 'path', path })));
    const accepted = results.filter((x) => x.ok).length;
    assert.equal(accepted, 1, JSON.stringify(results.map((x) => (x.ok ? 'ok' : x.errors[0]))));
    for (const x of results) if (!x.ok) assert.match(x.errors[0]!, /^liquidazioni\.csv:2: importo: L'importo della liquidazione .* supera l'importo assegnato al distretto/);
    const [sum] = rowsOf<{ s: string | number; t: string | number }>(
      await t.ctx.database.db.execute(sql`select (select sum(amount) from disbursements where fund_code = ${`F${districts}`}) as s, (select sum(disbursed) from district_fund_totals where fund_code = ${`F${districts}`}) as t`),
    );
    assert.equal(Number(sum!.s), districts * 600000);
    assert.equal(Number(sum!.t), districts * 600000);
  };

  it('a few keys: each locked on its own', () => race(3, '6000'));
  it(`more than ${BULK_LOCK_KEYS} keys: whole fund annualities locked`, () => race(BULK_LOCK_KEYS + 1, '6000'));
});
