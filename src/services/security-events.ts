/**
 * Security events (ASVS 4 V7.1, V7.2): recorded by the HTTP layer at sign-in, sign-out, refusals and
 * exports, and by the password use cases; listed to administrators and auditors.
 */
import type { Actor } from '../domain/auth/actor.ts';
import { requirePermission } from '../domain/auth/actor.ts';
import { boundedText, SECURITY_EVENT_LIMITS, type SecurityEventKind } from '../domain/auth/security-events.ts';
import { insertSecurityEvent, listSecurityEventRows, type SecurityEventFilter } from '../db/repositories/security-events.ts';
import type { ServiceContext } from './context.ts';
import { page, type PageRequest } from './paging.ts';

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** The user name as typed at sign-in, or the signed-in user's. */
  username?: string | null | undefined;
  userId?: number | null | undefined;
  /** The user name of an account whose id is not at hand (a sign-in that succeeded). */
  account?: string | null | undefined;
  /** The client's address (request.ip: X-Forwarded-For only from trusted proxies). */
  address?: string | null | undefined;
  /** Method and matched route pattern, never the query string or the body. */
  route?: string | null | undefined;
  /** Short, and never a password, a token or a cookie. */
  detail?: string | null | undefined;
}

const text = (value: string | null | undefined, max: number) => boundedText(value ?? '', max);

/**
 * Records one event with one statement outside any transaction. Never throws: a request is not
 * refused because its event could not be stored; the failure goes to stderr instead.
 */
export const recordSecurityEvent = async (ctx: ServiceContext, event: SecurityEvent): Promise<void> => {
  try {
    await insertSecurityEvent(ctx.database.db, {
      at: ctx.now(),
      kind: event.kind,
      username: text(event.username, SECURITY_EVENT_LIMITS.username),
      userId: event.userId ?? null,
      account: event.account ?? null,
      address: text(event.address, SECURITY_EVENT_LIMITS.address),
      route: text(event.route, SECURITY_EVENT_LIMITS.route),
      detail: text(event.detail, SECURITY_EVENT_LIMITS.detail),
    });
  } catch (e) {
    console.error(`Evento di sicurezza non registrato (${event.kind}): ${e instanceof Error ? e.message : String(e)}`);
  }
};

/** Security events, newest first; identical ones of one minute come as one item with their count. */
export const listSecurityEvents = async (ctx: ServiceContext, actor: Actor, filter: SecurityEventFilter, request: PageRequest) => {
  requirePermission(actor, 'audit.read');
  const { limit, offset } = page(request);
  const { rows, total } = await listSecurityEventRows(ctx.database.db, filter, limit, offset);
  const orNull = (s: string) => (s === '' ? null : s);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      lastAt: r.lastAt.toISOString(),
      count: r.count,
      kind: r.kind,
      username: orNull(r.username),
      userId: r.userId,
      address: orNull(r.address),
      route: orNull(r.route),
      detail: orNull(r.detail),
    })),
    total,
    page: request.page,
    pageSize: limit,
  };
};
