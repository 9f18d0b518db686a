import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { readFolder } from './read-folder.ts';
import { zipRefusal } from './zip-guard.ts';
import { ZIP_MAX_ENTRY_BYTES, ZIP_MAX_TOTAL_BYTES } from './limits.ts';
import type { ExpenseRecord } from './files.ts';
import {
  annualityRow,
  assignment,
  chunked,
  csvText,
  disbursement,
  district,
  expense,
  fund,
  interventionLine,
  municipality,
  rows,
  tempDir,
  zipBomb,
} from './fixtures.ts';

/** A complete, valid set of the eight files, each in another dialect variant. */
const validSet = (): Record<string, string> => ({
  'distretti.csv': csvText([district(), district({ codice: 'D02', nome: 'Distretto "Litorale"; nord', forma_gestione: '' })], { bom: true }),
  'Comuni.CSV': csvText([municipality(), municipality({ istat: '058120', nome: 'Fiumicino', distretto: 'D02', popolazione: '80.000' })], {
    separator: ',',
  }),
  'fondi.csv': csvText([fund()], { eol: '\r\n', header: (h) => h.toUpperCase() }),
  'annualita.csv': csvText([annualityRow({ importo: '€ 1.000.000,00', atto_data: '01/03/2022' })]),
  'linee.csv': csvText([interventionLine({ descrizione: 'Servizi\ndomiciliari, diurni' })], { separator: ',' }),
  'assegnazioni.csv': csvText([assignment(), assignment({ distretto: 'D02', importo: '100000.50' })], {
    columns: ['importo', 'atto_data', 'atto_tipo', 'atto_numero', 'distretto', 'linea', 'annualita', 'fondo'],
  }),
  'liquidazioni.csv': csvText([disbursement()]),
  'spese.csv': csvText(rows(25, (i) => expense({ documento: `F-${i}`, importo: i % 2 ? '10,50' : '10.50' }))),
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

test('reads a folder: every file, in the table order, with receipts', async () => {
  const dir = await tempDir();
  try {
    const set = validSet();
    for (const [name, content] of Object.entries(set)) await dir.write(name, content);
    await dir.write('.DS_Store', 'x');
    const result = await readFolder(dir.path);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.files.map((f) => f.name),
      ['distretti.csv', 'Comuni.CSV', 'fondi.csv', 'annualita.csv', 'linee.csv', 'assegnazioni.csv', 'liquidazioni.csv', 'spese.csv'],
    );
    assert.deepEqual(result.files[0], { name: 'distretti.csv', sha256: sha(set['distretti.csv']!), bytes: Buffer.byteLength(set['distretti.csv']!), lines: 2 });
    assert.equal(result.records.distretti[1]?.name, 'Distretto "Litorale"; nord');
    assert.equal(result.records.comuni[1]?.population, 80000);
    assert.equal(result.records.fondi[0]?.rule75, true);
    assert.equal(result.records.annualita[0]?.amount, 100000000n);
    assert.equal(result.records.linee[0]?.description, 'Servizi\ndomiciliari, diurni');
    assert.equal(result.records.assegnazioni[1]?.amount, 10000050n);
    assert.equal(result.records.liquidazioni.length, 1);
    assert.equal(result.records.spese.length, 25);
    assert.equal(result.archive, null);
  } finally {
    await dir.remove();
  }
});

test('streams spese.csv in batches through the callback instead of holding it', async () => {
  const dir = await tempDir();
  try {
    await dir.write('spese.csv', csvText(rows(25, (i) => expense({ documento: `F-${i}` }))));
    const batches: ExpenseRecord[][] = [];
    const result = await readFolder(dir.path, {
      batchSize: 10,
      onExpenseBatch: async (records) => {
        batches.push(records);
      },
    });
    assert.deepEqual(batches.map((b) => b.length), [10, 10, 5]);
    assert.equal(batches[2]?.[4]?.line, 26);
    assert.deepEqual(result.records.spese, []);
    assert.equal(result.files[0]?.lines, 25);
  } finally {
    await dir.remove();
  }
});

test('reports unknown files and lists errors file by file in the table order', async () => {
  const dir = await tempDir();
  try {
    await dir.write('spesa.csv', csvText([expense()]));
    await dir.write('spese.csv', csvText([expense({ importo: '1,234' })]));
    await dir.write('comuni.csv', csvText([municipality({ istat: '58091' })]));
    const result = await readFolder(dir.path);
    assert.deepEqual(result.errors, [
      'spesa.csv:1: file: file sconosciuto (file ammessi: distretti.csv, comuni.csv, fondi.csv, annualita.csv, linee.csv, assegnazioni.csv, liquidazioni.csv, spese.csv, anche in formato .xlsx)',
      'comuni.csv:2: istat: codice ISTAT di 5 cifre: "58091" (servono 6 cifre: manca lo zero iniziale?)',
      'spese.csv:2: importo: importo con più di due decimali: "1,234"',
    ]);
  } finally {
    await dir.remove();
  }
});

test('reads a zip by base names, ignoring folders and __MACOSX, whatever the entry order', async () => {
  const dir = await tempDir();
  try {
    const set = validSet();
    const entries: Record<string, Uint8Array> = {};
    for (const name of Object.keys(set).reverse()) entries[`export/${name}`] = strToU8(set[name]!);
    entries['__MACOSX/export/._spese.csv'] = strToU8('junk');
    const zip = zipSync(entries, { level: 6 });
    const path = await dir.write('storico.zip', zip);
    const result = await readFolder(path);
    assert.deepEqual(result.errors, []);
    assert.equal(result.files.length, 8);
    assert.equal(result.files[7]?.sha256, sha(set['spese.csv']!));
    assert.equal(result.records.spese.length, 25);
    assert.equal(result.records.linee[0]?.description, 'Servizi\ndomiciliari, diurni');
    assert.deepEqual(result.archive, { name: 'storico.zip', sha256: createHash('sha256').update(zip).digest('hex'), bytes: zip.length });
  } finally {
    await dir.remove();
  }
});

test('a file that is not a zip is an error', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write('storico.zip', 'non è uno zip');
    const result = await readFolder(path);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!, /^storico\.zip:1: file: /);
  } finally {
    await dir.remove();
  }
});

