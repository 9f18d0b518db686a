/**
 * A receipt a district or the Region keeps for what it handed in (issue #11, "Receipts"): what,
 * when in Rome's time, by whom, every file with its SHA-256, and the totals in euros. Built from
 * a stored receipt, never from the request, so a copy downloaded later is the same document.
 */
import type { Cents } from '../../domain/money.ts';
import type { ReceiptFileFact, ReceiptKind } from '../../domain/receipts.ts';

export type { ReceiptKind };

export interface ReceiptDocumentModel {
  readonly id: number;
  readonly kind: ReceiptKind;
  /** the instant it was stored; printed as a date and time in Europe/Rome */
  readonly at: Date;
  /** who handed it in, by display name */
  readonly actor: string;
  /** "Distretto LT2 – Latina" or null for a Region-wide import */
  readonly district: string | null;
  /** the report's year, for an upload or a submission */
  readonly year: number | null;
  readonly files: readonly ReceiptFileFact[];
  /** labelled figures: "Righe di spesa" → 1.234, "Importo rendicontato" → cents */
  readonly totals: ReadonlyArray<{ readonly label: string; readonly value: Cents | number }>;
  readonly installation: string;
}

export { receiptProtocol } from '../../domain/receipts.ts';

export const RECEIPT_TITLES: Record<ReceiptKind, string> = {
  upload: 'Ricevuta di caricamento della rendicontazione',
  import: 'Ricevuta di importazione dei dati',
  submission: 'Ricevuta di invio della rendicontazione',
};
