/**
 * Browser journeys of the funds area against the real server (fresh demo database), in the
 * users' words. They share one server and run in order: the district officer finds in its
 * district the tranche the region officer disbursed. Every page visited is checked with axe-core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { pdfText } from '../support/pdf-text.ts';
import ExcelJS from 'exceljs';
import { assertAccessible, demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

/** Numbers nobody else uses in this database. */
const stamp = String(Date.now()).slice(-5);
const fundCode = `DDN${stamp}`;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`errore nella pagina: ${error.message}`));
  return page;
}

/** `€ 1.234,56` → 123456 cents, as the users read amounts. */
const centsOf = (text: string): number => {
  const m = /€\s*([\d.]+),(\d{2})/.exec(text);
  assert.ok(m, `importo non riconosciuto: ${text}`);
  return Number(m[1]!.replace(/\./g, '')) * 100 + Number(m[2]);
};

/** Registers an act of the picker's type through the inline "registra nuovo atto" form. */
async function registerActInline(page: Page, type: string, number: string, date: string, check?: string) {
  await page.getByRole('button', { name: `Registra nuovo atto ${type}` }).click();
  if (check) await assertAccessible(page, check);
  await page.getByLabel(`Numero dell’atto ${type}`).fill(number);
  await page.getByLabel(`Data dell’atto ${type}`).fill(date);
  await page.getByRole('button', { name: `Registra l’atto ${type}` }).click();
  await page.getByText(new RegExp(`Atto ${type} n\\. ${number} del .* registrato e scelto`)).waitFor();
}

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  demo = await demoInfo(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of the PDF a link downloads, fetched with the page's session (pdf.js, test/support/pdf-text.ts). */
async function pdfOfLink(page: Page, link: Locator): Promise<string> {
  const href = await link.getAttribute('href');
  assert.ok(href, 'the link has an address');
  const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), href);
  return (await pdfText(new Uint8Array(bytes))).join('\n').replace(/\s+/g, ' ');
}

