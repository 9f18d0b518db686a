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
import { GANTT_COLOURS, GANTT_LETTERS } from './format.ts';
import type { PerformanceReportModel } from './model.ts';
import { reportOutline, reportTitle, type Block } from './outline.ts';

type DocumentDefinition = Parameters<typeof pdfmake.createPdf>[0];

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

const gantt = (b: Extract<Block, { kind: 'gantt' }>): Content[] => [
  {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['34%', ...b.months.map(() => '4%'), '18%'],
      body: [
        [...headerCells(['Attività'], 8), ...b.months.map((m): TableCell => ({ text: m, bold: true, fillColor: HEADER_FILL, fontSize: 6, alignment: 'center' })), ...headerCells(['Scostamento'], 8)],
        ...b.rows.map((r): TableCell[] => [
          { text: r.label, fontSize: 8 },
          ...r.marks.map((mark): TableCell => (mark === null ? { text: '' } : { text: GANTT_LETTERS[mark], fontSize: 6, alignment: 'center', fillColor: `#${GANTT_COLOURS[mark]}` })),
          { text: r.outcome, fontSize: 8 },
        ]),
      ],
    },
  },
  { text: b.legend, italics: true, fontSize: 7, margin: [0, 3, 0, 6] },
];

const render = (b: Block): Content[] => {
  switch (b.kind) {
    case 'title':
      return [
        { text: b.title, style: 'title', margin: [0, 200, 0, 24] },
        { text: b.subtitle, style: 'subtitle' },
      ];
    case 'heading':
      return [{ text: b.text, style: `h${b.level}`, ...(b.newPage ? { pageBreak: 'before' as const } : {}), headlineLevel: b.level }];
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

/** Builds the PDF of the performance report. */
export const performanceReportPdf = async (model: PerformanceReportModel): Promise<Buffer> => {
  const pdf = securePdfmake();
  const definition: DocumentDefinition = {
    info: { title: `${reportTitle(model.year)} – ${model.body}`, creator: 'Regia', subject: `Relazione sulla Performance ${model.year}` },
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
    footer: (page: number, pages: number) => ({ text: `${model.body} – ${reportTitle(model.year)} – pag. ${page} di ${pages}`, fontSize: 7, alignment: 'center' }),
    content: reportOutline(model).flatMap(render),
  };
  return pdf.createPdf(definition).getBuffer();
};
