/** The receipt as a one-page PDF (pdfmake, with the locked-down instance of the performance report). */
import type { Content, TableCell } from 'pdfmake';
import { formatEuro, type Cents } from '../../domain/money.ts';
import { formatItalianDate, romeDate, romeTime } from '../../domain/dates.ts';
import { formatFileSize } from '../../domain/file-size.ts';
import { securePdfmake } from '../performance-report/pdf.ts';
import { RECEIPT_TITLES, receiptProtocol, type ReceiptDocumentModel } from './model.ts';

type DocumentDefinition = Parameters<ReturnType<typeof securePdfmake>['createPdf']>[0];

const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const figure = (value: Cents | number): string => (typeof value === 'bigint' ? formatEuro(value) : grouped(value));


/** "04/12/2026 alle 20:35:12 (ora di Roma)" */
export const receiptMoment = (at: Date): string => `${formatItalianDate(romeDate(at))} alle ${romeTime(at)} (ora di Roma)`;

export const receiptPdf = async (model: ReceiptDocumentModel): Promise<Buffer> => {
  const pdf = securePdfmake();
  const protocol = receiptProtocol(model.id);
  const fields: Array<[string, string]> = [
    ['Numero di protocollo', protocol],
    ['Data e ora', receiptMoment(model.at)],
    ['Presentata da', model.actor],
    ...(model.district ? ([['Distretto', model.district]] as Array<[string, string]>) : []),
    ...(model.year !== null ? ([['Anno della rendicontazione', String(model.year)]] as Array<[string, string]>) : []),
  ];
  const content: Content[] = [
    { text: model.installation, style: 'installation' },
    { text: RECEIPT_TITLES[model.kind], style: 'title' },
    { table: { widths: ['35%', '65%'], body: fields.map(([k, v]) => [{ text: k, bold: true }, { text: v }]) }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 12] },
    { text: 'File ricevuti', style: 'heading' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto'],
        body: [
          ['File', 'Dimensione', 'Righe'].map((h) => ({ text: h, bold: true })),
          // the fingerprint on a line of its own, whole: a reader compares it character by character
          ...model.files.flatMap((f): TableCell[][] => [
            [{ text: f.name }, { text: formatFileSize(f.bytes), alignment: 'right' as const }, { text: f.lines === undefined ? '—' : grouped(f.lines), alignment: 'right' as const }],
            [{ text: `SHA-256: ${f.sha256}`, fontSize: 8, colSpan: 3 }, { text: '' }, { text: '' }],
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 12],
    },
    ...(model.totals.length > 0
      ? ([
          { text: 'Totali', style: 'heading' },
          { table: { widths: ['60%', '40%'], body: model.totals.map((t) => [t.label, { text: figure(t.value), alignment: 'right' }]) }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 12] },
        ] as Content[])
      : []),
    {
      text: `L'impronta SHA-256 identifica ogni file: un file con la stessa impronta è lo stesso file, byte per byte. Conservare questa ricevuta: il numero ${protocol} la ritrova nel registro delle attività di Regia.`,
      style: 'note',
    },
  ];
  const definition: DocumentDefinition = {
    info: { title: `${RECEIPT_TITLES[model.kind]} ${protocol}`, creator: 'Regia', subject: protocol },
    language: 'it-IT',
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { font: 'RegiaRoboto', fontSize: 10 },
    styles: {
      installation: { fontSize: 9, color: '#555555', margin: [0, 0, 0, 8] },
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 12] },
      heading: { fontSize: 11, bold: true, margin: [0, 4, 0, 4] },
      note: { fontSize: 8, color: '#333333' },
    },
    content,
  };
  return pdf.createPdf(definition).getBuffer();
};
