/** The "Relazione sulla Performance" as DOCX (`docx` package), rendered from the outline. */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TableOfContents,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { fitWithin, GANTT_COLOURS, GANTT_LETTERS } from './format.ts';
import type { PerformanceReportModel } from './model.ts';
import { reportCover, reportOutline, reportTitle, runningHeader, TOC_LEVELS, type Block, type Cover } from './outline.ts';

const HEADER_FILL = 'D9E2F3';
const LABEL_FILL = 'F2F2F2';
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const text = (value: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: value, ...opts })] });

/** A4 with 2 cm margins, in twentieths of a point: the width tables are laid out on. */
const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

const cell = (value: string, opts: { bold?: boolean; fill?: string; width?: number; size?: number; center?: boolean; narrow?: boolean } = {}): TableCell =>
  new TableCell({
    // a month's column is narrow: Word's default 0.19 cm padding each side would leave "Ma/g"
    ...(opts.narrow ? { margins: { left: GANTT_MONTH_PADDING, right: GANTT_MONTH_PADDING } } : {}),
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

const GANTT_LABEL_WIDTH = 30;
const GANTT_OUTCOME_WIDTH = 16;
/** Twips each side of a month's cell. */
const GANTT_MONTH_PADDING = 20;

const gantt = (b: Extract<Block, { kind: 'gantt' }>): Table => {
  const monthWidth = (100 - GANTT_LABEL_WIDTH - GANTT_OUTCOME_WIDTH) / b.months.length;
  const twips = (percent: number) => Math.floor((TEXT_WIDTH * percent) / 100);
  return new Table({
    width: fullWidth,
    layout: TableLayoutType.FIXED,
    // a fixed layout is drawn from the grid: its columns must be the real widths
    columnWidths: [twips(GANTT_LABEL_WIDTH), ...b.months.map(() => twips(monthWidth)), twips(GANTT_OUTCOME_WIDTH)],
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell('Attività', { bold: true, fill: HEADER_FILL, width: GANTT_LABEL_WIDTH, size: 16 }),
          ...b.months.map((m) => cell(m, { bold: true, fill: HEADER_FILL, width: monthWidth, size: 14, center: true, narrow: true })),
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
                mark === null ? cell('', { width: monthWidth, narrow: true }) : cell(GANTT_LETTERS[mark], { width: monthWidth, size: 14, center: true, fill: GANTT_COLOURS[mark], narrow: true }),
              ),
              cell(r.outcome, { width: GANTT_OUTCOME_WIDTH, size: 16 }),
            ],
          }),
      ),
    ],
  });
};

/** Pixels (96 to the inch) of the box the emblem fits in: about 4.2 cm. */
const EMBLEM_BOX = 160;

const coverPage = (c: Cover): Paragraph[] => [
  new Paragraph({ spacing: { before: c.emblem ? 1200 : 3000 }, children: [] }),
  ...(c.emblem
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 600 },
          children: [
            new ImageRun({
              type: c.emblem.format === 'png' ? 'png' : 'jpg',
              data: c.emblem.content,
              transformation: fitWithin(c.emblem.width, c.emblem.height, EMBLEM_BOX),
              altText: { name: 'Emblema', title: `Emblema di ${c.body}`, description: `Emblema di ${c.body}` },
            }),
          ],
        }),
      ]
    : []),
  new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.title, bold: true, size: 48 })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400 }, children: [new TextRun({ text: c.body, size: 32 })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200 }, children: [new TextRun({ text: c.year, size: 28 })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1600 }, children: [new TextRun({ text: c.date, size: 22 })] }),
];

const render = (b: Block): Array<Paragraph | Table | TableOfContents> => {
  switch (b.kind) {
    case 'toc':
      return [
        // not a heading: the contents do not list themselves
        new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: b.title, bold: true, size: 32 })] }),
        new TableOfContents(b.title, { hyperlink: true, headingStyleRange: `1-${TOC_LEVELS}`, beginDirty: true }),
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

const page = { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } };

/**
 * Builds the DOCX of the performance report: the cover in a section of its own, with neither
 * header nor footer; then the contents under a header naming the body and the report and over
 * "Pagina X di Y", the cover counted as page 1 but not printed (as the PDF, so the contents'
 * page numbers and the footers agree in both formats). Word fills the table of contents when it opens the file
 * (updateFields).
 */
export const performanceReportDocx = async (model: PerformanceReportModel): Promise<Buffer> => {
  const doc = new Document({
    title: `${reportTitle(model.year)} – ${model.body}`,
    subject: `Relazione sulla Performance ${model.year} di ${model.body}`,
    creator: 'Regia',
    lastModifiedBy: 'Regia',
    keywords: `Relazione sulla Performance; ${model.year}; ${model.body}`,
    description: `Relazione sulla Performance ${model.year} di ${model.body}`,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Titillium Web', size: 20, language: { value: 'it-IT' } } } } },
    sections: [
      { properties: { page }, children: coverPage(reportCover(model)) },
      {
        properties: { page },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: runningHeader(model), size: 16 })] })] }) },
        footers: {
          default: new Footer({
            // pageLabel's wording, as fields Word fills
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' di ', PageNumber.TOTAL_PAGES], size: 16 })] })],
          }),
        },
        children: reportOutline(model).flatMap(render),
      },
    ],
  });
  return Packer.toBuffer(doc);
};
