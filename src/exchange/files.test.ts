import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExchangeFile } from './read-file.ts';
import {
  annualitiesFile,
  assignmentsFile,
  disbursementsFile,
  districtsFile,
  exchangeFiles,
  expensesFile,
  fundsFile,
  interventionLinesFile,
  municipalitiesFile,
  type ExchangeFileSpec,
} from './files.ts';
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
  type CsvStyle,
  type Row,
} from './fixtures.ts';

const readAll = async <K extends string, R extends { line: number }>(spec: ExchangeFileSpec<K, R>, data: Row[], style?: CsvStyle) => {
  const reading = readExchangeFile(spec, chunked(csvText(data, style), 11));
  const records: R[] = [];
  const errors: string[] = [];
  for await (const batch of reading) {
    records.push(...batch.records);
    errors.push(...batch.errors);
  }
  return { records, errors, summary: reading.summary };
};

test('the eight files in the order of the EXCHANGE.md table', () => {
  assert.deepEqual(
    exchangeFiles.map((s) => s.name),
    ['distretti.csv', 'comuni.csv', 'fondi.csv', 'annualita.csv', 'linee.csv', 'assegnazioni.csv', 'liquidazioni.csv', 'spese.csv'],
  );
  assert.deepEqual(assignmentsFile.keyColumns, ['fondo', 'annualita', 'linea', 'distretto', 'atto_numero']);
});

