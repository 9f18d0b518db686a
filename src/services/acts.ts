import { createHash } from 'node:crypto';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { acts, storedFiles, actTypes, type ActType } from '../db/schema/index.ts';
import type { Executor } from '../db/client.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { actorName, requirePermission } from '../domain/auth/actor.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { parseCalendarDate } from '../domain/dates.ts';
import { MAX_ATTACHMENT_BYTES } from '../domain/acts.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';
import { page, type PageRequest, type Page } from './paging.ts';

export interface ActInput {
  type: string;
  number: string;
  date: string;
  issuingOffice?: string;
  subject?: string;
}

export interface AttachmentView {
  fileName: string;
  bytes: number;
  sha256: string;
  storedAt: string;
}

export interface ActView {
  id: number;
  type: ActType;
  number: string;
  date: string;
  issuingOffice: string;
  subject: string;
  attachment: AttachmentView | null;
}

export interface ActRef {
  id: number;
  type: ActType;
  number: string;
  date: string;
}

const isActType = (t: string): t is ActType => (actTypes as readonly string[]).includes(t);

/** Validates an act reference as users write it (type, number, date). */
export const normaliseAct = (input: ActInput) => {
  const type = input.type.trim().toUpperCase();
  if (!isActType(type)) throw invalid('act.type_unknown', `Tipo di atto sconosciuto: "${input.type}" (ammessi: ${actTypes.join(', ')})`);
  const number = input.number.trim();
  if (!number) throw invalid('act.number_missing', "Numero dell'atto mancante");
  const date = parseCalendarDate(input.date);
  if (!date) throw invalid('act.date_invalid', `Data dell'atto non valida: "${input.date}"`);
  return { type, number, date: date as string, issuingOffice: (input.issuingOffice ?? '').trim(), subject: (input.subject ?? '').trim() };
};

const selection = {
  id: acts.id,
  type: acts.type,
  number: acts.number,
  date: acts.date,
  issuingOffice: acts.issuingOffice,
  subject: acts.subject,
  fileName: storedFiles.fileName,
  bytes: storedFiles.bytes,
  sha256: storedFiles.sha256,
  storedAt: storedFiles.storedAt,
};

type Row = { [K in keyof typeof selection]: unknown } & { id: number; type: ActType; number: string; date: string; issuingOffice: string; subject: string };

const toView = (r: Row): ActView => ({
  id: r.id,
  type: r.type,
  number: r.number,
  date: r.date,
  issuingOffice: r.issuingOffice,
  subject: r.subject,
  attachment: r.fileName
    ? { fileName: r.fileName as string, bytes: Number(r.bytes), sha256: r.sha256 as string, storedAt: (r.storedAt as Date).toISOString() }
    : null,
});

const fetchAct = async (ex: Executor, id: number): Promise<ActView | null> => {
  const [row] = await ex.select(selection).from(acts).leftJoin(storedFiles, eq(storedFiles.id, acts.attachmentId)).where(eq(acts.id, id));
  return row ? toView(row as Row) : null;
};

export const getAct = async (ctx: ServiceContext, actor: Actor, id: number): Promise<ActView> => {
  requirePermission(actor, 'acts.read');
  const act = await fetchAct(ctx.database.db, id);
  if (!act) throw notFound('act.not_found', `Atto ${id} non trovato`);
  return act;
};

export interface ActFilter {
  q?: string | undefined;
  type?: string | undefined;
  year?: number | undefined;
}

export const listActs = async (ctx: ServiceContext, actor: Actor, filter: ActFilter, request: PageRequest): Promise<Page<ActView>> => {
  requirePermission(actor, 'acts.read');
  const parts: SQL[] = [];
  if (filter.type) parts.push(eq(acts.type, filter.type.toUpperCase() as ActType));
  if (filter.year) parts.push(sql`extract(year from ${acts.date}) = ${filter.year}`);
  if (filter.q) {
    const like = `%${filter.q.trim()}%`;
    parts.push(or(ilike(acts.number, like), ilike(acts.subject, like), ilike(acts.issuingOffice, like))!);
  }
  const where = parts.length ? and(...parts) : undefined;
  const { limit, offset } = page(request);
  const rows = await ctx.database.db
    .select(selection)
    .from(acts)
    .leftJoin(storedFiles, eq(storedFiles.id, acts.attachmentId))
    .where(where)
    .orderBy(desc(acts.date), desc(acts.id))
    .limit(limit)
    .offset(offset);
  const [count] = await ctx.database.db.select({ n: sql<string>`count(*)` }).from(acts).where(where);
  return { items: rows.map((r) => toView(r as Row)), total: Number(count?.n ?? 0), page: request.page, pageSize: limit };
};

