/**
 * Reads one exchange file into typed records, in batches, so that a
 * 1,000,000-line `spese.csv` never sits in memory whole: the importer copies
 * each batch into the database (COPY) and drops it.
 */
import { readCsv } from './csv-reader.ts';
import { readXlsx } from './xlsx-reader.ts';
import { formatIssue, type ExchangeIssue } from './issues.ts';
import { ERROR_LIMIT } from './limits.ts';
import type { ByteSource, Digest } from './source.ts';
import { rowKey, type ExchangeFileSpec } from './files.ts';

export type ExchangeFormat = 'csv' | 'xlsx';

export interface ExchangeBatch<R> {
  /** valid records, in file order */
  readonly records: R[];
  /** `file:line: column: message`, in file order; the first ERROR_LIMIT of the file only */
  readonly errors: string[];
  /** errors of this batch past the file's first ERROR_LIMIT: counted, not formatted */
  readonly omitted: number;
}

export interface FileSummary {
  /** the name used in messages */
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  /** data rows read (header and blank rows excluded), valid or not */
  readonly lines: number;
}

export interface ReadFileOptions {
  /** records per batch (default 10,000) */
  readonly batchSize?: number;
  /** name in messages; default the spec's name (`spese.csv`), or `spese.xlsx` for XLSX */
  readonly fileName?: string;
  /** default: from `fileName` (`.xlsx` → xlsx), otherwise csv */
  readonly format?: ExchangeFormat;
  /**
   * The caller finds duplicate keys itself (the importer does it in SQL on its staging table),
   * so the reader need not keep every key of a million-line file in memory.
   */
  readonly duplicatesCheckedByCaller?: boolean;
}

/**
 * The batches of one file; `summary` is set once the iteration has finished.
 * Duplicate keys are found across batches: the file's keys (not its records)
 * are kept until the end.
 */
export interface ExchangeFileReading<R> extends AsyncIterable<ExchangeBatch<R>> {
  readonly summary: FileSummary | undefined;
}

const DEFAULT_BATCH = 10_000;

export const readExchangeFile = <K extends string, R extends { readonly line: number }>(
  spec: ExchangeFileSpec<K, R>,
  source: ByteSource,
  options: ReadFileOptions = {},
): ExchangeFileReading<R> => {
  const format = options.format ?? (options.fileName?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  const fileName = options.fileName ?? (format === 'xlsx' ? `${spec.key}.xlsx` : spec.name);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  let summary: FileSummary | undefined;

  async function* batches(): AsyncGenerator<ExchangeBatch<R>> {
    let records: R[] = [];
    let errors: string[] = [];
    // Past the first ERROR_LIMIT errors of the file only their number is kept (memory stays flat
    // for a file of three million bad lines); the caller says how many more there are.
    let listed = 0;
    let omitted = 0;
    const onIssue = (issue: ExchangeIssue) => {
      if (listed < ERROR_LIMIT) {
        listed++;
        errors.push(formatIssue(issue));
      } else omitted++;
    };
    const rows =
      format === 'xlsx'
        ? readXlsx(source, { fileName, columns: spec.columns, onIssue })
        : readCsv(source, { fileName, columns: spec.columns, onIssue });
    const firstLineOfKey = new Map<string, number>();
    const keyColumn = spec.keyColumns.join(',');
    let lines = 0;
    let next = await rows.next();
    while (!next.done) {
      const { line, values } = next.value;
      lines++;
      const key = options.duplicatesCheckedByCaller ? null : rowKey(spec, values);
      const first = key === null ? undefined : firstLineOfKey.get(key);
      if (first !== undefined) {
        const shown = spec.keyColumns.map((c) => (values[c] ?? '').trim()).join(', ');
        onIssue({ file: fileName, line, column: keyColumn, message: `chiave duplicata (${shown}): già presente alla riga ${first}` });
      } else if (key !== null) {
        firstLineOfKey.set(key, line);
      }
      const parsed = spec.parseRow(values, line);
      if (!parsed.ok) {
        for (const p of parsed.problems) onIssue({ file: fileName, line, column: p.column, message: p.message });
      } else if (first === undefined) {
        records.push(parsed.record);
      }
      if (records.length >= batchSize || errors.length >= batchSize || omitted >= batchSize) {
        yield { records, errors, omitted };
        records = [];
        errors = [];
        omitted = 0;
      }
      next = await rows.next();
    }
    const digest: Digest = next.value;
    summary = { name: fileName, sha256: digest.sha256, bytes: digest.bytes, lines };
    if (records.length > 0 || errors.length > 0 || omitted > 0) yield { records, errors, omitted };
  }

  return {
    [Symbol.asyncIterator]: batches,
    get summary() {
      return summary;
    },
  };
};

