/**
 * `regia import` and `POST /api/imports`: the exchange files of EXCHANGE.md in one
 * transaction. Any wrong line anywhere stores nothing and every error is listed as
 * `file:line: column: message`; importing the same files twice stores nothing new (records
 * are keyed as EXCHANGE.md states). Every successful import leaves a receipt.
 */
import { eq, inArray } from 'drizzle-orm';
import { districtLeadBodies, districts, importReceipts, municipalities } from '../db/schema/index.ts';
import type { Executor, Tx } from '../db/client.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { actorName, requirePermission } from '../domain/auth/actor.ts';
import { readFolder, type Upload as ExchangeUpload, type FolderReading } from '../exchange/read-folder.ts';
import type { DistrictRecord, MunicipalityRecord } from '../exchange/files.ts';
import type { FileSummary } from '../exchange/read-file.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';
import { HOME_REGION } from './bootstrap.ts';
import { romeDate } from '../domain/dates.ts';
import {
  IssueList,
  importAnnualities,
  importAssignments,
  importDisbursements,
  importFunds,
  importLines,
  refreshMoneyTotals,
  type Counts,
} from './funds/import-funds.ts';
import { expenseStaging } from './funds/import-expenses.ts';

export type ImportSource = { kind: 'path'; path: string } | { kind: 'uploads'; files: readonly ExchangeUpload[] };

export interface ImportReceipt {
  id: number;
  at: string;
  actor: string;
  files: FileSummary[];
  archive: FolderReading['archive'];
  stored: Record<string, Counts>;
}

export type ImportResult =
  | { ok: true; summary: string[]; files: FileSummary[]; counts: Record<string, Counts>; receipt: ImportReceipt }
  | { ok: false; errors: string[]; files: FileSummary[] };

class Rejected extends Error {
  constructor(readonly errors: string[], readonly files: FileSummary[]) {
    super('import rejected');
  }
}

const nameOf = (files: readonly FileSummary[], key: string) => files.find((f) => f.name.toLowerCase().startsWith(`${key}.`))?.name ?? `${key}.csv`;

export const importExchange = async (ctx: ServiceContext, actor: Actor, source: ImportSource): Promise<ImportResult> => {
  requirePermission(actor, 'imports.run');
  try {
    return await ctx.database.db.transaction(async (tx) => {
      // The file is read inside the transaction so that a million expense lines stream into
      // a staging table instead of memory.
      const staging = expenseStaging(ctx.database, tx);
      const reading = await readFolder(source.kind === 'path' ? source.path : source.files, {
        onExpenseFile: (file) => staging.addFile(file),
        onExpenseBatch: (batch) => staging.add(batch),
      });
      if (reading.errors.length) throw new Rejected(reading.errors, reading.files);
      const issues = new IssueList();
      const r = reading.records;
      const f = (key: string) => nameOf(reading.files, key);
      const counts: Record<string, Counts> = {};
      const step = async (key: string, present: boolean, run: () => Promise<Counts>) => {
        if (present) counts[key] = await run();
      };
      await step('distretti', r.distretti.length > 0, () => upsertDistricts(ctx, tx, actor, r.distretti));
      await step('comuni', r.comuni.length > 0, () => upsertMunicipalities(ctx, tx, actor, r.comuni, f('comuni'), issues));
      await step('fondi', r.fondi.length > 0, () => importFunds(ctx, tx, actor, r.fondi));
      await step('annualita', r.annualita.length > 0, () => importAnnualities(ctx, tx, actor, r.annualita, f('annualita'), issues));
      await step('linee', r.linee.length > 0, () => importLines(ctx, tx, actor, r.linee, f('linee'), issues));
      await step('assegnazioni', r.assegnazioni.length > 0, () => importAssignments(ctx, tx, actor, r.assegnazioni, f('assegnazioni'), issues));
      await step('liquidazioni', r.liquidazioni.length > 0, () => importDisbursements(ctx, tx, actor, r.liquidazioni, f('liquidazioni'), issues));
      if (issues.empty) {
        await refreshMoneyTotals(tx, [...r.assegnazioni, ...r.liquidazioni]);
      }
      await step('spese', staging.staged > 0, () => staging.commit(ctx, actor, f('spese'), issues));
      if (!issues.empty) throw new Rejected(issues.errors, reading.files);
      const receipt = await storeReceipt(ctx, tx, actor, reading, counts);
      const summary = Object.entries(counts).map(([file, c]) => `${file}: ${c.added} aggiunti, ${c.changed} modificati, ${c.unchanged} invariati`);
      return { ok: true as const, summary, files: reading.files, counts, receipt };
    });
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, errors: e.errors, files: e.files };
    throw e;
  }
};

