/**
 * The demo data set (`regia demo`, `npm start`): the public registry of reference-data/,
 * bodies and acts named in the seeds, demo users. Idempotent: loading twice adds nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { bodies, bodyMembers, municipalities, type BodyKind } from '../db/schema/index.ts';
import type { ServiceContext } from './context.ts';
import { SYSTEM } from './bootstrap.ts';
import { ensureAct } from './acts.ts';
import { recordChange } from './audit-log.ts';
import { addUser, userExists } from './users.ts';
import { DEMO_PASSWORD } from './demo-users.ts';
import { importExchange } from './imports.ts';
import type { Role } from '../domain/auth/roles.ts';
import { loadPerformanceDemo } from './performance/demo.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const referenceData = resolve(root, 'reference-data');

const readSemicolonCsv = (path: string): Record<string, string>[] =>
  parse(readFileSync(path), { columns: true, delimiter: ';', bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];

export const DEMO_USERS: { username: string; role: Role; districts?: string[]; centres?: string[]; displayName: string; body?: string }[] = [
  { username: 'regione', role: 'region_officer', displayName: 'Funzionaria regionale (demo)' },
  { username: 'distretto', role: 'district_officer', districts: ['LT2'], displayName: 'Referente distretto Latina 2 (demo)' },
  { username: 'consorzio', role: 'consortium_manager', displayName: 'Direttore del consorzio (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'area', role: 'area_manager', centres: ['Area Amministrativa'], displayName: 'Responsabile Area Amministrativa (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'oiv', role: 'evaluator', displayName: 'Nucleo di valutazione (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'revisore', role: 'auditor', displayName: 'Revisore (demo)' },
];

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

const loadUsers = async (ctx: ServiceContext): Promise<number> => {
  let added = 0;
  for (const u of DEMO_USERS) {
    if (await userExists(ctx, u.username)) continue;
    await addUser(ctx, SYSTEM, { ...u, password: DEMO_PASSWORD, demo: true });
    added++;
  }
  return added;
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
