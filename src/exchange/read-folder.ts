/**
 * Reads a set of exchange files — a folder, a `.zip`, or uploaded files — into
 * typed records, processing the files present in the order of EXCHANGE.md's
 * table. Every problem is collected as `file:line: column: message`; nothing is
 * stored here (the import service decides, and stores nothing when errors exist).
 *
 * Decisions:
 * - File names are matched case-insensitively on the base name (`Spese.CSV`),
 *   and messages use the name as given. `NAME.xlsx` is read as the XLSX form of
 *   `NAME.csv`; both at once is an error.
 * - A `.csv` or `.xlsx` file with an unknown name is an error, one per file:
 *   ignoring a misspelt `spesa.csv` would silently lose its data. Files of other
 *   kinds (a README, a PDF), hidden files (`.DS_Store`), zip folders and
 *   `__MACOSX/` entries are ignored.
 * - A folder is read without its subfolders; a zip by the base names of its
 *   entries, whatever folder they sit in.
 * - `spese.csv` may have a million lines: pass `onExpenseBatch` to receive its
 *   records in batches instead of in `records.spese` (which then stays empty);
 *   the receiver then checks duplicate keys itself (the reader keeps no keys).
 * - Uploads are read in the order of the table, not in upload order, so each
 *   must be readable independently (e.g. files saved by the multipart handler).
 *   A `.zip` upload is spooled to a temporary file (a zip is read from its end).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { ErrorList, formatIssue, FILE, shown } from './issues.ts';
import { ZIP_PUSH_BYTES } from './limits.ts';
import { inflatable, newUnzip, zipRefusal, ZipMeter } from './zip-guard.ts';
import { readExchangeFile, type ExchangeBatch, type ExchangeFormat, type FileSummary } from './read-file.ts';
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
  type ExchangeRecords,
  type ExpenseRecord,
} from './files.ts';
import type { ByteSource, Digest } from './source.ts';

/** An uploaded file: a stream read once, or a file the upload handler saved (readable again). */
export type Upload = { readonly name: string; readonly stream: Readable } | { readonly name: string; readonly path: string };

export type FolderInput = string | readonly Upload[];

export interface ReadFolderOptions {
  /** records per batch (default 10,000) */
  readonly batchSize?: number;
  /** receives the records of `spese.csv` batch by batch; awaited before the next batch is read */
  readonly onExpenseBatch?: (records: ExpenseRecord[]) => Promise<void> | void;
  /**
   * Offered first a `spese.csv` that can be read more than once: it may load the file by a faster
   * route and answer its summary, or answer null to have it read here as usual.
   */
  readonly onExpenseFile?: (file: { readonly name: string; open(): ByteSource }) => Promise<FileSummary | null>;
}

export interface FolderReading {
  /** one summary per file read, in processing order (for upload receipts) */
  readonly files: FileSummary[];
  /** the zip itself, when the input was one */
  readonly archive: ({ readonly name: string } & Digest) | null;
  readonly records: ExchangeRecords;
  /** `file:line: column: message`, file by file in processing order: the first ERROR_LIMIT */
  readonly errors: string[];
  /** errors past the first ERROR_LIMIT, counted only (`… in tutto N errori`) */
  readonly omittedErrors: number;
}

/** A file found in the input, not yet read. */
interface Entry {
  readonly name: string;
  open(): ByteSource;
  discard(): void;
  /** open() may be called again (a file or zip entry, not a one-shot stream) */
  readonly reopenable?: boolean;
}

const KNOWN_NAMES = exchangeFiles.map((spec) => spec.name).join(', ');

const isIgnored = (path: string): boolean => {
  const parts = path.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  return base === '' || base.startsWith('.') || parts.includes('__MACOSX');
};

const fileIssue = (name: string, message: string): string => formatIssue({ file: name, line: 1, column: FILE, message });

// ── zip ────────────────────────────────────────────────────────────────────

/**
 * Entry names of a zip file, and the digest of the zip itself. Every entry is measured by a
 * ZipMeter (zip-guard.ts): an archive over a bound of limits.ts is refused before any of it is read.
 */
const listZip = async (path: string): Promise<{ names: string[]; digest: Digest; refused: string | null }> => {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new ZipMeter();
  const input = createReadStream(path);
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (meter.push(chunk)) break;
    }
  } finally {
    input.destroy();
  }
  const refused = meter.refused ?? meter.end();
  return { names: meter.names, digest: { sha256: refused ? '' : hash.digest('hex'), bytes }, refused };
};

/**
 * The content of one zip entry as a stream: one pass over the zip per entry
 * keeps memory bounded whatever the size of `spese.csv` and lets the files be
 * read in the table's order whatever the order of the archive. The entries before it are
 * inflated and thrown away (fflate would otherwise keep them), and the entry's bounds are
 * checked again as it streams.
 */
