/**
 * Fuzz test of the exchange readers (issue #10: hostile files; ASVS V5, V12): random and mutated
 * CSV files and zips — bombs, long fields, mixed line ends, bad bytes, cut archives — go through
 * the CSV reader, the byte scanner and the folder reader. Whatever the bytes:
 * - nothing throws: every problem is an issue `file:line: column: message` of bounded length;
 * - at most ERROR_LIMIT errors are listed per answer, the rest counted;
 * - each file is read within a time bound, and memory does not grow with what the file claims.
 * The bounds are generous (several times what is measured here) so that the test is never flaky;
 * the database side (a refused import stores nothing) is in test/integration/hostile-files.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { readExchangeFile } from './read-file.ts';
import { readFolder } from './read-folder.ts';
import { ExpenseCsvScan } from './expense-scan.ts';
import { districtsFile, expensesFile } from './files.ts';
import { ERROR_LIMIT } from './limits.ts';
import { tempDir, zipBomb } from './fixtures.ts';

const ISSUE = /^[^\n]{1,110}:\d+: [^\n]{1,110}?: /;
const MAX_ISSUE_CHARS = 1_200;

const EXPENSE_HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
const goodLine = (i: number) => `D01;S-${i};FNPS;2022;A1;Assistenza;${(i % 7) + 1},50;2022-03-0${(i % 9) + 1};`;

/** One piece of a hostile file: good lines, odd values, bad bytes, long fields, any line end. */
const piece = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((i) => goodLine(i)),
  fc.constantFrom('\r\n', '\n', '\r', ';', ',', '"', '""', '\uFEFF', '10.005', '1.234.567,89', '99999999999999999', '0202-01-01', '31/02/2024', '=HYPERLINK("x")', '\u0000', ' '),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.tuple(fc.constantFrom('x', '"', ';', '9', 'è'), fc.integer({ min: 1_000, max: 150_000 })).map(([c, n]) => c.repeat(n)),
);

const hostileCsv = fc
  .record({
    header: fc.oneof(fc.constant(EXPENSE_HEADER), fc.constant(EXPENSE_HEADER.replace(/;/g, ',')), fc.constant('codice;nome;ente_capofila'), fc.string({ maxLength: 40 })),
    pieces: fc.array(piece, { maxLength: 60 }),
    latin1: fc.boolean(),
  })
  .map(({ header, pieces, latin1 }) => Buffer.from(`${header}\n${pieces.join('')}`, latin1 ? 'latin1' : 'utf8'));

/** Runs `work` sampling memory (heap and buffers) every few ms: the peak growth in bytes. */
const peakGrowth = async (work: () => Promise<void>): Promise<number> => {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, used()) - start;
};

const readAll = async (bytes: Buffer, chunk: number, spec: typeof expensesFile | typeof districtsFile) => {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  const reading = readExchangeFile(spec as typeof expensesFile, Readable.from(parts));
  const errors: string[] = [];
  let omitted = 0;
  let records = 0;
  for await (const batch of reading) {
    errors.push(...batch.errors);
    omitted += batch.omitted;
    records += batch.records.length;
  }
  return { errors, omitted, records, summary: reading.summary };
};

const checkIssues = (errors: readonly string[]) => {
  assert.ok(errors.length <= ERROR_LIMIT, `${errors.length} errors listed`);
  for (const e of errors) {
    assert.match(e, ISSUE, e.slice(0, 300));
    assert.ok(e.length <= MAX_ISSUE_CHARS, `an issue of ${e.length} characters: ${e.slice(0, 200)}`);
  }
};

