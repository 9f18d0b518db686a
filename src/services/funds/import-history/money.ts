/**
 * annualita.csv, linee.csv, assegnazioni.csv and liquidazioni.csv of an import, set-wise: staged,
 * checked in SQL (unknown references, a different record under a stored key, the limits of
 * DOMAIN.md), stored in one statement per file, the running totals recounted once. An identical
 * record already stored is skipped; a different one under the same key is refused: an earlier
 * figure is corrected through a correction request, never by silent overwrite. The messages are
 * those of the row-by-row import this replaces.
 */
import { cents } from '../../../domain/money.ts';
import { DomainError } from '../../../domain/errors.ts';
import { checkAssignmentWithinLine, checkDisbursementWithinAssignment, checkProgrammingWithinAllocation } from '../../../domain/funds/limits.ts';
import type { Annuality, DistrictCode, FundCode } from '../../../domain/funds/types.ts';
import type { ActReference, AnnualityRecord, AssignmentRecord, DisbursementRecord, InterventionLineRecord } from '../../../exchange/files.ts';
import { createStage, stagedWith, statusCounts, type StageColumns, type StageValue } from '../../../db/staging.ts';
import { lockLimitsInBulk, type LimitKey } from '../../../db/locks.ts';
import {
  ANNUALITY_STAGE,
  ASSIGNMENT_STAGE,
  DISBURSEMENT_STAGE,
  LINE_STAGE,
  annualityStageColumns,
  assignmentBreaks,
  assignmentStageColumns,
  classifyAnnualities,
  classifyAssignments,
  classifyDisbursements,
  classifyLines,
  disbursementBreaks,
  disbursementStageColumns,
  ensureStagedActs,
  inputOf,
  lineStageColumns,
  newRows,
  programmingBreaks,
  addStagedMoneyTotals,
  refreshStatistics,
  roomForSums,
  storeAnnualities,
  storeAssignments,
  storeDisbursements,
  storeLines,
  type LimitBreak,
} from '../../../db/repositories/import-money.ts';
import type { Counts } from '../import-funds.ts';
import { byLine, type HistoryStep } from './context.ts';

const act = (a: ActReference): StageValue[] => [a.type, a.number, a.date];

/**
 * The locks of every limit the money files may add to (src/db/locks.ts), taken before anything
 * is read: Σ lines of each fund annuality, Σ assignments of each line, Σ disbursements of each
 * district, fund and annuality.
 */
export const lockMoneyLimits = async (step: HistoryStep, linee: readonly InterventionLineRecord[], assegnazioni: readonly AssignmentRecord[], liquidazioni: readonly DisbursementRecord[]) => {
  const keys: LimitKey[] = [
    ...linee.map((r) => ({ limit: 'allocation' as const, fund: r.fundCode, annuality: r.annuality })),
    ...assegnazioni.map((r) => ({ limit: 'line' as const, fund: r.fundCode, annuality: r.annuality, line: r.lineCode })),
    ...liquidazioni.map((r) => ({ limit: 'assignment' as const, fund: r.fundCode, annuality: r.annuality, district: r.districtCode })),
  ];
  await lockLimitsInBulk(step.tx, keys);
  if (keys.length > 0) await roomForSums(step.tx);
};

/**
 * Stages the rows, registers the acts they cite (audited as ensureAct does), classifies them,
 * names the refused ones; answers the counts.
 */
const classify = async <R extends { readonly line: number }>(
  step: HistoryStep,
  stage: string,
  columns: StageColumns,
  records: readonly R[],
  row: (r: R) => StageValue[],
  run: (tx: HistoryStep['tx']) => Promise<unknown>,
  file: string,
  refusals: Readonly<Record<string, (r: R) => [column: string, message: string]>>,
): Promise<{ counts: Counts; lines: Map<number, R> }> => {
  await createStage(step.database, step.tx, inputOf(stage), columns, records.map((r) => [r.line, ...row(r)]), { status: false });
  for (const a of await ensureStagedActs(step.tx, stage)) {
    step.record({ action: 'act.create', entityType: 'act', entityId: a.id, after: { type: a.type, number: a.number, date: a.date, issuingOffice: '', subject: '' }, actId: a.id });
  }
  await run(step.tx);
  const lines = byLine(records);
  for (const refused of await stagedWith(step.tx, stage, Object.keys(refusals))) {
    const [column, message] = refusals[refused.status]!(lines.get(refused.line)!);
    step.issues.add(file, refused.line, column, message);
  }
  const statuses = await statusCounts(step.tx, stage);
  return { counts: { added: statuses.get('new') ?? 0, changed: 0, unchanged: statuses.get('unchanged') ?? 0 }, lines };
};

/** Stores the new rows and answers them. */
const storeNew = async (step: HistoryStep, stage: string, store: (tx: HistoryStep['tx']) => Promise<unknown>) => {
  await store(step.tx);
  return newRows(step.tx, stage);
};

/** A broken limit becomes the error of the record that broke it, in the domain's words. */
const limitIssues = (step: HistoryStep, file: string, breaks: readonly LimitBreak[], check: (b: LimitBreak) => void) => {
  for (const b of breaks) {
    try {
      check(b);
    } catch (e) {
      if (e instanceof DomainError) step.issues.add(file, b.line, 'importo', e.message);
      else throw e;
    }
  }
};

