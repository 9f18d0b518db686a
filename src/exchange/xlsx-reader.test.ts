import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { readExchangeFile } from './read-file.ts';
import { expensesFile, municipalitiesFile, type ExchangeFileSpec } from './files.ts';
import { cellText } from './xlsx-reader.ts';
import { tempDir, zipBomb } from './fixtures.ts';

type Cell = string | number | Date | null;

/** An XLSX workbook built with exceljs: first sheet = the given rows, header first. */
const workbook = async (header: string[], data: Cell[][], extraSheet = false): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Dati');
  sheet.addRow(header);
  for (const row of data) sheet.addRow(row);
  if (extraSheet) wb.addWorksheet('Altro').addRow(['ignorato']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
};

const readAll = async <K extends string, R extends { line: number }>(spec: ExchangeFileSpec<K, R>, path: string) => {
  const reading = readExchangeFile(spec, path, { fileName: `${spec.key}.xlsx` });
  const records: R[] = [];
  const errors: string[] = [];
  for await (const batch of reading) {
    records.push(...batch.records);
    errors.push(...batch.errors);
  }
  return { records, errors, summary: reading.summary };
};

const header = ['Distretto', 'documento', 'FONDO', 'annualita', 'area', 'descrizione', 'importo', 'data_pagamento', 'importo_riconosciuto'];

test('reads number, date and text cells of the first sheet into the same records as CSV', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write(
      'spese.xlsx',
      await workbook(
        header,
        [
          ['D01', 'F-1', 'FNPS', 2022, 'AD', 'Pasti', 1234.56, new Date(Date.UTC(2023, 1, 15)), 1000],
          ['D01', 'F-2', 'FNPS', '2022', 'AD', 'Trasporto', '1.234,56', '15/02/2023', null],
          [null, null, null, null, null, null, null, null, null],
          ['D02', 'F-3', 'FNPS', 2022, 'AD', 'Centro', 0.1 + 0.2, '2023-02-15', null],
          ['D02', 'F-4', 'FNPS', 2022, 'AD', 'Centro', 1.234, '2023-02-15', null],
        ],
        true,
      ),
    );
    const { records, errors, summary } = await readAll(expensesFile, path);
    assert.deepEqual(
      records.map((r) => [r.line, r.amount, r.paymentDate, r.recognisedAmount, r.annuality]),
      [
        [2, 123456n, '2023-02-15', 100000n, 2022],
        [3, 123456n, '2023-02-15', null, 2022],
      ],
    );
    assert.deepEqual(errors, [
      'spese.xlsx:5: importo: importo con più di due decimali: "0,30000000000000004"',
      'spese.xlsx:6: importo: importo con più di due decimali: "1,234"',
    ]);
    assert.equal(summary?.lines, 4);
    assert.match(summary?.sha256 ?? '', /^[0-9a-f]{64}$/);
  } finally {
    await dir.remove();
  }
});

test('an ISTAT code typed as a number loses its zero and is refused; a missing column is reported', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write(
      'comuni.xlsx',
      await workbook(['istat', 'nome', 'distretto', 'popolazione'], [[58091, 'Roma', 'D01', -5], ['058092', 'Fiumicino', 'D01', 80000]]),
    );
    assert.deepEqual((await readAll(municipalitiesFile, path)).errors, [
      'comuni.xlsx:2: istat: codice ISTAT di 5 cifre: "58091" (servono 6 cifre: manca lo zero iniziale?)',
      'comuni.xlsx:2: popolazione: valore negativo non ammesso: "-5"',
    ]);
    const missing = await dir.write('comuni2.xlsx', await workbook(['istat', 'nome', 'distretto'], [['058091', 'Roma', 'D01']]));
    assert.deepEqual((await readAll(municipalitiesFile, missing)).errors, ['comuni.xlsx:1: popolazione: colonna obbligatoria mancante']);
  } finally {
    await dir.remove();
  }
});

test('a file that is not a workbook is one error, not a crash', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write('spese.xlsx', 'questo non è un file xlsx');
    const { errors } = await readAll(expensesFile, path);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^spese\.xlsx:1: file: /);
  } finally {
    await dir.remove();
  }
});

test('cell values become the text a CSV would hold', () => {
  assert.equal(cellText(1234.5, 'amount'), '1234.5');
  assert.equal(cellText(1.234, 'amount'), '1,234');
  assert.equal(cellText(1.234, 'text'), '1.234');
  assert.equal(cellText(true, 'text'), 'si');
  assert.equal(cellText({ richText: [{ text: 'D' }, { text: '01' }] }, 'text'), 'D01');
  assert.equal(cellText({ formula: 'A1*2', result: 10 }, 'amount'), '10');
  assert.equal(cellText(new Date(Date.UTC(2024, 1, 29)), 'date'), '2024-02-29');
});

test('a cell over 10,000 characters is an error at its row and column; an unknown long header is cut', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write(
      'spese.xlsx',
      await workbook(
        [...header, 'q'.repeat(20_000)],
        [
          ['D01', 'A-1', 'FNPS', 2022, 'anziani', 'd'.repeat(10_001), 10, new Date(Date.UTC(2023, 0, 31)), null],
          ['D01', 'A-2', 'FNPS', 2022, 'anziani', 'ok', 10, new Date(Date.UTC(2023, 0, 31)), null],
        ],
      ),
    );
    const { records, errors } = await readAll(expensesFile, path);
    assert.deepEqual(errors, [
      `spese.xlsx:1: ${'q'.repeat(100)}…: colonna sconosciuta (colonne ammesse: ${expensesFile.columns.map((c) => c.name).join(', ')})`,
      'spese.xlsx:2: descrizione: valore troppo lungo: 10.001 caratteri (massimo 10.000)',
    ]);
    assert.deepEqual(records.map((r) => r.document), ['A-2']);
  } finally {
    await dir.remove();
  }
});

test('an XLSX bomb (a workbook is a zip) is refused before exceljs inflates it', async () => {
  const dir = await tempDir();
  try {
    const bomb = zipBomb([
      { name: '[Content_Types].xml', head: '<?xml version="1.0"?>', bytes: 1 },
      { name: 'xl/sharedStrings.xml', head: '<?xml version="1.0"?><sst><si><t>', bytes: 300 * 1024 * 1024, fill: 0x61 },
    ]);
    const path = await dir.write('spese.xlsx', bomb);
    const before = process.memoryUsage();
    const started = Date.now();
    const { errors, summary } = await readAll(expensesFile, path);
    const after = process.memoryUsage();
    assert.deepEqual(errors, [`spese.xlsx:1: file: la voce "xl/sharedStrings.xml" decompressa è più di 100 volte l'originale compresso (archivio costruito per esaurire la memoria?): archivio rifiutato`]);
    assert.equal(summary?.bytes, bomb.length, 'the whole file is read for its digest');
    assert.ok(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers < 150 * 1024 * 1024);
    assert.ok(Date.now() - started < 5_000);
  } finally {
    await dir.remove();
  }
});