test('random and mutated CSV files: the readers never throw, issues are bounded, time and memory too', async () => {
  await fc.assert(
    fc.asyncProperty(hostileCsv, fc.integer({ min: 1, max: 70_000 }), fc.boolean(), async (bytes, chunk, districts) => {
      const t0 = Date.now();
      const r = await readAll(bytes, chunk, districts ? districtsFile : expensesFile);
      checkIssues(r.errors);
      assert.ok(r.summary, 'the file was read to its end');
      assert.equal(r.summary.bytes, bytes.length);
      // the byte scanner never throws either, and when it is sure the reader found nothing wrong
      const scan = new ExpenseCsvScan(1 + (chunk % 5000));
      let sure = true;
      for (let at = 0; at < bytes.length && sure; at += chunk) sure = scan.push(bytes.subarray(at, at + chunk)) !== null;
      sure = sure && scan.end() !== null;
      if (sure && !districts) assert.deepEqual(r.errors, [], 'the scanner accepted a file the reader refuses');
      assert.ok(Date.now() - t0 < 15_000, `a file of ${bytes.length} bytes took ${Date.now() - t0} ms`);
    }),
    { numRuns: Number(process.env.REGIA_FUZZ_RUNS ?? 150) },
  );
});

test('250,000 bad lines: the first 1,000 errors listed, the rest counted, memory flat', async () => {
  // about 10 MB of lines, each with a bad amount, streamed: never held whole (3 million take
  // the same memory, and a minute)
  const lines = 250_000;
  const line = Buffer.from('D01;S;FNPS;2022;A1;x;10.005;2022-03-01;\n');
  async function* file() {
    yield Buffer.from(`${EXPENSE_HEADER}\n`);
    const block = Buffer.concat(Array.from({ length: 10_000 }, () => line));
    for (let i = 0; i < lines / 10_000; i++) yield block;
  }
  let errors: string[] = [];
  let omitted = 0;
  const growth = await peakGrowth(async () => {
    for await (const batch of readExchangeFile(expensesFile, file(), { duplicatesCheckedByCaller: true })) {
      errors = errors.length < ERROR_LIMIT ? errors.concat(batch.errors) : errors;
      omitted += batch.omitted;
    }
  });
  assert.equal(errors.length, ERROR_LIMIT);
  assert.equal(errors.length + omitted, lines);
  assert.ok(growth < 200 * 1024 * 1024, `memory grew by ${Math.round(growth / 1024 / 1024)} MB`);
});

test('random, mutated and bomb zips: readFolder never throws, refuses bombs, bounded time and memory', async () => {
  const dir = await tempDir();
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // a valid archive of hostile CSV files, then bytes flipped or cut
          fc
            .record({
              files: fc.dictionary(fc.constantFrom('spese.csv', 'distretti.csv', 'dati/Spese.CSV', '__MACOSX/._spese.csv', 'leggimi.txt', 'spesa.csv'), hostileCsv, { maxKeys: 3 }),
              flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
              cut: fc.option(fc.nat()),
              level: fc.constantFrom(0, 6),
            })
            .map(({ files, flips, cut, level }) => {
              const zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(v)])), { level: level as 0 | 6 }));
              for (const [at, byte] of flips) if (zip.length) zip[at % zip.length] = byte;
              return cut === null ? zip : zip.subarray(0, cut % (zip.length + 1));
            }),
          // a bomb: one or more entries of one repeated byte, after a header or not
          fc
            .array(
              fc.record({
                name: fc.constantFrom('spese.csv', 'distretti.csv', 'x.bin'),
                head: fc.constantFrom('', `${EXPENSE_HEADER}\n`),
                bytes: fc.integer({ min: 2, max: 400 }).map((mb) => mb * 1024 * 1024),
                fill: fc.constantFrom(0x30, 0x0a, 0x3b, 0x22),
              }),
              { minLength: 1, maxLength: 3 },
            )
            .map((entries) => zipBomb(entries)),
        ),
        async (zip) => {
          const path = await dir.write(`f${n++}.zip`, zip);
          const t0 = Date.now();
          let reading: Awaited<ReturnType<typeof readFolder>> | undefined;
          const growth = await peakGrowth(async () => {
            reading = await readFolder(path);
          });
          checkIssues(reading!.errors);
          assert.ok(growth < 300 * 1024 * 1024, `memory grew by ${Math.round(growth / 1024 / 1024)} MB`);
          assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
        },
      ),
      { numRuns: Number(process.env.REGIA_FUZZ_RUNS ?? 60) },
    );
  } finally {
    await dir.remove();
  }
});
