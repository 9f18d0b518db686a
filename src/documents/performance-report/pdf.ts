/**
 * The "Relazione sulla Performance" as PDF (pdfmake 0.3, server side), rendered
 * from the same outline as the DOCX.
 *
 * Security: pdfmake may fetch URLs and read local files named in a document
 * definition (images, attachments, fonts). Both are denied: the fonts are handed
 * over as bytes through pdfmake's in-memory file system, so nothing needs either. The policies are process-wide
 * (pdfmake is a singleton), which is the safe default for any other user too.
 *
 * Fonts: Roboto shipped with pdfmake, a runtime dependency (the Titillium TTFs
 * come with bootstrap-italia, a dev dependency absent in production installs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake';
import { fitWithin, GANTT_COLOURS, GANTT_LETTERS } from './format.ts';
import type { PerformanceReportModel } from './model.ts';
import { pageLabel, reportCover, reportOutline, reportTitle, runningHeader, TOC_LEVELS, type Block, type Cover } from './outline.ts';

export type DocumentDefinition = Parameters<typeof pdfmake.createPdf>[0];

const FONT = 'RegiaRoboto';
let ready = false;

/** The pdfmake instance with our fonts and with URL and file access denied. */
export const securePdfmake = (): typeof pdfmake => {
  if (ready) return pdfmake;
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  // pdfmake takes fonts by name only; its in-memory file system serves them without any local file access
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs;
  const font = (file: string): string => {
    const name = `regia-fonts/${file}`;
    vfs.writeFileSync(name, readFileSync(join(dir, file)));
    return name;
  };
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  // a family of our own: setFonts would take away fonts other modules may have added
  pdfmake.addFonts({
    [FONT]: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  ready = true;
  return pdfmake;
};

const HEADER_FILL = '#D9E2F3';
const LABEL_FILL = '#F2F2F2';

const headerCells = (headers: readonly string[], fontSize?: number): TableCell[] =>
  headers.map((h) => ({ text: h, bold: true, fillColor: HEADER_FILL, ...(fontSize ? { fontSize } : {}) }));

/** The outline's widths are percentages of the page width. */
const percents = (widths: readonly number[]): string[] => widths.map((w) => `${w}%`);

/** Points each side of a month's cell (pdfmake's default is 4: too much for a column this narrow). */
export const GANTT_MONTH_PADDING = 1;
const isMonthColumn = (i: number, months: number) => i >= 1 && i <= months;

const gantt = (b: Extract<Block, { kind: 'gantt' }>): Content[] => [
  {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['30%', ...b.months.map(() => `${54 / b.months.length}%`), '16%'],
      body: [
        // noWrap: a month's name stays on one line ("Mag", never "Ma/g")
        [...headerCells(['Attività'], 8), ...b.months.map((m): TableCell => ({ text: m, bold: true, fillColor: HEADER_FILL, fontSize: 6, alignment: 'center', noWrap: true })), ...headerCells(['Scostamento'], 8)],
        ...b.rows.map((r): TableCell[] => [
          { text: r.label, fontSize: 8 },
          ...r.marks.map((mark): TableCell => (mark === null ? { text: '' } : { text: GANTT_LETTERS[mark], fontSize: 6, alignment: 'center', noWrap: true, fillColor: `#${GANTT_COLOURS[mark]}` })),
          { text: r.outcome, fontSize: 8 },
        ]),
      ],
    },
    layout: {
      paddingLeft: (i: number) => (isMonthColumn(i, b.months.length) ? GANTT_MONTH_PADDING : 4),
      paddingRight: (i: number) => (isMonthColumn(i, b.months.length) ? GANTT_MONTH_PADDING : 4),
    },
  },
  { text: b.legend, italics: true, fontSize: 7, margin: [0, 3, 0, 6] },
];

/** Points of the box the emblem fits in: about 4.2 cm. */
const EMBLEM_BOX = 120;
const EMBLEM_IMAGE = 'emblem';

const coverPage = (c: Cover): Content[] => [
  ...(c.emblem ? [{ image: EMBLEM_IMAGE, ...fitWithin(c.emblem.width, c.emblem.height, EMBLEM_BOX), alignment: 'center' as const, margin: [0, 60, 0, 40] as [number, number, number, number] }] : []),
  { text: c.title, style: 'title', margin: [0, c.emblem ? 0 : 200, 0, 24] },
  { text: c.body, style: 'subtitle' },
  { text: c.year, style: 'subtitle', fontSize: 14, margin: [0, 8, 0, 0] },
  { text: c.date, alignment: 'center', fontSize: 11, margin: [0, 120, 0, 0] },
];

const render = (b: Block): Content[] => {
  switch (b.kind) {
    case 'toc':
      return [{ toc: { title: { text: b.title, style: 'h1' } }, pageBreak: 'before' }];
    case 'heading':
      return [
        {
          text: b.text,
          style: `h${b.level}`,
          ...(b.newPage ? { pageBreak: 'before' as const } : {}),
          headlineLevel: b.level,
          ...(b.level <= TOC_LEVELS ? { tocItem: true, tocMargin: [(b.level - 1) * 12, 0, 0, 2] as [number, number, number, number] } : {}),
        },
      ];
    case 'paragraph':
      return [{ text: b.text, bold: b.style === 'strong', italics: b.style === 'note', margin: [0, 0, 0, 6] }];
    case 'fields':
      return [
        {
          table: { widths: ['30%', '70%'], dontBreakRows: true, body: b.rows.map(([label, value]): TableCell[] => [{ text: label, bold: true, fillColor: LABEL_FILL }, { text: value }]) },
          margin: [0, 0, 0, 6],
        },
      ];
    case 'table':
      return [
        {
          table: {
            headerRows: 1,
            widths: percents(b.widths),
            body: [
              headerCells(b.headers),
              ...(b.rows.length === 0
                ? [[{ text: '—', colSpan: b.headers.length }, ...b.headers.slice(1).map(() => ({ text: '' }))]]
                : b.rows.map((r, j) => r.map((v): TableCell => ({ text: v, bold: b.totalRow === true && j === b.rows.length - 1 })))),
            ],
          },
          margin: [0, 0, 0, 6],
        },
      ];
    case 'gantt':
      return gantt(b);
  }
};

const dataUrl = (e: NonNullable<Cover['emblem']>) => `data:image/${e.format};base64,${Buffer.from(e.content).toString('base64')}`;

/**
 * The document definition: the cover first, with neither header nor footer; the pages after it
 * under a header naming the body and the report, over "Pagina 2 di 12": the cover counts as page 1,
 * as pdfmake's table of contents counts it.
 */
export const performanceReportDefinition = (model: PerformanceReportModel): DocumentDefinition => {
  const cover = reportCover(model);
  return {
    info: { title: `${reportTitle(model.year)} – ${model.body}`, author: 'Regia', creator: 'Regia', subject: `Relazione sulla Performance ${model.year} di ${model.body}` },
    language: 'it-IT',
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: FONT, fontSize: 9 },
    styles: {
      title: { fontSize: 24, bold: true, alignment: 'center' },
      subtitle: { fontSize: 16, alignment: 'center' },
      h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
    },
    ...(cover.emblem ? { images: { [EMBLEM_IMAGE]: dataUrl(cover.emblem) } } : {}),
    header: (page: number) => (page === 1 ? null : { text: runningHeader(model), fontSize: 7, alignment: 'right', margin: [40, 25, 40, 0] }),
    footer: (page: number, pages: number) => (page === 1 ? null : { text: pageLabel(page, pages), fontSize: 7, alignment: 'center' }),
    content: [...coverPage(cover), ...reportOutline(model).flatMap(render)],
  };
};

/** Builds the PDF of the performance report. */
export const performanceReportPdf = async (model: PerformanceReportModel): Promise<Buffer> =>
  securePdfmake().createPdf(performanceReportDefinition(model)).getBuffer();
