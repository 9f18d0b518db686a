/**
 * Set-wise SQL of the registry files of an import (distretti, comuni, fondi), over the staging
 * tables of src/db/staging.ts. Each stage row gets a status: `new`, `unchanged`, `changed`, or
 * the reference it lacks (`unknown_district`); the service names the lines and writes the audit.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../client.ts';

export const DISTRICT_STAGE = 'history_districts';
export const MUNICIPALITY_STAGE = 'history_municipalities';
export const FUND_STAGE = 'history_funds';

export const districtStageColumns = { code: 'text', name: 'text', lead_body: 'text', management_form: 'text' } as const;
export const municipalityStageColumns = { istat: 'text', name: 'text', district_code: 'text', population: 'integer' } as const;
export const fundStageColumns = { code: 'text', name: 'text', source: 'text', rule75: 'boolean' } as const;

export interface DistrictBefore {
  line: number;
  code: string;
  name: string;
  leadBody: string;
  managementForm: string | null;
}

/** Classifies the staged districts and answers the stored values of those that change. */
export const classifyDistricts = async (tx: Tx): Promise<DistrictBefore[]> => {
  await tx.execute(sql`update history_districts set status = 'new'`);
  await tx.execute(sql`update history_districts s
    set status = case when (d.name, d.lead_body, d.management_form) is not distinct from (s.name, s.lead_body, s.management_form) then 'unchanged' else 'changed' end
    from districts d where d.code = s.code`);
  return rowsOf<{ line: number; code: string; name: string; lead_body: string; management_form: string | null }>(
    await tx.execute(sql`select s.line, d.code, d.name, d.lead_body, d.management_form from history_districts s join districts d on d.code = s.code where s.status = 'changed' order by s.line`),
  ).map((r) => ({ line: Number(r.line), code: r.code, name: r.name, leadBody: r.lead_body, managementForm: r.management_form }));
};

/**
 * Stores the new districts and the changes. A new lead body closes the history on the day of
 * the import (the file carries no date of the hand-over), as the row-by-row import did.
 */
export const storeDistricts = async (tx: Tx, regionCode: string, today: string): Promise<void> => {
  await tx.execute(sql`insert into districts (code, name, region_code, lead_body, management_form)
    select code, name, ${regionCode}::text, lead_body, management_form from history_districts where status = 'new' order by code`);
  await tx.execute(sql`insert into district_lead_bodies (district_code, lead_body)
    select code, lead_body from history_districts where status = 'new' and lead_body <> '' order by line`);
  await tx.execute(sql`create temp table history_lead_changes on commit drop as
    select s.line, s.code, s.lead_body from history_districts s join districts d on d.code = s.code
    where s.status = 'changed' and d.lead_body <> s.lead_body and s.lead_body <> ''`);
  await tx.execute(sql`update district_lead_bodies b set valid_to = ${today}::date from history_lead_changes c where b.district_code = c.code`);
  await tx.execute(sql`insert into district_lead_bodies (district_code, lead_body, valid_from) select code, lead_body, ${today}::date from history_lead_changes order by line`);
  await tx.execute(sql`update districts d set name = s.name, lead_body = s.lead_body, management_form = s.management_form
    from history_districts s where s.status = 'changed' and d.code = s.code`);
};

export interface MunicipalityBefore {
  line: number;
  istatCode: string;
  name: string;
  population: number;
  districtCode: string | null;
}

/** Municipalities of a district neither stored nor in the file are `unknown_district`. */
export const classifyMunicipalities = async (tx: Tx): Promise<MunicipalityBefore[]> => {
  await tx.execute(sql`update history_municipalities s set status = case when exists (select 1 from districts d where d.code = s.district_code) then 'new' else 'unknown_district' end`);
  await tx.execute(sql`update history_municipalities s
    set status = case when (m.name, m.population, m.district_code) is not distinct from (s.name, s.population, s.district_code) then 'unchanged' else 'changed' end
    from municipalities m where s.status = 'new' and m.istat_code = s.istat`);
  return rowsOf<{ line: number; istat_code: string; name: string; population: number; district_code: string | null }>(
    await tx.execute(sql`select s.line, m.istat_code, m.name, m.population, m.district_code from history_municipalities s join municipalities m on m.istat_code = s.istat where s.status = 'changed' order by s.line`),
  ).map((r) => ({ line: Number(r.line), istatCode: r.istat_code, name: r.name, population: Number(r.population), districtCode: r.district_code }));
};

export const storeMunicipalities = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`insert into municipalities (istat_code, name, population, district_code)
    select istat, name, population, district_code from history_municipalities where status = 'new' order by istat`);
  await tx.execute(sql`update municipalities m set name = s.name, population = s.population, district_code = s.district_code
    from history_municipalities s where s.status = 'changed' and m.istat_code = s.istat`);
};

export interface FundBefore {
  line: number;
  code: string;
  name: string;
  source: string;
  rule75: boolean;
}

export const classifyFunds = async (tx: Tx): Promise<FundBefore[]> => {
  await tx.execute(sql`update history_funds set status = 'new'`);
  await tx.execute(sql`update history_funds s
    set status = case when (f.name, f.source, f.rule75) is not distinct from (s.name, s.source, s.rule75) then 'unchanged' else 'changed' end
    from funds f where f.code = s.code`);
  return rowsOf<{ line: number; code: string; name: string; source: string; rule75: boolean }>(
    await tx.execute(sql`select s.line, f.code, f.name, f.source, f.rule75 from history_funds s join funds f on f.code = s.code where s.status = 'changed' order by s.line`),
  ).map((r) => ({ line: Number(r.line), code: r.code, name: r.name, source: r.source, rule75: r.rule75 === true || (r.rule75 as unknown) === 't' }));
};

export const storeFunds = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`insert into funds (code, name, source, rule75) select code, name, source, rule75 from history_funds where status = 'new' order by code`);
  await tx.execute(sql`update funds f set name = s.name, source = s.source, rule75 = s.rule75 from history_funds s where s.status = 'changed' and f.code = s.code`);
};
