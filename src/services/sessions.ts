/**
 * A user's own sessions (ASVS 4 V3.3.4): the list of where one is signed in, and ending any of
 * them. Each use case reads only the signed-in user's rows, so another user's session id is
 * simply not found, the same answer as an id that never existed.
 */
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { sessions } from '../db/schema/index.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';
import { publicSessionId } from './users.ts';

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  address: string;
  userAgent: string;
  current: boolean;
}

const userOf = (actor: Actor) => {
  if (actor.kind !== 'user') throw forbidden('auth.forbidden', 'Solo un utente ha sessioni proprie');
  return actor.userId;
};

const ownRows = (ctx: ServiceContext, userId: number) =>
  ctx.database.db
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, address: sessions.address, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, ctx.now())))
    .orderBy(desc(sessions.lastSeenAt));

export const listOwnSessions = async (ctx: ServiceContext, actor: Actor, currentId: string): Promise<OwnSession[]> => {
  const rows = await ownRows(ctx, userOf(actor));
  const now = ctx.now().getTime();
  return rows
    .filter((r) => now - r.lastSeenAt.getTime() <= ctx.sessionIdleMinutes * 60_000)
    .map((r) => {
      const id = publicSessionId(r.tokenHash);
      return { id, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), address: r.address, userAgent: r.userAgent, current: id === currentId };
    });
};

/** Ends one of the user's own sessions; returns whether it was the current one. */
export const endOwnSession = async (ctx: ServiceContext, actor: Actor, currentId: string, id: string): Promise<{ current: boolean }> => {
  const userId = userOf(actor);
  const row = (await ctx.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId))).find((r) => publicSessionId(r.tokenHash) === id);
  if (!row) throw notFound('session.not_found', 'Sessione non trovata tra le proprie');
  await ctx.database.db.delete(sessions).where(and(eq(sessions.tokenHash, row.tokenHash), eq(sessions.userId, userId)));
  return { current: id === currentId };
};

/** Ends every session of the user but the current one; returns how many ended. */
export const endOtherSessions = async (ctx: ServiceContext, actor: Actor, currentId: string): Promise<number> => {
  const userId = userOf(actor);
  const others = (await ctx.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId)))
    .map((r) => r.tokenHash)
    .filter((h) => publicSessionId(h) !== currentId);
  if (others.length) await ctx.database.db.delete(sessions).where(and(eq(sessions.userId, userId), inArray(sessions.tokenHash, others)));
  return others.length;
};
