/** The "Relazione sulla Performance" as DOCX (`docx` package), rendered from the outline. */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { GANTT_COLOURS, GANTT_LETTERS } from './format.ts';
import type { PerformanceReportModel } from './model.ts';
import { reportOutline, reportTitle, type Block } from './outline.ts';

const HEADER_FILL = 'D9E2F3';
const LABEL_FILL = 'F2F2F2';
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const text = (value: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: value, ...opts })] });

const cell = (value: string, opts: { bold?: boolean; fill?: string; width?: number; size?: number; center?: boolean } = {}): TableCell =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: value, bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}) })],
      }),
    ],
    ...(opts.fill ? { shading: { fill: opts.fill, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    ...(opts.width !== undefined ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
  });

const fullWidth = { size: 100, type: WidthType.PERCENTAGE } as const;

const table = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, widths: readonly number[], totalRow = false): Table =>
  new Table({
    width: fullWidth,
    rows: [
      // repeated on every page the table runs over
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, fill: HEADER_FILL, width: widths[i] })) }),
      ...(rows.length === 0
        ? [new TableRow({ children: [new TableCell({ columnSpan: headers.length, children: [text('—')] })] })]
        : rows.map((r, j) => new TableRow({ children: r.map((v, i) => cell(v, { width: widths[i], bold: totalRow && j === rows.length - 1 })) }))),
    ],
  });

const GANTT_LABEL_WIDTH = 34;
const GANTT_OUTCOME_WIDTH = 18;

const gantt = (b: Extract<Block, { kind: 'gantt' }>): Table => {
  const monthWidth = (100 - GANTT_LABEL_WIDTH - GANTT_OUTCOME_WIDTH) / b.months.length;
  return new Table({
    width: fullWidth,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell('Attività', { bold: true, fill: HEADER_FILL, width: GANTT_LABEL_WIDTH, size: 16 }),
          ...b.months.map((m) => cell(m, { bold: true, fill: HEADER_FILL, width: monthWidth, size: 14, center: true })),
          cell('Scostamento', { bold: true, fill: HEADER_FILL, width: GANTT_OUTCOME_WIDTH, size: 16 }),
        ],
      }),
      ...b.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(r.label, { width: GANTT_LABEL_WIDTH, size: 16 }),
              ...r.marks.map((mark) =>
                mark === null ? cell('', { width: monthWidth }) : cell(GANTT_LETTERS[mark], { width: monthWidth, size: 14, center: true, fill: GANTT_COLOURS[mark] }),
              ),
              cell(r.outcome, { width: GANTT_OUTCOME_WIDTH, size: 16 }),
            ],
          }),
      ),
    ],
  });
};

const render = (b: Block): Array<Paragraph | Table> => {
  switch (b.kind) {
    case 'title':
      return [
        new Paragraph({ spacing: { before: 3000 }, children: [] }),
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: b.title, bold: true, size: 48 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400 }, children: [new TextRun({ text: b.subtitle, size: 32 })] }),
      ];
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], pageBreakBefore: b.newPage ?? false, spacing: { before: 240, after: 120 }, children: [new TextRun(b.text)] })];
    case 'paragraph': {
      const run: ParagraphChild = new TextRun({ text: b.text, bold: b.style === 'strong', italics: b.style === 'note' });
      return [new Paragraph({ spacing: { after: 120 }, children: [run] })];
    }
    case 'fields':
      return [
        new Table({
          width: fullWidth,
          rows: b.rows.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell(label, { bold: true, fill: LABEL_FILL, width: 30 }), cell(value, { width: 70 })] })),
        }),
      ];
    case 'table':
      return [table(b.headers, b.rows, b.widths, b.totalRow)];
    case 'gantt':
      return [gantt(b), new Paragraph({ spacing: { before: 80 }, children: [new TextRun({ text: b.legend, italics: true, size: 16 })] })];
  }
};

/** Builds the DOCX of the performance report. */
export const performanceReportDocx = async (model: PerformanceReportModel): Promise<Buffer> => {
  const doc = new Document({
    title: `${reportTitle(model.year)} – ${model.body}`,
    creator: 'Regia',
    description: `Relazione sulla Performance ${model.year} di ${model.body}`,
    styles: { default: { document: { run: { font: 'Titillium Web', size: 20, language: { value: 'it-IT' } } } } },
    sections: [{ children: reportOutline(model).flatMap(render) }],
  });
  return Packer.toBuffer(doc);
};
