import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-funds-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

/** A region of three districts and one fund annuality of € 1.000.000,00, as in DOMAIN.md's life cycle. */
const history = {
  'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\nD01;Uno;Comune A;convenzione\nD02;Due;Comune B;consorzio\nD03;Tre;Comune C;\n',
  'comuni.csv': 'istat;nome;distretto;popolazione\n058001;A;D01;50000\n058002;B;D02;30000\n058003;C;D03;20000\n',
  'fondi.csv': 'codice;nome;fonte;regola_75\nFNPS;Fondo nazionale politiche sociali;nazionale;si\nREG;Fondo regionale;regionale;no\n',
  'annualita.csv': 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;1.000.000,00;DM;100;2022-06-01\nFNPS;2021;500000;DM;90;2021-06-01\n',
  'linee.csv': 'fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;L1;Servizi domiciliari;600.000,00;DGR;500;2022-07-01\nFNPS;2022;L2;Sostegno famiglie;400.000,00;DGR;500;2022-07-01\n',
  'assegnazioni.csv':
    'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\n' +
    'FNPS;2022;L1;D01;G01;300000;DD;2022-09-01\nFNPS;2022;L1;D02;G01;180000;DD;2022-09-01\nFNPS;2022;L1;D03;G01;120000;DD;2022-09-01\n' +
    'FNPS;2022;L2;D01;G02;200000;DD;2022-09-15\nFNPS;2022;L2;D02;G02;120000;DD;2022-09-15\n',
  'liquidazioni.csv':
    'fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data\nFNPS;2022;D01;L-1;400000;2022-10-01;DD;2022-09-30\nFNPS;2022;D02;L-2;300000;2022-10-01;DD;2022-09-30\nFNPS;2022;D03;L-3;120000;2022-10-01;DD;2022-09-30\n',
  'spese.csv':
    'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\n' +
    'D01;F-1;FNPS;2022;A1;Assistenza domiciliare;250.000,00;15/03/2023;250000\n' +
    'D01;F-2;FNPS;2022;A2;Contributi;100000;2023-05-10;80000\n' +
    'D02;F-1;FNPS;2022;A1;Assistenza domiciliare;300000;2023-02-01;\n' +
    'D03;F-9;FNPS;2022;A1;Centro diurno;50000;2023-03-01;50000\n',
};

