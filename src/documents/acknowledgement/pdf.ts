/** The acknowledgement act as a PDF draft (pdfmake, the locked-down instance of the performance report). */
import type { Content } from 'pdfmake';
import { securePdfmake } from '../performance-report/pdf.ts';
import { acknowledgementOutline, type AcknowledgementActModel } from './model.ts';

type DocumentDefinition = Parameters<ReturnType<typeof securePdfmake>['createPdf']>[0];

export const acknowledgementPdf = async (model: AcknowledgementActModel): Promise<Buffer> => {
  const pdf = securePdfmake();
  const o = acknowledgementOutline(model);
  const labelled = ([k, v]: readonly [string, string]): Content => ({ text: [{ text: `${k}: `, bold: true }, v], margin: [0, 0, 0, 3] });
  const content: Content[] = [
    { text: 'REGIONE LAZIO', style: 'region' },
    ...o.heading.map(labelled),
    { text: o.title, style: 'title' },
    labelled(['Oggetto', o.subject]),
    ...o.signatures.map(labelled),
    { text: 'IL DIRETTORE', style: 'section', alignment: 'center' },
    { text: 'VISTI', style: 'section' },
    ...o.visti.map((v): Content => ({ text: v, style: 'body' })),
    { text: 'CONSIDERATO', style: 'section' },
    ...o.considerato.map((v): Content => ({ text: v, style: 'body' })),
    { text: 'DETERMINA', style: 'section', alignment: 'center' },
    ...o.determina.map((v, i): Content => ({ text: `${i + 1}. ${v}`, style: 'body' })),
    {
      table: {
        headerRows: 1,
        widths: ['auto', 'auto', '*', '*', '*', '*', '*'],
        body: [o.table.headers.map((h) => ({ text: h, bold: true, fillColor: '#D9E2F3', fontSize: 8 })), ...o.table.rows.map((r) => r.map((v) => ({ text: v, alignment: 'right' as const, fontSize: 8 })))],
      },
      margin: [0, 6, 0, 0],
    },
  ];
  const definition: DocumentDefinition = {
    info: { title: o.title, creator: 'Regia', subject: o.subject },
    language: 'it-IT',
    pageSize: 'A4',
    pageMargins: [60, 50, 60, 50],
    watermark: { text: 'BOZZA', opacity: 0.08 },
    defaultStyle: { font: 'RegiaRoboto', fontSize: 10 },
    styles: {
      region: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      title: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 10, 0, 10] },
      section: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      body: { alignment: 'justify', margin: [0, 0, 0, 4] },
    },
    content,
  };
  return pdf.createPdf(definition).getBuffer();
};
