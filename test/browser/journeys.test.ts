/**
 * Browser journeys of Regia's users against the real server (fresh demo database).
 * The journeys share one server and run in order: the auditor looks for the act the
 * region officer recorded. Every page visited is checked with axe-core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';
import { ADMIN_PASSWORD } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

/** An act number nobody else uses, so the auditor can find exactly this one. */
const actNumber = `G${String(Date.now()).slice(-5)}`;
const actSubject = 'Riparto del Fondo nazionale per le politiche sociali 2025 ai distretti';
const attachment = Buffer.from(`%PDF-1.4\n% Determinazione ${actNumber}\n`, 'utf8');

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
    // The server's CSP (script-src 'self') rightly refuses inline scripts; axe-core is injected inline.
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`errore nella pagina: ${error.message}`));
  return page;
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

describe('browser journeys', () => {
  test('an anonymous visitor sees the Italian start page with demo access, switches to English and back', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: /Regia/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    await page.getByText('Governo del sistema integrato dei servizi sociali').first().waitFor();
    await page.getByRole('heading', { name: 'Accesso dimostrativo' }).waitFor();
    await page.getByText(demo.password, { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Funzionario regionale', exact: true }).waitFor();
    // Each demo user's scope: a district officer's district, an area manager's centre.
    const demoRow = (username: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
    await demoRow('distretto').getByRole('cell', { name: 'LT2', exact: true }).waitFor();
    await demoRow('area').getByRole('cell', { name: 'Area Amministrativa', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Vai al contenuto principale' }).waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Documentazione API' }).first().waitFor();
    await assertAccessible(page, 'pagina iniziale (it)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Demo access' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('heading', { name: 'Sign in to Regia' }).waitFor();
    await assertAccessible(page, 'pagina iniziale (en)');

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Demo access' }).waitFor();

    // Back to Italian with the keyboard.
    await page.getByRole('button', { name: 'Italiano' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accesso dimostrativo' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'it');

    // The skip link is the first stop of the keyboard and leads to the content.
    await page.reload();
    await page.getByRole('heading', { name: 'Accesso dimostrativo' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Vai al contenuto principale');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');

    // A page that needs a session says so and offers the form in place.
    await page.goto(`${server.url}/distretti`);
    await page.getByRole('heading', { level: 1, name: 'Accesso richiesto' }).waitFor();
    await assertAccessible(page, 'pagina protetta senza accesso');
    await page.goto(`${server.url}/`);

    // A wrong password is refused with the server's Italian message.
    await page.getByLabel('Nome utente').fill(demoUser(demo, 'region_officer'));
    await page.getByLabel('Password').fill('non-la-password');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Si è verificato un problema/);
    await assertAccessible(page, 'pagina iniziale con errore di accesso');
    await page.context().close();
  });

  test('a region officer finds a district, pages through the list, records an act and uploads its attachment', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    await page.getByText('Profilo: Funzionario regionale').waitFor();
    await assertAccessible(page, 'home del funzionario regionale');

    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Distretti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Distretti sociosanitari' }).waitFor();
    await page.getByRole('table', { name: 'Distretti sociosanitari della Regione' }).waitFor();
    await assertAccessible(page, 'elenco dei distretti');

    // Search by a member municipality's name.
    await page.getByLabel('Cerca per codice, denominazione, ente capofila o comune').fill('Ariccia');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Distretto sociosanitario Roma 6.2 (Albano Laziale)' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);

    // A search with no match says so.
    await page.getByLabel('Cerca per codice, denominazione, ente capofila o comune').fill('Atlantide');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByText('Nessun distretto trovato').waitFor();
    await assertAccessible(page, 'ricerca senza risultati');

    await page.getByLabel('Cerca per codice, denominazione, ente capofila o comune').fill('Albano');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Distretto sociosanitario Roma 6.2 (Albano Laziale)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Distretto sociosanitario Roma 6.2 (Albano Laziale)' }).waitFor();
    const municipalities = page.getByRole('table', { name: 'Comuni del distretto RM6.2' });
    await municipalities.getByRole('rowheader', { name: 'Ariccia' }).waitFor();
    await municipalities.getByRole('cell', { name: '38.433' }).waitFor();
    await page.getByRole('heading', { name: 'Storia dell’ente capofila' }).waitFor();
    await assertAccessible(page, 'scheda del distretto RM6.2');

    // Back to the full list and through its pages.
    await page.getByRole('link', { name: 'Torna all’elenco dei distretti' }).click();
    await page.getByRole('table', { name: 'Distretti sociosanitari della Regione' }).waitFor();
    const pager = page.getByRole('navigation', { name: /Paginazione/ });
    await pager.getByRole('button', { name: 'Pagina 2' }).click();
    await pager.getByRole('button', { name: 'Pagina 2' }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.getByText(/^Da 21 a /).waitFor();
    await assertAccessible(page, 'elenco dei distretti, pagina 2');
    await pager.getByRole('button', { name: 'Pagina precedente' }).click();
    await page.getByText(/^Da 1 a 20 di /).waitFor();

    // Municipalities and bodies are there too.
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Comuni' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comuni' }).waitFor();
    await page.getByLabel('Distretto').selectOption('RM6.2');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('rowheader', { name: 'Nemi' }).waitFor();
    await assertAccessible(page, 'elenco dei comuni');
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Enti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enti' }).waitFor();
    await page.getByRole('table', { name: 'Enti registrati' }).waitFor();
    await assertAccessible(page, 'elenco degli enti');
    await page.getByLabel('Tipologia').selectOption('asl');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('rowheader', { name: 'Azienda Sanitaria Locale Frosinone' }).waitFor();
    await page.getByRole('button', { name: 'Nuovo ente' }).click();
    const bodyForm = page.locator('form[aria-labelledby="body-form-title"]');
    await bodyForm.getByLabel('Codice fiscale').fill('123');
    await bodyForm.getByRole('button', { name: 'Registra l’ente' }).click();
    await bodyForm.getByText('Indica la denominazione dell’ente.').waitFor();
    await bodyForm.getByText('Il codice fiscale deve avere 11 cifre oppure 16 caratteri alfanumerici.').waitFor();
    await assertAccessible(page, 'modulo di registrazione di un ente con errori');
    await bodyForm.getByLabel('Denominazione').fill('Cooperativa sociale Il Ponte');
    await bodyForm.getByLabel('Tipologia').selectOption('third_sector');
    await bodyForm.getByLabel('Codice fiscale').fill('01234567890');
    await bodyForm.getByLabel('Distretto').selectOption('RM6.2');
    await bodyForm.getByRole('button', { name: 'Registra l’ente' }).click();
    await page.getByText('Ente «Cooperativa sociale Il Ponte» registrato.').waitFor();

    // The acts register: record an act.
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Atti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro degli atti' }).waitFor();
    await page.getByRole('table', { name: 'Atti registrati, dal più recente' }).waitFor();
    await assertAccessible(page, 'registro degli atti');
    await page.getByRole('button', { name: 'Nuovo atto' }).click();
    // Submitting empty shows what is missing, in Italian.
    await page.getByRole('button', { name: 'Registra l’atto' }).click();
    await page.getByText('Scegli il tipo di atto.').waitFor();
    await page.getByText('Indica il numero dell’atto.').waitFor();
    await assertAccessible(page, 'modulo di registrazione di un atto con errori');

    const actForm = page.locator('form[aria-labelledby="act-form-title"]');
    await actForm.getByLabel('Tipo di atto').selectOption('DD');
    await actForm.getByLabel('Numero').fill(actNumber);
    await actForm.getByLabel('Data dell’atto').fill('2025-03-14');
    await actForm.getByLabel('Ufficio emittente').fill('Direzione regionale Inclusione sociale');
    await actForm.getByLabel('Oggetto').fill(actSubject);
    await page.getByRole('button', { name: 'Registra l’atto' }).click();
    await page.getByText(`DD n. ${actNumber} del 14/03/2025 registrato`).waitFor();
    await page.getByRole('rowheader', { name: actNumber }).waitFor();
    await page.getByRole('cell', { name: actSubject }).waitFor();

    // The upload panel opens for the new act; the receipt shows name, size, SHA-256 and time.
    await page.getByRole('heading', { name: `Allegato dell’atto DD n. ${actNumber} del 14/03/2025` }).waitFor();
    await page.getByLabel('File dell’atto (massimo 20 MB)').setInputFiles({
      name: `determinazione-${actNumber}.pdf`,
      mimeType: 'application/pdf',
      buffer: attachment,
    });
    await page.getByRole('button', { name: 'Carica il file' }).click();
    await page.getByRole('heading', { name: 'Ricevuta di caricamento' }).waitFor();
    assert.equal(await page.locator('.receipt-file-name').innerText(), `determinazione-${actNumber}.pdf`);
    assert.equal(await page.locator('.receipt-sha256').innerText(), createHash('sha256').update(attachment).digest('hex'));
    assert.match(await page.locator('.receipt-size').innerText(), new RegExp(`\\(${attachment.length} byte\\)`));
    assert.match(await page.locator('.receipt-stored-at').innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    await page.getByRole('link', { name: new RegExp(`determinazione-${actNumber}\\.pdf`) }).waitFor();
    await assertAccessible(page, 'registro degli atti con ricevuta');

    // Filters: by type and year.
    await page.getByRole('search').getByLabel('Tipo di atto').selectOption('DD');
    await page.getByLabel('Anno').fill('2025');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByText('Da 1 a 1 di 1 risultati').waitFor();

    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('heading', { name: 'Accedi a Regia' }).waitFor();
    await page.context().close();
  });

  test('an auditor sees the act just recorded in the audit log and verifies its integrity', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'auditor'), demo.password);
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Registro attività' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro delle attività' }).waitFor();
    const table = page.getByRole('table', { name: 'Attività registrate, dalla più recente' });
    await table.waitFor();
    await assertAccessible(page, 'registro delle attività');

    // Newest first: the attachment, then the act itself.
    const recorded = table.getByRole('row').filter({ hasText: 'Atto registrato' }).first();
    await recorded.waitFor();
    await recorded.getByRole('button', { name: /Mostra/ }).click();
    await page.locator('.audit-details pre').filter({ hasText: actNumber }).first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Allegato caricato' }).first().waitFor();
    await assertAccessible(page, 'registro delle attività con dettagli aperti');

    // Filter by entity type.
    await page.getByLabel('Tipo di oggetto').selectOption('act');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await table.getByRole('row').filter({ hasText: 'Atto registrato' }).first().waitFor();

    await page.getByRole('button', { name: 'Verifica integrità' }).click();
    await page.getByText(/La catena è integra: [\d.]+ voci verificate\./).waitFor();
    await assertAccessible(page, 'registro delle attività dopo la verifica');
    await page.context().close();
  });

  test('a district officer has no audit log entry and is told, in Italian, it is not allowed', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'district_officer'), demo.password);
    const menu = page.getByRole('navigation', { name: 'Menu principale' });
    await menu.getByRole('link', { name: 'Distretti' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Registro attività' }).count(), 0);
    assert.equal(await menu.getByRole('link', { name: 'Utenti' }).count(), 0);
    // No act recording either: the district officer only reads the register.
    await menu.getByRole('link', { name: 'Atti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro degli atti' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nuovo atto' }).count(), 0);

    await page.goto(`${server.url}/registro-attivita`);
    await page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await page.getByText('Il tuo profilo (Referente di distretto (Ufficio di Piano)) non è autorizzato a consultare questa pagina.').waitFor();
    await assertAccessible(page, 'registro delle attività vietato');
    await page.context().close();
  });
  test('an administrator creates an area manager for a centre, with the form’s Italian checks; the new user signs in until deactivated', async () => {
    const page = await newPage();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Utenti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utenti' }).waitFor();
    const users = page.getByRole('table', { name: 'Utenti locali, in ordine di nome utente' });
    const row = (username: string) => users.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
    await row('area').getByRole('cell', { name: 'Consorzio IN.RE.TE. · Area Amministrativa', exact: true }).waitFor();
    await row('distretto').getByRole('cell', { name: 'LT2', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Nuovo utente' }).click();
    await page.getByLabel(/^Nome utente/).fill('capoarea.minori');
    await page.getByLabel(/^Ruolo/).selectOption({ label: 'Responsabile di area del consorzio' });
    await page.getByLabel(/^Password iniziale/).fill('una-password-lunga');
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    await page.getByText('Un responsabile di area deve indicare l’ente').waitFor();
    await page.getByText('Un responsabile di area deve avere almeno un centro di responsabilità').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'user-body', 'the first field in error has the focus');
    await assertAccessible(page, 'nuovo utente con errori');

    await page.getByLabel(/^Ente/).fill('Consorzio IN.RE.TE.');
    await page.getByLabel(/^Centri di responsabilità/).fill('Area Minori e Famiglie - Adulti');
    await page.getByRole('button', { name: 'Crea l’utente' }).click();
    await page.getByText('Utente «capoarea.minori» creato con ruolo Responsabile di area del consorzio.').waitFor();
    await row('capoarea.minori').getByRole('cell', { name: 'Consorzio IN.RE.TE. · Area Minori e Famiglie - Adulti', exact: true }).waitFor();
    await assertAccessible(page, 'elenco degli utenti');

    const other = await newPage();
    await signIn(other, server.url, 'capoarea.minori', 'una-password-lunga');
    await other.context().close();

    // Deactivated, the user can no longer sign in; the administrator has no button for itself.
    assert.equal(await row('admin').getByRole('button').count(), 0);
    await page.getByRole('button', { name: 'Disattiva capoarea.minori' }).click();
    await page.getByText('Utente «capoarea.minori» disattivato: le sue sessioni sono terminate e non può più accedere.').waitFor();
    await row('capoarea.minori').getByRole('cell', { name: 'Disattivato', exact: true }).waitFor();
    await page.context().close();
    const refused = await newPage();
    await refused.goto(`${server.url}/`);
    await refused.getByLabel('Nome utente').fill('capoarea.minori');
    await refused.getByLabel('Password').fill('una-password-lunga');
    await refused.getByRole('button', { name: 'Accedi', exact: true }).click();
    await refused.getByText('Nome utente o password non validi').waitFor();
    await refused.context().close();
  });

  test('an auditor ends its other sessions from the profile, the list following by itself, then finds its sign-ins among the security events', async () => {
    const auditor = demoUser(demo, 'auditor');
    const elsewhere = await newPage();
    await signIn(elsewhere, server.url, auditor, demo.password);
    const page = await newPage();
    await signIn(page, server.url, auditor, demo.password);

    await page.getByRole('link', { name: 'Profilo', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Profilo' }).waitFor();
    const sessions = page.getByRole('table', { name: 'Le proprie sessioni, dalla più recente' });
    const rows = sessions.locator('tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 2, 'this session and the one signed in elsewhere');
    await sessions.getByText('Questa sessione').waitFor();
    await assertAccessible(page, 'profilo con le sessioni');

    await page.getByRole('button', { name: 'Chiudi tutte le altre sessioni' }).click();
    await page.getByText(/^Altre sessioni chiuse: [1-9]\d*\.$/).waitFor();
    // no reload by hand: the list is asked again after the change
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    await sessions.getByText('Questa sessione').waitFor();
    await elsewhere.goto(`${server.url}/profilo`);
    await elsewhere.getByLabel('Nome utente').waitFor();
    await elsewhere.context().close();

    await page.getByRole('navigation', { name: 'Menu principale' }).getByRole('link', { name: 'Eventi di sicurezza' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eventi di sicurezza' }).waitFor();
    await page.getByLabel('Evento', { exact: true }).selectOption('sign_in');
    await page.getByLabel(/^Nome utente/).fill(auditor);
    await page.getByRole('button', { name: 'Cerca' }).click();
    const events = page.getByRole('table', { name: 'Eventi di sicurezza, dal più recente' });
    await events.getByRole('rowheader', { name: 'Accesso', exact: true }).first().waitFor();
    const kinds = (await events.getByRole('rowheader').allTextContents()).map((k) => k.trim());
    assert.deepEqual([...new Set(kinds)], ['Accesso'], 'only sign-ins, as filtered');
    await assertAccessible(page, 'eventi di sicurezza filtrati');
    await page.context().close();
  });
});