describe(`fund history import and read-outs (${testEngine})`, () => {
  let t: TestApp;
  let officer: Session;
  before(async () => {
    t = await testApp();
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder(history) });
    assert.ok(r.ok, JSON.stringify(r));
    officer = await t.signIn('region_officer');
  });
  after(() => t.close());

  it('answers the compliance read-out of EXCHANGE.md with running totals', async () => {
    const res = await officer.get('/api/compliance/FNPS/2022');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      fund: 'FNPS',
      annuality: 2022,
      allocated: 100_000_000,
      programmed: 100_000_000,
      assigned: 92_000_000,
      disbursed: 82_000_000,
      reported: 70_000_000,
      recognised: 38_000_000,
      residual: 44_000_000,
      ratio: 0.38,
      districts: [
        { district: 'D01', assigned: 50_000_000, disbursed: 40_000_000, reported: 35_000_000, recognised: 33_000_000, residual: 7_000_000, toDisburse: 10_000_000, progress: 0.66 },
        { district: 'D02', assigned: 30_000_000, disbursed: 30_000_000, reported: 30_000_000, recognised: 0, residual: 30_000_000, toDisburse: 0, progress: 0 },
        { district: 'D03', assigned: 12_000_000, disbursed: 12_000_000, reported: 5_000_000, recognised: 5_000_000, residual: 7_000_000, toDisburse: 0, progress: 0.4167 },
      ],
    });
  });

  it('re-importing the same folder stores nothing new', async () => {
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder(history) });
    assert.ok(r.ok);
    for (const [file, c] of Object.entries(r.counts)) assert.equal(c.added + c.changed, 0, file);
    const again = (await officer.get('/api/compliance/FNPS/2022')).json() as { reported: number; assigned: number };
    assert.equal(again.reported, 70_000_000);
    assert.equal(again.assigned, 92_000_000);
  });

  it('answers the tranche read-out: 2024 waits on 75% of 2022', async () => {
    const res = (await officer.get('/api/tranches/FNPS/2024')).json();
    assert.deepEqual(res, {
      fund: 'FNPS',
      year: 2024,
      gatingAnnuality: 2022,
      allocated: 100_000_000,
      recognised: 38_000_000,
      ratio: 0.38,
      threshold: 0.75,
      eligible: false,
      missingToThreshold: 37_000_000,
      previousAnnuality: 2021,
      previousMissing: 50_000_000,
    });
    const regional = await officer.get('/api/tranches/REG/2024');
    assert.equal(regional.statusCode, 422);
  });

  it('previews a split whose shares add up to the cent', async () => {
    const res = (await officer.send('POST', '/api/allocations/preview', { total: 100_001, criterion: 'fixed_plus_population', fixedPercent: 10 })).json() as { shares: { district: string; amount: number }[] };
    assert.equal(res.shares.reduce((s, x) => s + x.amount, 0), 100_001);
    // exact quotas: 100001 × (10×100000 + 90×3×pop) / (100×3×100000)
    assert.deepEqual(res.shares.map((s) => s.amount), [48334, 30334, 21333]);
  });

  it('shows a district officer only its own district, and refuses the audit log', async () => {
    const d = await t.signIn('district_officer', ['D02']);
    const res = (await d.get('/api/compliance/FNPS/2022')).json() as { districts: { district: string }[]; assigned: number };
    assert.deepEqual(res.districts.map((x) => x.district), ['D02']);
    assert.equal(res.assigned, 30_000_000);
    const csv = (await d.get('/api/exports/sioss/FNPS/2022')).body;
    assert.ok(!csv.includes('D01'));
  });

  it('exports recognised amounts for SIOSS as CSV with ; and decimal comma', async () => {
    const csv = (await officer.get('/api/exports/sioss/FNPS/2022')).body;
    assert.equal(csv, 'fondo;annualita;distretto;area;importo_riconosciuto\r\nFNPS;2022;D01;A1;250000,00\r\nFNPS;2022;D01;A2;80000,00\r\nFNPS;2022;D03;A1;50000,00\r\n');
  });

  it('rejects a whole folder for one wrong line, listing every error, and stores nothing', async () => {
    const bad = folder({
      'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\nFNPS;2022;L2;D03;G03;80000,001;DD;2022-10-01\nFNPS;2022;L2;D03;G04;90000;DD;2022-10-01\n',
      'spese.csv': 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD03;F-10;FNPS;2022;A1;x;100;2023-01-01;\nD09;F-11;FNPS;2022;A1;x;100;2023-01-01;\nD03;F-12;FNPS;2030;A1;x;100;2023-01-01;\n',
    });
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: bad });
    assert.ok(!r.ok);
    assert.ok(r.errors.some((e) => e.startsWith('assegnazioni.csv:2: importo:')), r.errors.join('\n'));
    const limit = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ 'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\nFNPS;2022;L2;D03;G04;90000;DD;2022-10-01\n' }) });
    assert.ok(!limit.ok);
    assert.match(limit.errors[0]!, /^assegnazioni\.csv:2: importo: .*supera l'importo della linea/);
    const expenses = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: folder({ 'spese.csv': bad.length ? 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD03;F-10;FNPS;2022;A1;x;100;2023-01-01;\nD09;F-11;FNPS;2022;A1;x;100;2023-01-01;\nD03;F-12;FNPS;2030;A1;x;100;2023-01-01;\nD01;F-1;FNPS;2022;A1;Assistenza domiciliare;250.000,01;15/03/2023;250000\n' : '' }) });
    assert.ok(!expenses.ok);
    assert.deepEqual(expenses.errors, [
      'spese.csv:3: distretto: distretto "D09" inesistente',
      'spese.csv:4: annualita: annualità 2030 del fondo "FNPS" inesistente',
      'spese.csv:5: documento: documento già registrato con valori diversi: un importo già inviato si corregge con una richiesta di rettifica',
    ]);
    const after = (await officer.get('/api/compliance/FNPS/2022')).json() as { reported: number; assigned: number };
    assert.equal(after.reported, 70_000_000);
    assert.equal(after.assigned, 92_000_000);
  });

  it('names a key repeated within spese.csv with the line of its first occurrence', async () => {
    const r = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'spese.csv': 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD03;DUP-1;FNPS;2022;A1;x;100;2023-01-01;\nD03;DUP-2;FNPS;2022;A1;x;100;2023-01-01;\nD03;DUP-1;FNPS;2022;A1;y;200;2023-01-02;\n',
      }),
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, ['spese.csv:4: distretto,documento: chiave duplicata (D03, DUP-1): già presente alla riga 2']);
  });

  it('imports uploaded files over HTTP and answers a receipt', async () => {
    const boundary = '----regia';
    const file = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD03;F-20;FNPS;2022;A1;Nuova spesa;1000;2023-04-01;\n';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="spese.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { receipt: { id: number; files: { name: string; lines: number; sha256: string }[]; stored: Record<string, { added: number }> } };
    assert.equal(body.receipt.files[0]!.name, 'spese.csv');
    assert.equal(body.receipt.files[0]!.lines, 1);
    assert.equal(body.receipt.stored.spese!.added, 1);
    const c = (await officer.get('/api/compliance/FNPS/2022')).json() as { reported: number };
    assert.equal(c.reported, 70_100_000);
  });
});