test('reads uploads, plain files or a zip, and an XLSX in place of a CSV', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Fondi');
  sheet.addRow(['codice', 'nome', 'fonte', 'regola_75']);
  sheet.addRow(['FNA', 'Fondo non autosufficienza', 'nazionale', 'no']);
  const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
  const zip = zipSync({ 'distretti.csv': strToU8(csvText([district()])) });
  const result = await readFolder([
    { name: 'spese.csv', stream: chunked(csvText([expense()]), 3) },
    { name: 'fondi.xlsx', stream: chunked(xlsx, 1000) },
    { name: 'registro.zip', stream: chunked(zip, 50) },
  ]);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.files.map((f) => f.name), ['distretti.csv', 'fondi.xlsx', 'spese.csv']);
  assert.equal(result.records.fondi[0]?.code, 'FNA');
  assert.equal(result.records.distretti[0]?.code, 'D01');
  assert.equal(result.records.spese[0]?.amount, 123456n);
});

test('the same file given twice is an error', async () => {
  const result = await readFolder([
    { name: 'fondi.csv', stream: chunked(csvText([fund()]), 100) },
    { name: 'FONDI.csv', stream: chunked(csvText([fund()]), 100) },
  ]);
  assert.deepEqual(result.errors, ['FONDI.csv:1: file: file presente più volte (già letto: fondi.csv)']);
});

/** Runs `work` while sampling the process's memory every few milliseconds; answers the peak growth in bytes. */
const peakGrowth = async (work: () => Promise<void>): Promise<number> => {
  const base = () => process.memoryUsage().rss;
  const start = base();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, base())), 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, base()) - start;
};

