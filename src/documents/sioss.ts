/** The SIOSS export (EXCHANGE.md): CSV with `;` and decimal comma, or XLSX with the same columns. */
import ExcelJS from 'exceljs';
import type { SiossRow } from '../services/funds/readouts.ts';
import { csvNumber, writeCsv } from '../exchange/csv-writer.ts';

export const SIOSS_COLUMNS = ['fondo', 'annualita', 'distretto', 'area', 'importo_riconosciuto'] as const;

/** Text cells go through the formula-injection guard of csv-writer.ts; annuality and amount are numbers. */
export const siossCsv = (rows: readonly SiossRow[]): string =>
  writeCsv(
    SIOSS_COLUMNS,
    rows.map((r) => [r.fondo, r.annualita, r.distretto, r.area, csvNumber(r.importo_riconosciuto)]),
  );

export const siossXlsx = async (rows: readonly SiossRow[]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('SIOSS');
  ws.addRow([...SIOSS_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // The amount as a number of euros for spreadsheet sums; exact, since it has two decimals.
    ws.addRow([r.fondo, r.annualita, r.distretto, r.area, Number(r.importo_riconosciuto.replace(',', '.'))]);
  }
  ws.getColumn(5).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
};
