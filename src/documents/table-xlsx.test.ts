import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { cents, type Cents } from '../domain/money.ts';
import { exportFileName, tableXlsx } from './table-xlsx.ts';

interface Row {
  code: string;
  name: string;
  population: number;
  assigned: Cents;
  paidOn: string | null;
  progress: number;
}

const rows: Row[] = [
  { code: 'RM1', name: 'Roma Capitale', population: 2_750_000, assigned: cents(1_234_567_89n), paidOn: '2024-03-31', progress: 0.7512 },
  { code: 'LT2', name: '=HYPERLINK("http://x")', population: 120_000, assigned: cents(5n), paidOn: null, progress: 0 },
];

const read = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  // exceljs's typings want an ArrayBuffer; it reads a Node Buffer as it is
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
};

test('an export has the title, the filters applied, a frozen header, and each value typed for sums', async () => {
  const bytes = await tableXlsx({
    sheet: 'Distretti',
    title: 'Conformità FNPS 2023 – Regione Lazio',
    filters: ['Fondo: FNPS', 'Annualità: 2023'],
    columns: [
      { header: 'Codice', kind: 'text', value: (r: Row) => r.code },
      { header: 'Nome', kind: 'text', value: (r: Row) => r.name },
      { header: 'Popolazione', kind: 'integer', value: (r: Row) => r.population },
      { header: 'Assegnato', kind: 'money', value: (r: Row) => r.assigned },
      { header: 'Pagato il', kind: 'date', value: (r: Row) => r.paidOn },
      { header: 'Avanzamento', kind: 'percent', value: (r: Row) => r.progress },
    ],
    rows,
  });
  const ws = await read(bytes);
  assert.equal(ws.name, 'Distretti');
  assert.equal(ws.getCell('A1').value, 'Conformità FNPS 2023 – Regione Lazio');
  assert.equal(ws.getCell('A2').value, 'Filtri: Fondo: FNPS; Annualità: 2023');
  assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), ['Codice', 'Nome', 'Popolazione', 'Assegnato', 'Pagato il', 'Avanzamento']);
  assert.equal(ws.getCell('D4').value, 1_234_567.89, 'money in euros, exact');
  assert.equal(ws.getCell('D5').value, 0.05);
  assert.equal(ws.getColumn(4).numFmt, '#,##0.00 [$€-410]');
  assert.equal((ws.getCell('E4').value as Date).toISOString().slice(0, 10), '2024-03-31');
  assert.equal(ws.getCell('E5').value, null);
  assert.equal(ws.getCell('F4').value, 0.7512);
  assert.equal(ws.getCell('B5').value, '=HYPERLINK("http://x")', 'a text that looks like a formula stays text');
  assert.equal(ws.getCell('B5').formula, undefined);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.ok(ws.autoFilter, 'autofilter on the header');
});

test('no filter is said plainly; an empty table is still a valid sheet', async () => {
  const ws = await read(await tableXlsx({ sheet: 'Utenti: [tutti]', title: 'Utenti', filters: [], columns: [{ header: 'Utente', kind: 'text', value: (r: { u: string }) => r.u }], rows: [] }));
  assert.equal(ws.name, 'Utenti   tutti ');
  assert.equal(ws.getCell('A2').value, 'Nessun filtro');
  assert.equal(ws.getCell('A3').value, 'Utente');
});

test('the file name is the table and the day, without accents or spaces', () => {
  assert.equal(exportFileName('Registro attività', '2026-12-04'), 'registro-attivita-2026-12-04.xlsx');
});
