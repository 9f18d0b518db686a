/**
 * What a stored receipt is and what it states (issue #11, "Receipts"): an import of the exchange
 * files, a district's upload into its draft report, or the report's submission; read from the
 * stored row's own fields, so a receipt downloaded years later says what it said the day it was made.
 */
import { cents, type Cents } from './money.ts';

export type ReceiptKind = 'upload' | 'import' | 'submission';

/** `RIC-000123`: the receipt's protocol number, the same on screen, in the PDF and in the list. */
export const receiptProtocol = (id: number): string => `RIC-${String(id).padStart(6, '0')}`;

export interface StoredReceipt {
  readonly reportId: number | null;
  readonly files: unknown;
  readonly stored: unknown;
}

export interface ReceiptFileFact {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly lines?: number;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export const receiptKindOf = (r: StoredReceipt): ReceiptKind => ('submission' in record(r.stored) ? 'submission' : r.reportId !== null ? 'upload' : 'import');

export const receiptFilesOf = (r: StoredReceipt): ReceiptFileFact[] => {
  const files = record(r.files).files;
  return (Array.isArray(files) ? files : []).map((f) => {
    const x = record(f);
    return { name: String(x.name ?? ''), bytes: Number(x.bytes ?? 0), sha256: String(x.sha256 ?? ''), ...(typeof x.lines === 'number' ? { lines: x.lines } : {}) };
  });
};

/** Labelled figures: counts as numbers, money as cents (stored as digit strings). */
export const receiptTotalsOf = (r: StoredReceipt): { label: string; value: number | Cents }[] => {
  const stored = record(r.stored);
  const money = (v: unknown): Cents => cents(BigInt(String(v ?? '0')));
  switch (receiptKindOf(r)) {
    case 'upload': {
      const s = record(stored.spese);
      return [
        { label: 'Spese registrate nella bozza', value: Number(s.added ?? 0) },
        { label: 'Importo delle spese registrate', value: money(s.amount) },
      ];
    }
    case 'submission': {
      const s = record(stored.submission);
      const perFund = (Array.isArray(s.totals) ? s.totals : []).map((t) => {
        const x = record(t);
        return { label: `Rendicontato su ${String(x.fund)} ${String(x.annuality)}`, value: money(x.amount) };
      });
      return [{ label: 'Spese inviate', value: Number(s.lines ?? 0) }, { label: 'Importo inviato', value: money(s.amount) }, ...perFund];
    }
    case 'import':
      return Object.entries(stored).map(([file, c]) => ({ label: `${file}: record aggiunti`, value: Number(record(c).added ?? 0) }));
  }
};
