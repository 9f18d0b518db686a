/** The acknowledgement act as DOCX (`docx` package), from the outline of model.ts. */
import { AlignmentType, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { acknowledgementOutline, type AcknowledgementActModel } from './model.ts';

const para = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; after?: number } = {}): Paragraph =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: opts.after ?? 120 },
    children: [new TextRun({ text, bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}) })],
  });

const labelled = (label: string, value: string): Paragraph => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value })] });

const cell = (text: string, header = false): TableCell =>
  new TableCell({
    children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.RIGHT, children: [new TextRun({ text, bold: header, size: 18 })] })],
    ...(header ? { shading: { fill: 'D9E2F3', type: ShadingType.CLEAR, color: 'auto' } } : {}),
  });

export const acknowledgementDocx = async (model: AcknowledgementActModel): Promise<Buffer> => {
  const o = acknowledgementOutline(model);
  const children = [
    para('REGIONE LAZIO', { bold: true, center: true, size: 28 }),
    ...o.heading.map(([k, v]) => labelled(k, v)),
    para(o.title, { bold: true, center: true, size: 26 }),
    labelled('Oggetto', o.subject),
    ...o.signatures.map(([k, v]) => labelled(k, v)),
    para('IL DIRETTORE', { bold: true, center: true }),
    para('VISTI', { bold: true }),
    ...o.visti.map((v) => para(v)),
    para('CONSIDERATO', { bold: true }),
    ...o.considerato.map((v) => para(v)),
    para('DETERMINA', { bold: true, center: true }),
    ...o.determina.map((v, i) => para(`${i + 1}. ${v}`)),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: o.table.headers.map((h) => cell(h, true)) }), ...o.table.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
    }),
  ];
  const doc = new Document({ creator: 'Regia', title: o.title, description: o.subject, sections: [{ children }] });
  return Packer.toBuffer(doc);
};
