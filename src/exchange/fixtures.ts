/**
 * Test-only factories: exchange files are built from rows, never pasted, so
 * each test states just the fields it is about.
 */
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';

export type Row = Record<string, string>;

export interface CsvStyle {
  readonly separator?: ';' | ',';
  readonly bom?: boolean;
  readonly eol?: '\n' | '\r\n';
  /** header spelling, e.g. upper case or padded */
  readonly header?: (name: string) => string;
  /** column order; default the keys of the first row */
  readonly columns?: readonly string[];
}

const quote = (value: string, separator: string): string =>
  /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value;

/** RFC 4180 text: fields holding the separator, quotes or line breaks are quoted. */
export const csvText = (rows: readonly Row[], style: CsvStyle = {}): string => {
  const separator = style.separator ?? ';';
  const eol = style.eol ?? '\n';
  const columns = style.columns ?? Object.keys(rows[0] ?? {});
  const header = columns.map((c) => quote(style.header ? style.header(c) : c, separator)).join(separator);
  const lines = rows.map((row) => columns.map((c) => quote(row[c] ?? '', separator)).join(separator));
  return (style.bom ? '\uFEFF' : '') + [header, ...lines].join(eol) + eol;
};

export const district = (over: Partial<Row> = {}): Row => ({
  codice: 'D01',
  nome: 'Distretto Roma 1',
  ente_capofila: 'Roma Capitale',
  forma_gestione: 'comune',
  ...over,
});

export const municipality = (over: Partial<Row> = {}): Row => ({
  istat: '058091',
  nome: 'Roma',
  distretto: 'D01',
  popolazione: '2750000',
  ...over,
});

export const fund = (over: Partial<Row> = {}): Row => ({ codice: 'FNPS', nome: 'Fondo nazionale politiche sociali', fonte: 'nazionale', regola_75: 'si', ...over });

const act = { atto_tipo: 'DGR', atto_numero: '123', atto_data: '2022-03-01' };

export const annualityRow = (over: Partial<Row> = {}): Row => ({ fondo: 'FNPS', annualita: '2022', importo: '1000000,00', ...act, ...over });

export const interventionLine = (over: Partial<Row> = {}): Row => ({
  fondo: 'FNPS',
  annualita: '2022',
  linea: 'L1',
  descrizione: 'Servizi domiciliari',
  importo: '500000',
  ...act,
  ...over,
});

export const assignment = (over: Partial<Row> = {}): Row => ({
  fondo: 'FNPS',
  annualita: '2022',
  linea: 'L1',
  distretto: 'D01',
  atto_numero: 'G04014',
  importo: '100000',
  atto_tipo: 'DD',
  atto_data: '2022-04-01',
  ...over,
});

export const disbursement = (over: Partial<Row> = {}): Row => ({
  fondo: 'FNPS',
  annualita: '2022',
  distretto: 'D01',
  atto_numero: 'G05000',
  importo: '50000',
  data: '2022-05-10',
  atto_tipo: 'DD',
  atto_data: '2022-05-02',
  ...over,
});

export const expense = (over: Partial<Row> = {}): Row => ({
  distretto: 'D01',
  documento: 'F-1',
  fondo: 'FNPS',
  annualita: '2022',
  area: 'AD',
  descrizione: 'Assistenza domiciliare',
  importo: '1234,56',
  data_pagamento: '2023-02-15',
  importo_riconosciuto: '',
  ...over,
});

/** Rows numbered 1…n built by a factory, e.g. `rows(3, (i) => expense({ documento: `F-${i}` }))`. */
export const rows = (n: number, make: (i: number) => Row): Row[] => Array.from({ length: n }, (_, i) => make(i + 1));

export interface TempDir {
  readonly path: string;
  write(name: string, content: string | Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export const tempDir = async (): Promise<TempDir> => {
  const path = await mkdtemp(join(tmpdir(), 'regia-exchange-test-'));
  return {
    path,
    write: async (name, content) => {
      const file = join(path, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
};

/** A stream that delivers the text in chunks of `size` bytes (to cross chunk boundaries anywhere). */
export const chunked = (content: string | Uint8Array, size: number): Readable => {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );
};

/**
 * A zip bomb: each entry is `head` followed by `bytes` of one repeated byte. The deflate stream is
 * one compressed MB repeated (each copy a block that refers only to itself) and a final empty
 * block, so a 600 MB entry costs a few KB of work; the CRC is left 0 (the readers refuse the entry
 * before its end).
 */
export const zipBomb = (entries: readonly { name: string; head?: string; bytes: number; fill?: number }[]): Buffer => {
  const block = 1024 * 1024;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, head = '', bytes, fill = 0x30 } of entries) {
    const parts: Buffer[] = [deflateRawSync(Buffer.from(head), { finishFlush: zlibConstants.Z_FULL_FLUSH })];
    const full = deflateRawSync(Buffer.alloc(block, fill), { finishFlush: zlibConstants.Z_FULL_FLUSH });
    for (let left = bytes; left > 0; left -= block) {
      parts.push(left >= block ? full : deflateRawSync(Buffer.alloc(left, fill), { finishFlush: zlibConstants.Z_FULL_FLUSH }));
    }
    parts.push(deflateRawSync(Buffer.alloc(0)));
    const data = Buffer.concat(parts);
    const size = Buffer.byteLength(head) + bytes;
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};
