import type { Role } from './roles.ts';
import { can, isDistrictScoped, type Permission } from './roles.ts';
import { forbidden } from '../errors.ts';

/** Who acts: a signed-in user, or the command line run by an operator on the server. */
export type Actor =
  | {
      kind: 'user';
      userId: number;
      username: string;
      role: Role;
      districts: readonly string[];
      /** The body the user works for (a consortium), if any. */
      body: string | null;
      /** An area manager's responsibility centres, by name. */
      centres: readonly string[];
    }
  | { kind: 'system'; name: string };

export const actorName = (actor: Actor): string => (actor.kind === 'user' ? actor.username : `sistema:${actor.name}`);

/** The system actor (CLI, demo loader) holds every permission: it runs with the database's own access. */
export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (actor.kind === 'system') return;
  if (!can(actor.role, permission)) {
    throw forbidden('auth.forbidden', 'Operazione non consentita per il proprio ruolo');
  }
};

/** A district officer acts only for its own districts (EXCHANGE.md, Users and sign-in). */
export const requireDistrict = (actor: Actor, districtCode: string): void => {
  if (actor.kind === 'system' || !isDistrictScoped(actor.role)) return;
  if (!actor.districts.includes(districtCode)) {
    throw forbidden('auth.district_forbidden', 'Operazione non consentita: il distretto non è tra quelli assegnati');
  }
};

/**
 * Whether an actor acts for a district, as a yes or no: a use case that finds a record by its id
 * answers "not found" when the record is of another district, so an id tells nothing of what
 * exists elsewhere (ASVS V4.2.1, IDOR).
 */
export const actsForDistrict = (actor: Actor, districtCode: string): boolean =>
  actor.kind === 'system' || !isDistrictScoped(actor.role) || actor.districts.includes(districtCode);

/** The districts whose money an actor may see: null means all. */
export const visibleDistricts = (actor: Actor): readonly string[] | null =>
  actor.kind === 'user' && isDistrictScoped(actor.role) ? actor.districts : null;

/** Names compared as people type them: case and spacing aside. */
/** A body's or centre's name as compared: spacing and case aside. */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);

/**
 * Roles that work for one body (a consortium): its manager, its evaluator (OIV) and its area
 * managers see and touch only that body's performance plans. Administrators, the Region and
 * auditors are not bound to a body.
 */
export const isBodyScoped = (role: Role): boolean => role === 'consortium_manager' || role === 'evaluator' || role === 'area_manager';

/**
 * Whether someone acts for a body's plans. A body-scoped user without a body acts for none:
 * least privilege, rather than every body. The UI asks the same question.
 */
export const actsForBody = (who: Actor | { kind?: undefined; role: Role; body: string | null }, body: string): boolean =>
  who.kind === 'system' || !isBodyScoped(who.role) || (who.body !== null && sameName(who.body, body));

/** Creating or importing a plan for another body: refused, naming why (the body is the caller's own input). */
export const requireBody = (actor: Actor, body: string): void => {
  if (actsForBody(actor, body) || actor.kind === 'system') return;
  throw forbidden(
    'auth.body_forbidden',
    actor.body === null
      ? 'Operazione non consentita: al proprio utente non è assegnato un ente (chiedere all’amministratore)'
      : `Operazione non consentita: si lavora per ${actor.body}, non per ${body.trim()}`,
  );
};

/**
 * An area manager reports only on objectives of its own centres of its own body's plans; everyone
 * else holding performance.report reports on any objective. The UI asks the same question.
 */
export const reportsOn = (who: { role: Role; body: string | null; centres: readonly string[] }, planBody: string, objectiveCentres: readonly string[]): boolean =>
  who.role !== 'area_manager' ||
  (who.body !== null && sameName(who.body, planBody) && objectiveCentres.some((c) => who.centres.some((mine) => sameName(mine, c))));

export const requireCentre = (actor: Actor, planBody: string, objectiveCentres: readonly string[]): void => {
  if (actor.kind === 'system') return;
  if (!reportsOn(actor, planBody, objectiveCentres)) {
    throw forbidden('auth.centre_forbidden', 'Operazione non consentita: l’obiettivo non è di un centro di responsabilità assegnato');
  }
};
