/**
 * The main pages have no accessibility violation of any impact (issue #11), not only no serious
 * or critical one as every journey checks: moderate and minor findings count here too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { demoInfo, demoUser, launchBrowser, signIn, startTestServer, type DemoInfo } from './server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

describe('no accessibility violation of any impact on the main pages', () => {
  test('home, districts, funds, receipts and acts for a region officer; the start page for a visitor', async () => {
    const page = await (await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
    const check = async (where: string) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.addScriptTag({ content: axeSource });
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
        return (await axe.run(document)).violations.map((v) => `[${v.impact}] ${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
      assert.deepEqual(found, [], `violazioni di accessibilità su ${where}`);
    };
    await page.goto(`${server.url}/`);
    await check('pagina iniziale');
    await signIn(page, server.url, demoUser(demo, 'region_officer'), demo.password);
    for (const path of ['/', '/distretti', '/fondi', '/ricevute', '/atti']) {
      await page.goto(`${server.url}${path}`);
      await check(path);
    }
    await page.context().close();
  });

  test('a favicon is served and named by the page', async () => {
    const res = await fetch(`${server.url}/favicon.svg`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await res.text(), /<svg[^>]*aria-label="Regia"/);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/`);
    assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), '/favicon.svg');
    await page.context().close();
  });
});