test('reads every amount and date form of the dialect into cents and calendar dates', async () => {
  const amounts = ['1234.56', '1234,56', '1.234,56', '€ 1.234,56'];
  const dates = ['2023-02-15', '15/02/2023'];
  for (const separator of [';', ','] as const) {
    const { records, errors } = await readAll(
      expensesFile,
      rows(8, (i) => expense({ documento: `F-${i}`, importo: amounts[(i - 1) % 4]!, data_pagamento: dates[(i - 1) % 2]! })),
      { separator, bom: true },
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(new Set(records.map((r) => r.amount)), new Set([123456n]));
    assert.deepEqual(new Set(records.map((r) => r.paymentDate)), new Set(['2023-02-15']));
    assert.deepEqual(records.map((r) => r.line), [2, 3, 4, 5, 6, 7, 8, 9]);
  }
});

test('an expense becomes a typed record', async () => {
  const { records } = await readAll(expensesFile, [expense({ importo_riconosciuto: '1.000,00' })]);
  assert.deepEqual(records, [
    {
      line: 2,
      districtCode: 'D01',
      document: 'F-1',
      fundCode: 'FNPS',
      annuality: 2022,
      area: 'AD',
      description: 'Assistenza domiciliare',
      amount: 123456n,
      paymentDate: '2023-02-15',
      recognisedAmount: 100000n,
    },
  ]);
});

test('each file reads its typed record, acts included', async () => {
  assert.deepEqual((await readAll(districtsFile, [district()])).records, [
    { line: 2, code: 'D01', name: 'Distretto Roma 1', leadBody: 'Roma Capitale', managementForm: 'comune' },
  ]);
  assert.deepEqual((await readAll(municipalitiesFile, [municipality()])).records, [
    { line: 2, istatCode: '058091', name: 'Roma', districtCode: 'D01', population: 2750000 },
  ]);
  assert.deepEqual((await readAll(fundsFile, [fund({ regola_75: 'no' })])).records, [
    { line: 2, code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'nazionale', rule75: false },
  ]);
  const act = { type: 'DGR', number: '123', date: '2022-03-01' };
  assert.deepEqual((await readAll(annualitiesFile, [annualityRow()])).records, [
    { line: 2, fundCode: 'FNPS', annuality: 2022, amount: 100000000n, act },
  ]);
  assert.deepEqual((await readAll(interventionLinesFile, [interventionLine()])).records, [
    { line: 2, fundCode: 'FNPS', annuality: 2022, lineCode: 'L1', description: 'Servizi domiciliari', amount: 50000000n, act },
  ]);
  assert.deepEqual((await readAll(assignmentsFile, [assignment()])).records, [
    {
      line: 2,
      fundCode: 'FNPS',
      annuality: 2022,
      lineCode: 'L1',
      districtCode: 'D01',
      amount: 10000000n,
      act: { type: 'DD', number: 'G04014', date: '2022-04-01' },
    },
  ]);
  assert.deepEqual((await readAll(disbursementsFile, [disbursement({ atto_data: '02/05/2022' })])).records, [
    {
      line: 2,
      fundCode: 'FNPS',
      annuality: 2022,
      districtCode: 'D01',
      amount: 5000000n,
      date: '2022-05-10',
      act: { type: 'DD', number: 'G05000', date: '2022-05-02' },
    },
  ]);
  // forma_gestione and importo_riconosciuto may be left out of the header
  const { records, errors } = await readAll(districtsFile, [district()], { columns: ['codice', 'nome', 'ente_capofila'] });
  assert.deepEqual(errors, []);
  assert.equal(records[0]?.managementForm, null);
});

test('lists every error as file:line: column: message', async () => {
  const expenses = await readAll(expensesFile, [
    expense({ documento: 'F-1', importo: '12,345' }),
    expense({ documento: 'F-2', importo: '12 euro' }),
    expense({ documento: 'F-3', importo: '' }),
    expense({ documento: 'F-4', data_pagamento: '31/02/2024' }),
    expense({ documento: 'F-5', importo: '100', importo_riconosciuto: '100,01' }),
    expense({ documento: 'F-6', importo: '0' }),
    expense({ documento: 'F-1', descrizione: 'di nuovo' }),
    expense({ documento: 'F-7', importo: '100', importo_riconosciuto: '100' }),
  ]);
  assert.deepEqual(expenses.errors, [
    'spese.csv:2: importo: importo con più di due decimali: "12,345"',
    'spese.csv:3: importo: importo non valido: "12 euro"',
    'spese.csv:4: importo: importo mancante',
    'spese.csv:5: data_pagamento: data non valida: "31/02/2024" (usare AAAA-MM-GG o GG/MM/AAAA)',
    "spese.csv:6: importo_riconosciuto: l'importo riconosciuto supera l'importo della spesa",
    'spese.csv:7: importo: l\'importo deve essere maggiore di zero: "0"',
    'spese.csv:8: distretto,documento: chiave duplicata (D01, F-1): già presente alla riga 2',
  ]);
  assert.deepEqual(expenses.records.map((r) => r.line), [9]);

  const municipalities = await readAll(municipalitiesFile, [
    municipality({ istat: '58091' }),
    municipality({ istat: '058092', popolazione: '-12' }),
  ]);
  assert.deepEqual(municipalities.errors, [
    'comuni.csv:2: istat: codice ISTAT di 5 cifre: "58091" (servono 6 cifre: manca lo zero iniziale?)',
    'comuni.csv:3: popolazione: valore negativo non ammesso: "-12"',
  ]);
});

test('a row with several problems lists each of them', async () => {
  const { errors } = await readAll(assignmentsFile, [assignment({ annualita: '22', importo: '-1', atto_tipo: '' })]);
  assert.deepEqual(errors, [
    'assegnazioni.csv:2: annualita: annualità non valida: "22" (anno di quattro cifre tra 2000 e 2100)',
    'assegnazioni.csv:2: importo: importo negativo non ammesso: "-1"',
    'assegnazioni.csv:2: atto_tipo: tipo di atto mancante (ammessi: DM, DGR, DD, CDA, DECRETO, LEGGE, ALTRO)',
  ]);
});

test('duplicate keys compare parsed values across batches', async () => {
  const data = [...rows(5, (i) => annualityRow({ annualita: String(2015 + i) })), annualityRow({ annualita: ' 2016 ' })];
  const reading = readExchangeFile(annualitiesFile, chunked(csvText(data), 100), { batchSize: 2 });
  const batches = [];
  for await (const b of reading) batches.push(b);
  assert.deepEqual(batches.map((b) => b.records.length), [2, 2, 1]);
  assert.deepEqual(batches.flatMap((b) => b.errors), [
    'annualita.csv:7: fondo,annualita: chiave duplicata (FNPS, 2016): già presente alla riga 2',
  ]);
  assert.equal(reading.summary?.lines, 6);
});

test('a missing required column is one error at line 1', async () => {
  const { errors, records } = await readAll(municipalitiesFile, [municipality()], { columns: ['istat', 'nome', 'distretto'] });
  assert.deepEqual(errors, ['comuni.csv:1: popolazione: colonna obbligatoria mancante']);
  assert.deepEqual(records, []);
});