/**
 * Finds the act with this type, number and date, or records it: imports and money events
 * cite acts by these three fields, and the same act must not be stored twice.
 */
export const ensureAct = async (ctx: ServiceContext, tx: Executor, actor: Actor, input: ActInput): Promise<ActRef> => {
  const a = normaliseAct(input);
  const [found] = await tx.select().from(acts).where(and(eq(acts.type, a.type), eq(acts.number, a.number), eq(acts.date, a.date)));
  if (found) return { id: found.id, type: found.type, number: found.number, date: found.date };
  const [row] = await tx.insert(acts).values(a).returning();
  if (!row) throw new Error('insert failed');
  await recordChange(ctx, tx, actor, { action: 'act.create', entityType: 'act', entityId: row.id, after: a, actId: row.id });
  return { id: row.id, type: row.type, number: row.number, date: row.date };
};

export const createAct = async (ctx: ServiceContext, actor: Actor, input: ActInput): Promise<ActView> => {
  requirePermission(actor, 'acts.write');
  const a = normaliseAct(input);
  return ctx.database.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: acts.id }).from(acts).where(and(eq(acts.type, a.type), eq(acts.number, a.number), eq(acts.date, a.date)));
    if (dup) throw invalid('act.duplicate', `L'atto ${a.type} n. ${a.number} del ${a.date} è già registrato`);
    const [row] = await tx.insert(acts).values(a).returning();
    if (!row) throw new Error('insert failed');
    await recordChange(ctx, tx, actor, { action: 'act.create', entityType: 'act', entityId: row.id, after: a, actId: row.id });
    return (await fetchAct(tx, row.id))!;
  });
};

export interface Upload {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

/** Stores an attachment and answers its receipt: name, size, checksum, time. */
export const attachToAct = async (ctx: ServiceContext, actor: Actor, id: number, file: Upload): Promise<ActView> => {
  requirePermission(actor, 'acts.write');
  if (file.content.byteLength === 0) throw invalid('file.empty', 'Il file allegato è vuoto');
  if (file.content.byteLength > MAX_ATTACHMENT_BYTES) throw invalid('file.too_large', 'Il file allegato supera i 20 MB');
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return ctx.database.db.transaction(async (tx) => {
    const before = await fetchAct(tx, id);
    if (!before) throw notFound('act.not_found', `Atto ${id} non trovato`);
    const [stored] = await tx
      .insert(storedFiles)
      .values({ fileName: file.fileName, mediaType: file.mediaType, bytes: file.content.byteLength, sha256, content: file.content, storedAt: ctx.now(), storedBy: actorName(actor) })
      .returning({ id: storedFiles.id });
    await tx.update(acts).set({ attachmentId: stored!.id }).where(eq(acts.id, id));
    const after = (await fetchAct(tx, id))!;
    await recordChange(ctx, tx, actor, { action: 'act.attach', entityType: 'act', entityId: id, before: before.attachment, after: after.attachment, actId: id });
    return after;
  });
};

export const readAttachment = async (ctx: ServiceContext, actor: Actor, id: number) => {
  requirePermission(actor, 'acts.read');
  const [row] = await ctx.database.db
    .select({ fileName: storedFiles.fileName, mediaType: storedFiles.mediaType, content: storedFiles.content })
    .from(acts)
    .innerJoin(storedFiles, eq(storedFiles.id, acts.attachmentId))
    .where(eq(acts.id, id));
  if (!row) throw notFound('act.attachment_not_found', "L'atto non ha allegati");
  return row;
};

export const actRef = (a: { id: number; type: ActType; number: string; date: string }): ActRef => ({ id: a.id, type: a.type, number: a.number, date: a.date });
