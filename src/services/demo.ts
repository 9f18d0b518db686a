/**
 * The demo data set (`regia demo`, `npm start`): the public registry of reference-data/,
 * bodies and acts named in the seeds, demo users. Idempotent: loading twice adds nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { bodies, bodyMembers, municipalities, users, type BodyKind } from '../db/schema/index.ts';
import type { ServiceContext } from './context.ts';
import { SYSTEM } from './bootstrap.ts';
import { ensureAct } from './acts.ts';
import { recordChange } from './audit-log.ts';
import { addUser, setUserActive } from './users.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../domain/demo-users.ts';
import { importExchange } from './imports.ts';
import { loadPerformanceDemo } from './performance/demo.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const referenceData = resolve(root, 'reference-data');

const readSemicolonCsv = (path: string): Record<string, string>[] =>
  parse(readFileSync(path), { columns: true, delimiter: ';', bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];

/** Extra demo steps of later areas (funds, performance) register here. */
export const demoSteps: ((ctx: ServiceContext) => Promise<string[]>)[] = [];

/** A synthetic fund history (reference-data/demo/fondi/README.md): amounts are invented. */
const loadFundDemo = async (ctx: ServiceContext): Promise<string[]> => {
  const r = await importExchange(ctx, SYSTEM, { kind: 'path', path: resolve(referenceData, 'demo/fondi') });
  if (!r.ok) throw new Error(`Dati dimostrativi dei fondi non validi:\n${r.errors.join('\n')}`);
  return r.summary.map((line) => `Fondi (sintetici) — ${line}`);
};

demoSteps.push(loadFundDemo, loadPerformanceDemo);

const loadBodies = async (ctx: ServiceContext): Promise<number> => {
  let added = 0;
  await ctx.database.db.transaction(async (tx) => {
    for (const row of readSemicolonCsv(resolve(referenceData, 'demo/enti.csv'))) {
      const [found] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.name, row.nome!));
      if (found) continue;
      const [created] = await tx
        .insert(bodies)
        .values({ name: row.nome!, kind: row.tipo as BodyKind, districtCode: row.distretto || null, notes: `Fonte: ${row.fonte}` })
        .returning();
      await recordChange(ctx, tx, SYSTEM, { action: 'body.create', entityType: 'body', entityId: created!.id, after: created });
      added++;
    }
    // Consorzio IN.RE.TE. lies outside the Region: its members are municipalities without a Lazio district.
    const [inrete] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.name, 'Consorzio IN.RE.TE.'));
    for (const m of readSemicolonCsv(resolve(referenceData, 'registry/inrete/comuni.csv'))) {
      await tx.insert(municipalities).values({ istatCode: m.istat!, name: m.nome!, population: Number(m.popolazione), districtCode: null }).onConflictDoNothing();
      if (inrete) await tx.insert(bodyMembers).values({ bodyId: inrete.id, istatCode: m.istat! }).onConflictDoNothing();
    }
  });
  return added;
};

const loadActs = async (ctx: ServiceContext): Promise<number> => {
  const rows = readSemicolonCsv(resolve(referenceData, 'demo/atti.csv'));
  await ctx.database.db.transaction(async (tx) => {
    for (const r of rows) await ensureAct(ctx, tx, SYSTEM, { type: r.tipo!, number: r.numero!, date: r.data!, issuingOffice: r.ufficio!, subject: r.oggetto! });
  });
  return rows.length;
};

/**
 * Adds the demo users that are missing and activates again those a server without the demo
 * deactivated. A user of the same name that is not a demo user is left as it is.
 */
const loadUsers = async (ctx: ServiceContext): Promise<number> => {
  const present = new Map((await ctx.database.db.select({ username: users.username, demo: users.demo, active: users.active }).from(users)).map((u) => [u.username, u]));
  let added = 0;
  for (const u of DEMO_USERS) {
    const found = present.get(u.username);
    if (!found) {
      await addUser(ctx, SYSTEM, { ...u, password: DEMO_PASSWORD, demo: true });
      added++;
    } else if (found.demo && !found.active) {
      await setUserActive(ctx, SYSTEM, u.username, true);
    }
  }
  return added;
};

/** Whether this installation runs the demo: some demo user can sign in. */
export const demoActive = async (ctx: ServiceContext): Promise<boolean> =>
  (await ctx.database.db.select({ id: users.id }).from(users).where(and(eq(users.demo, true), eq(users.active, true))).limit(1)).length > 0;

/**
 * A server started without the demo: the demo users an earlier demo created, whose password is
 * published, are deactivated and their sessions end (users are never deleted: the audit trail
 * names them). Answers the names deactivated.
 */
export const disableDemoUsers = async (ctx: ServiceContext): Promise<string[]> => {
  const active = await ctx.database.db.select({ username: users.username }).from(users).where(and(eq(users.demo, true), eq(users.active, true))).orderBy(users.username);
  for (const { username } of active) await setUserActive(ctx, SYSTEM, username, false);
  return active.map((u) => u.username);
};

export const loadDemo = async (ctx: ServiceContext): Promise<string[]> => {
  const registry = await importExchange(ctx, SYSTEM, { kind: 'path', path: resolve(referenceData, 'registry/lazio') });
  if (!registry.ok) throw new Error(`Dati di riferimento non validi:\n${registry.errors.join('\n')}`);
  const lines = [...registry.summary];
  lines.push(`Enti: ${await loadBodies(ctx)} aggiunti`);
  lines.push(`Atti: ${await loadActs(ctx)} presenti`);
  lines.push(`Utenti dimostrativi: ${await loadUsers(ctx)} aggiunti`);
  for (const step of demoSteps) lines.push(...(await step(ctx)));
  return lines;
};
