/**
 * The one CSV writer of Regia (ASVS V5.3, OWASP "CSV injection"): RFC 4180 quoting, and every
 * text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
 * so that a spreadsheet shows it as text instead of running it as a formula
 * (`=HYPERLINK(…)` in a district's area code would otherwise be live in the SIOSS export).
 * Numbers stay numbers: a cell declared numeric (`-5`, `1234,56`) is written as it is, and only
 * if it really is a number.
 */

/** A numeric cell: an integer, or an amount already written with a decimal comma or point. */
export interface CsvNumber {
  readonly number: string;
}

export type CsvCell = string | number | bigint | CsvNumber | null | undefined;

export const csvNumber = (text: string): CsvNumber => ({ number: text });

const NUMERIC = /^-?\d+(?:[.,]\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert: `=1+1` → `'=1+1`. */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const quoted = (text: string, separator: string): string =>
  text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

export const csvCell = (cell: CsvCell, separator = ';'): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'bigint') return cell.toString();
  if (typeof cell === 'object') return NUMERIC.test(cell.number) ? cell.number : quoted(neutralise(cell.number), separator);
  return quoted(neutralise(cell), separator);
};

/** A whole file: the header, then one line per row, each ended by CR LF (as Excel writes). */
export const writeCsv = (header: readonly string[], rows: Iterable<readonly CsvCell[]>, separator = ';'): string => {
  const lines = [header.map((h) => csvCell(h, separator)).join(separator)];
  for (const row of rows) lines.push(row.map((c) => csvCell(c, separator)).join(separator));
  return `${lines.join('\r\n')}\r\n`;
};