const zipEntry = (path: string, entryName: string): Readable => {
  const out = new PassThrough();
  const pump = async () => {
    let found = false;
    let finished = false;
    let fed = 0;
    const unzip = newUnzip((file) => {
      if (found || file.name !== entryName) {
        if (inflatable(file)) {
          file.ondata = () => {};
          file.start();
        }
        return;
      }
      found = true;
      const start = fed;
      let size = 0;
      file.ondata = (error, data, final) => {
        if (out.destroyed) return;
        if (error) return void out.destroy(error);
        size += data.length;
        const refused = zipRefusal(entryName, size, fed - start, 0);
        if (refused) {
          if (!final) file.terminate();
          return void out.destroy(new Error(refused));
        }
        out.write(data);
        if (final) {
          finished = true;
          out.end();
        }
      };
      file.start();
    });
    const input = createReadStream(path);
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        for (let at = 0; at < chunk.length; at += ZIP_PUSH_BYTES) {
          const slice = chunk.subarray(at, at + ZIP_PUSH_BYTES);
          fed += slice.length;
          unzip.push(slice, false);
          if (finished || out.destroyed) return;
          if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        }
      }
      unzip.push(new Uint8Array(0), true);
    } finally {
      input.destroy();
    }
    if (!finished && !out.destroyed) out.destroy(new Error(`voce "${entryName}" incompleta nell'archivio`));
  };
  pump().catch((error: unknown) => out.destroy(error as Error));
  return out;
};

const zipEntries = async (path: string, displayName: string, errors: ErrorList) => {
  let listing: Awaited<ReturnType<typeof listZip>>;
  try {
    listing = await listZip(path);
  } catch (error) {
    errors.push(fileIssue(displayName, `archivio zip non leggibile: ${(error as Error).message}`));
    return { entries: [], digest: null };
  }
  if (listing.refused) {
    errors.push(fileIssue(displayName, listing.refused));
    return { entries: [], digest: null };
  }
  const files = listing.names.filter((name) => !name.endsWith('/') && !isIgnored(name));
  if (listing.names.length === 0) errors.push(fileIssue(displayName, 'archivio zip vuoto o non valido'));
  const entries: Entry[] = files.map((name) => ({
    name: basename(name),
    open: () => zipEntry(path, name),
    discard: () => {},
    reopenable: true,
  }));
  return { entries, digest: listing.digest };
};

// ── inputs ─────────────────────────────────────────────────────────────────

interface Collected {
  entries: Entry[];
  archive: FolderReading['archive'];
  cleanup: (() => Promise<void>)[];
}

const collectPath = async (path: string, errors: ErrorList, into: Collected): Promise<void> => {
  let info;
  try {
    info = await stat(path);
  } catch {
    errors.push(fileIssue(basename(path), 'file o cartella non trovati'));
    return;
  }
  if (info.isDirectory()) {
    const names = (await readdir(path, { withFileTypes: true })).filter((d) => d.isFile() && !isIgnored(d.name));
    for (const d of names) {
      const full = join(path, d.name);
      into.entries.push({ name: d.name, open: () => full, discard: () => {}, reopenable: true });
    }
  } else if (path.toLowerCase().endsWith('.zip')) {
    const { entries, digest } = await zipEntries(path, basename(path), errors);
    into.entries.push(...entries);
    if (digest) into.archive = { name: basename(path), ...digest };
  } else {
    into.entries.push({ name: basename(path), open: () => path, discard: () => {}, reopenable: true });
  }
};

const collectUpload = async (upload: Upload, errors: ErrorList, into: Collected): Promise<void> => {
  const name = basename(upload.name);
  if (!name.toLowerCase().endsWith('.zip')) {
    if ('path' in upload) into.entries.push({ name, open: () => upload.path, discard: () => {}, reopenable: true });
    else into.entries.push({ name, open: () => upload.stream, discard: () => void upload.stream.resume() });
    return;
  }
  let path: string;
  if ('path' in upload) path = upload.path;
  else {
    const dir = await mkdtemp(join(tmpdir(), 'regia-import-'));
    into.cleanup.push(() => rm(dir, { recursive: true, force: true }));
    path = join(dir, 'upload.zip');
    await pipeline(upload.stream, createWriteStream(path));
  }
  const { entries, digest } = await zipEntries(path, name, errors);
  into.entries.push(...entries);
  if (digest) into.archive = { name, ...digest };
};

// ── reading ────────────────────────────────────────────────────────────────

type Step = (entry: Entry, format: ExchangeFormat, state: { files: FileSummary[]; errors: ErrorList }) => Promise<void>;

