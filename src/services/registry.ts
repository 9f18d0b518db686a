import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { acts, bodies, bodyKinds, districtLeadBodies, districts, municipalities, regions, type BodyKind } from '../db/schema/index.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { requirePermission } from '../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import { addDays, parseCalendarDate, type CalendarDate } from '../domain/dates.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from './context.ts';
import { keptReadouts } from './kept-readouts.ts';
import { recordChange } from './audit-log.ts';
import { page, type Page, type PageRequest } from './paging.ts';
import { getAct } from './acts.ts';

export const getRegion = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'registry.read');
  const [r] = await ctx.database.db.select().from(regions).orderBy(regions.code).limit(1);
  if (!r) throw notFound('region.not_found', 'Nessuna Regione registrata');
  return r;
};

export interface DistrictSummary {
  code: string;
  name: string;
  leadBody: string;
  managementForm: string | null;
  municipalityCount: number;
  population: number;
}

// Qualified by hand: Drizzle writes a column of a single-table select without its table name.
const districtTotals = sql`(select count(*) from municipalities m where m.district_code = "districts"."code")`;
const districtPopulation = sql`(select coalesce(sum(m.population), 0) from municipalities m where m.district_code = "districts"."code")`;

/** The columns of a district in the list. */
const summaryColumns = {
  code: districts.code,
  name: districts.name,
  leadBody: districts.leadBody,
  managementForm: districts.managementForm,
  municipalityCount: sql<string>`${districtTotals}`,
  population: sql<string>`${districtPopulation}`,
};

/*
 * The list without a search is what every page with a district picker asks for: kept between
 * requests, else one prepared query (planned once per connection) with the total alongside,
 * counted again only for a page past the end.
 */
const districtPages = new WeakMap<Db, ReturnType<typeof prepareDistrictPage>>();

const prepareDistrictPage = (db: Db) =>
  db
    .select({ ...summaryColumns, total: sql<string>`(select count(*) from districts)` })
    .from(districts)
    .orderBy(asc(districts.code))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('regia_district_page');

/** Pages of the list, kept under the audit head (./kept-readouts.ts): the registry changes only by audited writes. */
const keptPages = keptReadouts<Page<DistrictSummary>>();

const unfilteredPage = async (ctx: ServiceContext, request: PageRequest, limit: number, offset: number, auditHead: string | null | undefined): Promise<Page<DistrictSummary>> => {
  const db = ctx.database.db;
  const key = `${request.page}/${limit}`;
  const early = keptPages.get(db, key, auditHead);
  if (early) return early;
  let query = districtPages.get(db);
  if (!query) districtPages.set(db, (query = prepareDistrictPage(db)));
  const rows = await query.execute({ limit, offset });
  const total = rows[0] ? Number(rows[0].total) : Number((await db.select({ n: sql<string>`count(*)` }).from(districts))[0]?.n ?? 0);
  const result = {
    items: rows.map((r) => ({ code: r.code, name: r.name, leadBody: r.leadBody, managementForm: r.managementForm, municipalityCount: Number(r.municipalityCount), population: Number(r.population) })),
    total,
    page: request.page,
    pageSize: limit,
  };
  keptPages.set(db, key, auditHead, result);
  return result;
};

/**
 * `auditHead`: the audit head the caller read as the request began (with the session); a page
 * kept under it is answered as it is. The same object then, so callers must not change it.
 */
export const listDistricts = async (ctx: ServiceContext, actor: Actor, q: string | undefined, request: PageRequest, auditHead?: string | null): Promise<Page<DistrictSummary>> => {
  requirePermission(actor, 'registry.read');
  let where: SQL | undefined;
  if (q?.trim()) {
    const like = `%${q.trim()}%`;
    where = or(
      ilike(districts.code, like),
      ilike(districts.name, like),
      ilike(districts.leadBody, like),
      sql`exists (select 1 from municipalities m where m.district_code = "districts"."code" and m.name ilike ${like})`,
    );
  }
  const { limit, offset } = page(request);
  if (!where) return unfilteredPage(ctx, request, limit, offset, auditHead);
  const rows = await ctx.database.db
    .select(summaryColumns)
    .from(districts)
    .where(where)
    .orderBy(asc(districts.code))
    .limit(limit)
    .offset(offset);
  const [count] = await ctx.database.db.select({ n: sql<string>`count(*)` }).from(districts).where(where);
  return {
    items: rows.map((r) => ({ ...r, municipalityCount: Number(r.municipalityCount), population: Number(r.population) })),
    total: Number(count?.n ?? 0),
    page: request.page,
    pageSize: limit,
  };
};

