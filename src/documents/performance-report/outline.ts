/**
 * The report as a list of neutral blocks, following seed 2's structure for each
 * objective plus what the seed lacks (DOMAIN.md): a summary per centre, the
 * score and status, a planned-vs-actual timeline. docx.ts and pdf.ts only
 * render these blocks, so the two formats cannot drift apart.
 */
import { formatPercent, ganttMarks, outcomeLabel, revisionLine, scoreLine, MONTH_ABBREVIATIONS, GANTT_LEGEND, type GanttMark } from './format.ts';
import { formatItalianDate } from '../../domain/dates.ts';
import type { PerformanceReportModel, ReportCentre, ReportEmblem, ReportObjective, StatusCounts } from './model.ts';

/** The cover page: no header, no footer, no page number. */
export interface Cover {
  readonly title: string;
  readonly body: string;
  /** "Anno 2024". */
  readonly year: string;
  /** "Documento del 04/12/2026". */
  readonly date: string;
  readonly emblem: ReportEmblem | null;
}

export type Block =
  /** The table of contents over the headings of level 1 and 2. */
  | { readonly kind: 'toc'; readonly title: string }
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly newPage?: boolean }
  | { readonly kind: 'paragraph'; readonly text: string; readonly style?: 'strong' | 'note' }
  /** Label/value pairs, as seed 2's identification table. */
  | { readonly kind: 'fields'; readonly rows: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'table'; readonly headers: readonly string[]; readonly rows: ReadonlyArray<readonly string[]>; readonly widths: readonly number[]; readonly totalRow?: boolean }
  | {
      readonly kind: 'gantt';
      readonly months: readonly string[];
      readonly rows: ReadonlyArray<{ readonly label: string; readonly marks: readonly GanttMark[]; readonly outcome: string }>;
      readonly legend: string;
    };

export const reportTitle = (year: number): string => `RELAZIONE SULLA PERFORMANCE ${year}`;
/** Heading levels listed in the table of contents: centres and objectives, not their sub-headings. */
export const TOC_LEVELS = 2;
/** The line of the header of every page but the cover. */
export const runningHeader = (m: Pick<PerformanceReportModel, 'body' | 'year'>): string => `${m.body} – ${reportTitle(m.year)}`;
/** "Pagina 3 di 12": the cover is page 1, unnumbered, so the table of contents and the footers agree. */
export const pageLabel = (page: number, pages: number): string => `Pagina ${page} di ${pages}`;
export const centreHeading = (name: string): string => `CENTRO DI RESPONSABILITA': ${name.toUpperCase()}`;
export const objectiveHeading = (code: string): string => `Obiettivo ${code}`;

export const SUMMARY_HEADERS = ['Centro di responsabilità', 'Obiettivi', 'Raggiunti', 'Parzialmente raggiunti', 'Non raggiunti', 'Sospesi', 'Punteggio medio'] as const;
export const ACTIVITY_HEADERS = ['Attività', 'Tempi', 'Consuntivo'] as const;
export const indicatorHeaders = (year: number) => ['Indicatore', 'Descrizione', 'Unità misura', `Valore atteso ${year}`, `Valore consuntivo ${year}`] as const;
export const IDENTIFICATION_LABELS = ['Area strategica', 'Obiettivo operativo (Piano programma)', 'Progetto PEG', 'Servizi interessati', 'Utenti finali', 'Reti di collaborazione'] as const;

const countsRow = (label: string, c: StatusCounts, score: number | null): string[] => [
  label,
  String(c.objectives),
  String(c.achieved),
  String(c.partially_achieved),
  String(c.not_achieved),
  String(c.suspended),
  formatPercent(score),
];

const summary = (m: PerformanceReportModel): Block[] => [
  { kind: 'heading', level: 1, text: `Sintesi dei risultati ${m.year}`, newPage: true },
  {
    kind: 'paragraph',
    text: 'Punteggio di un obiettivo: media (pesata) del grado di raggiungimento dei suoi indicatori (consuntivo/atteso, massimo 100%; si = 100%, si parzialmente = 50%, no o valore mancante = 0%). Gli obiettivi sospesi non sono valutati. Il totale conta una sola volta gli obiettivi comuni a più centri.',
    style: 'note',
  },
  {
    kind: 'table',
    headers: SUMMARY_HEADERS,
    rows: [...m.centres.map((c) => countsRow(c.name, c.counts, c.score)), countsRow('Totale ente', m.totals, m.overall)],
    widths: [30, 10, 11, 14, 11, 10, 14],
    totalRow: true,
  },
  ...validationBlocks(m),
];

