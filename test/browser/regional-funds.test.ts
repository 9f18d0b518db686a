/**
 * Browser journey of the regional funds (DOMAIN.md "Regional funds") against the real server
 * (fresh demo database), in the users' words: the region officer registers a budget chapter from
 * the budget law, reserves part of it by a DGR of finalisation (a reservation above the budget is
 * refused in Italian), and assigns the reservation to the districts by a DD after the preview.
 * Every page visited is checked with axe-core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

/** Codes nobody else uses in this database. */
const stamp = String(Date.now()).slice(-5);
const chapterCode = `H41${stamp}`;
const firstReservation = `FIN-${stamp}-1`;
const secondReservation = `FIN-${stamp}-2`;

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

describe('regional funds journey', () => {
  test('a region officer registers a budget chapter, reserves it by DGR (an excess is refused) and assigns the reservation to districts by DD', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);

    // A regional fund is needed: registered through the funds page if there is none.
    const fundsAnswer = await page.request.get(`${server.url}/api/funds`);
    assert.equal(fundsAnswer.status(), 200);
    const funds = (await fundsAnswer.json()) as { code: string; source: string }[];
    let fundCode = funds.find((f) => f.source === 'regional')?.code;
    if (!fundCode) {
      fundCode = `REG${stamp}`;
      await page.goto(`${server.url}/fondi/nuovo`);
      await page.getByRole('heading', { level: 1, name: 'Nuova annualità da decreto di riparto' }).waitFor();
      const fundForm = page.locator('form[aria-labelledby="new-fund-title"]');
      await fundForm.getByLabel('Codice del fondo').fill(fundCode);
      await fundForm.getByLabel('Denominazione del fondo').fill('Fondo regionale per il contrasto alla povertà educativa');
      await fundForm.getByLabel('Fonte').selectOption('regional');
      await fundForm.getByLabel('Regola del 75%').selectOption('no');
      await fundForm.getByRole('button', { name: 'Registra il fondo' }).click();
      await page.getByText(`Fondo ${fundCode} registrato: ora registra la sua annualità.`).waitFor();
    }

    // The regional funds page, from the menu ("Fondi regionali", next to "Fondi").
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    await menu.getByRole('link', { name: 'Fondi', exact: true }).waitFor();
    await menu.getByRole('link', { name: 'Fondi regionali', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fondi regionali' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Capitoli di spesa' }).waitFor();
    const chaptersAnswer = await page.request.get(`${server.url}/api/regional-funds/chapters`);
    if (((await chaptersAnswer.json()) as unknown[]).length === 0) await page.getByText('Nessun capitolo di spesa registrato.').waitFor();
    await assertAccessible(page, 'fondi regionali');

    // A chapter of the budget law: € 1.000.000,00 for 2025, the law registered inline.
    const chapterForm = page.locator('#chapter-form');
    await chapterForm.getByRole('button', { name: 'Registra il capitolo' }).click();
    await chapterForm.getByText('Indica il codice del capitolo.').waitFor();
    await chapterForm.getByText('Scegli o registra l’atto LEGGE.').waitFor();
    await chapterForm.getByLabel('Codice del capitolo').fill(chapterCode);
    await chapterForm.getByLabel('Descrizione del capitolo').fill('Interventi per il contrasto alla povertà educativa');
    await chapterForm.getByLabel('Fondo regionale').selectOption(fundCode);
    await chapterForm.locator('#chapter-year').fill('2025');
    await chapterForm.getByLabel('Stanziamento dell’anno').fill('1.000.000,00');
    await registerActInline(page, 'LEGGE', `LR-${stamp}`, '2024-12-30', 'registrazione in linea della legge di bilancio');
    await chapterForm.getByRole('button', { name: 'Registra il capitolo' }).click();

    await page.getByRole('heading', { level: 1, name: `Capitolo ${chapterCode} — Interventi per il contrasto alla povertà educativa` }).waitFor();
    const years = page.getByRole('table', { name: `Capitolo ${chapterCode}: stanziamento, prenotato, assegnato e disponibile per anno` });
    const year2025 = years.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2025' }) });
    await year2025.getByRole('cell').first().filter({ hasText: '€ 1.000.000,00' }).waitFor();
    await page.getByText('Nessuna prenotazione su questo capitolo.').waitFor();
    await assertAccessible(page, `capitolo ${chapterCode}`);

    // The list shows the chapter with its year.
    await page.getByRole('navigation', { name: 'Percorso di navigazione' }).getByRole('link', { name: 'Fondi regionali' }).click();
    const list = page.getByRole('table', { name: 'Capitoli di spesa per anno: stanziamento, prenotato, assegnato e disponibile' });
    const listRow = list.getByRole('row').filter({ hasText: chapterCode });
    await listRow.getByText('€ 1.000.000,00').first().waitFor();
    assert.match(await listRow.innerText(), /2025/);
    await assertAccessible(page, 'fondi regionali con un capitolo');
    await list.getByRole('link', { name: `Capitolo ${chapterCode}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Capitolo ${chapterCode}`) }).waitFor();

    // DGR of finalisation: € 300.000,00 reserved.
    const reservationForm = page.locator('#reservation-form');
    await reservationForm.getByLabel('Codice della prenotazione').fill(firstReservation);
    await reservationForm.getByLabel('Intervento finanziato').fill('Centri educativi territoriali');
    await reservationForm.locator('#reservation-year').selectOption('2025');
    await reservationForm.getByLabel('Importo da prenotare').fill('300.000,00');
    await registerActInline(page, 'DGR', `DGR-${stamp}`, '2025-03-18');
    await reservationForm.getByRole('button', { name: 'Registra la prenotazione' }).click();
    await page.getByText(`Prenotazione ${firstReservation} registrata: € 300.000,00 sul 2025.`).waitFor();
    const reservations = page.getByRole('table', { name: `Prenotazioni del capitolo ${chapterCode}` });
    await reservations.getByRole('rowheader', { name: new RegExp(firstReservation) }).waitFor();
    await year2025.getByRole('cell').nth(1).filter({ hasText: '€ 300.000,00' }).waitFor();

    // A second reservation of € 800.000,00 would exceed the budget: refused, in Italian.
    await reservationForm.getByLabel('Codice della prenotazione').fill(secondReservation);
    await reservationForm.getByLabel('Intervento finanziato').fill('Borse di studio');
    await reservationForm.getByLabel('Importo da prenotare').fill('800.000,00');
    assert.notEqual(await reservationForm.locator('#reservation-act').inputValue(), '');
    await reservationForm.getByRole('button', { name: 'Registra la prenotazione' }).click();
    const refusal = reservationForm.getByRole('alert');
    await refusal.getByText(/L'importo della prenotazione \(€ 800\.000,00\) sommato a € 300\.000,00 già prenotati supera lo stanziamento del capitolo \(€ 1\.000\.000,00\) di € 100\.000,00/).waitFor();
    assert.equal(await reservations.getByRole('rowheader', { name: new RegExp(secondReservation) }).count(), 0);
    await assertAccessible(page, 'prenotazione oltre lo stanziamento rifiutata');

    // A half-yearly statement, transmitted by a note.
    const statementForm = page.locator('#statement-form');
    await statementForm.locator('#statement-year').selectOption('2025');
    await statementForm.getByLabel('Semestre').selectOption('1');
    await statementForm.getByLabel('Data del prospetto').fill('2025-06-30');
    await statementForm.getByLabel('Estremi della comunicazione').fill(`Nota prot. ${stamp} del 01/07/2025`);
    await statementForm.getByRole('button', { name: 'Registra il prospetto' }).click();
    await page.getByText('Prospetto del 1° semestre 2025 registrato.').waitFor();
    const statement = page.getByRole('table', { name: `Prospetti semestrali del capitolo ${chapterCode}` }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1° semestre 2025' }) });
    await statement.getByText('€ 300.000,00').first().waitFor();
    await assertAccessible(page, `capitolo ${chapterCode} con prenotazione e prospetto`);

    // The reservation: a population split previewed, then confirmed by a DD.
    await reservations.getByRole('link', { name: `Prenotazione ${firstReservation}` }).click();
    await page.getByRole('heading', { level: 1, name: `Prenotazione ${firstReservation} — Centri educativi territoriali` }).waitFor();
    await page.getByText('Nessuna assegnazione ai distretti.').waitFor();
    await assertAccessible(page, `prenotazione ${firstReservation}`);
    const assign = page.locator('#rassign-form');
    await assign.getByLabel('Criterio di riparto').selectOption('population');
    assert.equal(await assign.getByLabel('Importo da ripartire').inputValue(), '300.000,00');
    await assign.getByRole('button', { name: 'Calcola l’anteprima' }).click();
    const preview = assign.getByRole('table', { name: /Quote per distretto, criterio: Per popolazione/ });
    await preview.waitFor();
    const shares = await preview.locator('tbody td.text-end').allInnerTexts();
    assert.ok(shares.length > 1, 'l’anteprima ripartisce fra più distretti');
    assert.equal(shares.reduce((s, text) => s + centsOf(text), 0), 30_000_000);
    assert.equal(await preview.locator('.assign-preview-sum').innerText(), '€ 300.000,00');
    await assign.getByText('La somma delle quote è uguale all’importo da ripartire: € 300.000,00.').waitFor();
    assert.equal(await assign.locator('.regional-preview-remaining').innerText(), '€ 0,00');
    await registerActInline(page, 'DD', `G${stamp}7`, '2025-05-05');
    await assertAccessible(page, 'anteprima del riparto di una prenotazione');
    await assign.getByRole('button', { name: 'Conferma l’assegnazione' }).click();
    await page.getByText(new RegExp(`Prenotazione ${firstReservation} assegnata: € 300\\.000,00 a ${shares.filter((s) => centsOf(s) > 0).length} distretti\\.`)).waitFor();
    const assignments = page.getByRole('table', { name: `Assegnazioni della prenotazione ${firstReservation} ai distretti` });
    await assignments.waitFor();
    const assigned = await assignments.locator('tbody td.text-end').allInnerTexts();
    assert.equal(assigned.reduce((s, text) => s + centsOf(text), 0), 30_000_000);
    assert.equal(await page.locator('.regional-reservation-assigned').innerText(), '€ 300.000,00');
    assert.equal(await page.locator('.regional-reservation-available').innerText(), '€ 0,00');
    assert.equal(await page.locator('#rassign-form').count(), 0);
    await assertAccessible(page, `prenotazione ${firstReservation} assegnata`);

    // A later DGR raises the reservation; it may not fall below what is assigned.
    await page.getByRole('button', { name: 'Modifica la prenotazione' }).click();
    const amend = page.locator('#ramend-form');
    await amend.getByLabel('Nuovo importo prenotato').fill('250.000,00');
    await amend.getByRole('button', { name: 'Salva la modifica' }).click();
    await amend.getByText('L’importo non può scendere sotto quanto già assegnato ai distretti: € 300.000,00.').waitFor();
    await amend.getByLabel('Nuovo importo prenotato').fill('350.000,00');
    await registerActInline(page, 'DGR', `DGR-M-${stamp}`, '2025-06-01');
    await assertAccessible(page, `modifica della prenotazione ${firstReservation}`);
    await amend.getByRole('button', { name: 'Salva la modifica' }).click();
    await page.getByText(`Prenotazione ${firstReservation} modificata: ora € 350.000,00.`).waitFor();
    // the summary is read again after the save: wait for the new figures
    await page.locator('.regional-reservation-amount').filter({ hasText: /^€ 350\.000,00$/ }).waitFor();
    await page.locator('.regional-reservation-available').filter({ hasText: /^€ 50\.000,00$/ }).waitFor();
    await page.locator('#rassign-form').waitFor();

    // Back on the chapter, the year shows what was assigned.
    await page.getByRole('navigation', { name: 'Percorso di navigazione' }).getByRole('link', { name: `Capitolo ${chapterCode}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Capitolo ${chapterCode}`) }).waitFor();
    await year2025.getByRole('cell').nth(2).filter({ hasText: '€ 300.000,00' }).waitFor();
    await page.context().close();
  });
});