export const getDistrict = async (ctx: ServiceContext, actor: Actor, code: string) => {
  requirePermission(actor, 'registry.read');
  const db = ctx.database.db;
  const [d] = await db.select().from(districts).where(eq(districts.code, code));
  if (!d) throw notFound('district.not_found', `Distretto "${code}" non trovato`);
  const members = await db
    .select({ istatCode: municipalities.istatCode, name: municipalities.name, population: municipalities.population })
    .from(municipalities)
    .where(eq(municipalities.districtCode, code))
    .orderBy(asc(municipalities.name));
  const history = await db
    .select({
      leadBody: districtLeadBodies.leadBody,
      validFrom: districtLeadBodies.validFrom,
      validTo: districtLeadBodies.validTo,
      actId: acts.id,
      actType: acts.type,
      actNumber: acts.number,
      actDate: acts.date,
    })
    .from(districtLeadBodies)
    .leftJoin(acts, eq(acts.id, districtLeadBodies.actId))
    .where(eq(districtLeadBodies.districtCode, code))
    .orderBy(sql`${districtLeadBodies.validFrom} desc nulls last`, sql`${districtLeadBodies.id} desc`);
  return {
    code: d.code,
    name: d.name,
    leadBody: d.leadBody,
    managementForm: d.managementForm,
    population: members.reduce((s, m) => s + m.population, 0),
    municipalities: members,
    leadBodyHistory: history.map((h) => ({
      leadBody: h.leadBody,
      validFrom: h.validFrom,
      validTo: h.validTo,
      act: h.actId ? { id: h.actId, type: h.actType!, number: h.actNumber!, date: h.actDate! } : null,
    })),
  };
};

/**
 * Records a change of lead body from a date, citing its act: the current entry is
 * closed the day before, so the history has no gap and no overlap.
 */
export const changeLeadBody = async (ctx: ServiceContext, actor: Actor, code: string, input: { leadBody: string; validFrom: string; actId: number }) => {
  requirePermission(actor, 'registry.write');
  const leadBody = input.leadBody.trim();
  if (!leadBody) throw invalid('district.lead_body_missing', "Indicare l'ente capofila");
  const validFrom = parseCalendarDate(input.validFrom);
  if (!validFrom) throw invalid('date.invalid', `Data di decorrenza non valida: "${input.validFrom}"`);
  await getAct(ctx, actor, input.actId);
  await ctx.database.db.transaction(async (tx) => {
    const [d] = await tx.select().from(districts).where(eq(districts.code, code));
    if (!d) throw notFound('district.not_found', `Distretto "${code}" non trovato`);
    const [open] = await tx.select().from(districtLeadBodies).where(and(eq(districtLeadBodies.districtCode, code), isNull(districtLeadBodies.validTo)));
    if (open?.validFrom && open.validFrom >= validFrom) {
      throw conflict('district.lead_body_order', `La decorrenza deve seguire quella del capofila in carica (${open.validFrom})`);
    }
    if (open) await tx.update(districtLeadBodies).set({ validTo: addDays(validFrom as CalendarDate, -1) }).where(eq(districtLeadBodies.id, open.id));
    await tx.insert(districtLeadBodies).values({ districtCode: code, leadBody, validFrom, actId: input.actId });
    await tx.update(districts).set({ leadBody }).where(eq(districts.code, code));
    await recordChange(ctx, tx, actor, { action: 'district.lead_body_change', entityType: 'district', entityId: code, before: { leadBody: d.leadBody }, after: { leadBody, validFrom }, actId: input.actId });
  });
  return getDistrict(ctx, actor, code);
};

