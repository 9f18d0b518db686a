import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { ExpenseCsvScan, plainCents } from './expense-scan.ts';
import { readExchangeFile } from './read-file.ts';
import { expensesFile } from './files.ts';
import { parseEuro } from '../domain/money.ts';

const COLUMNS = ['distretto', 'documento', 'fondo', 'annualita', 'area', 'descrizione', 'importo', 'data_pagamento', 'importo_riconosciuto'];

/** The scanner's COPY rows read back as district|document|…|recognised, or null when it doubts. */
const scanned = (bytes: Buffer, chunk: number, blockSize: number): string[] | null => {
  const scan = new ExpenseCsvScan(blockSize);
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) {
    const rows = scan.push(bytes.subarray(at, at + chunk));
    if (!rows) return null;
    parts.push(rows);
  }
  const last = scan.end();
  if (!last) return null;
  parts.push(last);
  const text = Buffer.concat(parts).toString('utf8');
  const delimiter = scan.delimiter!;
  const rows = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  assert.equal(rows.length, scan.lines);
  return rows.map((row) => {
    const f = row.split(delimiter);
    assert.equal(f.length, 9);
    return [f[0], f[1], f[2], f[3], f[4], f[5] === '""' ? '' : f[5], f[6], f[7], f[8] === '' ? 'null' : f[8]].join('|');
  });
};

/** What the exchange reader reads from the same bytes. */
const read = async (bytes: Buffer) => {
  const records: string[] = [];
  const errors: string[] = [];
  for await (const batch of readExchangeFile(expensesFile, Readable.from([bytes]))) {
    errors.push(...batch.errors);
    for (const r of batch.records) {
      records.push([r.districtCode, r.document, r.fundCode, r.annuality, r.area, r.description, String(r.amount), r.paymentDate, String(r.recognisedAmount)].join('|'));
    }
  }
  return { records, errors };
};

