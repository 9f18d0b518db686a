/** The import of the exchange files (EXCHANGE.md) in one transaction, answered by its receipt. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { Problem, problemResponses } from './common.ts';

const FileSummary = Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer(), lines: Type.Integer() });
const Counts = Type.Object({ added: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() });

export const ImportReceipt = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  files: Type.Array(FileSummary),
  archive: Type.Union([Type.Object({ name: Type.String(), sha256: Type.String(), bytes: Type.Integer() }), Type.Null()]),
  stored: Type.Record(Type.String(), Counts),
});
export type ImportReceipt = Static<typeof ImportReceipt>;

/** Multipart: the CSV/XLSX files or one .zip; 422 lists the errors, line by line, and nothing is saved. */
export const runImport = endpoint('POST', '/api/imports', {
  tags: ['Importazioni'],
  summary: 'Importa i file CSV/XLSX del formato di scambio (o uno .zip) in una transazione; risponde con la ricevuta',
  consumes: ['multipart/form-data'],
  response: { 200: Type.Object({ receipt: ImportReceipt, summary: Type.Array(Type.String()) }), ...problemResponses, 500: Problem },
});
