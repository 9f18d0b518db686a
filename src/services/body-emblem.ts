/**
 * A body's emblem for the cover of its documents (the Relazione sulla Performance): uploaded by
 * the consortium manager of that body or by an administrator, read by whoever reads bodies.
 * Every write is one transaction with its audit entry; the image itself stays out of the audit
 * trail, which records its format, size and SHA-256.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { bodies, bodyEmblems } from '../db/schema/index.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { actorName, actsForBody, requirePermission } from '../domain/auth/actor.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { EMBLEM_MEDIA_TYPES, pngDamaged, pngData, readEmblem, type EmblemFormat, type EmblemMediaType } from '../domain/emblem.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';

export interface EmblemView {
  bodyId: number;
  mediaType: EmblemMediaType;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  storedAt: string;
  storedBy: string;
}

const bodyNotFound = (id: number) => notFound('body.not_found', `Ente ${id} non trovato`);
const emblemNotFound = () => notFound('body.emblem_not_found', 'L’ente non ha un emblema');

const findBody = async (ex: Executor, id: number) => {
  const [row] = await ex.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.id, id));
  if (!row) throw bodyNotFound(id);
  return row;
};

/** A consortium manager writes only its own body's emblem; an administrator any (roles.ts: performance.manage). */
const requireEmblemWriter = (actor: Actor, body: { name: string }) => {
  requirePermission(actor, 'performance.manage');
  if (!actsForBody(actor, body.name)) throw forbidden('auth.body_forbidden', `Operazione non consentita: l’emblema di ${body.name} lo carica il suo direttore o l’amministratore`);
};

const viewOf = (r: typeof bodyEmblems.$inferSelect): EmblemView => ({
  bodyId: r.bodyId,
  mediaType: EMBLEM_MEDIA_TYPES[r.format],
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  sha256: r.sha256,
  storedAt: r.storedAt.toISOString(),
  storedBy: r.storedBy,
});

const auditView = ({ mediaType, width, height, bytes, sha256 }: EmblemView) => ({ mediaType, width, height, bytes, sha256 });

/**
 * A PNG's pixels inflate to exactly the size its header declares, and never past it: a forged
 * or truncated stream is refused here, not met later by the PDF engine. (A JPEG is embedded in
 * documents as it is, undecoded.)
 */
const checkPngDecodes = (content: Uint8Array) => {
  const { stream, inflatedBytes } = pngData(content);
  let inflated: Buffer;
  try {
    inflated = inflateSync(stream, { maxOutputLength: inflatedBytes + 1 });
  } catch {
    // corrupt, or larger than declared: either way the image is not what it says
    throw pngDamaged();
  }
  if (inflated.length !== inflatedBytes) throw pngDamaged();
};

/** Stores (or replaces) a body's emblem: PNG or JPEG, recognised by its bytes, at most 512 KB and 2000 px a side. */
export const putBodyEmblem = async (ctx: ServiceContext, actor: Actor, bodyId: number, content: Uint8Array): Promise<EmblemView> => {
  requirePermission(actor, 'performance.manage');
  const body = await findBody(ctx.database.db, bodyId);
  requireEmblemWriter(actor, body);
  const image = readEmblem(content);
  if (image.format === 'png') checkPngDecodes(content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  return ctx.database.db.transaction(async (tx) => {
    const [previous] = await tx.select().from(bodyEmblems).where(eq(bodyEmblems.bodyId, bodyId)).for('update');
    const row = { bodyId, format: image.format, width: image.width, height: image.height, bytes: content.byteLength, sha256, content, storedAt: ctx.now(), storedBy: actorName(actor) };
    const [stored] = await tx.insert(bodyEmblems).values(row).onConflictDoUpdate({ target: bodyEmblems.bodyId, set: row }).returning();
    const view = viewOf(stored!);
    await recordChange(ctx, tx, actor, { action: 'body.emblem.put', entityType: 'body', entityId: bodyId, before: previous ? auditView(viewOf(previous)) : null, after: auditView(view) });
    return view;
  });
};

export const deleteBodyEmblem = async (ctx: ServiceContext, actor: Actor, bodyId: number): Promise<void> => {
  requirePermission(actor, 'performance.manage');
  const body = await findBody(ctx.database.db, bodyId);
  requireEmblemWriter(actor, body);
  await ctx.database.db.transaction(async (tx) => {
    const [previous] = await tx.delete(bodyEmblems).where(eq(bodyEmblems.bodyId, bodyId)).returning();
    if (!previous) throw emblemNotFound();
    await recordChange(ctx, tx, actor, { action: 'body.emblem.delete', entityType: 'body', entityId: bodyId, before: auditView(viewOf(previous)), after: null });
  });
};

/** The emblem's bytes, for whoever reads bodies. */
export const readBodyEmblem = async (ctx: ServiceContext, actor: Actor, bodyId: number): Promise<{ mediaType: EmblemMediaType; content: Uint8Array; sha256: string }> => {
  requirePermission(actor, 'registry.read');
  await findBody(ctx.database.db, bodyId);
  const [row] = await ctx.database.db.select().from(bodyEmblems).where(eq(bodyEmblems.bodyId, bodyId));
  if (!row) throw emblemNotFound();
  return { mediaType: EMBLEM_MEDIA_TYPES[row.format], content: row.content, sha256: row.sha256 };
};

/**
 * The emblem of the body a document is made for, found by the body's name as plans carry it
 * (case and spacing aside, as actsForBody compares names); null when none was uploaded.
 */
export const emblemOfBodyNamed = async (ex: Executor, name: string): Promise<{ format: EmblemFormat; width: number; height: number; content: Uint8Array } | null> => {
  const normal = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const [row] = await ex
    .select({ format: bodyEmblems.format, width: bodyEmblems.width, height: bodyEmblems.height, content: bodyEmblems.content })
    .from(bodyEmblems)
    .innerJoin(bodies, eq(bodies.id, bodyEmblems.bodyId))
    .where(sql`lower(regexp_replace(trim(${bodies.name}), '\\s+', ' ', 'g')) = ${normal(name)}`);
  return row ?? null;
};