/** One typed step per file: reads it and hands each batch of records to `sink`. */
const step =
  <K extends string, R extends { readonly line: number }>(
    spec: ExchangeFileSpec<K, R>,
    batchSize: number | undefined,
    sink: (records: R[]) => Promise<void> | void,
    duplicatesCheckedByCaller = false,
  ): Step =>
  async (entry, format, state) => {
    const reading = readExchangeFile(spec, entry.open(), { fileName: entry.name, format, batchSize, duplicatesCheckedByCaller });
    const batches = reading[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<ExchangeBatch<R>>;
      try {
        next = await batches.next();
      } catch (error) {
        // the bytes could not be read (a zip entry cut short or over a bound): a problem of the file
        state.errors.push(fileIssue(entry.name, `file non leggibile: ${shown((error as Error).message)}`));
        return;
      }
      if (next.done) break;
      const batch = next.value;
      for (const error of batch.errors) state.errors.push(error);
      state.errors.addOmitted(batch.omitted);
      // Outside the try: a failure of the receiver (the database) is not a problem of the file,
      // and is never reported as one of its lines; it reaches the importer, which stores nothing.
      if (batch.records.length > 0) {
        try {
          await sink(batch.records);
        } catch (error) {
          await batches.return?.(undefined).catch(() => {}); // closes the file
          throw error;
        }
      }
    }
    if (reading.summary) state.files.push(reading.summary);
  };

const append =
  <R>(target: R[]) =>
  (records: R[]): void => {
    for (const r of records) target.push(r);
  };

export const readFolder = async (input: FolderInput, options: ReadFolderOptions = {}): Promise<FolderReading> => {
  const errors = new ErrorList();
  const files: FileSummary[] = [];
  const records: ExchangeRecords = {
    distretti: [],
    comuni: [],
    fondi: [],
    annualita: [],
    linee: [],
    assegnazioni: [],
    liquidazioni: [],
    spese: [],
  };
  const collected: Collected = { entries: [], archive: null, cleanup: [] };
  try {
    if (typeof input === 'string') await collectPath(input, errors, collected);
    else for (const upload of input) await collectUpload(upload, errors, collected);

    // match names: `spese.csv` / `spese.xlsx`, case-insensitive
    const found = new Map<string, { entry: Entry; format: ExchangeFormat }>();
    for (const entry of collected.entries) {
      const lower = entry.name.toLowerCase();
      // Only tables can hold data: a README or a PDF beside the files is not a misspelt table.
      if (!lower.endsWith('.csv') && !lower.endsWith('.xlsx')) {
        entry.discard();
        continue;
      }
      const format: ExchangeFormat = lower.endsWith('.xlsx') ? 'xlsx' : 'csv';
      const spec = exchangeFiles.find((s) => lower === s.name || lower === `${s.key}.xlsx`);
      if (!spec) {
        errors.push(fileIssue(entry.name, `file sconosciuto (file ammessi: ${KNOWN_NAMES}, anche in formato .xlsx)`));
        entry.discard();
      } else if (found.has(spec.key)) {
        errors.push(fileIssue(entry.name, `file presente più volte (già letto: ${found.get(spec.key)!.entry.name})`));
        entry.discard();
      } else {
        found.set(spec.key, { entry, format });
      }
    }

    const { batchSize } = options;
    const steps: Record<(typeof exchangeFiles)[number]['key'], Step> = {
      distretti: step(districtsFile, batchSize, append(records.distretti)),
      comuni: step(municipalitiesFile, batchSize, append(records.comuni)),
      fondi: step(fundsFile, batchSize, append(records.fondi)),
      annualita: step(annualitiesFile, batchSize, append(records.annualita)),
      linee: step(interventionLinesFile, batchSize, append(records.linee)),
      assegnazioni: step(assignmentsFile, batchSize, append(records.assegnazioni)),
      liquidazioni: step(disbursementsFile, batchSize, append(records.liquidazioni)),
      // Streamed expense lines are checked for duplicate keys by the importer, in SQL.
      spese: options.onExpenseBatch ? step(expensesFile, batchSize, options.onExpenseBatch, true) : step(expensesFile, batchSize, append(records.spese)),
    };
    const state = { files, errors };
    for (const spec of exchangeFiles) {
      const present = found.get(spec.key);
      if (!present) continue;
      if (spec.key === 'spese' && present.format === 'csv' && present.entry.reopenable && options.onExpenseFile) {
        const summary = await options.onExpenseFile({ name: present.entry.name, open: () => present.entry.open() });
        if (summary) {
          files.push(summary);
          continue;
        }
      }
      await steps[spec.key](present.entry, present.format, state);
    }
  } finally {
    for (const cleanup of collected.cleanup) await cleanup();
  }
  return { files, archive: collected.archive, records, errors: errors.kept, omittedErrors: errors.omitted };
};

export { readExchangeFile } from './read-file.ts';