test('a zip bomb is refused as file: message, without expanding it in memory', async () => {
  const dir = await tempDir();
  try {
    // 600 MB of one byte after a valid header: about 600 KB of zip, a ratio near 1,000:1
    const bomb = zipBomb([{ name: 'spese.csv', head: 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento\n', bytes: 600 * 1024 * 1024 }]);
    assert.ok(bomb.length < 2 * 1024 * 1024, `bomb of ${bomb.length} bytes`);
    const path = await dir.write('bomba.zip', bomb);
    let reading: Awaited<ReturnType<typeof readFolder>> | undefined;
    const started = Date.now();
    const growth = await peakGrowth(async () => {
      reading = await readFolder(path);
    });
    assert.deepEqual(reading!.errors, [
      `bomba.zip:1: file: la voce "spese.csv" decompressa è più di 100 volte l'originale compresso (archivio costruito per esaurire la memoria?): archivio rifiutato`,
    ]);
    assert.ok(growth < 150 * 1024 * 1024, `memory grew by ${Math.round(growth / 1024 / 1024)} MB`);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  } finally {
    await dir.remove();
  }
});

test('a zip of more than 1,000 entries is refused', async () => {
  const dir = await tempDir();
  try {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1001; i++) files[`note-${i}.txt`] = strToU8('x');
    const path = await dir.write('molte.zip', zipSync(files));
    const reading = await readFolder(path);
    assert.deepEqual(reading.errors, ["molte.zip:1: file: l'archivio contiene più di 1.000 voci: archivio rifiutato"]);
  } finally {
    await dir.remove();
  }
});

test('an entry or an archive over its decompressed size is refused', () => {
  assert.equal(zipRefusal('spese.csv', ZIP_MAX_ENTRY_BYTES, ZIP_MAX_ENTRY_BYTES, ZIP_MAX_ENTRY_BYTES), null);
  assert.equal(zipRefusal('spese.csv', ZIP_MAX_ENTRY_BYTES + 1, ZIP_MAX_ENTRY_BYTES, 0), 'la voce "spese.csv" supera 1.024 MB una volta decompressa: archivio rifiutato');
  assert.equal(zipRefusal('spese.csv', 10, 10, ZIP_MAX_TOTAL_BYTES + 1), "l'archivio supera 2.048 MB una volta decompresso: archivio rifiutato");
  // the ratio is checked only past the first MB
  assert.equal(zipRefusal('a.csv', 1024 * 1024, 1, 0), null);
  assert.match(zipRefusal('a.csv', 1024 * 1024 + 1, 10_000, 0) ?? '', /più di 100 volte/);
  assert.equal(zipRefusal('a.csv', 100 * 1024 * 1024, 1024 * 1024, 0), null);
});

test('every error of a file with 3,000 bad lines: the first 1,000 in full, then their count', async () => {
  const dir = await tempDir();
  try {
    const path = await dir.write('distretti.csv', csvText(rows(3000, (i) => district({ codice: `D${i}`, forma_gestione: 'spa' }))));
    const reading = await readFolder(path);
    assert.equal(reading.errors.length, 1000);
    assert.equal(reading.omittedErrors, 2000);
    assert.match(reading.errors[999]!, /^distretti\.csv:1001: forma_gestione: valore non valido/);
  } finally {
    await dir.remove();
  }
});

test('a failure of the receiver (the database) is not reported as a line of the file: it reaches the caller', async () => {
  const dir = await tempDir();
  try {
    await dir.write('spese.csv', csvText(rows(3, (i) => expense({ documento: `F-${i}` }))));
    const failure = new Error('connection terminated unexpectedly');
    await assert.rejects(
      readFolder(dir.path, {
        onExpenseBatch: () => {
          throw failure;
        },
      }),
      (e) => e === failure,
    );
  } finally {
    await dir.remove();
  }
});
