/**
 * `regia import` and `POST /api/imports`: the exchange files of EXCHANGE.md in one
 * transaction. Any wrong line anywhere stores nothing and every error is listed as
 * `file:line: column: message`; importing the same files twice stores nothing new (records
 * are keyed as EXCHANGE.md states). Every successful import leaves a receipt.
 */
import { importReceipts } from '../db/schema/index.ts';
import type { Tx } from '../db/client.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { actorName, requirePermission } from '../domain/auth/actor.ts';
import { readFolder, type Upload as ExchangeUpload, type FolderReading } from '../exchange/read-folder.ts';
import { exchangeFiles } from '../exchange/files.ts';
import type { FileSummary } from '../exchange/read-file.ts';
import type { ServiceContext } from './context.ts';
import { DomainError } from '../domain/errors.ts';
import { conflictKind } from '../db/conflicts.ts';
import { recordChange } from './audit-log.ts';
import { IssueList, type Counts } from './funds/import-funds.ts';
import { expenseStaging } from './funds/import-expenses.ts';
import { historyStep, type HistoryStep } from './funds/import-history/context.ts';
import { importDistricts, importFunds, importMunicipalities } from './funds/import-history/registry.ts';
import { checkDisbursementLimits, importAnnualities, importAssignments, importDisbursements, importLines, lockMoneyLimits, refreshHistoryTotals } from './funds/import-history/money.ts';

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
  /** `errors`: the first 1,000 and, when there are more, a last line with their number; `count`: all of them */
  | { ok: false; errors: string[]; count: number; files: FileSummary[] };

/**
 * An unexpected failure during an import (the database refused a statement, the connection
 * dropped): the transaction is rolled back, and the user is told only that nothing was saved. The
 * cause is for the server's log, never for the answer, and is never attributed to a line.
 * Conflicts with a concurrent import keep their own answer (409, src/db/conflicts.ts).
 */
export class ImportFailed extends Error {
  readonly statusCode = 500;
  constructor(cause: unknown) {
    super('errore interno: nulla è stato salvato', { cause });
    this.name = 'ImportFailed';
  }
}

class Rejected extends Error {
  constructor(readonly errors: string[], readonly count: number, readonly files: FileSummary[]) {
    super('import rejected');
  }
}

const nameOf = (files: readonly FileSummary[], key: string) => files.find((f) => f.name.toLowerCase().startsWith(`${key}.`))?.name ?? `${key}.csv`;

/** A file's place in EXCHANGE.md's table (`Spese.CSV` is spese); unknown names come last. */
const fileRank = (name: string): number => {
  const base = name.toLowerCase().replace(/\.(csv|xlsx)$/, '');
  const i = exchangeFiles.findIndex((spec) => spec.key === base);
  return i === -1 ? exchangeFiles.length : i;
};

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
      // Lines the reader refused do not stop the checks against the database: one answer names
      // every error of every file (EXCHANGE.md), and nothing is stored while any exists.
      const issues = new IssueList(fileRank);
      issues.addFormatted(reading.errors, reading.omittedErrors);
      const history = historyStep(ctx, tx, actor, issues);
      // Before anything reads a sum the files add to, and before the audit head is taken.
      const r = reading.records;
      await lockMoneyLimits(history, r.linee, r.assegnazioni, r.liquidazioni);
      // The audit entries of the records are hashed while the statements that store them run.
      const historyRecords = r.distretti.length + r.comuni.length + r.fondi.length + r.annualita.length + r.linee.length + r.assegnazioni.length + r.liquidazioni.length;
      if (historyRecords > 0) await history.begin();
      try {
        return await storeFolder(ctx, tx, actor, reading, issues, history, staging);
      } finally {
        history.discard();
      }
    });
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, errors: e.errors, count: e.count, files: e.files };
    if (e instanceof DomainError || conflictKind(e) !== null) throw e;
    throw new ImportFailed(e);
  }
};

/** The files' records checked and stored, in EXCHANGE.md's order; throws Rejected on any error. */
const storeFolder = async (
  ctx: ServiceContext,
  tx: Tx,
  actor: Actor,
  reading: FolderReading,
  issues: IssueList,
  history: HistoryStep,
  staging: ReturnType<typeof expenseStaging>,
): Promise<ImportResult> => {
  const r = reading.records;
  const f = (key: string) => nameOf(reading.files, key);
  const counts: Record<string, Counts> = {};
  const step = async (key: string, present: boolean, run: () => Promise<Counts>) => {
    if (present) counts[key] = await run();
  };
  await step('distretti', r.distretti.length > 0, () => importDistricts(history, r.distretti));
  await step('comuni', r.comuni.length > 0, () => importMunicipalities(history, r.comuni, f('comuni')));
  await step('fondi', r.fondi.length > 0, () => importFunds(history, r.fondi));
  await step('annualita', r.annualita.length > 0, () => importAnnualities(history, r.annualita, f('annualita')));
  await step('linee', r.linee.length > 0, () => importLines(history, r.linee, f('linee')));
  await step('assegnazioni', r.assegnazioni.length > 0, () => importAssignments(history, r.assegnazioni, f('assegnazioni')));
  await step('liquidazioni', r.liquidazioni.length > 0, () => importDisbursements(history, r.liquidazioni, f('liquidazioni')));
  // Brought up to date even when the import is refused (the transaction then takes them back):
  // the disbursement limit is read from them.
  await refreshHistoryTotals(history, { assignments: r.assegnazioni.length > 0, disbursements: r.liquidazioni.length > 0 });
  if (r.liquidazioni.length > 0) await checkDisbursementLimits(history, r.liquidazioni, f('liquidazioni'));
  await step('spese', staging.staged > 0, () => staging.commit(ctx, actor, f('spese'), issues));
  if (!issues.empty) throw new Rejected(issues.sorted(), issues.count, reading.files);
  await history.flush();
  const receipt = await storeReceipt(ctx, tx, actor, reading, counts);
  const summary = Object.entries(counts).map(([file, c]) => `${file}: ${c.added} aggiunti, ${c.changed} modificati, ${c.unchanged} invariati`);
  return { ok: true as const, summary, files: reading.files, counts, receipt };
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
