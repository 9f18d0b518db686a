import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { detectSeparator, readCsv, type CsvColumn, type CsvRow } from './csv-reader.ts';
import { formatIssue, type ExchangeIssue } from './issues.ts';
import { chunked, csvText, tempDir, type Row } from './fixtures.ts';
import type { ByteSource } from './source.ts';

const columns: CsvColumn[] = [
  { name: 'codice', required: true },
  { name: 'nome', required: true },
  { name: 'note', required: false },
];

/** Text is delivered in 7-byte chunks; a `{ path }` is read from disk. */
const read = async (input: string | { path: string } | ByteSource, cols: CsvColumn[] = columns) => {
  const issues: ExchangeIssue[] = [];
  const source = typeof input === 'string' ? chunked(input, 7) : 'path' in input ? input.path : input;
  const gen = readCsv(source, { fileName: 'prova.csv', columns: cols, onIssue: (i) => issues.push(i) });
  const rows: CsvRow[] = [];
  let next = await gen.next();
  while (!next.done) {
    rows.push(next.value);
    next = await gen.next();
  }
  return { rows, errors: issues.map(formatIssue), digest: next.value };
};

const row = (codice: string, nome: string, note = ''): Row => ({ codice, nome, note });

test('reads a BOM, `;` and CRLF, with physical line numbers', async () => {
  const text = csvText([row('D01', 'Uno'), row('D02', 'Due')], { bom: true, eol: '\r\n' });
  const { rows, errors } = await read(chunked(text, 5));
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [
    { line: 2, values: { codice: 'D01', nome: 'Uno', note: '' } },
    { line: 3, values: { codice: 'D02', nome: 'Due', note: '' } },
  ]);
});

test('reads `,` as separator, headers in another order and case, padded', async () => {
  const text = csvText([row('D01', 'Uno', 'x')], { separator: ',', columns: ['note', 'nome', 'codice'], header: (n) => ` ${n.toUpperCase()} ` });
  const { rows, errors } = await read(text);
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [{ line: 2, values: { note: 'x', nome: 'Uno', codice: 'D01' } }]);
});

test('quoted fields keep separators, quotes and line breaks; later lines keep their physical number', async () => {
  for (const eol of ['\n', '\r\n'] as const) {
    const text = csvText(
      [row('D01', 'Uno; e due, "tre"', `riga a${eol}riga b${eol}riga c`), row('D02', 'Due')],
      { eol },
    );
    for (const size of [1, 3, 64 * 1024]) {
      const { rows, errors } = await read(chunked(text, size));
      assert.deepEqual(errors, [], `eol ${JSON.stringify(eol)} chunk ${size}`);
      assert.deepEqual(
        rows.map((r) => [r.line, r.values.nome, r.values.note]),
        [
          [2, 'Uno; e due, "tre"', `riga a${eol}riga b${eol}riga c`],
          [5, 'Due', ''],
        ],
      );
    }
  }
});

test('every line may end in CR LF, LF or CR whatever the header ends in; the last may have no end', async () => {
  // rows appended in another editor to a file saved on Windows, and the other way round
  for (const text of [
    'codice;nome\r\nD01;Uno\nD02;"Due\r\ne mezzo"\nD03;Tre\r\nD04;Quattro',
    'codice;nome\nD01;Uno\r\nD02;"Due\r\ne mezzo"\r\nD03;Tre\nD04;Quattro\n',
    'codice;nome\rD01;Uno\r\nD02;"Due\r\ne mezzo"\rD03;Tre\nD04;Quattro\r\n',
  ]) {
    // 1-byte chunks split every CR LF between two chunks
    for (const size of [1, 2, 3, 64 * 1024]) {
      const { rows, errors } = await read(chunked(text, size));
      assert.deepEqual(errors, [], `${JSON.stringify(text)} chunk ${size}`);
      assert.deepEqual(
        rows.map((r) => [r.line, r.values.codice, r.values.nome]),
        [
          [2, 'D01', 'Uno'],
          [3, 'D02', 'Due\r\ne mezzo'],
          [5, 'D03', 'Tre'],
          [6, 'D04', 'Quattro'],
        ],
        `${JSON.stringify(text)} chunk ${size}`,
      );
    }
  }
});

test('in a file of mixed line ends a bad line is reported under its own number', async () => {
  const text = 'codice;nome\r\nD01;Uno\nD02\r\nD03;"Tre\ne mezzo";x\nD04;Quattro\r\n\nD05;Cinque;sei\nD06;Sei';
  for (const size of [1, 5, 64 * 1024]) {
    const { rows, errors } = await read(chunked(text, size));
    assert.deepEqual(errors, [
      "prova.csv:3: riga: la riga ha 1 campi, l'intestazione ne ha 2",
      "prova.csv:4: riga: la riga ha 3 campi, l'intestazione ne ha 2",
      "prova.csv:8: riga: la riga ha 3 campi, l'intestazione ne ha 2",
    ], `chunk ${size}`);
    assert.deepEqual(rows.map((r) => r.line), [2, 6, 9], `chunk ${size}`);
  }
});

