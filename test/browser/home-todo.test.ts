/**
 * The home page says what needs the user now (issue #11): in the demo, each role's list comes
 * from the server, most urgent first, in Italian and in English with the right plurals, and
 * each item leads to where the work is done.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

const newPage = async (): Promise<Page> => (await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();

/** The API's list for a role, to compare the page with. */
const todoOf = async (page: Page) => page.evaluate(async () => (await (await fetch('/api/todo')).json()) as { items: { kind: string }[] });

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  demo = await demoInfo(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('home page: what needs me now', () => {
  test('a district officer reads its late report with the days counted, in Italian and English, and opens it', async () => {
    const page = await newPage();
    await signIn(page, server.url, demoUser(demo, 'district_officer'), demo.password);
    const section = page.getByRole('region', { name: 'Cosa ti aspetta' });
    await section.waitFor();
    const report = (await todoOf(page)).items.find((i) => i.kind === 'report_late' || i.kind === 'report_due') as
      | { kind: string; district: string; expenseYear: number; daysLate?: number; daysLeft?: number }
      | undefined;
    assert.ok(report, 'the demo district has a report of last year to send');
    const item = section.getByRole('listitem').filter({ hasText: `Rendiconto delle spese ${report.expenseYear} del distretto ${report.district}` });
    await item.waitFor();
    if (report.kind === 'report_late') {
      const days = report.daysLate!;
      await item.getByText(days === 1 ? '(1 giorno di ritardo)' : `(${days} giorni di ritardo)`, { exact: false }).waitFor();
      assert.equal(await item.getByText('Scaduto', { exact: true }).count(), 1);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('region', { name: 'What needs you now' }).waitFor();
    if (report.kind === 'report_late') await page.getByText(report.daysLate === 1 ? '1 day late' : `${report.daysLate} days late`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Italiano' }).click();
    await item.getByRole('link').click();
    await page.waitForURL(`**/distretti/${report.district}/rendiconti/${report.expenseYear}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.context().close();
  });

  for (const role of ['region_officer', 'district_officer', 'area_manager', 'evaluator', 'auditor']) {
    test(`the ${role}'s home page lists the server's items, most urgent first, each with its link`, async () => {
      const page = await newPage();
      await signIn(page, server.url, demoUser(demo, role), demo.password);
      const section = page.getByRole('region', { name: 'Cosa ti aspetta' });
      await section.waitFor();
      const api = await todoOf(page);
      if (api.items.length === 0) {
        await section.getByText('Nessuna attività in attesa').waitFor();
      } else {
        const items = section.getByRole('listitem');
        await items.first().waitFor();
        assert.equal(await items.count(), api.items.length);
        for (let i = 0; i < api.items.length; i++) assert.equal(await items.nth(i).getByRole('link').count(), 1);
      }
      await assertAccessible(page, `home (${role})`);
      await page.context().close();
    });
  }
});
