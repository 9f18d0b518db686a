import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { calendarDate } from '../../domain/dates.ts';
import { validatePlanInput, type PlanInput } from '../../domain/performance/plan.ts';
import { amministrativa22, amministrativa23, cda49, centre, minori1, plan } from '../../domain/performance/fixtures.test-support.ts';
import { buildPerformanceReportModel, type PerformanceReportModel } from './model.ts';
import { performanceReportDocx } from './docx.ts';
import { performanceReportPdf, securePdfmake } from './pdf.ts';
import { formatPercent, outcomeLabel, revisionLine } from './format.ts';
import { IDENTIFICATION_LABELS } from './outline.ts';

const identification = {
  strategicArea: 'Governance, amministrazione e servizi generali.',
  operationalObjective: "Assicurare le attività di supporto necessarie al generale funzionamento dell'ente.",
  pegProject: 'Affari generali',
  services: 'Appalti e contratti',
  endUsers: 'Cittadini',
  networks: 'vedi punto 2.5.7 "Relazioni con i soggetti del territorio" del Piano Programma 2024/2026',
  description: 'Primo paragrafo della descrizione.\nSecondo paragrafo & <caratteri> da proteggere.',
};

/** Two centres, three objectives of seed 2: 2.2 (updated by CdA 49), 2.3 (suspended), Minori 1. */
const seedPlan = (): PlanInput =>
  plan([
    centre('Area Amministrativa', [
      { ...amministrativa22(), ...identification, revision: cda49('updated'), report: 'La formazione è slittata da aprile a luglio.' },
      { ...amministrativa23(), ...identification },
    ]),
    centre('Area Minori e Famiglie - Adulti', [{ ...minori1(), ...identification, report: 'Rinvio della valutazione dei PEF al 2025.' }]),
  ]);

const model = (): PerformanceReportModel => buildPerformanceReportModel(seedPlan());

/** The text of each paragraph of word/document.xml, entities decoded. */
const docxParagraphs = (docx: Buffer): { xml: string; paragraphs: string[] } => {
  const files = unzipSync(new Uint8Array(docx));
  const entry = files['word/document.xml'];
  assert.ok(entry, 'word/document.xml is present');
  const xml = strFromU8(entry);
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
  return { xml, paragraphs };
};

describe('the report model', () => {
  it('carries scores, statuses and counts per centre, the suspended objective unscored', () => {
    const m = model();
    assert.equal(m.body, 'Consorzio IN.RE.TE.');
    assert.deepEqual(m.centres.map((c) => [c.name, c.score, c.counts.objectives, c.counts.partially_achieved, c.counts.suspended]), [
      ['Area Amministrativa', 0.6667, 2, 1, 1],
      ['Area Minori e Famiglie - Adulti', 0.6667, 1, 1, 0],
    ]);
    assert.equal(m.overall, 0.6667);
    assert.deepEqual(m.totals, { objectives: 3, achieved: 0, partially_achieved: 2, not_achieved: 0, suspended: 1 });
    const [o22, o23] = m.centres[0]!.objectives;
    assert.deepEqual(o22!.indicators.map((i) => i.achievement), [1, 0.5, 0.5]);
    assert.deepEqual(o23!.indicators.map((i) => i.achievement), [null, null, null]);
    assert.equal(o22!.activities[3]!.timeline.slippage, 3);
  });
  it('counts a shared objective once in the totals', () => {
    const r = validatePlanInput({
      body: 'B',
      year: 2024,
      centres: [
        { name: 'A', objectives: [{ id: 'adi', code: '2.2', title: 'ADI', indicators: [{ name: 'x', target: '10', actual: '10' }] }] },
        { name: 'B', objectives: [{ id: 'adi', code: '2.1' }] },
      ],
    });
    assert.ok(r.ok);
    const m = buildPerformanceReportModel(r.plan);
    assert.equal(m.totals.objectives, 1);
    assert.equal(m.centres[1]!.counts.achieved, 1);
  });
  it('words percentages, revisions and slippage in Italian', () => {
    assert.equal(formatPercent(0.6667), '66,7%');
    assert.equal(formatPercent(1), '100,0%');
    assert.equal(formatPercent(null), '—');
    assert.equal(revisionLine(cda49('updated')), 'Obiettivo aggiornato con Deliberazione CdA n. 49 del 19/09/2024');
    assert.equal(revisionLine(cda49('suspended')), 'Obiettivo sospeso con Deliberazione CdA n. 49 del 19/09/2024');
    const rows = model().centres[1]!.objectives[0]!.activities.map((a) => outcomeLabel(a.timeline));
    assert.deepEqual(rows, ['in ritardo di 1 mese', 'nei tempi', 'in ritardo di 1 mese', 'in ritardo di 4 mesi', 'nei tempi', 'rinviata al 2025']);
  });
});

