/** The receipts of imports, uploads and submissions: the list, and each one as a PDF with its protocol number. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { DistrictCode, FileDownload, Id, PageQuery, pageOf, problemResponses } from './common.ts';

const tags = ['Fondi'];

export const ReceiptSummary = Type.Object({
  id: Type.Integer(),
  protocol: Type.String({ description: 'RIC-000123' }),
  kind: Type.Enum(['upload', 'import', 'submission'] as const),
  at: Type.String({ description: 'ISO 8601' }),
  actor: Type.String(),
  district: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(Type.String()),
});
export type ReceiptSummary = Static<typeof ReceiptSummary>;

export const listReceipts = endpoint('GET', '/api/receipts', {
  tags,
  summary: "Le ricevute di importazioni, caricamenti e invii, dalla più recente; un referente di distretto vede solo le proprie",
  querystring: Type.Object({ district: Type.Optional(DistrictCode), ...PageQuery }),
  response: { 200: pageOf(ReceiptSummary), ...problemResponses },
});

export const getReceiptPdf = endpoint('GET', '/api/receipts/:id/pdf', {
  tags,
  summary: 'La ricevuta in PDF: numero di protocollo, data e ora di Roma, chi, i file con la loro impronta SHA-256, i totali in euro',
  params: Type.Object({ id: Id }),
  produces: ['application/pdf'],
  response: { 200: FileDownload, ...problemResponses },
});
