/**
 * distretti.csv, comuni.csv and fondi.csv of an import, set-wise: staged, compared with what is
 * stored (new, unchanged, changed), stored in a few statements. Registry records may change
 * (a district renamed, a municipality moved): the change is stored and audited with its before.
 */
import { romeDate } from '../../../domain/dates.ts';
import type { DistrictRecord, FundRecord, MunicipalityRecord } from '../../../exchange/files.ts';
import { createStage, statusCounts } from '../../../db/staging.ts';
import {
  DISTRICT_STAGE,
  FUND_STAGE,
  MUNICIPALITY_STAGE,
  classifyDistricts,
  classifyFunds,
  classifyMunicipalities,
  districtStageColumns,
  fundStageColumns,
  municipalityStageColumns,
  storeDistricts,
  storeFunds,
  storeMunicipalities,
} from '../../../db/repositories/import-registry.ts';
import { stagedWith } from '../../../db/staging.ts';
import { HOME_REGION } from '../../bootstrap.ts';
import type { Counts } from '../import-funds.ts';
import { byLine, type HistoryStep } from './context.ts';

const countsOf = (statuses: Map<string, number>): Counts => ({ added: statuses.get('new') ?? 0, changed: statuses.get('changed') ?? 0, unchanged: statuses.get('unchanged') ?? 0 });

/** Audit entries in file order: each new record with its values, each changed one with its before. */
const audit = <R extends { readonly line: number }, B extends { readonly line: number }>(
  step: HistoryStep,
  records: ReadonlyMap<number, R>,
  fresh: readonly { line: number }[],
  changed: readonly B[],
  entry: (r: R, before: B | undefined) => void,
) => {
  const before = new Map(changed.map((b) => [b.line, b]));
  const lines = [...fresh.map((f) => f.line), ...changed.map((c) => c.line)].sort((a, b) => a - b);
  for (const line of lines) entry(records.get(line)!, before.get(line));
};

export const importDistricts = async (step: HistoryStep, records: readonly DistrictRecord[]): Promise<Counts> => {
  const { database, tx } = step;
  await createStage(database, tx, DISTRICT_STAGE, districtStageColumns, records.map((r) => [r.line, r.code, r.name, r.leadBody, r.managementForm]));
  const changed = await classifyDistricts(tx);
  const fresh = await stagedWith(tx, DISTRICT_STAGE, ['new']);
  await storeDistricts(tx, HOME_REGION.code, romeDate(step.ctx.now()));
  audit(step, byLine(records), fresh, changed, (r, b) => {
    const now = { code: r.code, name: r.name, leadBody: r.leadBody, managementForm: r.managementForm };
    const was = b && { code: b.code, name: b.name, leadBody: b.leadBody, managementForm: b.managementForm };
    step.record({ action: 'district.import', entityType: 'district', entityId: r.code, ...(was ? { before: was } : {}), after: now });
  });
  return countsOf(await statusCounts(tx, DISTRICT_STAGE));
};

export const importMunicipalities = async (step: HistoryStep, records: readonly MunicipalityRecord[], file: string): Promise<Counts> => {
  const { database, tx } = step;
  await createStage(database, tx, MUNICIPALITY_STAGE, municipalityStageColumns, records.map((r) => [r.line, r.istatCode, r.name, r.districtCode, r.population]));
  const changed = await classifyMunicipalities(tx);
  const lines = byLine(records);
  for (const u of await stagedWith(tx, MUNICIPALITY_STAGE, ['unknown_district'])) {
    step.issues.add(file, u.line, 'distretto', `distretto "${lines.get(u.line)!.districtCode}" inesistente`);
  }
  const fresh = await stagedWith(tx, MUNICIPALITY_STAGE, ['new']);
  await storeMunicipalities(tx);
  audit(step, lines, fresh, changed, (r, b) => {
    const now = { istatCode: r.istatCode, name: r.name, population: r.population, districtCode: r.districtCode };
    const was = b && { istatCode: b.istatCode, name: b.name, population: b.population, districtCode: b.districtCode };
    step.record({ action: 'municipality.import', entityType: 'municipality', entityId: r.istatCode, ...(was ? { before: was } : {}), after: now });
  });
  return countsOf(await statusCounts(tx, MUNICIPALITY_STAGE));
};

const sourceOf = (r: FundRecord) => (r.source === 'nazionale' ? ('national' as const) : ('regional' as const));

export const importFunds = async (step: HistoryStep, records: readonly FundRecord[]): Promise<Counts> => {
  const { database, tx } = step;
  await createStage(database, tx, FUND_STAGE, fundStageColumns, records.map((r) => [r.line, r.code, r.name, sourceOf(r), r.rule75]));
  const changed = await classifyFunds(tx);
  const fresh = await stagedWith(tx, FUND_STAGE, ['new']);
  await storeFunds(tx);
  audit(step, byLine(records), fresh, changed, (r, b) => {
    const now = { code: r.code, name: r.name, source: sourceOf(r), rule75: r.rule75 };
    const was = b && { code: b.code, name: b.name, source: b.source, rule75: b.rule75 };
    step.record({ action: 'fund.import', entityType: 'fund', entityId: r.code, ...(was ? { before: was } : {}), after: now });
  });
  return countsOf(await statusCounts(tx, FUND_STAGE));
};
