/**
 * What an officer gets when printing a page or reading a wide table on a phone (issue #11):
 * a printout carries the content only, without header, menu, footer or buttons; a table wider
 * than the screen shows, with a shadow on its edge, that it scrolls.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let demo: DemoInfo;

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  demo = await demoInfo(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('print and wide tables', () => {
  test('a printed districts list keeps the heading and the table, and drops header, menu, footer, filters and buttons', async () => {
    const page = await (await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    await page.goto(`${server.url}/distretti`);
    const table = page.getByRole('table').first();
    await table.waitFor();
    const parts = { header: '.it-header-wrapper', footer: '.it-footer', buttons: 'main button', filters: '.filter-bar', heading: 'main h1', table: 'main table' };
    // whether any element of each selector takes up room on the page (no named function inside:
    // the test's transpiler would wrap it in a helper the page does not have)
    const shown = () =>
      page.evaluate((selectors) => Object.fromEntries(Object.entries(selectors).map(([k, sel]) => [k, [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0)])), parts);
    const onScreen = await shown();
    assert.deepEqual(onScreen, { header: true, footer: true, buttons: true, filters: true, heading: true, table: true }, 'on screen everything is there');
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await shown(), { header: false, footer: false, buttons: false, filters: false, heading: true, table: true });
    await page.context().close();
  });

  test('on a phone a wide table scrolls sideways and shows a shadow on the side with more columns', async () => {
    const page = await (await browser.newContext({ locale: 'it-IT', viewport: { width: 360, height: 740 }, isMobile: true })).newPage();
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    await page.goto(`${server.url}/distretti`);
    await page.getByRole('table').first().waitFor();
    const box = await page.evaluate(() => {
      const wrapper = document.querySelector<HTMLElement>('main .table-responsive')!;
      return { scrolls: wrapper.scrollWidth > wrapper.clientWidth, background: getComputedStyle(wrapper).backgroundImage, attachment: getComputedStyle(wrapper).backgroundAttachment };
    });
    assert.ok(box.scrolls, 'the districts table is wider than a phone');
    assert.match(box.background, /radial-gradient.*radial-gradient/s, 'edge shadows');
    assert.equal(box.attachment, 'local, local, scroll, scroll', 'covers move with the content, shadows stay at the edges');
    await page.context().close();
  });
});
