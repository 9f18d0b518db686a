import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { sessions, userCentres, userDistricts, users, districts } from '../db/schema/index.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { requirePermission } from '../domain/auth/actor.ts';
import { isRole, type Role } from '../domain/auth/roles.ts';
import { conflict, forbidden, invalid, notFound, DomainError } from '../domain/errors.ts';
import { MIN_PASSWORD_LENGTH } from '../domain/auth/password-policy.ts';
import { isIdle, SESSION_HOURS, shouldTouch, USER_AGENT_MAX } from '../domain/auth/session-policy.ts';
import { boundedText } from '../domain/auth/security-events.ts';
import { requireAcceptablePassword } from './common-passwords.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';

export { MIN_PASSWORD_LENGTH };

export interface NewUser {
  username: string;
  password: string;
  role: string;
  districts?: readonly string[];
  /** An area manager's responsibility centres, by name (required for that role, with the body). */
  centres?: readonly string[];
  body?: string | null;
  displayName?: string;
  demo?: boolean;
}

export interface UserView {
  username: string;
  role: Role;
  districts: string[];
  centres: string[];
  /** The body the user works for (a consortium), if any. */
  body: string | null;
  displayName: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Creates a local user; the password is stored only as an argon2id hash. */
export const addUser = async (ctx: ServiceContext, actor: Actor, input: NewUser): Promise<UserView> => {
  requirePermission(actor, 'users.manage');
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw invalid('user.username_invalid', `Nome utente non valido: "${input.username}" (lettere minuscole, cifre, . _ -)`);
  if (!isRole(input.role)) throw invalid('user.role_unknown', `Ruolo sconosciuto: "${input.role}"`);
  const role = input.role;
  requireAcceptablePassword(input.password, username);
  const wanted = [...new Set(input.districts ?? [])];
  if (role === 'district_officer' && wanted.length === 0) throw invalid('user.district_missing', 'Un referente di distretto deve avere almeno un distretto (--district)');
  if (role !== 'district_officer' && wanted.length > 0) throw invalid('user.district_not_allowed', 'Solo il ruolo district_officer è limitato a distretti');
  const centres = [...new Set((input.centres ?? []).map((c) => c.trim().replace(/\s+/g, ' ')).filter((c) => c !== ''))].sort();
  const body = input.body?.trim() || null;
  if (role === 'area_manager' && centres.length === 0) throw invalid('user.centre_missing', 'Un responsabile di area deve avere almeno un centro di responsabilità (--centre)');
  if (role === 'area_manager' && body === null) throw invalid('user.body_missing', 'Un responsabile di area deve indicare l’ente per cui lavora (--body)');
  if (role !== 'area_manager' && centres.length > 0) throw invalid('user.centre_not_allowed', 'Solo il ruolo area_manager è limitato a centri di responsabilità');
  const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
  return ctx.database.db.transaction(async (tx) => {
    if (wanted.length) {
      const found = await tx.select({ code: districts.code }).from(districts).where(inArray(districts.code, wanted));
      const missing = wanted.filter((d) => !found.some((f) => f.code === d));
      if (missing.length) throw invalid('user.district_unknown', `Distretto sconosciuto: ${missing.join(', ')}`);
    }
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (existing) throw conflict('user.exists', `L'utente "${username}" esiste già`);
    const [row] = await tx
      .insert(users)
      .values({ username, passwordHash, role, displayName: input.displayName ?? username, body, demo: input.demo ?? false })
      .returning();
    if (!row) throw new Error('insert failed');
    if (wanted.length) await tx.insert(userDistricts).values(wanted.map((d) => ({ userId: row.id, districtCode: d })));
    if (centres.length) await tx.insert(userCentres).values(centres.map((centreName) => ({ userId: row.id, centreName })));
    const view: UserView = { username, role, districts: wanted.sort(), centres, body, displayName: row.displayName };
    await recordChange(ctx, tx, actor, { action: 'user.create', entityType: 'user', entityId: username, after: view });
    return view;
  });
};

export const userExists = async (ctx: ServiceContext, username: string) =>
  (await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.username, username))).length > 0;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The id a user sees of a session in the list of own sessions: a hash of the stored hash, so
 * neither the token nor the key of its row ever leaves the server.
 */
export const publicSessionId = (tokenHash: string) => createHash('sha256').update(`regia-session-id:${tokenHash}`).digest('hex').slice(0, 24);

/** Where a session is opened from, as the list of own sessions shows it. */
export interface SessionClient {
  address?: string;
  userAgent?: string;
}

// Verifying against a fixed hash when the user does not exist keeps the timing of both failures alike.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id }));

