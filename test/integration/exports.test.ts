/**
 * XLSX exports of the working tables (issue #11): each holds what its list shows the same user with
 * the same filters, typed for sums, and nothing the user may not see; roles without the list get 403.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';

const sheetOf = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  // exceljs's typings want an ArrayBuffer; it reads a Node Buffer as it is
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 3) rows.push((row.values as unknown[]).slice(1));
  });
  return { title: ws.getCell('A1').value, filters: ws.getCell('A2').value, header: (ws.getRow(3).values as unknown[]).slice(1), rows };
};

describe(`XLSX exports (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let d1: Session;
  let auditor: Session;
  let admin: Session;
  const xlsx = async (s: Session, url: string) => {
    const res = await s.get(url);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    return sheetOf(res.rawPayload);
  };

  before(async () => {
    t = await testApp();
    for (const [code, istat, pop] of [['D01', '058001', 30_000], ['D02', '058002', 10_000]] as const) {
      await aDistrict(t.database, code);
      await aMunicipality(t.database, istat, code, pop);
    }
    region = await t.signIn('region_officer');
    d1 = await t.signIn('district_officer', ['D01']);
    auditor = await t.signIn('auditor');
    admin = await t.signIn('admin');
    const act = async (type: string, number: string) => ((await region.send('POST', '/api/acts', { type, number, date: '2024-01-10', subject: `${type} ${number}` })).json() as { id: number }).id;
    await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true });
    await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2024, allocated: 1_000_000, actId: await act('DM', '1') });
    await region.send('POST', '/api/funds/FNPS/annualities/2024/lines', { code: 'L1', description: 'x', amount: 1_000_000, actId: await act('DGR', '7') });
    await region.send('POST', '/api/funds/FNPS/annualities/2024/lines/L1/assignments', { criterion: 'population', amount: 1_000_000, actId: await act('DD', '9') });
    await d1.send('POST', '/api/districts/D01/reports/2024/lines', { document: 'FT-1', fund: 'FNPS', annuality: 2024, area: 'A1', description: 'Assistenza', amount: 123_456, paidOn: '2024-05-02' });
    await d1.send('POST', '/api/districts/D01/reports/2024/lines', { document: 'FT-2', fund: 'FNPS', annuality: 2024, area: 'A1', description: 'Trasporto', amount: 1_000, paidOn: '2024-05-03' });
    assert.equal((await d1.send('POST', '/api/districts/D01/reports/2024/submit')).statusCode, 200);
  });
  after(() => t.close());

  it('the dashboard per district: every district for the Region, its own for a district officer, amounts in euros', async () => {
    const all = await xlsx(region, '/api/exports/compliance/FNPS/2024');
    assert.equal(all.title, 'Cruscotto per distretto – FNPS 2024');
    assert.deepEqual(all.header, ['Distretto', 'Assegnato', 'Liquidato', 'Rendicontato', 'Riconosciuto', 'Residuo', 'Da liquidare', 'Avanzamento']);
    assert.deepEqual(all.rows.map((r) => [r[0], r[1], r[3]]), [['D01', 7500, 1244.56], ['D02', 2500, 0]]);
    const mine = await xlsx(d1, '/api/exports/compliance/FNPS/2024');
    assert.deepEqual(mine.rows.map((r) => r[0]), ['D01']);
  });

  it('the verification list with its filters, the acts register with its type filter, the corrections', async () => {
    const pending = await xlsx(region, '/api/exports/expense-lines/FNPS/2024?status=pending&district=D01');
    assert.equal(pending.filters, 'Filtri: Fondo: FNPS; Annualità: 2024; Distretto: D01; Stato: da verificare');
    assert.deepEqual(pending.rows.map((r) => [r[1], r[5], r[7]]), [['FT-1', 1234.56, 'Da verificare'], ['FT-2', 10, 'Da verificare']]);
    const list = (await region.get('/api/funds/FNPS/annualities/2024/expense-lines?district=D01&status=pending')).json() as { items: { id: number }[] };
    await region.send('POST', `/api/expense-lines/${list.items[0]!.id}/verification`, { action: 'recognise_all' });
    assert.equal((await xlsx(region, '/api/exports/expense-lines/FNPS/2024?status=pending')).rows.length, 1, 'the filter follows the data');

    const dd = await xlsx(region, '/api/exports/acts?type=DD');
    assert.deepEqual(dd.rows.map((r) => [r[0], r[1]]), [['DD', '9']]);
    assert.equal(dd.filters, 'Filtri: Tipo: DD');

    const corrected = await d1.send('POST', `/api/expense-lines/${list.items[0]!.id}/corrections`, { amount: 100_000, reason: 'nota di credito' });
    assert.equal(corrected.statusCode, 201, corrected.body);
    const corrections = await xlsx(d1, '/api/exports/corrections?status=pending');
    assert.deepEqual(corrections.rows.map((r) => [r[1], r[2], r[3], r[4], r[5], r[6], r[8]]), [['D01', 'FT-1', 'FNPS', 2024, 1234.56, 1000, 'In attesa']]);
  });

  it('users for the administrator and the audit log for the auditor; everyone else 403', async () => {
    const users = await xlsx(admin, '/api/exports/users');
    assert.ok(users.rows.some((r) => r[2] === 'Referente di distretto' && r[3] === 'D01'), JSON.stringify(users.rows));
    const audit = await xlsx(auditor, '/api/exports/audit?action=report.submit_late');
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]![3], 'report.submit_late', 'submitted after 31 March 2025');
    assert.match(String(audit.rows[0]![1]), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    const manager = await t.signIn('consortium_manager', [], undefined, { body: 'Consorzio X', centres: [] });
    for (const [s, url] of [[region, '/api/exports/users'], [d1, '/api/exports/audit'], [d1, '/api/exports/users'], [manager, '/api/exports/compliance/FNPS/2024'], [manager, '/api/exports/expense-lines/FNPS/2024']] as const) {
      assert.equal((await s.get(url)).statusCode, 403, url);
    }
  });
});
