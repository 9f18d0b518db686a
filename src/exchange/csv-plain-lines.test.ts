/**
 * The plain-line splitter of readCsv against csv-parse: whatever the bytes and however they are
 * cut into chunks, a file read with the splitter gives the very rows and messages it gives when
 * every line goes through csv-parse. The bytes mix plain lines with everything the splitter
 * leaves to csv-parse: quotes, blank lines, a BOM, bytes that are not UTF-8, every line ending.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCsv, type CsvColumn, type CsvRow } from './csv-reader.ts';
import { formatIssue, type ExchangeIssue } from './issues.ts';

const columns: CsvColumn[] = [
  { name: 'codice', required: true },
  { name: 'nome', required: true },
  { name: 'note', required: false },
];

const read = async (chunks: readonly Buffer[], plainLines: boolean) => {
  const issues: ExchangeIssue[] = [];
  const source = (async function* () {
    for (const c of chunks) yield c;
  })();
  const gen = readCsv(source, { fileName: 'prova.csv', columns, onIssue: (i) => issues.push(i), plainLines });
  const rows: CsvRow[] = [];
  let next = await gen.next();
  while (!next.done) {
    rows.push(next.value);
    next = await gen.next();
  }
  return { rows, errors: issues.map(formatIssue), digest: next.value };
};

/** Pieces of a field: mostly plain text, sometimes what csv-parse alone reads. */
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('D01', 'Uno', 'città', 'x', '12,50', '', ' ', 'Due tre', '€', '日本') },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a;b"', '\uFEFF', '\uFFFD', '\t', '\u0000') },
);
const field = fc.array(piece, { maxLength: 3 }).map((p) => p.join(''));
const ending = fc.constantFrom('\n', '\r\n', '\r', '\n', '\r\n');
const line = fc.tuple(fc.array(field, { minLength: 0, maxLength: 4 }), fc.constantFrom(';', ','), ending).map(([fields, sep, end]) => fields.join(sep) + end);
const header = fc.constantFrom('codice;nome;note', 'codice;nome', 'nome,codice,note', '\uFEFFcodice;nome;note', 'codice;nome;altro', 'CODICE ; Nome');
const file = fc
  .tuple(header, ending, fc.array(line, { maxLength: 12 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 2 }), fc.nat())
  .map(([h, end, lines, cutLast, junk, at]) => {
    let text = h + end + lines.join('');
    if (cutLast) text = text.replace(/(\r\n|\r|\n)$/, '');
    const bytes = Buffer.from(text, 'utf8');
    // a byte or two that may not be UTF-8, somewhere
    if (junk.length === 0 || bytes.length === 0) return bytes;
    const i = at % bytes.length;
    return Buffer.concat([bytes.subarray(0, i), Buffer.from(junk), bytes.subarray(i)]);
  });

const cut = (bytes: Buffer, sizes: readonly number[]): Buffer[] => {
  const chunks: Buffer[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= bytes.length) break;
    chunks.push(bytes.subarray(i, i + size));
    i += size;
  }
  if (i < bytes.length) chunks.push(bytes.subarray(i));
  return chunks;
};

test('the plain-line splitter gives the rows and messages csv-parse gives, whatever the bytes and chunks', async () => {
  await fc.assert(
    fc.asyncProperty(file, fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }), async (bytes, sizes) => {
      const chunks = cut(bytes, sizes);
      const parsed = await read(chunks, false);
      const split = await read(chunks, true);
      assert.deepEqual(split, parsed);
    }),
    { numRuns: 3000 },
  );
});

test('a plain file is read by the splitter alone, with physical line numbers and every ending', async () => {
  const text = 'codice;nome;note\r\nD01;Uno;\nD02;Due;x\rD03;Tre;città';
  const got = await read(cut(Buffer.from(text), [5, 1, 1, 3, 2, 7, 1]), true);
  assert.deepEqual(got.errors, []);
  assert.deepEqual(got.rows, [
    { line: 2, values: { codice: 'D01', nome: 'Uno', note: '' } },
    { line: 3, values: { codice: 'D02', nome: 'Due', note: 'x' } },
    { line: 4, values: { codice: 'D03', nome: 'Tre', note: 'città' } },
  ]);
});
