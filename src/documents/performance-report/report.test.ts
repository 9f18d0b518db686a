import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { calendarDate } from '../../domain/dates.ts';
import { validatePlanInput, type PlanInput } from '../../domain/performance/plan.ts';
import { activity, amministrativa22, amministrativa23, cda49, centre, minori1, plan } from '../../domain/performance/fixtures.test-support.ts';
import { pngImage } from '../../../test/support/images.ts';
import { buildPerformanceReportModel, type PerformanceReportModel } from './model.ts';
import { performanceReportDocx } from './docx.ts';
import { GANTT_MONTH_PADDING, performanceReportDefinition, performanceReportPdf, securePdfmake } from './pdf.ts';
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

/** The cover's date: the day the document is made, given by the service (Rome). */
const DATE = calendarDate('2025-03-31');
const model = (): PerformanceReportModel => buildPerformanceReportModel(seedPlan(), { date: DATE });

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textsOf = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
const TOC_BLOCK = /<w:sdt>[\s\S]*?<\/w:sdt>/;

/**
 * The text of each paragraph of word/document.xml, entities decoded, the table of contents
 * apart (its entries repeat the headings); and every part of the package.
 */
const docxParagraphs = (docx: Buffer): { xml: string; paragraphs: string[]; toc: string[]; part: (name: string) => string } => {
  const files = unzipSync(new Uint8Array(docx));
  const entry = files['word/document.xml'];
  assert.ok(entry, 'word/document.xml is present');
  const xml = strFromU8(entry);
  const part = (name: string) => {
    assert.ok(files[name], `${name} is present`);
    return strFromU8(files[name]!);
  };
  return { xml, paragraphs: textsOf(xml.replace(TOC_BLOCK, '')), toc: textsOf(xml.match(TOC_BLOCK)?.[0] ?? ''), part };
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
    const m = buildPerformanceReportModel(r.plan, { date: DATE });
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
    const m = buildPerformanceReportModel(input, {
      date: DATE,
      validation: {
      by: 'oiv',
      on: calendarDate('2025-01-15'),
      comment: 'Punteggi coerenti con i documenti.\nSi raccomanda un indicatore in più per l’Area Minori.',
      objectiveComments: new Map([
        [o22, 'Scostamento motivato dall’assenza della Responsabile di area.'],
        [minori, 'Rinvio condiviso.'],
      ]),
      },
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

/** A suspension adopted on 28/11 that runs from 01/12 (the act's date and the effective date apart). */
const cda62 = { kind: 'suspended' as const, act: 'Deliberazione CdA n. 62', date: calendarDate('2024-11-28'), effective: calendarDate('2024-12-01') };
const LONG_ACTIVITY =
  'Individuazione del soggetto in grado di accompagnare il percorso, definizione ed dell’attività di accompagnamento, di articolazione degli strumenti metodologici e del cronoprogramma';

/** Seed 2's plan with a long activity name, a suspension dated apart from its act, and the body's emblem. */
const richModel = (emblem: Buffer | null = pngImage(200, 100)): PerformanceReportModel => {
  const o22 = amministrativa22();
  const input = plan([
    centre('Area Amministrativa', [
      { ...o22, ...identification, activities: [...o22.activities, activity('Agosto', 'Agosto', LONG_ACTIVITY)] },
      { ...amministrativa23(), ...identification, revision: cda62 },
    ]),
  ]);
  return buildPerformanceReportModel(input, { date: DATE, emblem: emblem && { format: 'png', width: 200, height: 100, content: emblem } });
};

/** The PDF definition's top-level content nodes. */
const nodes = <T = Record<string, unknown>>(m: PerformanceReportModel) => performanceReportDefinition(m).content as unknown as T[];

/** The first timeline table of the document (its header names the months). */
const timelineTable = (xml: string): string => {
  const t = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((x) => textsOf(x).slice(0, 3).join() === 'Attività,Gen,Feb');
  assert.ok(t, 'a timeline table');
  return t;
};

/** The cover: the document up to the paragraph that closes its section. */
const coverOf = (xml: string) => xml.slice(0, xml.indexOf('</w:p>', xml.indexOf('</w:sectPr>')) + '</w:p>'.length);

/** A generous width of a short bold label: 0.7 em a character (Titillium and Roboto are narrower). */
const labelPoints = (text: string, fontPoints: number) => text.length * 0.7 * fontPoints;

describe('the cover', () => {
  it('DOCX: title, body, year, the document’s date and the emblem, on a page of its own with no header, footer or number', async () => {
    const emblem = pngImage(200, 100);
    const { xml, paragraphs, part } = docxParagraphs(await performanceReportDocx(richModel(emblem)));
    const cover = coverOf(xml);
    assert.deepEqual(textsOf(cover).filter((t) => t !== ''), ['RELAZIONE SULLA PERFORMANCE 2024', 'Consorzio IN.RE.TE.', 'Anno 2024', 'Documento del 31/03/2025']);
    assert.equal(paragraphs.indexOf('Indice'), 5 + 1, 'the contents follow the cover');
    // the cover's section ends with its own properties: no header or footer reference there
    const coverSection = cover.slice(cover.lastIndexOf('<w:sectPr'));
    assert.doesNotMatch(coverSection, /headerReference|footerReference/);
    assert.match(cover, /<w:drawing>[\s\S]*descr="Emblema di Consorzio IN.RE.TE."/);
    const media = Object.entries(unzipSync(new Uint8Array(await performanceReportDocx(richModel(emblem))))).filter(([name]) => name.startsWith('word/media/'));
    assert.equal(media.length, 1);
    assert.deepEqual(Buffer.from(media[0]![1]), emblem);
    assert.match(part('[Content_Types].xml'), /Extension="png"/);
  });
  it('DOCX: without an emblem the cover has no image at all', async () => {
    const docx = await performanceReportDocx(richModel(null));
    const { xml } = docxParagraphs(docx);
    assert.doesNotMatch(xml, /<w:drawing>/);
    assert.equal(Object.keys(unzipSync(new Uint8Array(docx))).filter((n) => n.startsWith('word/media/')).length, 0);
  });
  it('PDF: the same cover, the emblem embedded, and no header or page number on it', async () => {
    const d = performanceReportDefinition(richModel());
    const content = nodes(richModel());
    assert.deepEqual(content.slice(1, 5).map((c) => c.text), ['RELAZIONE SULLA PERFORMANCE 2024', 'Consorzio IN.RE.TE.', 'Anno 2024', 'Documento del 31/03/2025']);
    assert.equal(content[0]!.image, 'emblem');
    assert.deepEqual([content[0]!.width, content[0]!.height], [120, 60], 'fitted, proportions kept');
    assert.match(String((d.images as Record<string, string>).emblem), /^data:image\/png;base64,iVBORw0KGgo/);
    const header = d.header as (page: number, pages: number) => unknown;
    const footer = d.footer as (page: number, pages: number) => { text: string } | null;
    assert.equal(header(1, 10), null);
    assert.equal(footer(1, 10), null);
    assert.equal(footer(2, 10)!.text, 'Pagina 2 di 10', 'the cover counts, as in the table of contents');
    const pdf = (await performanceReportPdf(richModel())).toString('latin1');
    assert.match(pdf, /\/Subtype \/Image/);
    const bare = performanceReportDefinition(richModel(null));
    assert.equal(bare.images, undefined);
    assert.equal(nodes(richModel(null)).some((c) => 'image' in c), false);
  });
});

describe('the table of contents', () => {
  it('DOCX: a TOC field over the headings of level 1 and 2, which Word updates on opening', async () => {
    const { xml, toc, part } = docxParagraphs(await performanceReportDocx(model()));
    assert.match(xml, /<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    assert.match(part('word/settings.xml'), /<w:updateFields\/>/);
    assert.deepEqual(toc, [
      'Sintesi dei risultati 2024',
      "CENTRO DI RESPONSABILITA': AREA AMMINISTRATIVA",
      'Obiettivo 2.2',
      'Obiettivo 2.3',
      "CENTRO DI RESPONSABILITA': AREA MINORI E FAMIGLIE - ADULTI",
      'Obiettivo 1',
      '',
    ]);
  });
  it('PDF: a toc node, with the headings of level 1 and 2 as its items', () => {
    const content = nodes(model());
    const toc = content.find((c) => 'toc' in c);
    assert.ok(toc, 'a toc node');
    assert.deepEqual(
      content.filter((c) => c.tocItem === true).map((c) => c.text),
      ['Sintesi dei risultati 2024', "CENTRO DI RESPONSABILITA': AREA AMMINISTRATIVA", 'Obiettivo 2.2', 'Obiettivo 2.3', "CENTRO DI RESPONSABILITA': AREA MINORI E FAMIGLIE - ADULTI", 'Obiettivo 1'],
    );
    assert.ok(content.indexOf(toc) < content.findIndex((c) => c.text === 'Sintesi dei risultati 2024'));
  });
});

describe('the DOCX header, footer and properties', () => {
  it('has a header naming the body and the report, and "Pagina X di Y", on every page after the cover', async () => {
    const { xml, part } = docxParagraphs(await performanceReportDocx(model()));
    const sections = [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    assert.equal(sections.length, 2);
    assert.match(sections[1]!, /<w:headerReference w:type="default"/);
    assert.match(sections[1]!, /<w:footerReference w:type="default"/);
    assert.deepEqual(textsOf(part('word/header1.xml')), ['Consorzio IN.RE.TE. – RELAZIONE SULLA PERFORMANCE 2024']);
    const footer = part('word/footer1.xml');
    assert.deepEqual(textsOf(footer), ['Pagina  di ']);
    assert.deepEqual([...footer.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1]), ['PAGE', 'NUMPAGES']);
  });
  it('names Regia as creator and last editor, the report in the title, the body in the subject, the year', async () => {
    const core = docxParagraphs(await performanceReportDocx(model())).part('docProps/core.xml');
    const field = (tag: string) => decode(core.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1] ?? '');
    assert.equal(field('dc:creator'), 'Regia');
    assert.equal(field('cp:lastModifiedBy'), 'Regia');
    assert.equal(field('dc:title'), 'RELAZIONE SULLA PERFORMANCE 2024 – Consorzio IN.RE.TE.');
    assert.equal(field('dc:subject'), 'Relazione sulla Performance 2024 di Consorzio IN.RE.TE.');
    assert.match(field('cp:keywords'), /2024/);
  });
});

describe('the timeline', () => {
  it('DOCX: every month header fits its column on one line', async () => {
    const { xml } = docxParagraphs(await performanceReportDocx(model()));
    const table = timelineTable(xml);
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.equal(grid.length, 14);
    const header = [...table.match(/<w:tr>[\s\S]*?<\/w:tr>/)![0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]).slice(1, 13);
    header.forEach((tc, i) => {
      const [month] = textsOf(tc);
      const margin = (side: string) => Number(tc.match(new RegExp(`<w:${side} w:type="dxa" w:w="(\\d+)"/>`))?.[1] ?? 108); // Word's default cell margin
      const points = Number(tc.match(/<w:sz w:val="(\d+)"\/>/)![1]) / 2;
      const room = (grid[i + 1]! - margin('left') - margin('right')) / 20;
      assert.ok(labelPoints(month!, points) <= room, `${month}: ${labelPoints(month!, points)} pt of text in ${room} pt`);
    });
  });
  it('PDF: month headers do not wrap, in columns with room for them', () => {
    const content = nodes(model());
    const gantt = content.find((c) => (c.table as { body?: Array<Array<{ text: string }>> } | undefined)?.body?.[0]?.[1]?.text === 'Gen') as {
      table: { widths: string[]; body: Array<Array<{ text: string; noWrap?: boolean; fontSize: number }>> };
      layout: { paddingLeft: (i: number) => number; paddingRight: (i: number) => number };
    };
    assert.ok(gantt, 'the timeline table');
    const textWidth = 595.28 - 40 - 40;
    gantt.table.body[0]!.slice(1, 13).forEach((cell, j) => {
      const i = j + 1;
      assert.equal(cell.noWrap, true, cell.text);
      const room = (textWidth * parseFloat(gantt.table.widths[i]!)) / 100 - gantt.layout.paddingLeft(i) - gantt.layout.paddingRight(i);
      assert.ok(labelPoints(cell.text, cell.fontSize) <= room, `${cell.text} in ${room} pt`);
    });
    assert.equal(gantt.layout.paddingLeft(1), GANTT_MONTH_PADDING);
  });
  it('shows long activity names whole, wrapping, in both formats', async () => {
    const { paragraphs } = docxParagraphs(await performanceReportDocx(richModel()));
    assert.ok(paragraphs.includes(`5. ${LONG_ACTIVITY}`), 'the whole name in the DOCX timeline');
    assert.equal(paragraphs.some((p) => p.endsWith('…')), false);
    const content = nodes<{ table?: { body: Array<Array<{ text: string }>> } }>(richModel());
    const labels = content.flatMap((c) => c.table?.body.map((r) => r[0]?.text) ?? []);
    assert.ok(labels.includes(`5. ${LONG_ACTIVITY}`), 'the whole name in the PDF timeline');
  });
});

describe('the suspension date', () => {
  it('names the act with its own date and the day the revision takes effect', async () => {
    assert.equal(revisionLine(cda62), 'Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 62 del 28/11/2024');
    assert.equal(revisionLine({ ...cda62, kind: 'updated' }), 'Obiettivo aggiornato dal 01/12/2024 con Deliberazione CdA n. 62 del 28/11/2024');
    assert.equal(revisionLine({ ...cda62, effective: cda62.date }), 'Obiettivo sospeso con Deliberazione CdA n. 62 del 28/11/2024');
    const { paragraphs } = docxParagraphs(await performanceReportDocx(richModel()));
    assert.ok(paragraphs.includes('Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 62 del 28/11/2024'));
    const texts = nodes(richModel()).map((c) => c.text);
    assert.ok(texts.includes('Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 62 del 28/11/2024'), 'in the PDF too');
  });
});
