/**
 * The "Relazione sulla Performance" at the size of a large consortium: a SYNTHETIC plan of
 * 10 centres × 5 objectives, each with 5 activities and 5 indicators. Times scorePlan, the
 * report model, the DOCX and the PDF (pure builders of src/documents, fed with the plan).
 */
import { validatePlanInput, type PlanInput } from '../src/domain/performance/plan.ts';
import { scorePlan } from '../src/domain/performance/scoring.ts';
import { calendarDate } from '../src/domain/dates.ts';
import { buildPerformanceReportModel } from '../src/documents/performance-report/model.ts';
import { performanceReportDocx } from '../src/documents/performance-report/docx.ts';
import { performanceReportPdf } from '../src/documents/performance-report/pdf.ts';
import { prng } from './prng.ts';
import { importPlan } from '../src/services/performance/import.ts';
import { reportDocx, reportPdf } from '../src/services/performance/reports.ts';
import { SYSTEM } from '../src/services/bootstrap.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { median, timeIt } from './timing.ts';

const MONTHS = ['Gennaio', 'Febbraio', 'Marzo', 'Aprile', 'Maggio', 'Giugno', 'Luglio', 'Agosto', 'Settembre', 'Ottobre', 'Novembre', 'Dicembre'];

export const syntheticPlanJson = (centres = 10, objectives = 5, activities = 5, indicators = 5, seed = 42) => {
  const r = prng(seed);
  const text = (what: string, n: number) => `${what} sintetico/a: ${'testo descrittivo di esempio '.repeat(n).trim()}.`;
  return {
    body: 'Consorzio sintetico di benchmark',
    year: 2024,
    centres: Array.from({ length: centres }, (_, c) => ({
      name: `Area sintetica ${c + 1}`,
      objectives: Array.from({ length: objectives }, (_, o) => ({
        code: `${c + 1}.${o + 1}`,
        title: text(`Obiettivo ${c + 1}.${o + 1}`, 3),
        strategicArea: text('Area strategica', 2),
        operationalObjective: text('Obiettivo operativo', 2),
        pegProject: text('Progetto PEG', 1),
        services: text('Servizi', 1),
        endUsers: 'Cittadini',
        networks: text('Reti', 1),
        description: `${text('Descrizione', 8)}\n${text('Secondo paragrafo', 6)}`,
        ...(o === 4 && c % 3 === 0 ? { revision: { kind: c % 2 === 0 ? 'updated' : 'suspended', act: `Deliberazione CdA n. ${c + 10}`, date: '2024-09-19' } } : {}),
        activities: Array.from({ length: activities }, (_, a) => {
          const planned = r.next() < 0.15 ? 'mensile' : MONTHS[r.int(0, 11)]!;
          const actual = r.next() < 0.1 ? 'Rinvio al 2025' : r.next() < 0.1 ? '' : MONTHS[r.int(0, 11)]!;
          return { description: text(`Attività ${a + 1}`, 2), planned, actual };
        }),
        indicators: Array.from({ length: indicators }, (_, i) => {
          const yesNo = r.next() < 0.3;
          const target = yesNo ? 'si' : String(r.int(1, 200));
          const actual = yesNo ? r.pick(['si', 'no', 'si parzialmente']) : r.next() < 0.1 ? '' : String(r.int(0, 220)).replace(/\B(?=(\d{3})+$)/g, '.');
          return { name: `Indicatore ${i + 1}`, description: text('Indicatore', 1), unit: yesNo ? 'si/no' : 'n.', target, actual, weight: r.int(1, 3) };
        }),
        report: text('Relazione', 10),
      })),
    })),
  };
};

export interface ReportTimings {
  centres: number;
  objectives: number;
  activities: number;
  indicators: number;
  runs: number;
  scorePlanMs: number;
  modelMs: number;
  docxMs: number;
  pdfMs: number;
  docxBytes: number;
  pdfBytes: number;
  /** which path was timed */
  source: string;
}

/** A fixed cover date: the figures do not depend on the day they are taken. */
const COVER_DATE = calendarDate('2025-03-31');

export const benchPerformanceReport = async (runs = 5): Promise<ReportTimings> => {
  const validation = validatePlanInput(syntheticPlanJson());
  if (!validation.ok) throw new Error(`synthetic plan invalid: ${validation.errors.slice(0, 5).join('; ')}`);
  const plan: PlanInput = validation.plan;
  const objectives = plan.centres.reduce((n, c) => n + c.objectives.length, 0);
  const activities = plan.centres.reduce((n, c) => n + c.objectives.reduce((m, o) => m + o.activities.length, 0), 0);
  const indicators = plan.centres.reduce((n, c) => n + c.objectives.reduce((m, o) => m + o.indicators.length, 0), 0);
  // one warm-up run of each (module loading, font parsing, JIT), then the median of `runs`
  const model = buildPerformanceReportModel(plan, { date: COVER_DATE });
  await performanceReportDocx(model);
  await performanceReportPdf(model);
  const score: number[] = [];
  const models: number[] = [];
  const docx: number[] = [];
  const pdf: number[] = [];
  let docxBytes = 0;
  let pdfBytes = 0;
  for (let i = 0; i < runs; i++) {
    score.push((await timeIt(async () => scorePlan(plan))).ms);
    const m = await timeIt(async () => buildPerformanceReportModel(plan, { date: COVER_DATE }));
    models.push(m.ms);
    const d = await timeIt(() => performanceReportDocx(m.result));
    docx.push(d.ms);
    docxBytes = d.result.length;
    const p = await timeIt(() => performanceReportPdf(m.result));
    pdf.push(p.ms);
    pdfBytes = p.result.length;
  }
  return {
    centres: plan.centres.length,
    objectives,
    activities,
    indicators,
    runs,
    scorePlanMs: median(score),
    modelMs: median(models),
    docxMs: median(docx),
    pdfMs: median(pdf),
    docxBytes,
    pdfBytes,
    source: 'pure builders: buildPerformanceReportModel → performanceReportDocx / performanceReportPdf, fed with the validated plan',
  };
};

export interface ServiceReportTimings {
  importMs: number;
  runs: number;
  docxMs: number;
  pdfMs: number;
}

/**
 * The same plan through src/services/performance/: importPlan into the database, then
 * reportDocx / reportPdf, which read the plan back from the database and build the documents.
 */
export const benchPerformanceReportService = async (ctx: ServiceContext, runs = 5): Promise<ServiceReportTimings> => {
  const imported = await timeIt(() => importPlan(ctx, SYSTEM, syntheticPlanJson()));
  const id = imported.result.id;
  await reportDocx(ctx, SYSTEM, id); // warm-up
  await reportPdf(ctx, SYSTEM, id);
  const docx: number[] = [];
  const pdf: number[] = [];
  for (let i = 0; i < runs; i++) {
    docx.push((await timeIt(() => reportDocx(ctx, SYSTEM, id))).ms);
    pdf.push((await timeIt(() => reportPdf(ctx, SYSTEM, id))).ms);
  }
  return { importMs: imported.ms, runs, docxMs: median(docx), pdfMs: median(pdf) };
};