/** Who validated the scores, when, and what they wrote; or that the figures are still provisional. */
const validationBlocks = (m: PerformanceReportModel): Block[] =>
  m.validation
    ? [
        { kind: 'heading', level: 2, text: 'Validazione del valutatore' },
        { kind: 'paragraph', text: `Punteggi validati il ${formatItalianDate(m.validation.on)} da ${m.validation.by}.` },
        ...paragraphs(m.validation.comment),
      ]
    : [{ kind: 'paragraph', text: 'Relazione provvisoria: i punteggi non sono ancora stati validati dal valutatore.', style: 'strong' }];

/** Paragraphs of a free text (blank lines or line breaks separate them). */
const paragraphs = (text: string): Block[] =>
  text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t): Block => ({ kind: 'paragraph', text: t }));

const objectiveBlocks = (o: ReportObjective, year: number): Block[] => [
  { kind: 'heading', level: 2, text: objectiveHeading(o.code) },
  { kind: 'paragraph', text: o.title, style: 'strong' },
  {
    kind: 'fields',
    rows: [o.strategicArea, o.operationalObjective, o.pegProject, o.services, o.endUsers, o.networks].map((v, i) => [IDENTIFICATION_LABELS[i]!, v] as const),
  },
  { kind: 'heading', level: 3, text: 'Descrizione obiettivo' },
  ...(o.description.trim() === '' ? [{ kind: 'paragraph', text: '—' } as const] : paragraphs(o.description)),
  { kind: 'heading', level: 3, text: 'Modalità di attuazione' },
  { kind: 'table', headers: ACTIVITY_HEADERS, rows: o.activities.map((a) => [a.description, a.planned, a.actual]), widths: [60, 20, 20] },
  { kind: 'heading', level: 3, text: 'Indicatori di risultato' },
  { kind: 'table', headers: indicatorHeaders(year), rows: o.indicators.map((i) => [i.name, i.description, i.unit, i.target, i.actual]), widths: [18, 42, 12, 14, 14] },
  ...(o.revision ? [{ kind: 'paragraph', text: revisionLine(o.revision), style: 'note' } as const] : []),
  { kind: 'paragraph', text: scoreLine(o.score, o.status), style: 'strong' },
  { kind: 'heading', level: 3, text: `Report al 31/12/${year}` },
  ...(o.report.trim() === '' ? [{ kind: 'paragraph', text: '—' } as const] : paragraphs(o.report)),
  ...(o.evaluation === null || o.evaluation.trim() === '' ? [] : [{ kind: 'heading', level: 3, text: 'Valutazione del valutatore' } as const, ...paragraphs(o.evaluation)]),
  ...(o.activities.length === 0
    ? []
    : [
        { kind: 'heading', level: 3, text: `Tempi previsti e consuntivo ${year}` } as const,
        {
          kind: 'gantt',
          months: MONTH_ABBREVIATIONS,
          // the whole name, wrapped in its column: a cut name is a different activity to the reader
          rows: o.activities.map((a, i) => ({ label: `${i + 1}. ${a.description}`, marks: ganttMarks(a.timeline), outcome: outcomeLabel(a.timeline) })),
          legend: GANTT_LEGEND,
        } as const,
      ]),
];

const centreBlocks = (c: ReportCentre, year: number): Block[] => [
  { kind: 'heading', level: 1, text: centreHeading(c.name), newPage: true },
  { kind: 'paragraph', text: `Obiettivi di performance – punteggio medio del centro: ${formatPercent(c.score)}`, style: 'note' },
  ...c.objectives.flatMap((o) => objectiveBlocks(o, year)),
];

export const reportCover = (m: PerformanceReportModel): Cover => ({
  title: reportTitle(m.year),
  body: m.body,
  year: `Anno ${m.year}`,
  date: `Documento del ${formatItalianDate(m.date)}`,
  emblem: m.emblem,
});

/** The pages after the cover: the table of contents, the summary, then each centre. */
export const reportOutline = (m: PerformanceReportModel): Block[] => [
  { kind: 'toc', title: 'Indice' },
  ...summary(m),
  ...m.centres.flatMap((c) => centreBlocks(c, m.year)),
];
