import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { sessions, userCentres, userDistricts, users, districts } from '../db/schema/index.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { requirePermission } from '../domain/auth/actor.ts';
import { isRole, type Role } from '../domain/auth/roles.ts';
import { conflict, invalid, notFound, DomainError } from '../domain/errors.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from './context.ts';
import { recordChange } from './audit-log.ts';

export const MIN_PASSWORD_LENGTH = 12;
const SESSION_HOURS = 8;

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
  if (input.password.length < MIN_PASSWORD_LENGTH) throw invalid('user.password_short', `La password deve avere almeno ${MIN_PASSWORD_LENGTH} caratteri`);
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

export const signIn = async (ctx: ServiceContext, username: string, password: string): Promise<SignedIn> => {
  const [row] = await ctx.database.db.select().from(users).where(and(eq(users.username, username.trim().toLowerCase()), eq(users.active, true)));
  const ok = row ? await argon2.verify(row.passwordHash, password) : (await argon2.verify(await decoy(), password), false);
  if (!row || !ok) throw new DomainError('unauthenticated', 'auth.bad_credentials', 'Nome utente o password non validi');
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = ctx.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(sessions).where(lt(sessions.expiresAt, now));
    await tx.insert(sessions).values({ tokenHash: hashToken(sessionToken), userId: row.id, csrfToken, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) });
  });
  const user: UserView = { username: row.username, role: row.role, districts: await loadDistricts(ctx, row.id), centres: await loadCentres(ctx, row.id), body: row.body, displayName: row.displayName };
  return { user, sessionToken, csrfToken };
};

export interface SessionInfo {
  actor: Extract<Actor, { kind: 'user' }>;
  user: UserView;
  csrfToken: string;
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
  const [row] = await lookup.execute({ tokenHash: hashToken(sessionToken), now: ctx.now() });
  if (!row) return null;
  const districtCodes = [...row.districts].sort();
  const centres = [...row.centres].sort();
  return {
    actor: { kind: 'user', userId: row.userId, username: row.username, role: row.role, districts: districtCodes, body: row.body, centres },
    user: { username: row.username, role: row.role, districts: [...districtCodes], centres: [...centres], body: row.body, displayName: row.displayName },
    csrfToken: row.csrfToken,
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
