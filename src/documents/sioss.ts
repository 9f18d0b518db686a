/** The SIOSS export (EXCHANGE.md): CSV with `;` and decimal comma, or XLSX with the same columns. */
import ExcelJS from 'exceljs';
import type { SiossRow } from '../services/funds/readouts.ts';

export const SIOSS_COLUMNS = ['fondo', 'annualita', 'distretto', 'area', 'importo_riconosciuto'] as const;

const quote = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const siossCsv = (rows: readonly SiossRow[]): string =>
  [SIOSS_COLUMNS.join(';'), ...rows.map((r) => SIOSS_COLUMNS.map((c) => quote(String(r[c]))).join(';'))].join('\r\n') + '\r\n';

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