const storeReceipt = async (ctx: ServiceContext, tx: Tx, actor: Actor, reading: FolderReading, stored: Record<string, Counts>): Promise<ImportReceipt> => {
  const at = ctx.now();
  const [row] = await tx
    .insert(importReceipts)
    .values({ at, actor: actorName(actor), districtCode: null, files: { files: reading.files, archive: reading.archive }, stored })
    .returning({ id: importReceipts.id });
  await recordChange(ctx, tx, actor, { action: 'import.receipt', entityType: 'import', entityId: row!.id, after: { files: reading.files.map((f) => ({ name: f.name, sha256: f.sha256, lines: f.lines })), stored } });
  return { id: row!.id, at: at.toISOString(), actor: actorName(actor), files: reading.files, archive: reading.archive, stored };
};

const upsertDistricts = async (ctx: ServiceContext, tx: Executor, actor: Actor, records: readonly DistrictRecord[]): Promise<Counts> => {
  const c = { added: 0, changed: 0, unchanged: 0 };
  const existing = new Map((await tx.select().from(districts).where(inArray(districts.code, records.map((r) => r.code)))).map((d) => [d.code, d]));
  const today = romeDate(ctx.now());
  for (const r of records) {
    const now = { code: r.code, name: r.name, leadBody: r.leadBody, managementForm: r.managementForm };
    const before = existing.get(r.code);
    if (!before) {
      await tx.insert(districts).values({ ...now, regionCode: HOME_REGION.code });
      if (r.leadBody) await tx.insert(districtLeadBodies).values({ districtCode: r.code, leadBody: r.leadBody });
      await recordChange(ctx, tx, actor, { action: 'district.import', entityType: 'district', entityId: r.code, after: now });
      c.added++;
      continue;
    }
    const was = { code: before.code, name: before.name, leadBody: before.leadBody, managementForm: before.managementForm };
    if (JSON.stringify(was) === JSON.stringify(now)) {
      c.unchanged++;
      continue;
    }
    await tx.update(districts).set(now).where(eq(districts.code, r.code));
    if (was.leadBody !== now.leadBody && now.leadBody) {
      // The file carries no date of the hand-over: the history records the day of the import.
      await tx.update(districtLeadBodies).set({ validTo: today }).where(eq(districtLeadBodies.districtCode, r.code));
      await tx.insert(districtLeadBodies).values({ districtCode: r.code, leadBody: now.leadBody, validFrom: today });
    }
    await recordChange(ctx, tx, actor, { action: 'district.import', entityType: 'district', entityId: r.code, before: was, after: now });
    c.changed++;
  }
  return c;
};

const upsertMunicipalities = async (ctx: ServiceContext, tx: Executor, actor: Actor, records: readonly MunicipalityRecord[], fileName: string, issues: IssueList): Promise<Counts> => {
  const c = { added: 0, changed: 0, unchanged: 0 };
  const knownDistricts = new Set((await tx.select({ code: districts.code }).from(districts)).map((d) => d.code));
  const existing = new Map((await tx.select().from(municipalities)).map((m) => [m.istatCode, m]));
  for (const r of records) {
    if (!knownDistricts.has(r.districtCode)) {
      issues.add(fileName, r.line, 'distretto', `distretto "${r.districtCode}" inesistente`);
      continue;
    }
    const now = { istatCode: r.istatCode, name: r.name, population: r.population, districtCode: r.districtCode };
    const before = existing.get(r.istatCode);
    if (!before) {
      await tx.insert(municipalities).values(now);
      await recordChange(ctx, tx, actor, { action: 'municipality.import', entityType: 'municipality', entityId: r.istatCode, after: now });
      c.added++;
      continue;
    }
    const was = { istatCode: before.istatCode, name: before.name, population: before.population, districtCode: before.districtCode };
    if (JSON.stringify(was) === JSON.stringify(now)) {
      c.unchanged++;
      continue;
    }
    await tx.update(municipalities).set(now).where(eq(municipalities.istatCode, r.istatCode));
    await recordChange(ctx, tx, actor, { action: 'municipality.import', entityType: 'municipality', entityId: r.istatCode, before: was, after: now });
    c.changed++;
  }
  return c;
};
