/**
 * The read-outs of EXCHANGE.md (compliance, tranche, split, SIOSS export): the same JSON for
 * the CLI and HTTP. They read the running totals, never the expense lines (STACK.md: PGlite is
 * one connection; a scan would stall every request).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { districtFundTotals, districts, fundAnnualities, funds } from '../../db/schema/index.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { requirePermission, visibleDistricts } from '../../domain/auth/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { cents, formatEuroPlain, type Cents } from '../../domain/money.ts';
import { complianceReadout, type ComplianceReadout } from '../../domain/funds/compliance.ts';
import { trancheReadout, gatingAnnualityOf, previousAnnualityOf, type TrancheReadout } from '../../domain/funds/tranche.ts';
import { splitPreview, type SplitCriterion, type SplitReadout, type PercentInput } from '../../domain/funds/split.ts';
import type { Annuality, DistrictCode, DistrictTotals, FundCode } from '../../domain/funds/types.ts';
import type { ServiceContext } from '../context.ts';
import { keptReadouts } from '../kept-readouts.ts';

const requireFund = async (ctx: ServiceContext, code: string) => {
  const [fund] = await ctx.database.db.select().from(funds).where(eq(funds.code, code));
  if (!fund) throw notFound('fund.not_found', `Fondo "${code}" non trovato`);
  return fund;
};

/** Totals per district of a fund annuality, limited to the districts the reader may see. */
const totalsOf = async (ctx: ServiceContext, fund: string, annuality: number, only: readonly string[]) => {
  const where = and(eq(districtFundTotals.fundCode, fund), eq(districtFundTotals.annuality, annuality), inArray(districtFundTotals.districtCode, [...only]));
  const rows = only.length === 0 ? [] : await ctx.database.db.select().from(districtFundTotals).where(where);
  return new Map<DistrictCode, DistrictTotals>(
    rows.map((r) => [r.districtCode as DistrictCode, { assigned: cents(r.assigned), disbursed: cents(r.disbursed), reported: cents(r.reported), recognised: cents(r.recognised) }]),
  );
};

const allocationOf = async (ctx: ServiceContext, fund: string, annuality: number): Promise<Cents> => {
  const [a] = await ctx.database.db.select({ allocated: fundAnnualities.allocated }).from(fundAnnualities).where(and(eq(fundAnnualities.fundCode, fund), eq(fundAnnualities.annuality, annuality)));
  return cents(a?.allocated ?? 0n);
};

/*
 * The read-out is the dashboard's main read: for the whole Region, 600 districts' totals turned
 * into ~100 KB of JSON. It is kept under the audit head (../kept-readouts.ts): when nothing was
 * written since, it costs no query over HTTP (the session's query read the head) and one from
 * the CLI; when something was, two prepared queries.
 */
const kept = keptReadouts<ComplianceReadout>();

const prepared = new WeakMap<Db, ReturnType<typeof prepareCompliance>>();

const prepareCompliance = (db: Db) => ({
  head: db
    .select({
      allocated: fundAnnualities.allocated,
      programmed: sql<string | number | null>`(select sum(l.amount) from intervention_lines l where l.fund_code = ${funds.code} and l.annuality = ${sql.placeholder('annuality')})`,
      auditHead: sql<string | null>`(select h.last_hash from audit_head h where h.id = 1)`,
    })
    .from(funds)
    .leftJoin(fundAnnualities, and(eq(fundAnnualities.fundCode, funds.code), eq(fundAnnualities.annuality, sql.placeholder('annuality'))))
    .where(eq(funds.code, sql.placeholder('fund')))
    .prepare('regia_compliance_head'),
  // a full join: totals of a district missing from the registry reach the domain, which refuses them
  districts: (() => {
    const t = db
      .select()
      .from(districtFundTotals)
      .where(and(eq(districtFundTotals.fundCode, sql.placeholder('fund')), eq(districtFundTotals.annuality, sql.placeholder('annuality'))))
      .as('t');
    return db
      .select({ listed: districts.code, district: t.districtCode, assigned: t.assigned, disbursed: t.disbursed, reported: t.reported, recognised: t.recognised })
      .from(districts)
      .fullJoin(t, eq(t.districtCode, districts.code))
      .prepare('regia_compliance_districts');
  })(),
});

const complianceQueries = (db: Db) => {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareCompliance(db)));
  return q;
};

/**
 * The read-out; the same object for as long as nothing is written, so callers must not change it.
 * `auditHead`, when the caller read it already at the start of the request (with the session),
 * spares the first query when the read-out kept under it is still right.
 */
