/**
 * Browser journeys of the performance cycle (DOMAIN.md "Performance cycle", seed 2) against the
 * real server with the demo data: the real 2024 plan of Consorzio IN.RE.TE. The journeys share
 * one server and run in order — the area manager reports, the consortium manager suspends an
 * objective by board resolution, the evaluator validates, and then the plan is closed to edits.
 * Every page visited is checked with axe-core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';
import { pngImage } from '../support/images.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

const PLAN_TITLE = 'Piano della performance 2024 — Consorzio IN.RE.TE.';
const OBJ_CONTRACTS = /^Percorso formativo in tema di Codice dei Contratti/;
const OBJ_MINORS = /^Garantire la realizzazione delle attività volte alla promozione/;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 }, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`errore nella pagina: ${error.message}`));
  return page;
}

/** From the main menu to the 2024 plan of the demo consortium; `onList` looks at the list on the way. */
async function openPlan(page: Page, onList?: () => Promise<void>): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Performance' }).click();
  await page.getByRole('heading', { level: 1, name: 'Piani della performance' }).waitFor();
  await onList?.();
  await page.getByRole('link', { name: 'Piano della performance 2024' }).click();
  await page.getByRole('heading', { level: 1, name: PLAN_TITLE }).waitFor();
}

/** The text of a row of the progress table, by centre. */
const progressRow = (page: Page, centre: string) =>
  page.getByRole('table', { name: 'Punteggio e stato degli obiettivi 2024 per centro di responsabilità' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: centre, exact: true }) });

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  demo = await demoInfo(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('performance cycle journeys', () => {
  test('the area manager opens the 2024 plan, enters an indicator’s actual value and the year-end report, and sees the score change', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'area_manager'), demo.password);
    await openPlan(page, async () => {
      const plans = page.getByRole('table', { name: 'Piani della performance, dal più recente' });
      await plans.getByRole('row').filter({ hasText: 'Consorzio IN.RE.TE.' }).getByText('In corso (non validato)').waitFor();
      // Importing is for the consortium's management only.
      assert.equal(await page.getByRole('heading', { name: 'Importa un piano della performance' }).count(), 0);
      await assertAccessible(page, 'elenco dei piani della performance');
    });
    await assertAccessible(page, 'piano della performance 2024');
    // Area Amministrativa: 2.1 achieved (100%), 2.2 partially (66,7%), 2.3 suspended by CdA resolution 49 → (1 + 0,6667) / 2.
    await progressRow(page, 'Area Amministrativa').getByRole('cell', { name: '83,3%' }).waitFor();
    const admin = page.getByRole('table', { name: 'Obiettivi di performance: Area Amministrativa' });
    const suspendedRow = admin.getByRole('row').filter({ hasText: 'Obiettivo 2.3' });
    await suspendedRow.getByText('Sospeso').waitFor();
    await suspendedRow.getByText('non valutato').waitFor();
    // The evaluator's form is not for the area manager.
    assert.equal(await page.getByRole('button', { name: 'Valida i punteggi' }).count(), 0);

    await admin.getByRole('link', { name: OBJ_CONTRACTS }).click();
    await page.getByRole('heading', { level: 1, name: 'Obiettivo 2.2 — Area Amministrativa' }).waitFor();
    await page.getByText('Punteggio: 66,7%').waitFor();
    await page.getByText('Programmazione ed amministrazione servizi esternalizzati').waitFor();
    const indicators = page.getByRole('table', { name: /^Indicatori di risultato 2024/ });
    await indicators.getByRole('cell', { name: 'si parzialmente' }).waitFor();
    await page.getByRole('table', { name: /^Mesi 2024 previsti/ }).getByText('In ritardo di 3 mesi').waitFor();
    await assertAccessible(page, 'obiettivo 2.2 Area Amministrativa');

    // An unrecognised value is refused with the server's Italian message, in place.
    await page.getByRole('button', { name: 'Modifica — Valore consuntivo dell’indicatore 2 (Incontri)' }).click();
    const actual = page.getByLabel('Valore consuntivo dell’indicatore 2 (Incontri)');
    await actual.fill('forse');
    await page.getByRole('button', { name: 'Salva', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Valore consuntivo non riconosciuto: "forse"' }).waitFor();
    await assertAccessible(page, 'valore consuntivo non riconosciuto');

    // 18 meetings out of 20: (1 + 18/20 + 0,5) / 3 = 80%.
    await actual.fill('18');
    await actual.press('Enter');
    await page.getByText('Valore consuntivo di «Incontri» salvato. Punteggio dell’obiettivo: 80% (Parzialmente raggiunto).').waitFor();
    await page.getByText('Punteggio: 80%').waitFor();
    await indicators.getByRole('cell', { name: /^18/ }).waitFor();
    // The focus returns to the row's button, for the next edit.
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Modifica/);

    // An activity done later than planned moves on the timeline.
    await page.getByRole('button', { name: 'Modifica — Consuntivo dell’attività 4' }).click();
    await page.getByLabel('Consuntivo dell’attività 4').fill('Settembre');
    await page.getByRole('button', { name: 'Salva', exact: true }).click();
    await page.getByText('Consuntivo dell’attività salvato.').waitFor();
    await page.getByRole('table', { name: /^Mesi 2024 previsti/ }).getByText('In ritardo di 5 mesi').waitFor();

    // The year-end report.
    await page.getByRole('button', { name: 'Modifica il report' }).click();
    const report = 'Obiettivo raggiunto in parte: formazione completata a settembre, 18 incontri dell’Ufficio gare su 20.';
    await page.getByLabel('Report di fine anno dell’obiettivo').fill(report);
    await page.getByRole('button', { name: 'Salva il report' }).click();
    await page.getByText('Report di fine anno salvato.').waitFor();
    await page.getByText(report).waitFor();
    await assertAccessible(page, 'obiettivo 2.2 dopo i consuntivi');

    // Back on the plan the centre's score moved: (1 + 0,8) / 2 = 90%.
    await page.getByRole('link', { name: 'Torna al piano della performance 2024' }).click();
    await progressRow(page, 'Area Amministrativa').getByRole('cell', { name: '90%' }).waitFor();

    // Another centre's objective is there to read, not to edit: the page says why.
    await page.getByRole('table', { name: 'Obiettivi di performance: Area Minori e Famiglie - Adulti' }).getByRole('link', { name: OBJ_MINORS }).click();
    await page.getByRole('heading', { level: 1, name: 'Obiettivo 1 — Area Minori e Famiglie - Adulti' }).waitFor();
    await page.getByText('Sola consultazione: l’obiettivo non appartiene ai centri di responsabilità assegnati (Area Amministrativa).').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Modifica/ }).count(), 0);
    await assertAccessible(page, 'obiettivo di un altro centro');
    await page.context().close();
  });

  test('the consortium manager suspends an objective citing a board resolution registered on the spot', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'consortium_manager'), demo.password);
    await openPlan(page, async () => {
      // Managers may import plans (JSON or XLSX).
      await page.getByRole('heading', { name: 'Importa un piano della performance' }).waitFor();
      await page.getByLabel('File del piano (JSON o XLSX, massimo 20 MB)').waitFor();
      await assertAccessible(page, 'elenco dei piani con importazione');
    });
    const minors = page.getByRole('table', { name: 'Obiettivi di performance: Area Minori e Famiglie - Adulti' });
    await minors.getByRole('link', { name: OBJ_MINORS }).click();
    await page.getByRole('heading', { level: 1, name: 'Obiettivo 1 — Area Minori e Famiglie - Adulti' }).waitFor();
    await page.getByText('Punteggio: 66,7%').waitFor();
    // The planned-vs-actual timeline reads "Rinvio al 2025".
    await page.getByRole('table', { name: /^Mesi 2024 previsti/ }).getByText('Rinviata al 2025').waitFor();

    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Revisione con delibera del CdA' }) });
    await form.getByLabel('Tipo di revisione').selectOption('suspended');
    // Without a resolution the revision is not sent.
    await form.getByRole('button', { name: 'Sospendi l’obiettivo' }).click();
    await form.getByText('Scegli la deliberazione del CdA oppure registrane una nuova.').waitFor();

    await form.getByRole('button', { name: 'Registra una nuova deliberazione del CdA' }).click();
    await form.getByLabel('Numero della deliberazione').fill('71');
    await form.getByLabel('Data della deliberazione').fill('2024-11-28');
    await assertAccessible(page, 'revisione con nuova delibera del CdA');
    await form.getByRole('button', { name: 'Registra la deliberazione' }).click();
    await page.getByText('CDA n. 71 del 28/11/2024 registrata nel registro degli atti e scelta per la revisione.').waitFor();
    // the list of resolutions is loaded again before the new one is chosen: wait for it
    await form.getByLabel('Deliberazione del CdA').locator('option:checked', { hasText: /^CDA n\. 71 del 28\/11\/2024/ }).waitFor({ state: 'attached' });
    // adopted on 28/11, the suspension runs from 01/12: the act keeps its own date
    await form.getByLabel('Data di decorrenza').fill('2024-12-01');
    await form.getByRole('button', { name: 'Sospendi l’obiettivo' }).click();

    await page.getByText('Obiettivo sospeso: resta nel piano ma non viene valutato.').waitFor();
    await page.getByText('Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 71 del 28/11/2024: è mostrato ma non valutato.').waitFor();
    await page.getByText('Punteggio: non valutato').waitFor();
    const history = page.getByRole('table', { name: /^Revisioni dell’obiettivo/ });
    const revision = history.getByRole('row').filter({ hasText: 'Deliberazione CdA n. 71' });
    await revision.getByText('Sospensione').waitFor();
    await revision.getByRole('cell', { name: 'Deliberazione CdA n. 71 del 28/11/2024' }).waitFor();
    await history.getByRole('columnheader', { name: 'In vigore dal' }).waitFor();
    await revision.getByRole('cell', { name: '01/12/2024', exact: true }).waitFor();
    // The earlier version is kept.
    await revision.getByText('Mostra la versione 1').click();
    await revision.getByText(/Rinvio al 2025/).waitFor();
    await assertAccessible(page, 'obiettivo sospeso con delibera del CdA');

    // On the plan: shown as suspended, not scored; the centre's score is now its other objective alone.
    await page.getByRole('link', { name: 'Torna al piano della performance 2024' }).click();
    const row = page.getByRole('table', { name: 'Obiettivi di performance: Area Minori e Famiglie - Adulti' }).getByRole('row').filter({ hasText: 'Obiettivo 1' });
    await row.getByText('Sospeso').waitFor();
    await row.getByText('non valutato').waitFor();
    await progressRow(page, 'Area Minori e Famiglie - Adulti').getByRole('cell', { name: '97%' }).waitFor();
    await assertAccessible(page, 'piano con obiettivo sospeso');
    await page.context().close();
  });

  test('the evaluator validates the scores with comments; the Relazione is downloaded; afterwards the area manager can no longer edit', async () => {
    // The area manager has the objective open before the validation.
    const areaPage = await newPage();
    await signIn(areaPage, server.url, demoUser(demo, 'area_manager'), demo.password);
    await openPlan(areaPage);
    await areaPage.getByRole('table', { name: 'Obiettivi di performance: Area Amministrativa' }).getByRole('link', { name: OBJ_CONTRACTS }).click();
    await areaPage.getByRole('heading', { level: 1, name: 'Obiettivo 2.2 — Area Amministrativa' }).waitFor();

    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'evaluator'), demo.password);
    await openPlan(page);
    await page.getByRole('heading', { name: 'Validazione dei punteggi' }).waitFor();
    await page.getByLabel(/^Commento sull’obiettivo 2\.2: Percorso formativo/).fill('Scostamento motivato dall’assenza della Responsabile di area.');
    await page.getByLabel('Commento complessivo del Nucleo di valutazione').fill('Punteggi verificati sulla base dei consuntivi e dei report al 31/12/2024.');
    await assertAccessible(page, 'modulo di validazione del valutatore');
    await page.getByRole('button', { name: 'Valida i punteggi' }).click();
    await page.getByText(/^Confermi la validazione\?/).waitFor();
    await page.getByRole('button', { name: 'Conferma la validazione' }).click();
    await page.getByRole('heading', { name: 'Piano validato dal Nucleo di valutazione' }).waitFor();
    await page.getByText('Punteggi validati. Il piano è ora chiuso alle modifiche.').waitFor();
    await page.getByText(/^Validato da .+ il \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/).first().waitFor();
    await page.getByText('Punteggi verificati sulla base dei consuntivi e dei report al 31/12/2024.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Valida i punteggi' }).count(), 0);
    await assertAccessible(page, 'piano validato');

    // The Relazione sulla Performance, DOCX and PDF.
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Relazione sulla Performance (DOCX)' }).click()]);
    assert.equal(docx.suggestedFilename(), 'relazione-performance-2024.docx');
    const docxBytes = await readFile((await docx.path())!);
    assert.equal(docxBytes.subarray(0, 2).toString('latin1'), 'PK');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Relazione sulla Performance (PDF)' }).click()]);
    assert.equal(pdf.suggestedFilename(), 'relazione-performance-2024.pdf');
    const pdfBytes = await readFile((await pdf.path())!);
    assert.equal(pdfBytes.subarray(0, 4).toString('latin1'), '%PDF');

    // The evaluator's comment appears on the objective.
    await page.getByRole('table', { name: 'Obiettivi di performance: Area Amministrativa' }).getByRole('link', { name: OBJ_CONTRACTS }).click();
    await page.getByRole('heading', { name: 'Commento del Nucleo di valutazione' }).waitFor();
    await page.getByText('Scostamento motivato dall’assenza della Responsabile di area.').waitFor();
    await page.context().close();

    // The area manager's page was open before: the server refuses the change with its Italian message.
    await areaPage.getByRole('button', { name: 'Modifica — Valore consuntivo dell’indicatore 2 (Incontri)' }).click();
    await areaPage.getByLabel('Valore consuntivo dell’indicatore 2 (Incontri)').fill('20');
    await areaPage.getByRole('button', { name: 'Salva', exact: true }).click();
    await areaPage.getByRole('alert').filter({ hasText: 'Il piano è stato validato dal valutatore' }).waitFor();
    // Reopened, the objective shows the validation and no edit control at all.
    await areaPage.reload();
    await areaPage.getByRole('heading', { level: 1, name: 'Obiettivo 2.2 — Area Amministrativa' }).waitFor();
    await areaPage.getByRole('heading', { name: 'Piano validato dal Nucleo di valutazione' }).waitFor();
    await areaPage.getByText('Punteggio: 80%').waitFor();
    assert.equal(await areaPage.getByRole('button', { name: /^Modifica/ }).count(), 0);
    assert.equal(await areaPage.getByRole('button', { name: /report/ }).count(), 0);
    await assertAccessible(areaPage, 'obiettivo dopo la validazione');
    await areaPage.context().close();
  });

  test('the consortium manager exports the plan and imports it again as next year’s plan; a wrong file is refused with every problem listed', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'consortium_manager'), demo.password);
    await openPlan(page);
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Esporta il piano (JSON)' }).click()]);
    assert.equal(exported.suggestedFilename(), 'piano-performance-2024.json');
    const plan = JSON.parse(await readFile((await exported.path())!, 'utf8')) as { year: number; period: { from: number; to: number } };
    assert.equal(plan.year, 2024);

    await page.getByRole('link', { name: 'Torna all’elenco dei piani' }).click();
    const file = page.getByLabel('File del piano (JSON o XLSX, massimo 20 MB)');
    // A file the server refuses: nothing is saved, every problem is listed in Italian.
    await file.setInputFiles({ name: 'piano-sbagliato.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ body: 'Consorzio IN.RE.TE.' })) });
    await page.getByRole('button', { name: 'Importa il piano' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Piano non valido' });
    await refused.getByText('centres: campo obbligatorio').waitFor();
    await assertAccessible(page, 'importazione di un piano non valido');

    const next = { ...plan, year: 2025, period: { from: 2025, to: 2027 } };
    await file.setInputFiles({ name: 'piano-performance-2025.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
    await page.getByRole('button', { name: 'Importa il piano' }).click();
    await page.getByText('Piano importato: 6 centri di responsabilità, 13 obiettivi, 48 indicatori.').waitFor();
    const row = page.getByRole('table', { name: 'Piani della performance, dal più recente' }).getByRole('row').filter({ hasText: 'Piano della performance 2025' });
    await row.getByText('In corso (non validato)').waitFor();
    await page.getByRole('link', { name: 'Apri il piano' }).click();
    await page.getByRole('heading', { level: 1, name: 'Piano della performance 2025 — Consorzio IN.RE.TE.' }).waitFor();
    await page.getByText('Triennio 2025–2027').waitFor();
    await page.context().close();
  });
  test('the consortium manager puts its body’s emblem on the cover of the Relazione: a PNG is taken, a file that is not an image is refused in Italian', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'consortium_manager'), demo.password);
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Enti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enti' }).waitFor();
    await page.getByLabel('Cerca per denominazione o codice fiscale').fill('IN.RE.TE.');
    await page.getByRole('button', { name: 'Cerca' }).click();
    const row = page.getByRole('table', { name: 'Enti registrati' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Consorzio IN.RE.TE.' }) });
    await row.getByText('Nessun emblema').waitFor();
    const file = row.getByLabel('Carica l’emblema di Consorzio IN.RE.TE.');
    await file.setInputFiles({ name: 'stemma.png', mimeType: 'image/png', buffer: Buffer.from('non sono un’immagine') });
    await row.getByRole('alert').getByText('L’emblema deve essere un’immagine PNG o JPEG: il file inviato non lo è').waitFor();
    await file.setInputFiles({ name: 'stemma.png', mimeType: 'image/png', buffer: pngImage(120, 60) });
    await row.getByRole('status').getByText('Emblema di Consorzio IN.RE.TE. salvato: è sulla copertina della Relazione sulla Performance.').waitFor();
    await row.getByRole('img', { name: 'Emblema di Consorzio IN.RE.TE.' }).waitFor();
    await assertAccessible(page, 'elenco degli enti con l’emblema');
    // another body's row offers no control to this manager
    await page.getByLabel('Cerca per denominazione o codice fiscale').fill('Frosinone');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('rowheader', { name: 'Azienda Sanitaria Locale Frosinone' }).waitFor();
    assert.equal(await page.getByLabel(/^Carica l’emblema di/).count(), 0);
    await page.context().close();
  });
  test('the consortium manager writes a new plan of its own body: a centre, an objective and its indicator, with the server’s Italian error on a wrong target', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'consortium_manager'), demo.password);
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Performance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Piani della performance' }).waitFor();
    await page.getByRole('button', { name: 'Nuovo piano' }).click();
    // the manager writes its own consortium's plans: the body comes filled in, and said why
    assert.equal(await page.getByLabel(/^Ente/).inputValue(), 'Consorzio IN.RE.TE.');
    await page.getByText('Il piano è dell’ente per cui lavori (Consorzio IN.RE.TE.): non si crea il piano di un altro ente.').waitFor();
    await page.getByLabel(/^Anno del piano/).fill('2026');
    await page.getByLabel(/^Triennio: primo anno/).fill('2026');
    await page.getByLabel(/^Triennio: ultimo anno/).fill('2028');
    await assertAccessible(page, 'nuovo piano della performance');
    await page.getByRole('button', { name: 'Crea il piano' }).click();
    await page.getByRole('heading', { level: 1, name: 'Piano della performance 2026 — Consorzio IN.RE.TE.' }).waitFor();
    await page.getByText('Triennio 2026–2028').waitFor();
    await page.getByText('Il piano non ha centri di responsabilità.').waitFor();

    await page.getByRole('button', { name: 'Aggiungi centro di responsabilità' }).click();
    await page.getByLabel(/^Nome del centro di responsabilità/).fill('Area Servizi Sociali');
    await page.getByRole('button', { name: 'Aggiungi il centro' }).click();
    await page.getByText('Centro di responsabilità «Area Servizi Sociali» aggiunto.').waitFor();

    await page.getByRole('button', { name: /^Aggiungi obiettivo/ }).click();
    await page.getByLabel(/^Codice dell’obiettivo/).fill('1');
    await page.getByLabel(/^Titolo dell’obiettivo/).fill('Ridurre i tempi di presa in carico');
    await page.getByLabel(/^Progetto PEG/).fill('PEG 12.04');
    await assertAccessible(page, 'nuovo obiettivo di un centro');
    await page.getByRole('button', { name: 'Aggiungi l’obiettivo' }).click();
    await page.getByText('Obiettivo 1 aggiunto a Area Servizi Sociali.').waitFor();
    await assertAccessible(page, 'piano scritto con un centro e un obiettivo');

    await page.getByRole('table', { name: 'Obiettivi di performance: Area Servizi Sociali' }).getByRole('link', { name: 'Ridurre i tempi di presa in carico' }).click();
    await page.getByRole('heading', { level: 1, name: 'Obiettivo 1 — Area Servizi Sociali' }).waitFor();
    await page.getByText('PEG 12.04').waitFor();
    await page.getByRole('button', { name: /^Aggiungi indicatore/ }).click();
    await page.getByLabel(/^Nome dell’indicatore/).fill('Prese in carico entro 30 giorni');
    await page.getByLabel(/^Unità di misura/).fill('n.');
    await page.getByLabel(/^Valore atteso/).fill('forse');
    await page.getByRole('button', { name: 'Aggiungi l’indicatore' }).click();
    await page.getByRole('alert').filter({ hasText: 'Valore atteso non riconosciuto' }).waitFor();
    await assertAccessible(page, 'indicatore con valore atteso non riconosciuto');
    await page.getByLabel(/^Valore atteso/).fill('40');
    await page.getByRole('button', { name: 'Aggiungi l’indicatore' }).click();
    await page.getByText('Indicatore aggiunto.').waitFor();
    const indicators = page.getByRole('table', { name: /^Indicatori di risultato 2026/ });
    await indicators.getByRole('rowheader', { name: 'Prese in carico entro 30 giorni' }).waitFor();
    await indicators.getByRole('cell', { name: '40', exact: true }).waitFor();
    await assertAccessible(page, 'obiettivo scritto con un indicatore');
    await page.context().close();
  });
});