export interface SignedIn {
  user: UserView;
  sessionToken: string;
  csrfToken: string;
}

const loadDistricts = async (ctx: ServiceContext, userId: number) =>
  (await ctx.database.db.select({ code: userDistricts.districtCode }).from(userDistricts).where(eq(userDistricts.userId, userId)))
    .map((r) => r.code)
    .sort();

const loadCentres = async (ctx: ServiceContext, userId: number) =>
  (await ctx.database.db.select({ name: userCentres.centreName }).from(userCentres).where(eq(userCentres.userId, userId)))
    .map((r) => r.name)
    .sort();

export const signIn = async (ctx: ServiceContext, username: string, password: string, client: SessionClient = {}): Promise<SignedIn> => {
  const [row] = await ctx.database.db.select().from(users).where(and(eq(users.username, username.trim().toLowerCase()), eq(users.active, true)));
  const ok = row ? await argon2.verify(row.passwordHash, password) : (await argon2.verify(await decoy(), password), false);
  if (!row || !ok) throw new DomainError('unauthenticated', 'auth.bad_credentials', 'Nome utente o password non validi');
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = ctx.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(sessions).where(lt(sessions.expiresAt, now));
    await tx.insert(sessions).values({
      tokenHash: hashToken(sessionToken),
      userId: row.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
      lastSeenAt: now,
      address: boundedText(client.address ?? '', 64),
      userAgent: boundedText(client.userAgent ?? '', USER_AGENT_MAX),
    });
  });
  const user: UserView = { username: row.username, role: row.role, districts: await loadDistricts(ctx, row.id), centres: await loadCentres(ctx, row.id), body: row.body, displayName: row.displayName };
  return { user, sessionToken, csrfToken };
};

export interface SessionInfo {
  actor: Extract<Actor, { kind: 'user' }>;
  user: UserView;
  csrfToken: string;
  /** The session's public id (publicSessionId), to tell it in the list of own sessions. */
  sessionId: string;
  /**
   * The audit chain's head as this request began (read with the session, at no extra cost):
   * every write moves it, so a read-out kept under it is still right (services/funds/readouts.ts).
   */
  auditHead: string | null;
}

/*
 * Every request with a cookie asks this, so it is one indexed query (session by its primary key,
 * the user by its own, its districts and centres by theirs, the audit head by its one row),
 * prepared once per connection. It is
 * read afresh each time, never cached: a deactivated user's sessions are deleted in the same
 * transaction, so the next request on any instance finds none.
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

const prepareSessionLookup = (db: Db) =>
  db
    .select({
      userId: users.id,
      username: users.username,
      role: users.role,
      displayName: users.displayName,
      body: users.body,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      districts: sql<string[]>`array(select d.district_code from user_districts d where d.user_id = ${users.id})`,
      centres: sql<string[]>`array(select c.centre_name from user_centres c where c.user_id = ${users.id})`,
      auditHead: sql<string | null>`(select h.last_hash from audit_head h where h.id = 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
    .prepare('regia_session_lookup');

export const resolveSession = async (ctx: ServiceContext, sessionToken: string): Promise<SessionInfo | null> => {
  const db = ctx.database.db;
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const tokenHash = hashToken(sessionToken);
  const now = ctx.now();
  const [row] = await lookup.execute({ tokenHash, now });
  if (!row) return null;
  // Unused past the idle limit: the session has ended, and its row goes with it.
  if (isIdle(row.lastSeenAt, now, ctx.sessionIdleMinutes)) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (shouldTouch(row.lastSeenAt, now)) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  const districtCodes = [...row.districts].sort();
  const centres = [...row.centres].sort();
  return {
    actor: { kind: 'user', userId: row.userId, username: row.username, role: row.role, districts: districtCodes, body: row.body, centres },
    user: { username: row.username, role: row.role, districts: [...districtCodes], centres: [...centres], body: row.body, displayName: row.displayName },
    csrfToken: row.csrfToken,
    sessionId: publicSessionId(tokenHash),
    auditHead: row.auditHead,
  };
};

export const signOut = async (ctx: ServiceContext, sessionToken: string) => {
  await ctx.database.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(sessionToken)));
};

export const listUsers = async (ctx: ServiceContext, actor: Actor) => {
  requirePermission(actor, 'users.manage');
  const rows = await ctx.database.db.select().from(users).orderBy(users.username);
  const links = await ctx.database.db.select().from(userDistricts);
  const centreLinks = await ctx.database.db.select().from(userCentres);
  return rows.map((u) => ({
    username: u.username,
    role: u.role,
    displayName: u.displayName,
    active: u.active,
    body: u.body,
    districts: links.filter((l) => l.userId === u.id).map((l) => l.districtCode).sort(),
    centres: centreLinks.filter((l) => l.userId === u.id).map((l) => l.centreName).sort(),
  }));
};

/**
 * Deactivates a user (its sessions end at once, it can no longer sign in) or activates it again.
 * Users are never deleted: the audit trail names them. An administrator cannot lock itself out.
 */
