import type { Role } from './roles.ts';
import { can, isDistrictScoped, type Permission } from './roles.ts';
import { forbidden } from '../errors.ts';

/** Who acts: a signed-in user, or the command line run by an operator on the server. */
export type Actor =
  | { kind: 'user'; userId: number; username: string; role: Role; districts: readonly string[] }
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

/** The districts whose money an actor may see: null means all. */
export const visibleDistricts = (actor: Actor): readonly string[] | null =>
  actor.kind === 'user' && isDistrictScoped(actor.role) ? actor.districts : null;