describe('funds journeys', () => {
  test('a region officer reads the FNPS 2024 dashboard, records a new annuality from a decree, programmes, assigns and disburses it', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    await menu.getByRole('link', { name: 'Importazioni' }).waitFor();
    await menu.getByRole('link', { name: 'Rettifiche' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Il mio distretto' }).count(), 0);
    await menu.getByRole('link', { name: 'Fondi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fondi', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Annualità del fondo FNPS, dalla più recente' }).waitFor();
    await assertAccessible(page, 'elenco dei fondi');

    // The FNPS 2024 dashboard: the chain, the chart, the tranches and what blocks them.
    await page.getByRole('link', { name: 'Apri FNPS 2024' }).click();
    await page.getByRole('heading', { level: 1, name: /Fondo nazionale per le politiche sociali \(FNPS\) — annualità 2024/ }).waitFor();
    const chain = page.locator('.funds-chain');
    await chain.getByText('€ 33.600.000,00').first().waitFor();
    for (const step of ['Assegnato alla Regione', 'Programmato', 'Assegnato ai distretti', 'Liquidato', 'Rendicontato', 'Riconosciuto']) {
      await chain.getByText(step, { exact: true }).waitFor();
    }
    assert.equal(await chain.locator('li').count(), 6);
    await page.locator('.funds-chart .recharts-wrapper').waitFor();
    await page.getByRole('table', { name: /Fondo FNPS, annualità 2024: assegnato, liquidato/ }).getByRole('rowheader', { name: /LT2/ }).waitFor();
    // the table on screen as a spreadsheet: one row per district, amounts in euros for sums
    const exportHref = await page.getByRole('link', { name: /^Scarica XLSX: / }).getAttribute('href');
    assert.equal(exportHref, '/api/exports/compliance/FNPS/2024');
    const exported = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), exportHref);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, 'Cruscotto per distretto – FNPS 2024');
    assert.equal(sheet.getCell('A3').value, 'Distretto');
    const districtRows = sheet.getColumn(1).values.slice(4).filter((v) => typeof v === 'string');
    assert.ok(districtRows.includes('LT2'), `LT2 tra ${districtRows.join(', ')}`);
    assert.equal(typeof sheet.getCell('B4').value, 'number', 'the assigned amount is a number');
    const blocked2026 = page.locator('.tranche-blocked').filter({ hasText: 'Tranche 2026 bloccata' });
    await blocked2026.waitFor();
    assert.match(await blocked2026.innerText(), /mancano € [\d.]+,\d{2} per arrivare al 75%/);
    const blocked2024 = page.locator('.tranche-blocked').filter({ hasText: 'Tranche 2024 bloccata' });
    assert.match(await blocked2024.innerText(), /l’annualità 2022 è rendicontata al 69,26%; mancano € 1\.789\.364,27/);
    // The districts holding residuals are named, largest first.
    const holders = page.locator('.tranche-holders li');
    assert.ok((await holders.count()) > 0);
    const residuals = await holders.evaluateAll((items) => items.map((li) => li.textContent ?? ''));
    const amounts = residuals.map((text) => centsOf(text.split('residui')[1] ?? ''));
    assert.deepEqual([...amounts].sort((a, b) => b - a), amounts);
    await page.getByRole('link', { name: 'Scarica CSV SIOSS FNPS 2024' }).waitFor();
    await page.getByRole('link', { name: 'Scarica XLSX SIOSS FNPS 2024' }).waitFor();
    await assertAccessible(page, 'cruscotto FNPS 2024');

    // The pre-check names why a tranche to LT2 would be refused, before anything is sent.
    await page.getByRole('button', { name: 'Liquida una tranche' }).click();
    await page.locator('#disburse-form').getByLabel('Distretto').selectOption('LT2');
    const refusal = page.locator('.disburse-check').getByText(/Liquidazione non consentita al distretto LT2/);
    await refusal.waitFor();
    assert.match(await page.locator('.disburse-check').innerText(), /mancano € 40\.497,74/);
    assert.equal(await page.getByRole('button', { name: 'Liquida la tranche' }).isDisabled(), true);
    await assertAccessible(page, 'verifica preventiva di liquidazione rifiutata');
    await page.locator('#disburse-form').getByRole('button', { name: 'Annulla' }).click();

    // A new fund annuality from its allocation decree, the DM registered inline.
    await page.goto(`${server.url}/fondi`);
    await page.getByRole('link', { name: 'Registra un’annualità da decreto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuova annualità da decreto di riparto' }).waitFor();
    await assertAccessible(page, 'nuova annualità da decreto');
    const fundForm = page.locator('form[aria-labelledby="new-fund-title"]');
    await fundForm.getByLabel('Codice del fondo').fill(fundCode);
    await fundForm.getByLabel('Denominazione del fondo').fill('Fondo per l’assistenza alle persone con disabilità grave prive del sostegno familiare (Dopo di Noi)');
    await fundForm.getByRole('button', { name: 'Registra il fondo' }).click();
    await page.getByText(`Fondo ${fundCode} registrato: ora registra la sua annualità.`).waitFor();
    const annualityForm = page.locator('form[aria-labelledby="new-annuality-title"]');
    // Submitting incomplete says what is missing, in Italian.
    await annualityForm.getByRole('button', { name: 'Registra l’annualità' }).click();
    await annualityForm.getByText('Indica l’annualità con quattro cifre, ad esempio 2025.').waitFor();
    await annualityForm.getByText('Scegli o registra l’atto DM.').waitFor();
    assert.equal(await annualityForm.getByLabel('Fondo', { exact: false }).inputValue(), fundCode);
    await annualityForm.getByLabel('Annualità').fill('2025');
    await annualityForm.getByLabel('Importo assegnato alla Regione').fill('1.500.000,00');
    await registerActInline(page, 'DM', `DM-${stamp}`, '2025-05-20', 'registrazione di un atto DM in linea');
    await assertAccessible(page, 'nuova annualità con atto registrato');
    await annualityForm.getByRole('button', { name: 'Registra l’annualità' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`\\(${fundCode}\\) — annualità 2025`) }).waitFor();
    await page.getByText('Nessuna linea di intervento programmata').waitFor();

    // Programming (DGR): one line.
    await page.getByRole('button', { name: 'Programma una linea' }).click();
    const programme = page.locator('#programme-form');
    await programme.getByLabel('Codice della linea').fill('L1');
    await programme.getByLabel('Descrizione').fill('Percorsi di autonomia abitativa');
    await programme.getByLabel('Importo della linea').fill('1.000.000,00');
    await registerActInline(page, 'DGR', `DGR-${stamp}`, '2025-06-10');
    await programme.getByRole('button', { name: 'Programma la linea' }).click();
    await page.getByText('Linea L1 programmata: € 1.000.000,00.').waitFor();
    await page.getByRole('table', { name: new RegExp(`Linee di intervento del fondo ${fundCode}`) }).getByRole('rowheader', { name: 'L1' }).waitFor();

    // Assignment (DD) with the split helper: the preview's shares add up to the amount.
    await page.getByRole('button', { name: 'Assegna una linea ai distretti' }).click();
    const assign = page.locator('#assign-form');
    await assign.getByLabel('Criterio di riparto').selectOption('population');
    assert.equal(await assign.getByLabel('Importo da ripartire').inputValue(), '1.000.000,00');
    await assign.getByRole('button', { name: 'Calcola l’anteprima' }).click();
    const preview = assign.getByRole('table', { name: /Quote per distretto, criterio: Per popolazione/ });
    await preview.waitFor();
    const shares = await preview.locator('tbody td.text-end').allInnerTexts();
    assert.equal(shares.length, 22);
    assert.equal(shares.reduce((s, text) => s + centsOf(text), 0), 100_000_000);
    assert.equal(await preview.locator('.assign-preview-sum').innerText(), '€ 1.000.000,00');
    await assign.getByText('La somma delle quote è uguale all’importo da ripartire: € 1.000.000,00.').waitFor();
    await registerActInline(page, 'DD', `G${stamp}1`, '2025-07-01');
    await assertAccessible(page, 'anteprima del riparto di una linea');
    await assign.getByRole('button', { name: 'Conferma l’assegnazione' }).click();
    await page.getByText('Linea L1 assegnata: € 1.000.000,00 a 22 distretti.').waitFor();

    // Disbursement (DD) to LT2 after the pre-check.
    await page.getByRole('button', { name: 'Liquida una tranche' }).click();
    const disburse = page.locator('#disburse-form');
    await disburse.getByLabel('Distretto').selectOption('LT2');
    await disburse.getByText(/Verifica superata\. La liquidazione al distretto LT2 è consentita; restano da liquidare € [\d.]+,\d{2}\./).waitFor();
    await disburse.getByLabel('Importo della tranche').fill('10.000,00');
    await disburse.getByLabel('Data della liquidazione').fill('2025-09-15');
    await registerActInline(page, 'DD', `G${stamp}2`, '2025-09-12');
    await disburse.getByRole('button', { name: 'Liquida la tranche' }).click();
    await page.getByText('Tranche di € 10.000,00 liquidata al distretto LT2.').waitFor();
    const lt2 = page.getByRole('table', { name: new RegExp(`Fondo ${fundCode}, annualità 2025`) }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /LT2/ }) });
    // Disbursed (the second amount of the row) is refreshed from the server.
    await lt2.getByRole('cell').nth(1).filter({ hasText: '€ 10.000,00' }).waitFor();
    await assertAccessible(page, `cruscotto ${fundCode} 2025 dopo la liquidazione`);

    // An art. 89 fund starts with the 75% rule; a DGR lowers it to 66,67% of 2023.
    await page.getByText('Regola di liquidazione: la tranche 2025 a un distretto richiede che gli sia riconosciuto almeno il 75% dell’assegnazione 2023. È la regola predefinita del fondo.').waitFor();
    await page.getByRole('button', { name: 'Regola di liquidazione' }).click();
    const gating = page.locator('#gating-form');
    await gating.getByLabel('Condizione per liquidare').selectOption('recognised_share_of_earlier_annuality');
    await gating.getByLabel('Quota minima riconosciuta (%)').fill('0');
    await gating.getByRole('button', { name: 'Salva la regola' }).click();
    await gating.getByText('Indica una percentuale maggiore di 0 e al massimo 100, con al più due decimali.').waitFor();
    await gating.getByLabel('Quota minima riconosciuta (%)').fill('66,67');
    await registerActInline(page, 'DGR', `DGR-R-${stamp}`, '2025-10-01');
    await assertAccessible(page, 'regola di liquidazione');
    await gating.getByRole('button', { name: 'Salva la regola' }).click();
    await page.getByText('Regola di liquidazione dell’annualità 2025 salvata.').waitFor();
    await page
      .locator('#gating-rule')
      .filter({ hasText: new RegExp(`la tranche 2025 a un distretto richiede che gli sia riconosciuto almeno il 66,67% dell’assegnazione 2023\\. Stabilita con DGR n\\. DGR-R-${stamp}`) })
      .waitFor();
    await page.context().close();
  });

  test('a district officer opens its district, reports expenses by hand and by file, and submits the 2025 report', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'district_officer'), demo.password);
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    assert.equal(await menu.getByRole('link', { name: 'Importazioni' }).count(), 0);
    assert.equal(await menu.getByRole('link', { name: 'Fondi', exact: true }).count(), 0);
    await menu.getByRole('link', { name: 'Il mio distretto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fondi del Distretto sociosanitario Latina 2 (Latina)' }).waitFor();
    const holdings = page.getByRole('table', { name: 'Risorse del distretto LT2 per fondo e annualità' });
    await holdings.getByRole('rowheader', { name: 'FNPS' }).first().waitFor();
    // The tranche the Region has just disbursed is there.
    await holdings.getByRole('row').filter({ hasText: fundCode }).getByRole('cell').nth(2).filter({ hasText: '€ 10.000,00' }).waitFor();
    await assertAccessible(page, 'fondi del distretto LT2');

    await page.getByRole('link', { name: 'Rendiconto 2025' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rendiconto delle spese 2025 — Distretto sociosanitario Latina 2 (Latina)' }).waitFor();
    assert.equal(await page.locator('.report-deadline').innerText(), '31/03/2026');
    assert.match(await page.locator('.report-deadline-status').innerText(), /^(Scaduto da [\d.]+ giorni|Mancano [\d.]+ giorni alla scadenza)$/);
    assert.equal(await page.locator('.report-status').innerText(), 'Non ancora iniziato');
    await page.getByText('Nessuna spesa nel rendiconto.').waitFor();
    await assertAccessible(page, 'rendiconto 2025 vuoto');

    // One expense by hand: saved at once.
    const form = page.locator('form[aria-labelledby="expense-title"]');
    await form.getByRole('button', { name: 'Salva la spesa' }).click();
    await form.getByText('Indica il riferimento del documento.').waitFor();
    await form.getByLabel('Documento').fill(`MAND-${stamp}-1`);
    await form.getByLabel('Fondo', { exact: false }).selectOption('FNPS');
    await form.getByLabel('Annualità').selectOption('2024');
    await form.getByLabel('Area di intervento').fill('A1');
    await form.getByLabel('Importo').fill('1.234,56');
    await form.getByLabel('Data di pagamento').fill('2025-06-30');
    await form.getByLabel('Descrizione').fill('Servizio sociale professionale, giugno');
    await form.getByRole('button', { name: 'Salva la spesa' }).click();
    await page.getByText(`Salvato: spesa MAND-${stamp}-1 di € 1.234,56.`).waitFor();
    const lines = page.getByRole('table', { name: 'Spese del rendiconto 2025 del distretto LT2' });
    await lines.getByRole('rowheader', { name: `MAND-${stamp}-1` }).waitFor();
    // the status is read again after the save: wait for it rather than read it at once
    await page.locator('.report-status').filter({ hasText: /^In bozza$/ }).waitFor();

    // A file with an error is refused, every error named by file and line.
    const dir = mkdtempSync(join(tmpdir(), 'regia-funds-journey-'));
    const header = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
    const wrong = join(dir, 'spese-errate.csv');
    writeFileSync(wrong, `${header}\nLT1;MAND-${stamp}-9;FNPS;2024;C3;Centro diurno;100,00;2025-07-15;\n`);
    await page.getByLabel('File delle spese (CSV o XLSX)').setInputFiles(wrong);
    await page.getByRole('button', { name: 'Carica il file' }).click();
    await page.getByText(/File non caricato: 1 errore, nessuna spesa salvata/).waitFor();
    await page.getByText(/spese-errate\.csv:2: distretto: la spesa è del distretto LT1, non del LT2/).waitFor();
    await assertAccessible(page, 'rendiconto con errori di caricamento');

    // The right file: the receipt names file, lines, SHA-256 and time.
    const good = join(dir, 'spese-lt2-2025.csv');
    writeFileSync(
      good,
      `${header}\nLT2;MAND-${stamp}-2;FNPS;2024;C3;Centro diurno, luglio;2.500,00;2025-07-15;\nLT2;MAND-${stamp}-3;POVERTA;2024;D4;Contributi economici;1.000,50;15/08/2025;\n`,
    );
    await page.getByLabel('File delle spese (CSV o XLSX)').setInputFiles(good);
    await page.getByRole('button', { name: 'Carica il file' }).click();
    await page.getByRole('heading', { name: 'Ricevuta di caricamento' }).waitFor();
    assert.equal(await page.locator('.receipt-file-name').innerText(), 'spese-lt2-2025.csv');
    assert.equal(await page.locator('.receipt-lines').innerText(), '2');
    assert.equal(await page.locator('.receipt-sha256').innerText(), createHash('sha256').update(readFileSync(good)).digest('hex'));
    assert.match(await page.locator('.receipt-at').innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    assert.match((await page.getByRole('link', { name: 'Scarica ricevuta' }).getAttribute('href')) ?? '', /^\/api\/receipts\/\d+\?download=true$/);
    await page.getByText('Salvate 2 spese per € 3.500,50 nella bozza del rendiconto.').waitFor();
    // the receipt as a PDF the district keeps, read back
    const uploadPdf = await pdfOfLink(page, page.getByRole('link', { name: 'Scarica la ricevuta in PDF' }));
    for (const expected of ['Ricevuta di caricamento della rendicontazione', 'spese-lt2-2025.csv', `SHA-256: ${createHash('sha256').update(readFileSync(good)).digest('hex')}`, '€ 3.500,50', '(ora di Roma)']) {
      assert.ok(uploadPdf.includes(expected), `"${expected}" nella ricevuta: ${uploadPdf}`);
    }
    await lines.getByRole('rowheader', { name: `MAND-${stamp}-3` }).waitFor();
    await page.locator('.report-total').getByText('€ 4.735,06').waitFor();
    await assertAccessible(page, 'rendiconto 2025 con ricevuta');

    // Submit, after confirming.
    await page.getByRole('button', { name: 'Invia rendiconto' }).click();
    await page.getByText('Confermi l’invio del rendiconto 2025 con 3 spese per € 4.735,06?').waitFor();
    await page.getByRole('button', { name: 'Sì, invia il rendiconto' }).click();
    await page.getByText('Rendiconto 2025 inviato.').waitFor();
    await page.locator('.report-status').filter({ hasText: /^Inviato$/ }).waitFor();
    const submissionPdf = await pdfOfLink(page, page.locator('a.report-receipt'));
    for (const expected of ['Ricevuta di invio della rendicontazione', 'Spese inviate 3', 'Importo inviato € 4.735,06']) {
      assert.ok(submissionPdf.includes(expected), `"${expected}" nella ricevuta d'invio: ${submissionPdf}`);
    }
    // every receipt of the district, listed with its PDF
    await page.goto(`${server.url}/ricevute`);
    await page.getByRole('heading', { level: 1, name: 'Ricevute' }).waitFor();
    const receiptRows = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^RIC-\d{6}$/ }) });
    await receiptRows.first().waitFor();
    assert.equal(await receiptRows.first().getByRole('cell', { name: 'Invio del rendiconto' }).count(), 1, 'newest first: the submission');
    assert.ok((await page.getByRole('cell', { name: 'spese-lt2-2025.csv' }).count()) >= 1);
    await assertAccessible(page, 'ricevute del distretto');
    await page.goBack();
    await page.locator('.report-status').filter({ hasText: /^Inviato$/ }).waitFor();
    assert.equal(await page.locator('.report-deadline').innerText(), '31/03/2026');
    assert.match(await page.locator('.report-deadline-status').innerText(), /^Inviato il \d{2}\/\d{2}\/\d{4}, (nei termini|in ritardo di \d+ giorni)$/);
    assert.equal(await page.getByRole('button', { name: 'Salva la spesa' }).count(), 0);
    // each line's state is the server's (its verification status): sent, not yet verified
    await lines.getByRole('row').filter({ hasText: `MAND-${stamp}-1` }).getByRole('cell', { name: 'Inviata, da verificare' }).waitFor();
    await assertAccessible(page, 'rendiconto 2025 inviato');

    // A submitted line is corrected only by request.
    await page.getByRole('button', { name: `Chiedi rettifica MAND-${stamp}-1` }).click();
    await page.getByLabel('Nuovo importo').fill('1.200,00');
    await page.getByLabel('Motivo della rettifica').fill('Importo del mandato trascritto in modo errato');
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await page.getByText(new RegExp(`Richiesta di rettifica n\\. \\d+ inviata per la spesa MAND-${stamp}-1\\.`)).waitFor();
    await menu.getByRole('link', { name: 'Rettifiche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Richieste di rettifica' }).waitFor();
    await page.getByRole('cell', { name: 'Importo del mandato trascritto in modo errato' }).waitFor();
    // named as the district names it, with the old and the new value
    const requestRow = page.getByRole('row').filter({ hasText: 'Importo del mandato trascritto in modo errato' });
    await requestRow.getByRole('cell', { name: `MAND-${stamp}-1 · FNPS 2024`, exact: true }).waitFor();
    await requestRow.getByRole('cell', { name: 'importo € 1.234,56 → € 1.200,00', exact: true }).waitFor();
    await assertAccessible(page, 'rettifiche del distretto');
    await page.context().close();
  });

  test('a district officer cannot open another district’s report: Italian message, the API answers 403', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'district_officer'), demo.password);
    const api = await page.request.get(`${server.url}/api/districts/LT1/reports/2025`);
    assert.equal(api.status(), 403);
    await page.goto(`${server.url}/distretti/LT1/rendiconti/2025`);
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await page.getByText('Il tuo profilo (Referente di distretto (Ufficio di Piano)) non è autorizzato a consultare questa pagina.').waitFor();
    await page.getByText('Operazione non consentita: il distretto non è tra quelli assegnati').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Salva la spesa' }).count(), 0);
    await assertAccessible(page, 'rendiconto di un altro distretto vietato');
    // Nor the Region's pages.
    await page.goto(`${server.url}/importazioni`);
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await page.context().close();
  });

  test('a region officer decides the correction request and imports an exchange file with progress and receipt', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Rettifiche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Richieste di rettifica' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Importo del mandato trascritto in modo errato' });
    await row.getByRole('button', { name: /Decidi/ }).click();
    // Refusing needs a note.
    await row.getByRole('button', { name: 'Respingi' }).click();
    await row.getByText('Per respingere la richiesta indica il motivo.').waitFor();
    await assertAccessible(page, 'decisione su una rettifica');
    await row.getByRole('button', { name: 'Accogli' }).click();
    await page.getByText(/Richiesta \d+ accolta\./).waitFor();

    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Importazioni' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importazioni' }).waitFor();
    await assertAccessible(page, 'importazioni');
    const dir = mkdtempSync(join(tmpdir(), 'regia-funds-import-'));
    const fondi = join(dir, 'fondi.csv');
    writeFileSync(fondi, `codice;nome;fonte;regola_75\nIA${stamp};Fondo infanzia e adolescenza;nazionale;si\n`);
    await page.getByLabel('File di scambio (CSV, XLSX o zip)').setInputFiles(fondi);
    await page.getByRole('button', { name: 'Importa' }).click();
    await page.getByRole('heading', { name: 'Ricevuta di importazione' }).waitFor();
    await page.getByRole('table', { name: 'File importati' }).getByRole('rowheader', { name: 'fondi.csv' }).waitFor();
    await page.getByRole('table', { name: 'File importati' }).getByText(createHash('sha256').update(readFileSync(fondi)).digest('hex')).waitFor();
    await assertAccessible(page, 'importazione con ricevuta');
    await page.context().close();
  });
});