describe('the DOCX report', () => {
  let xml = '';
  let paragraphs: string[] = [];
  before(async () => ({ xml, paragraphs } = docxParagraphs(await performanceReportDocx(model()))));
  const indexOf = (text: string, from = 0) => {
    const i = paragraphs.indexOf(text, from);
    assert.ok(i >= 0, `paragraph "${text}" after ${from}`);
    return i;
  };

  it('opens with the title page and the summary per centre', () => {
    assert.equal(indexOf('RELAZIONE SULLA PERFORMANCE 2024') < indexOf('Consorzio IN.RE.TE.'), true);
    const s = indexOf('Sintesi dei risultati 2024');
    for (const h of ['Centro di responsabilità', 'Obiettivi', 'Raggiunti', 'Parzialmente raggiunti', 'Non raggiunti', 'Sospesi', 'Punteggio medio']) indexOf(h, s);
    indexOf('Totale ente', s);
    assert.ok(paragraphs.filter((p) => p === '66,7%').length >= 3, 'centre and total means as 66,7%');
  });
  it('has every objective, in order, with its tables and headers', () => {
    const year = 2024;
    const expected: Array<[string, string, string]> = [
      ["CENTRO DI RESPONSABILITA': AREA AMMINISTRATIVA", 'Obiettivo 2.2', amministrativa22().title],
      ["CENTRO DI RESPONSABILITA': AREA AMMINISTRATIVA", 'Obiettivo 2.3', amministrativa23().title],
      ["CENTRO DI RESPONSABILITA': AREA MINORI E FAMIGLIE - ADULTI", 'Obiettivo 1', minori1().title],
    ];
    let at = 0;
    for (const [centreHeading, heading, title] of expected) {
      const c = indexOf(centreHeading, at > 0 && centreHeading.endsWith('AMMINISTRATIVA') ? 0 : at);
      at = indexOf(heading, Math.max(at, c));
      assert.equal(paragraphs[at + 1], title);
      let k = at;
      for (const label of IDENTIFICATION_LABELS) k = indexOf(label, k);
      for (const h of ['Descrizione obiettivo', 'Primo paragrafo della descrizione.', 'Secondo paragrafo & <caratteri> da proteggere.']) k = indexOf(h, k);
      for (const h of ['Modalità di attuazione', 'Attività', 'Tempi', 'Consuntivo']) k = indexOf(h, k);
      for (const h of ['Indicatori di risultato', 'Indicatore', 'Descrizione', 'Unità misura', `Valore atteso ${year}`, `Valore consuntivo ${year}`]) k = indexOf(h, k);
      k = indexOf(`Report al 31/12/${year}`, k);
      for (const h of [`Tempi previsti e consuntivo ${year}`, 'Gen', 'Dic', 'Scostamento']) k = indexOf(h, k);
    }
  });
  it('states revisions, scores and statuses in Italian', () => {
    const o22 = indexOf('Obiettivo 2.2');
    assert.ok(indexOf('Obiettivo aggiornato con Deliberazione CdA n. 49 del 19/09/2024', o22) < indexOf('Obiettivo 2.3'));
    indexOf('Grado di raggiungimento: 66,7% – Parzialmente raggiunto', o22);
    indexOf('Obiettivo sospeso con Deliberazione CdA n. 49 del 19/09/2024', indexOf('Obiettivo 2.3'));
    indexOf('Esito: Sospeso (obiettivo non valutato)', indexOf('Obiettivo 2.3'));
    indexOf('La formazione è slittata da aprile a luglio.', o22);
  });
  it('marks planned and actual months in the timeline, by letter and shading', () => {
    indexOf('in ritardo di 3 mesi', indexOf('Obiettivo 2.2'));
    indexOf('rinviata al 2025', indexOf('Obiettivo 1'));
    assert.ok(paragraphs.includes('P/C') && paragraphs.includes('P') && paragraphs.includes('C'));
    assert.match(xml, /w:fill="F8CBAD"/);
  });
  it('has 13 tables: the summary, then identification, activities, indicators and timeline per objective', () =>
    assert.equal(xml.match(/<w:tbl>/g)?.length, 1 + 3 * 4));
});