export const listMunicipalities = async (ctx: ServiceContext, actor: Actor, filter: { q?: string | undefined; district?: string | undefined }, request: PageRequest) => {
  requirePermission(actor, 'registry.read');
  const parts: SQL[] = [];
  if (filter.q?.trim()) parts.push(or(ilike(municipalities.name, `%${filter.q.trim()}%`), eq(municipalities.istatCode, filter.q.trim()))!);
  if (filter.district) parts.push(eq(municipalities.districtCode, filter.district));
  const where = parts.length ? and(...parts) : undefined;
  const { limit, offset } = page(request);
  const rows = await ctx.database.db
    .select({ istatCode: municipalities.istatCode, name: municipalities.name, population: municipalities.population, district: municipalities.districtCode })
    .from(municipalities)
    .where(where)
    .orderBy(asc(municipalities.name))
    .limit(limit)
    .offset(offset);
  const [count] = await ctx.database.db.select({ n: sql<string>`count(*)` }).from(municipalities).where(where);
  return { items: rows, total: Number(count?.n ?? 0), page: request.page, pageSize: limit };
};

const isBodyKind = (k: string): k is BodyKind => (bodyKinds as readonly string[]).includes(k);

export const listBodies = async (ctx: ServiceContext, actor: Actor, filter: { q?: string | undefined; kind?: string | undefined }, request: PageRequest) => {
  requirePermission(actor, 'registry.read');
  const parts: SQL[] = [];
  if (filter.q?.trim()) parts.push(ilike(bodies.name, `%${filter.q.trim()}%`));
  if (filter.kind) parts.push(eq(bodies.kind, filter.kind as BodyKind));
  const where = parts.length ? and(...parts) : undefined;
  const { limit, offset } = page(request);
  const rows = await ctx.database.db
    .select({ id: bodies.id, name: bodies.name, kind: bodies.kind, taxCode: bodies.taxCode, district: bodies.districtCode, notes: bodies.notes })
    .from(bodies)
    .where(where)
    .orderBy(asc(bodies.name))
    .limit(limit)
    .offset(offset);
  const [count] = await ctx.database.db.select({ n: sql<string>`count(*)` }).from(bodies).where(where);
  return { items: rows, total: Number(count?.n ?? 0), page: request.page, pageSize: limit };
};

export interface BodyInput {
  name: string;
  kind: string;
  taxCode?: string | null | undefined;
  district?: string | null | undefined;
  notes?: string | null | undefined;
}

export const createBody = async (ctx: ServiceContext, actor: Actor, input: BodyInput) => {
  requirePermission(actor, 'registry.write');
  const name = input.name.trim();
  if (!name) throw invalid('body.name_missing', "Indicare la denominazione dell'ente");
  if (!isBodyKind(input.kind)) throw invalid('body.kind_unknown', `Tipo di ente sconosciuto: "${input.kind}"`);
  const taxCode = input.taxCode?.trim() || null;
  if (taxCode && !/^\d{11}$/.test(taxCode)) throw invalid('body.tax_code_invalid', 'Il codice fiscale di un ente ha 11 cifre');
  const kind = input.kind;
  return ctx.database.db.transaction(async (tx) => {
    if (input.district) {
      const [d] = await tx.select({ code: districts.code }).from(districts).where(eq(districts.code, input.district));
      if (!d) throw invalid('district.not_found', `Distretto "${input.district}" non trovato`);
    }
    const [dup] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.name, name));
    if (dup) throw conflict('body.duplicate', `L'ente "${name}" è già registrato`);
    const [row] = await tx.insert(bodies).values({ name, kind, taxCode, districtCode: input.district || null, notes: input.notes?.trim() || null }).returning();
    const view = { id: row!.id, name: row!.name, kind: row!.kind, taxCode: row!.taxCode, district: row!.districtCode, notes: row!.notes };
    await recordChange(ctx, tx, actor, { action: 'body.create', entityType: 'body', entityId: row!.id, after: view });
    return view;
  });
};
