/**
 * Any table an officer works from, as XLSX (issue #11, "Exports"): a title row saying what the
 * table is and which filters made it, the header frozen with an autofilter, money as euros with
 * two decimals (exact: integer cents / 100 has at most two), dates as spreadsheet dates, text
 * as text (XLSX cells are never read as formulas, so no injection guard is needed here).
 */
import ExcelJS from 'exceljs';
import type { Cents } from '../domain/money.ts';
import { parseCalendarDate } from '../domain/dates.ts';

export type ColumnKind = 'text' | 'integer' | 'money' | 'date' | 'percent';

export interface TableColumn<Row> {
  readonly header: string;
  readonly kind: ColumnKind;
  /** text: a string; integer: a number; money: cents; date: `YYYY-MM-DD`; percent: a fraction (0.75) */
  readonly value: (row: Row) => string | number | Cents | null;
  /** width in characters; defaults from the header and kind */
  readonly width?: number;
}

export interface TableExport<Row> {
  /** the sheet's name (Excel allows 31 characters, no `[]:*?/\`) */
  readonly sheet: string;
  /** first line: "Distretti – Regione Lazio" */
  readonly title: string;
  /** second line: the filters applied, e.g. ["Fondo: FNPS", "Annualità: 2023"]; none: "Nessun filtro" */
  readonly filters: readonly string[];
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: Iterable<Row>;
}

const FORMATS: Record<ColumnKind, string | undefined> = {
  text: '@',
  integer: '#,##0',
  money: '#,##0.00 [$€-410]',
  date: 'dd/mm/yyyy',
  percent: '0.00%',
};

const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Dati';

const cell = (kind: ColumnKind, value: string | number | Cents | null): ExcelJS.CellValue => {
  if (value === null) return null;
  switch (kind) {
    case 'money':
      // cents → euros: a bigint of at most 15 digits is exact as a double, and /100 keeps two decimals
      return Number(value) / 100;
    case 'date': {
      const date = parseCalendarDate(String(value));
      return date ? new Date(`${date}T00:00:00Z`) : String(value);
    }
    case 'integer':
    case 'percent':
      return Number(value);
    case 'text':
      return String(value);
  }
};

export const tableXlsx = async <Row>(table: TableExport<Row>): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Regia';
  wb.title = table.title;
  const ws = wb.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([table.title]).font = { bold: true, size: 13 };
  ws.addRow([table.filters.length > 0 ? `Filtri: ${table.filters.join('; ')}` : 'Nessun filtro']).font = { italic: true };
  const header = ws.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  table.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width ?? Math.max(c.header.length + 2, c.kind === 'money' ? 16 : c.kind === 'date' ? 12 : 10);
    const format = FORMATS[c.kind];
    if (format) column.numFmt = format;
  });
  let count = 0;
  for (const row of table.rows) {
    ws.addRow(table.columns.map((c) => cell(c.kind, c.value(row))));
    count++;
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + count, column: Math.max(1, table.columns.length) } };
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** The file name of an export: `distretti-2026-12-04.xlsx` (the date in Rome, given by the caller). */
export const exportFileName = (what: string, today: string): string =>
  `${what.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${today}.xlsx`;