const clean = {
  district: fc.constantFrom('D01', 'D02', 'RM5.1', 'Distretto è'),
  document: fc.stringMatching(/^[A-Za-z0-9/_-]{1,12}$/),
  fund: fc.constantFrom('FNPS', 'FNA', 'F01'),
  year: fc.integer({ min: 2000, max: 2100 }).map(String),
  area: fc.constantFrom('anziani', 'disabili', 'famiglia_minori'),
  description: fc.constantFrom('', 'Assistenza domiciliare', 'Centro diurno (città)', 'x'),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 99_999_999 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom('.', ',')).map(([u, c, s]) => `${u}${s}${String(c).padStart(2, '0')}`),
    fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([a, b, c]) => `${a}.${String(b).padStart(3, '0')},${String(c).padStart(2, '0')}`),
  ),
  date: fc.oneof(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`),
  ),
};

/** Fields a file may hold, good and bad: the scanner must never read them otherwise than the reader. */
const any = {
  district: fc.oneof(clean.district, fc.constantFrom('', ' D01 ', '\u00a0D01', 'D01\u3000', '\tD01', 'D\t01', 'D01\\', '\uFFFD')),
  document: fc.oneof(clean.document, fc.constantFrom('', ' ', 'A B', 'à', '"q"', 'x\ry')),
  fund: fc.oneof(clean.fund, fc.constantFrom('', ' FNA', 'FNA\u00a0')),
  year: fc.oneof(clean.year, fc.constantFrom('', '1999', '2101', '20 22', ' 2022', '2022.0', '２０２２', '-2022')),
  area: fc.oneof(clean.area, fc.constantFrom('', ' anziani ', '\u2003')),
  description: fc.oneof(clean.description, fc.constantFrom(' spazi ', '\u00a0', 'tab\tin', 'fine è', '\ufeffx')),
  amount: fc.oneof(
    clean.amount,
    fc.constantFrom('', '0', '0,00', '-5', '12,345', '1.234', '1,234', '1,234.56', '€ 12,34', '12 €', '1 234,56', '00012', '12.', '.5', ',5', '1e3', '99999999999999', '99999999999999,99', ' 7 ', '７', '10.005', '100000000000', '100000000000,00', '100000000000,01', '100000000001', '100.000.000.000,01'),
  ),
  date: fc.oneof(clean.date, fc.constantFrom('', '2023-02-29', '2024-02-29', '29/02/2023', '31/04/2024', '2024-13-01', '2024-1-5', '0999-01-01', '1/1/99', ' 2024-01-05 ', '2024/01/05', '01/05/2024 ', '1900-01-01', '1899-12-31', '31/12/2199', '2200-01-01', '01/01/1899')),
  recognised: fc.oneof(fc.constant(''), clean.amount, fc.constantFrom('0', '-1', ' ', '€ 1', '1.234')),
};

const line = (f: Record<string, string>, order: readonly number[], separator: string) => {
  const values = [f.district, f.document, f.fund, f.year, f.area, f.description, f.amount, f.date, f.recognised];
  return order.map((i) => values[i]).join(separator);
};

const MAX_LINES = 12;

/**
 * The end of the header and of each line: one for the whole file, or each its own (rows appended
 * in another editor to a file saved on Windows).
 */
const lineEnds = (kinds: fc.Arbitrary<string>) =>
  fc.oneof(
    kinds.map((eol) => Array.from({ length: MAX_LINES + 1 }, () => eol)),
    fc.array(kinds, { minLength: MAX_LINES + 1, maxLength: MAX_LINES + 1 }),
  );

const fileArbitrary = (fields: typeof any, eols = lineEnds(fc.constantFrom('\n', '\r\n'))) =>
  fc.record({
    lines: fc.array(fc.record(fields), { minLength: 0, maxLength: MAX_LINES }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8], { minLength: 9, maxLength: 9 }),
    separator: fc.constantFrom(';', ','),
    eols,
    bom: fc.boolean(),
    finalEol: fc.boolean(),
    chunk: fc.integer({ min: 1, max: 200 }),
    blockSize: fc.integer({ min: 1, max: 300 }),
  });

const assemble = (f: { lines: Record<string, string>[]; order: number[]; separator: string; eols: string[]; bom: boolean; finalEol: boolean }) => {
  // documents made unique, as duplicates are not the scanner's business
  const rows = f.lines.map((l, i) => line({ ...l, document: l.document === '' ? '' : `${l.document}-${i}` }, f.order, f.separator));
  const header = f.order.map((i) => COLUMNS[i]).join(f.separator);
  const lines = [header, ...rows];
  const text = lines.map((l, i) => (i < lines.length - 1 || f.finalEol ? l + f.eols[i] : l)).join('');
  return Buffer.from((f.bom ? '\uFEFF' : '') + text, 'utf8');
};

test('the scanner reads a clean file exactly as the exchange reader does, whatever the block and chunk sizes', async () => {
  await fc.assert(
    fc.asyncProperty(fileArbitrary({ ...clean, recognised: fc.constant('') } as typeof any), async (f) => {
      // a recognised amount, when there is one, must not exceed the amount: keep it empty or equal
      // and a comma-separated file cannot hold 1.234,56 unquoted: written 1234.56 there
      const lines = f.lines.map((l, i) => {
        const amount = f.separator === ',' ? l.amount.replace(/\./g, '').replace(',', '.') : l.amount;
        return { ...l, amount, recognised: i % 2 ? amount : '' };
      });
      const bytes = assemble({ ...f, lines });
      const scan = scanned(bytes, f.chunk, f.blockSize);
      const reader = await read(bytes);
      assert.deepEqual(reader.errors, []);
      assert.ok(scan, 'a clean file is not in doubt');
      assert.deepEqual(scan, reader.records);
    }),
    { numRuns: 300 },
  );
});

test('whatever the scanner accepts, the reader accepts with the same values', async () => {
  let accepted = 0;
  await fc.assert(
    // a lone CR ends a line for the reader: the scanner must doubt it rather than read it otherwise
    fc.asyncProperty(fileArbitrary(any, lineEnds(fc.constantFrom('\n', '\r\n', '\n', '\r\n', '\r'))), async (f) => {
      const bytes = assemble(f);
      const scan = scanned(bytes, f.chunk, f.blockSize);
      if (!scan) return;
      accepted++;
      const reader = await read(bytes);
      assert.deepEqual(reader.errors, []);
      assert.deepEqual(scan, reader.records);
    }),
    { numRuns: 1500 },
  );
  assert.ok(accepted > 100, `the property was exercised (${accepted} files accepted)`);
});

test('the scanner leaves to the reader what it cannot be sure of', () => {
  const header = COLUMNS.join(';');
  const good = 'D01;A-1;FNPS;2022;anziani;x;12,50;2023-01-31;';
  for (const [why, text] of [
    ['a quoted field', `${header}\n${good}\nD01;"A-2";FNPS;2022;anziani;x;1;2023-01-31;\n`],
    ['a blank line', `${header}\n${good}\n\n`],
    ['a field too many', `${header}\n${good};\n`],
    ['a field too few', `${header}\nD01;A-2;FNPS;2022;anziani;x;1;2023-01-31\n`],
    ['a bare CR', `${header}\n${good}\rD01;A-2;FNPS;2022;anziani;x;1;2023-01-31;\n`],
    ['a lone CR ending a line', `${header}\r\n${good}\rD01;A-2;FNPS;2022;anziani;x;1;2023-01-31;\r\n`],
    ['a CR inside a field', `${header}\r\nD01;A\r-1;FNPS;2022;anziani;x;12,50;2023-01-31;\r\n`],
    ['a blank CR LF line', `${header}\n${good}\r\n\r\n`],
    ['a header ending in a lone CR', `${header}\r${good}\n`],
    ['an unknown column', `${header};nota\n${good};n\n`],
    ['a missing required column', `${COLUMNS.slice(1).join(';')}\nA-1;FNPS;2022;anziani;x;12,50;2023-01-31;\n`],
    ['a repeated column', `${header};importo\n${good};1\n`],
    ['a recognised amount above the amount', `${header}\nD01;A-2;FNPS;2022;anziani;x;1;2023-01-31;2\n`],
    ['a zero amount', `${header}\nD01;A-2;FNPS;2022;anziani;x;0;2023-01-31;\n`],
    ['an empty file', ''],
    ['an ambiguous amount', `${header}\nD01;A-2;FNPS;2022;anziani;x;10.005;2023-01-31;\n`],
    ['an amount above € 100.000.000.000,00', `${header}\nD01;A-2;FNPS;2022;anziani;x;100000000000,01;2023-01-31;\n`],
    ['a date before 1900', `${header}\nD01;A-2;FNPS;2022;anziani;x;1;1899-12-31;\n`],
    ['a date after 2199', `${header}\nD01;A-2;FNPS;2022;anziani;x;1;01/01/2200;\n`],
    ['a field over the reader\'s bound', `${header}\nD01;A-2;FNPS;2022;anziani;${'x'.repeat(10_001)};1;2023-01-31;\n`],
    ['a line with no end that never stops', `${header}\n${'x'.repeat(50_000)}`],
    ['a NUL in a field', `${header}\nD01;A-\u00002;FNPS;2022;anziani;x;1;2023-01-31;\n`],
    ['a control character in a description', `${header}\nD01;A-2;FNPS;2022;anziani;x\u0001y;1;2023-01-31;\n`],
    ['a DEL in a district', `${header}\nD0\u007f1;A-2;FNPS;2022;anziani;x;1;2023-01-31;\n`],
  ] as const) {
    assert.equal(scanned(Buffer.from(text), 7, 16), null, why);
  }
  // invalid UTF-8 (a Windows-1252 "è")
  assert.equal(scanned(Buffer.concat([Buffer.from(`${header}\nD01;A-1;FNPS;2022;anziani;citt`), Buffer.from([0xe8]), Buffer.from(';1;2023-01-31;\n')]), 1000, 1000), null);
});

test('lines ending in CR LF and LF in one file are read as the reader reads them, the last with no end too', async () => {
  const header = COLUMNS.join(';');
  const a = 'D01;A-1;FNPS;2022;anziani;x;12,50;2023-01-31;';
  const b = 'D02;A-2;FNA;2023;disabili;;3;2023-02-01;1';
  for (const text of [`${header}\r\n${a}\n${b}\r\n${a.replace('A-1', 'A-3')}`, `${header}\n${a}\r\n${b}\n`, `${header}\r\n${a}\r\n${b}\n`]) {
    const bytes = Buffer.from(text);
    const reader = await read(bytes);
    assert.deepEqual(reader.errors, []);
    for (const [chunk, block] of [[1, 1], [7, 16], [1000, 1000]] as const) assert.deepEqual(scanned(bytes, chunk, block), reader.records, JSON.stringify(text));
  }
});

test('a header alone is a file of no lines; the totals add up per district, fund and annuality', () => {
  assert.deepEqual(scanned(Buffer.from(COLUMNS.join(';')), 5, 5), []);
  const scan = new ExpenseCsvScan();
  const text = `${COLUMNS.join(';')}\nD01;A;F;2022;a;;10;2023-01-01;5\nD01;B;F;2022;a;;1,5;2023-01-01;\nD02;C;F;2022;a;;2;2023-01-01;2\nD01;D;F;2023;a;;3;2023-01-01;\n`;
  assert.ok(scan.push(Buffer.from(text)));
  assert.ok(scan.end());
  assert.deepEqual(
    scan.totals.map((t) => ({ ...t })),
    [
      { districtCode: 'D01', fundCode: 'F', annuality: 2022, reported: 1150, recognised: 500, lines: 2 },
      { districtCode: 'D02', fundCode: 'F', annuality: 2022, reported: 200, recognised: 200, lines: 1 },
      { districtCode: 'D01', fundCode: 'F', annuality: 2023, reported: 300, recognised: 0, lines: 1 },
    ],
  );
});

test('plain amounts are read in cents as parseEuro reads them, anything else is left to parseEuro', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9.,€ -]{1,16}$/), (text) => {
      const bytes = Buffer.from(text);
      const cents = plainCents(bytes, 0, bytes.length);
      if (cents < 0) return;
      const parsed = parseEuro(text);
      assert.ok(parsed.ok, text);
      assert.equal(BigInt(cents), parsed.value, text);
    }),
    { numRuns: 5000 },
  );
  assert.equal(plainCents(Buffer.from('1.234'), 0, 5), -1, 'thousands, not decimals: parseEuro decides');
});