export const setUserActive = async (ctx: ServiceContext, actor: Actor, username: string, active: boolean) => {
  requirePermission(actor, 'users.manage');
  if (actor.kind === 'user' && actor.username === username && !active) throw conflict('user.self_deactivation', 'Non è possibile disattivare il proprio utente');
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.username, username)).for('update');
    if (!row) throw notFound('user.not_found', `Utente "${username}" non trovato`);
    if (row.active !== active) {
      await tx.update(users).set({ active }).where(eq(users.id, row.id));
      if (!active) await tx.delete(sessions).where(eq(sessions.userId, row.id));
      await recordChange(ctx, tx, actor, { action: active ? 'user.activate' : 'user.deactivate', entityType: 'user', entityId: username, before: { active: row.active }, after: { active } });
    }
    return { username, active };
  });
};

export const demoUsers = async (ctx: ServiceContext) => {
  const rows = await ctx.database.db.select({ id: users.id, username: users.username, role: users.role }).from(users).where(eq(users.demo, true)).orderBy(users.id);
  return Promise.all(rows.map(async (r) => ({ username: r.username, role: r.role, districts: await loadDistricts(ctx, r.id), centres: await loadCentres(ctx, r.id) })));
};

/**
 * Sets a user's password hash and ends sessions, in one transaction with its audit entry. `keep`
 * is the public id of a session to leave open (the one changing its own password).
 */
const replacePassword = async (ctx: ServiceContext, actor: Actor, userId: number, username: string, password: string, action: 'user.password_change' | 'user.password_reset', keep: string | null) => {
  const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!row) throw notFound('user.not_found', `Utente "${username}" non trovato`);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    const open = await tx.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId));
    const ended = open.map((s) => s.tokenHash).filter((h) => publicSessionId(h) !== keep);
    if (ended.length) await tx.delete(sessions).where(inArray(sessions.tokenHash, ended));
    // Never the password nor its hash: only that it changed and how many sessions ended.
    await recordChange(ctx, tx, actor, { action, entityType: 'user', entityId: username, after: { sessionsEnded: ended.length } });
    return { username, sessionsEnded: ended.length };
  });
};

/**
 * A user changes their own password, proving the current one (ASVS 4 V2.1.6). Their other
 * sessions end: whoever else held one may be why the password is being changed.
 */
export const changeOwnPassword = async (ctx: ServiceContext, actor: Actor, currentSessionId: string, currentPassword: string, newPassword: string) => {
  if (actor.kind !== 'user') throw forbidden('auth.forbidden', 'Solo un utente può cambiare la propria password');
  const [row] = await ctx.database.db.select().from(users).where(and(eq(users.id, actor.userId), eq(users.active, true)));
  if (!row) throw new DomainError('unauthenticated', 'auth.required', 'Accesso richiesto: effettuare il login');
  if (!(await argon2.verify(row.passwordHash, currentPassword))) throw forbidden('auth.wrong_password', 'La password attuale non è corretta');
  requireAcceptablePassword(newPassword, row.username);
  if (await argon2.verify(row.passwordHash, newPassword)) throw invalid('password.unchanged', 'La nuova password deve essere diversa da quella attuale');
  return replacePassword(ctx, actor, row.id, row.username, newPassword, 'user.password_change', currentSessionId);
};

/** The administrator sets a new password for a user; every session of that user ends. */
export const resetPassword = async (ctx: ServiceContext, actor: Actor, username: string, newPassword: string) => {
  requirePermission(actor, 'users.manage');
  const name = username.trim().toLowerCase();
  // One's own password changes only with the current one (ASVS 4 V2.1.6): a left-open
  // administrator session must not be enough to take the account over.
  if (actor.kind === 'user' && actor.username === name) throw conflict('user.self_reset', 'Per cambiare la propria password usare la pagina Profilo, indicando la password attuale');
  const [row] = await ctx.database.db.select({ id: users.id, username: users.username }).from(users).where(eq(users.username, name));
  if (!row) throw notFound('user.not_found', `Utente "${username}" non trovato`);
  requireAcceptablePassword(newPassword, row.username);
  return replacePassword(ctx, actor, row.id, row.username, newPassword, 'user.password_reset', null);
};