export const importAnnualities = async (step: HistoryStep, records: readonly AnnualityRecord[], file: string): Promise<Counts> => {
  const { counts, lines } = await classify(step, ANNUALITY_STAGE, annualityStageColumns, records, (r) => [r.fundCode, r.annuality, r.amount, ...act(r.act)], classifyAnnualities, file, {
    unknown_fund: (r) => ['fondo', `fondo "${r.fundCode}" inesistente`],
    conflict: (r) => ['importo', `annualità ${r.fundCode} ${r.annuality} già registrata con importo o atto diversi: la modifica di un importo già registrato passa per una rettifica`],
  });
  for (const n of await storeNew(step, ANNUALITY_STAGE, storeAnnualities)) {
    const r = lines.get(n.line)!;
    step.record({ action: 'fund_annuality.import', entityType: 'fund_annuality', entityId: `${r.fundCode}/${r.annuality}`, after: { allocated: r.amount }, actId: n.actId });
  }
  return counts;
};

export const importLines = async (step: HistoryStep, records: readonly InterventionLineRecord[], file: string): Promise<Counts> => {
  const { counts, lines } = await classify(step, LINE_STAGE, lineStageColumns, records, (r) => [r.fundCode, r.annuality, r.lineCode, r.description, r.amount, ...act(r.act)], classifyLines, file, {
    unknown_annuality: (r) => ['annualita', `annualità ${r.annuality} del fondo "${r.fundCode}" inesistente (manca in annualita.csv)`],
    conflict: (r) => ['importo', `linea ${r.lineCode} già registrata con valori diversi: la modifica passa per una rettifica`],
  });
  for (const n of await storeNew(step, LINE_STAGE, storeLines)) {
    const r = lines.get(n.line)!;
    step.record({ action: 'intervention_line.import', entityType: 'intervention_line', entityId: `${r.fundCode}/${r.annuality}/${r.lineCode}`, after: { amount: r.amount, description: r.description }, actId: n.actId });
  }
  limitIssues(step, file, await programmingBreaks(step.tx), (b) => {
    const r = lines.get(b.line)!;
    checkProgrammingWithinAllocation({ allocated: cents(b.limit), programmed: cents(0n), adding: cents(b.total) }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality });
  });
  return counts;
};

export const importAssignments = async (step: HistoryStep, records: readonly AssignmentRecord[], file: string): Promise<Counts> => {
  const { counts, lines } = await classify(
    step,
    ASSIGNMENT_STAGE,
    assignmentStageColumns,
    records,
    (r) => [r.fundCode, r.annuality, r.lineCode, r.districtCode, r.amount, ...act(r.act)],
    classifyAssignments,
    file,
    {
      unknown_district: (r) => ['distretto', `distretto "${r.districtCode}" inesistente`],
      unknown_line: (r) => ['linea', `linea "${r.lineCode}" del fondo ${r.fundCode} ${r.annuality} inesistente`],
      conflict: () => ['importo', 'assegnazione già registrata con valori diversi: la modifica passa per una rettifica'],
    },
  );
  const storedAssignments = await storeNew(step, ASSIGNMENT_STAGE, storeAssignments);
  await refreshStatistics(step.tx, 'assignments', storedAssignments.length);
  for (const n of storedAssignments) {
    const r = lines.get(n.line)!;
    step.record({ action: 'assignment.import', entityType: 'assignment', entityId: `${r.fundCode}/${r.annuality}/${r.lineCode}/${r.districtCode}/${r.act.number}`, after: { amount: r.amount }, actId: n.actId });
  }
  limitIssues(step, file, await assignmentBreaks(step.tx), (b) => {
    const r = lines.get(b.line)!;
    checkAssignmentWithinLine({ line: cents(b.limit), assigned: cents(0n), adding: cents(b.total) }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality, line: r.lineCode });
  });
  return counts;
};

export const importDisbursements = async (step: HistoryStep, records: readonly DisbursementRecord[], file: string): Promise<Counts> => {
  const { counts, lines } = await classify(
    step,
    DISBURSEMENT_STAGE,
    disbursementStageColumns,
    records,
    (r) => [r.fundCode, r.annuality, r.districtCode, r.amount, r.date, ...act(r.act)],
    classifyDisbursements,
    file,
    {
      unknown_district: (r) => ['distretto', `distretto "${r.districtCode}" inesistente`],
      unknown_annuality: (r) => ['annualita', `annualità ${r.annuality} del fondo "${r.fundCode}" inesistente (manca in annualita.csv)`],
      conflict: () => ['importo', 'liquidazione già registrata con valori diversi: la modifica passa per una rettifica'],
    },
  );
  const storedDisbursements = await storeNew(step, DISBURSEMENT_STAGE, storeDisbursements);
  await refreshStatistics(step.tx, 'disbursements', storedDisbursements.length);
  for (const n of storedDisbursements) {
    const r = lines.get(n.line)!;
    step.record({ action: 'disbursement.import', entityType: 'disbursement', entityId: `${r.fundCode}/${r.annuality}/${r.districtCode}/${r.act.number}`, after: { amount: r.amount, paidOn: r.date }, actId: n.actId });
  }
  return counts;
};

/**
 * Σ disbursed ≤ assigned, once the running totals are recounted (refreshHistoryTotals): the
 * import is refused, and the totals taken back with it, when a district is paid beyond it.
 */
export const checkDisbursementLimits = async (step: HistoryStep, records: readonly DisbursementRecord[], file: string) => {
  const lines = byLine(records);
  limitIssues(step, file, await disbursementBreaks(step.tx), (b) => {
    const r = lines.get(b.line)!;
    checkDisbursementWithinAssignment({ assigned: cents(b.limit), disbursed: cents(0n), adding: cents(b.total) }, { fund: r.fundCode as FundCode, annuality: r.annuality as Annuality, district: r.districtCode as DistrictCode });
  });
};

/** The running totals of every district, fund and annuality the files add to, brought up to date in one statement. */
export const refreshHistoryTotals = (step: HistoryStep, files: { assignments: boolean; disbursements: boolean }) => addStagedMoneyTotals(step.tx, files);
