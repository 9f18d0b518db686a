/**
 * Reads an exchange file written as XLSX: the first worksheet, headers in row 1,
 * the same columns and the same messages as the CSV reader, with `line` = row
 * number. Streams through exceljs' WorkbookReader.
 *
 * Cells are turned into the text the CSV reader would have seen, so that one
 * row parser serves both formats:
 * - a number in an amount column keeps its exact decimal digits: `1234.56`
 *   stays `1234.56`; a number with more than two decimals (`1.234`,
 *   `0.30000000000000004`) is written with a decimal comma so that it is
 *   refused as "più di due decimali" instead of being read as thousands;
 * - other numbers as JavaScript writes them (`2022`, `58091`: a code cell that
 *   lost its leading zero is refused like in CSV);
 * - date cells as `YYYY-MM-DD` (Excel stores dates as UTC day serials);
 * - booleans as `si`/`no`; rich text, hyperlinks and formula results as their text.
 *
 * A cell longer than MAX_FIELD_CHARS (limits.ts) is an error naming its row and column, as in CSV.
 */
import ExcelJS from 'exceljs';
import { meter, type ByteSource, type Digest } from './source.ts';
import { FILE, grouped, shown } from './issues.ts';
import { guardZip } from './zip-guard.ts';
import { MAX_FIELD_CHARS } from './limits.ts';
import type { CsvReadOptions, CsvRow } from './csv-reader.ts';
import { normalizeHeader } from './csv-reader.ts';
import type { ColumnKind, ColumnSpec } from './files.ts';

export interface XlsxReadOptions extends CsvReadOptions {
  readonly columns: readonly ColumnSpec[];
}

const amountText = (value: number): string => {
  const text = String(value);
  return /^-?\d+\.\d{3,}$/.test(text) ? text.replace('.', ',') : text;
};

/** The text of a cell as a CSV reader would see it, given what its column holds. */
export const cellText = (value: ExcelJS.CellValue, kind: ColumnKind): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return kind === 'amount' ? amountText(value) : String(value);
  if (typeof value === 'boolean') return value ? 'si' : 'no';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null, kind);
  if ('text' in value) return String(value.text);
  return '';
};

/**
 * Yields the data rows of the first worksheet in order; problems go to `onIssue`.
 * Returns the sha256 and size of the bytes read (the whole workbook is read).
 */
export async function* readXlsx(source: ByteSource, options: XlsxReadOptions): AsyncGenerator<CsvRow, Digest, undefined> {
  const { stream: bytes, digest } = meter(source);
  // a workbook is a zip: its bounds (limits.ts) are checked before exceljs inflates it
  const guard = guardZip(bytes);
  const stream = guard.stream;
  const issue = (line: number, column: string, message: string) =>
    options.onIssue({ file: options.fileName, line, column, message });
  const byName = new Map(options.columns.map((c) => [c.name, c]));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });

  let sheets = 0;
  let sawHeader = false;
  let unreadable = false;
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets > 1) {
        for await (const _row of sheet); // only the first sheet is read; drain the others
        continue;
      }
      /** column number → spec, for the columns that are read */
      let columns: Map<number, ColumnSpec> | null = null;
      let usable = true;
      for await (const row of sheet) {
        const cells = row.values as ExcelJS.CellValue[];
        if (!sawHeader) {
          sawHeader = true;
          if (row.number !== 1) {
            issue(1, FILE, 'la riga 1 del primo foglio deve contenere le intestazioni');
            usable = false;
            continue;
          }
          columns = new Map();
          const seen = new Set<string>();
          for (let c = 1; c < cells.length; c++) {
            const name = normalizeHeader(cellText(cells[c], 'text'));
            if (name === '') continue;
            const spec = byName.get(name);
            if (!spec) {
              issue(1, name, `colonna sconosciuta (colonne ammesse: ${options.columns.map((s) => s.name).join(', ')})`);
            } else if (seen.has(name)) {
              issue(1, name, 'colonna ripetuta');
              usable = false;
            } else {
              seen.add(name);
              columns.set(c, spec);
            }
          }
          for (const spec of options.columns) {
            if (spec.required && !seen.has(spec.name)) {
              issue(1, spec.name, 'colonna obbligatoria mancante');
              usable = false;
            }
          }
          continue;
        }
        if (!usable || columns === null) continue;
        const values: Record<string, string> = {};
        let blank = true;
        let tooLong = false;
        for (const [c, spec] of columns) {
          const text = cellText(cells[c], spec.kind);
          if (text.length > MAX_FIELD_CHARS) {
            issue(row.number, spec.name, `valore troppo lungo: ${grouped(text.length)} caratteri (massimo ${grouped(MAX_FIELD_CHARS)})`);
            tooLong = true;
            break;
          }
          if (text.trim() !== '') blank = false;
          values[spec.name] = text;
        }
        if (blank || tooLong) continue;
        yield { line: row.number, values };
      }
    }
  } catch (error) {
    unreadable = true;
    if (!guard.refused) issue(1, FILE, `file XLSX non leggibile: ${shown((error as Error).message)}`);
  }
  guard.detach();
  // the digest covers the whole file; a failure of the bytes themselves is not a problem of the data
  await guard.done;
  if (guard.refused) {
    issue(1, FILE, guard.refused);
    return digest();
  }
  if (!sawHeader && !unreadable) issue(1, FILE, sheets === 0 ? 'il file XLSX non contiene fogli' : 'foglio vuoto: manca la riga di intestazione');
  return digest();
}