export const compliance = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, auditHead?: string | null): Promise<ComplianceReadout> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const queries = complianceQueries(db);
  const only = visibleDistricts(actor);
  const key = `${fund}\u0000${annuality}\u0000${only ? [...only].sort().join(',') : '*'}`;
  // only a read-out that was found is kept: nothing written since, it is found still
  const early = kept.get(db, key, auditHead);
  if (early) return early;
  const [head] = await queries.head.execute({ fund, annuality });
  if (!head) throw notFound('fund.not_found', `Fondo "${fund}" non trovato`);
  if (head.allocated === null) throw notFound('fund_annuality.not_found', `Annualità ${annuality} del fondo ${fund} non registrata`);
  const same = kept.get(db, key, head.auditHead);
  if (same) return same;
  let listed: string[];
  let totals: Map<DistrictCode, DistrictTotals>;
  if (only) {
    listed = [...only];
    totals = await totalsOf(ctx, fund, annuality, only);
  } else {
    const rows = await queries.districts.execute({ fund, annuality });
    listed = [];
    totals = new Map();
    for (const r of rows) {
      if (r.listed !== null) listed.push(r.listed);
      if (r.district !== null) totals.set(r.district as DistrictCode, { assigned: cents(r.assigned!), disbursed: cents(r.disbursed!), reported: cents(r.reported!), recognised: cents(r.recognised!) });
    }
  }
  const readout = complianceReadout({
    fund: fund as FundCode,
    annuality: annuality as Annuality,
    allocated: cents(head.allocated),
    programmed: cents(BigInt(head.programmed ?? 0)),
    districts: listed.sort() as DistrictCode[],
    totals,
  });
  kept.set(db, key, head.auditHead, readout);
  return readout;
};

export const tranche = async (ctx: ServiceContext, actor: Actor, fund: string, year: number): Promise<TrancheReadout> => {
  requirePermission(actor, 'funds.read');
  const f = await requireFund(ctx, fund);
  // regionReported(F,Y) = Σ_d recognised(d): the ministry counts the whole Region, whoever reads it.
  const figures = async (annuality: Annuality) => {
    const [r] = rowsOf<{ s: string | null }>(
      await ctx.database.db.execute(sql`select sum(recognised) as s from district_fund_totals where fund_code = ${fund} and annuality = ${annuality}`),
    );
    return { annuality, allocated: await allocationOf(ctx, fund, annuality), recognised: cents(BigInt(r?.s ?? 0)) };
  };
  return trancheReadout({
    fund: fund as FundCode,
    rule75: f.rule75,
    year,
    gating: await figures(gatingAnnualityOf(year)),
    previous: await figures(previousAnnualityOf(year)),
  });
};

/** Population per district: the sum of its municipalities. */
export const districtPopulations = async (ctx: ServiceContext) => {
  const rows = rowsOf<{ code: string; population: string | number }>(
    await ctx.database.db.execute(sql`select d.code, coalesce(sum(m.population), 0) as population from districts d left join municipalities m on m.district_code = d.code group by d.code order by d.code`),
  );
  return rows.map((r) => ({ district: r.code as DistrictCode, population: BigInt(r.population) }));
};

export const split = async (ctx: ServiceContext, actor: Actor, total: Cents, criterion: SplitCriterion, fixedPercent?: PercentInput): Promise<SplitReadout> => {
  requirePermission(actor, 'funds.read');
  return splitPreview(total, criterion, await districtPopulations(ctx), fixedPercent);
};

export interface SiossRow {
  fondo: string;
  annualita: number;
  distretto: string;
  area: string;
  importo_riconosciuto: string;
}

/** SIOSS export: recognised amounts per district and intervention area (> 0), sorted by code. */
export const siossRows = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number): Promise<SiossRow[]> => {
  requirePermission(actor, 'funds.read');
  await requireFund(ctx, fund);
  const only = visibleDistricts(actor);
  if (only && only.length === 0) return [];
  const rows = rowsOf<{ district_code: string; area: string; s: string }>(
    await ctx.database.db.execute(sql`
      select district_code, area, sum(recognised) as s from expense_lines
      where fund_code = ${fund} and annuality = ${annuality} and submitted and recognised > 0
      ${only ? sql`and district_code in (${sql.join(only.map((d) => sql`${d}`), sql`, `)})` : sql``}
      group by district_code, area having sum(recognised) > 0 order by district_code, area`),
  );
  return rows.map((r) => ({ fondo: fund, annualita: annuality, distretto: r.district_code, area: r.area, importo_riconosciuto: formatEuroPlain(cents(BigInt(r.s))) }));
};