test('the separator is the one that appears in the header; with both, the one naming more known columns', () => {
  assert.equal(detectSeparator('codice;nome', ['codice', 'nome']), ';');
  assert.equal(detectSeparator('codice,nome', ['codice', 'nome']), ',');
  assert.equal(detectSeparator('codice;nome,cognome', ['codice', 'nome']), ';');
  assert.equal(detectSeparator('codice,nome;x,note', ['codice', 'nome', 'note']), ',');
});

test('skips blank rows and counts them as lines', async () => {
  const { rows } = await read('codice;nome\n\nD01;Uno\n;;\nD02;Due');
  assert.deepEqual(rows.map((r) => r.line), [3, 5]);
});

test('an unknown column is an error naming it; the rows are still read', async () => {
  const { rows, errors } = await read('codice;nome;importo_riconoscuto\nD01;Uno;5\n');
  assert.deepEqual(errors, ['prova.csv:1: importo_riconoscuto: colonna sconosciuta (colonne ammesse: codice, nome, note)']);
  assert.deepEqual(rows, [{ line: 2, values: { codice: 'D01', nome: 'Uno' } }]);
});

test('an unknown column whose quoted name holds a line break is named on one line', async () => {
  const { errors } = await read('codice;nome;"bad\nname"\nD01;Uno;5\n');
  assert.deepEqual(errors, ['prova.csv:1: bad name: colonna sconosciuta (colonne ammesse: codice, nome, note)']);
});

test('a missing required column is one error at line 1 and no row is read', async () => {
  const { rows, errors } = await read('codice;note\nD01;x\n');
  assert.deepEqual(errors, ['prova.csv:1: nome: colonna obbligatoria mancante']);
  assert.deepEqual(rows, []);
});

test('a row with another number of fields is an error at its line', async () => {
  const { rows, errors } = await read('codice;nome\nD01\nD02;Due;extra\nD03;Tre;\n');
  assert.deepEqual(errors, [
    "prova.csv:2: riga: la riga ha 1 campi, l'intestazione ne ha 2",
    "prova.csv:3: riga: la riga ha 3 campi, l'intestazione ne ha 2",
  ]);
  assert.deepEqual(rows.map((r) => r.line), [4]);
});

test('an unclosed quote stops the file with one error where the record starts', async () => {
  const { rows, errors, digest } = await read('codice;nome\nD01;Uno\nD02;"Due\nD03;Tre\n');
  assert.deepEqual(errors, ['prova.csv:3: riga: formato CSV non valido: virgolette aperte e mai chiuse']);
  assert.deepEqual(rows.map((r) => r.line), [2]);
  assert.equal(digest.bytes, 37);
});

test('text that is not UTF-8 is refused', async () => {
  const latin1 = Buffer.concat([Buffer.from('codice;nome\nD01;Citt'), Buffer.from([0xe0]), Buffer.from('\n')]);
  const { errors } = await read(chunked(latin1, 1000));
  assert.deepEqual(errors, ['prova.csv:2: riga: testo non codificato in UTF-8 (salvare il file come "CSV UTF-8")']);
});

test('an empty file is an error at line 1', async () => {
  const { errors } = await read('');
  assert.deepEqual(errors, ['prova.csv:1: file: file vuoto: manca la riga di intestazione']);
});

test('reads a file path and returns the sha256 and size of its bytes', async () => {
  const dir = await tempDir();
  try {
    const text = csvText([row('D01', 'Città')]);
    const path = await dir.write('prova.csv', text);
    const { rows, digest } = await read({ path });
    assert.equal(rows[0]?.values.nome, 'Città');
    assert.deepEqual(digest, { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) });
  } finally {
    await dir.remove();
  }
});

test('an over-long field is named by line and column, an over-long line stops the file; nothing long is echoed', async () => {
  const long = 'x'.repeat(10_001);
  const fields = await read(`codice;nome;note\nD01;Uno;\nD02;${long};\nD03;Tre;\n`);
  assert.deepEqual(fields.errors, ['prova.csv:3: nome: valore troppo lungo: 10.001 caratteri (massimo 10.000)']);
  assert.deepEqual(fields.rows.map((r) => r.values.codice), ['D01', 'D03']);

  const line = await read(`codice;nome;note\nD01;Uno;\nD02;${'yy;'.repeat(60_000)}\nD03;Tre;\n`);
  assert.deepEqual(line.errors, ['prova.csv:3: riga: riga troppo lunga: oltre 100.000 caratteri (virgolette non chiuse?)']);

  // a 10 MB header with no line end: one short error, the header is not echoed
  const header = await read(chunked(`codice;nome;${'z'.repeat(10 * 1024 * 1024)}`, 64 * 1024));
  assert.equal(header.errors.length, 1);
  assert.ok(header.errors[0]!.length < 300, header.errors[0]!.slice(0, 300));
  assert.match(header.errors[0]!, /^prova\.csv:1: riga: riga troppo lunga/);

  // an unknown column of 50,000 characters: its name cut at 100 characters
  const unknown = await read(`codice;nome;${'w'.repeat(50_000)}\nD01;Uno;x\n`);
  assert.equal(unknown.errors[0], `prova.csv:1: ${'w'.repeat(100)}…: colonna sconosciuta (colonne ammesse: codice, nome, note)`);
});
