/**
 * Browser-journey support: the real Regia server (fresh PGlite database with the demo data,
 * from test/support/server.ts), Debian's Chromium through playwright-core (never a downloaded
 * browser), and an axe-core check that fails on serious or critical violations.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer } from '../support/server.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/domain/demo-users.ts';

export { startTestServer };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.REGIA_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now; fails listing every serious or critical violation.
 * With REGIA_SCREENSHOTS=<folder> it also saves a full-page screenshot of every page checked.
 */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  const shots = process.env.REGIA_SCREENSHOTS;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    const name = where.normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations;
  }) as AxeViolation[];
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (grave.length > 0) {
    const text = grave
      .map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`)
      .join('\n');
    console.error(`axe-core su ${where}:\n${text}`);
  }
  assert.equal(grave.length, 0, `violazioni di accessibilità gravi su ${where}:\n${grave.map((v) => `${v.id}: ${v.help}`).join('\n')}`);
}

export interface DemoInfo {
  password: string;
  users: { username: string; role: string; districts: string[] }[];
}

/**
 * The demo accounts, once the server says the demo is on: they are the published constants of
 * the demo data set (src/domain/demo-users.ts); the server never sends a password.
 */
export async function demoInfo(url: string): Promise<DemoInfo> {
  const response = await fetch(`${url}/api/health`);
  const health = (await response.json()) as { demo: boolean };
  assert.equal(health.demo, true, 'il server di prova deve avere i dati dimostrativi');
  return { password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role, districts: u.districts ?? [] })) };
}

export function demoUser(demo: DemoInfo, role: string): string {
  const user = demo.users.find((u) => u.role === role);
  assert.ok(user, `nessun utente dimostrativo con ruolo ${role}`);
  return user.username;
}

/** Signs in through the start page's form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Benvenuto/ }).waitFor();
}