describe('the validation in the report', () => {
  it('says the figures are provisional until the evaluator validates them', async () => {
    const { paragraphs } = docxParagraphs(await performanceReportDocx(model()));
    assert.ok(paragraphs.includes('Relazione provvisoria: i punteggi non sono ancora stati validati dal valutatore.'));
    assert.equal(paragraphs.includes('Validazione del valutatore'), false);
  });

  it('names who validated and when, with the general comment and each objective’s comment under it', async () => {
    const input = seedPlan();
    const o22 = input.centres[0]!.objectives[0]!;
    const minori = input.centres[1]!.objectives[0]!;
    const m = buildPerformanceReportModel(input, undefined, undefined, {
      by: 'oiv',
      on: calendarDate('2025-01-15'),
      comment: 'Punteggi coerenti con i documenti.\nSi raccomanda un indicatore in più per l’Area Minori.',
      objectiveComments: new Map([
        [o22, 'Scostamento motivato dall’assenza della Responsabile di area.'],
        [minori, 'Rinvio condiviso.'],
      ]),
    });
    assert.deepEqual(m.validation, { by: 'oiv', on: '2025-01-15', comment: 'Punteggi coerenti con i documenti.\nSi raccomanda un indicatore in più per l’Area Minori.' });
    assert.deepEqual(m.centres.flatMap((c) => c.objectives.map((o) => o.evaluation)), ['Scostamento motivato dall’assenza della Responsabile di area.', null, 'Rinvio condiviso.']);
    const { paragraphs } = docxParagraphs(await performanceReportDocx(m));
    const at = (text: string, from = 0) => {
      const i = paragraphs.indexOf(text, from);
      assert.ok(i >= from, `paragraph "${text}" after ${from}`);
      return i;
    };
    const v = at('Validazione del valutatore', at('Sintesi dei risultati 2024'));
    at('Si raccomanda un indicatore in più per l’Area Minori.', at('Punteggi coerenti con i documenti.', at('Punteggi validati il 15/01/2025 da oiv.', v)));
    assert.ok(v < at("CENTRO DI RESPONSABILITA': AREA AMMINISTRATIVA"), 'before the first centre');
    assert.equal(paragraphs.includes('Relazione provvisoria: i punteggi non sono ancora stati validati dal valutatore.'), false);
    // Under the objective's year-end report, before the next objective.
    const c22 = at('Scostamento motivato dall’assenza della Responsabile di area.', at('Valutazione del valutatore', at('Report al 31/12/2024', at('Obiettivo 2.2'))));
    assert.ok(c22 < at('Obiettivo 2.3'));
    assert.equal(paragraphs.filter((p) => p === 'Valutazione del valutatore').length, 2, 'only objectives with a comment');
  });
});

describe('the PDF report', () => {
  it('is a PDF of more than one page', async () => {
    const pdf = await performanceReportPdf(model());
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const pages = Math.max(...[...pdf.toString('latin1').matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
    assert.ok(pages > 1, `pages: ${pages}`);
  });
  it('a document definition can neither read local files nor fetch URLs', async () => {
    const pdfmake = securePdfmake();
    const font = { defaultStyle: { font: 'RegiaRoboto' } };
    await assert.rejects(pdfmake.createPdf({ ...font, content: [{ image: '/etc/hostname' }] }).getBuffer(), /denied/);
    await assert.rejects(pdfmake.createPdf({ ...font, content: [{ image: 'http://127.0.0.1:9/x.png' }] }).getBuffer(), /denied/);
  });
});
