/**
 * Receipts a district keeps (issue #11): an upload and a submission each leave one, listed and
 * downloaded as a PDF that states its protocol number, Rome time, who, the files with SHA-256 and
 * the totals in euros. Another district neither sees them nor learns they exist.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf-text.ts';

const CSV = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD01;FT-1;FNPS;2024;A1;Assistenza;2.500,00;2024-07-15;\nD01;FT-2;FNPS;2024;A1;Trasporto;1.000,50;2024-08-15;\n';

const multipart = (name: string, content: string) => {
  const boundary = '----regia-receipts';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  };
};

interface Summary { id: number; protocol: string; kind: string; district: string | null; files: string[] }

describe(`receipts (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let d1: Session;
  let d2: Session;
  // 22:30 UTC on 14 March 2025 is 23:30 in Rome
  const clock = new Date('2025-03-14T22:30:00Z');

  before(async () => {
    t = await testApp({ now: () => clock });
    await aDistrict(t.database, 'D01', { name: 'Distretto Uno' });
    await aDistrict(t.database, 'D02');
    await aMunicipality(t.database, '058001', 'D01', 10_000);
    await aMunicipality(t.database, '058002', 'D02', 10_000);
    region = await t.signIn('region_officer');
    d1 = await t.signIn('district_officer', ['D01']);
    d2 = await t.signIn('district_officer', ['D02']);
    const act = async (type: string, number: string) => ((await region.send('POST', '/api/acts', { type, number, date: '2024-01-10', subject: type })).json() as { id: number }).id;
    await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true });
    await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2024, allocated: 1_000_000, actId: await act('DM', '1') });
    await region.send('POST', '/api/funds/FNPS/annualities/2024/lines', { code: 'L1', description: 'x', amount: 1_000_000, actId: await act('DGR', '1') });
    const assigned = await region.send('POST', '/api/funds/FNPS/annualities/2024/lines/L1/assignments', { criterion: 'population', amount: 1_000_000, actId: await act('DD', '1') });
    assert.equal(assigned.statusCode, 200, assigned.body);
  });
  after(() => t.close());

  it('an upload and a submission each leave a receipt, listed newest first; the report names its submission receipt', async () => {
    const form = multipart('spese-2024.csv', CSV);
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/districts/D01/reports/2024/upload', headers: { cookie: d1.cookie, 'x-csrf-token': d1.csrfToken, ...form.headers }, payload: form.payload });
    assert.equal(uploaded.statusCode, 200, uploaded.body);
    const submitted = await d1.send('POST', '/api/districts/D01/reports/2024/submit');
    assert.equal(submitted.statusCode, 200, submitted.body);
    const report = submitted.json() as { receipt: number | null };
    assert.ok(report.receipt, 'the submitted report names its receipt');

    const list = (await d1.get('/api/receipts')).json() as { items: Summary[]; total: number };
    assert.equal(list.total, 2);
    assert.deepEqual(list.items.map((r) => [r.kind, r.district, r.files]), [['submission', 'D01', []], ['upload', 'D01', ['spese-2024.csv']]]);
    assert.equal(list.items[0]!.id, report.receipt);
    assert.equal(list.items[0]!.protocol, `RIC-${String(report.receipt).padStart(6, '0')}`);
    assert.equal(((await region.get('/api/receipts?district=D01')).json() as { total: number }).total, 2, 'the Region sees them');
  });

  it('the upload receipt PDF states protocol, Rome time, who, district, the file and its SHA-256, and the sums', async () => {
    const { items } = (await d1.get('/api/receipts')).json() as { items: Summary[] };
    const upload = items.find((r) => r.kind === 'upload')!;
    const res = await d1.get(`/api/receipts/${upload.id}/pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`attachment; filename="ricevuta-${upload.protocol}\\.pdf"`));
    const text = (await pdfText(res.rawPayload)).join('\n').replace(/\s+/g, ' ');
    const sha = createHash('sha256').update(CSV).digest('hex');
    for (const expected of ['Ricevuta di caricamento della rendicontazione', upload.protocol, '14/03/2025 alle 23:30:00 (ora di Roma)', 'D01 – Distretto Uno', 'spese-2024.csv', `SHA-256: ${sha}`, 'Spese registrate nella bozza 2', '€ 3.500,50', 'Anno della rendicontazione 2024']) {
      assert.ok(text.includes(expected), `"${expected}" in: ${text}`);
    }
  });

  it('the submission receipt PDF states the lines and the sums sent, per fund annuality', async () => {
    const { items } = (await d1.get('/api/receipts')).json() as { items: Summary[] };
    const submission = items.find((r) => r.kind === 'submission')!;
    const text = (await pdfText((await region.get(`/api/receipts/${submission.id}/pdf`)).rawPayload)).join('\n').replace(/\s+/g, ' ');
    for (const expected of ['Ricevuta di invio della rendicontazione', submission.protocol, 'Spese inviate 2', 'Importo inviato € 3.500,50', 'Rendicontato su FNPS 2024 € 3.500,50']) {
      assert.ok(text.includes(expected), `"${expected}" in: ${text}`);
    }
  });

  it('another district sees none of them, and a receipt of D01 answers it like a missing one', async () => {
    assert.deepEqual(((await d2.get('/api/receipts')).json() as { total: number }).total, 0);
    const { items } = (await d1.get('/api/receipts')).json() as { items: Summary[] };
    const theirs = await d2.get(`/api/receipts/${items[0]!.id}/pdf`);
    const missing = await d2.get('/api/receipts/999999/pdf');
    assert.equal(theirs.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal((theirs.json() as { code: string }).code, (missing.json() as { code: string }).code);
    assert.equal((await d2.get('/api/receipts?district=D01')).json().total, 0);
  });
});
