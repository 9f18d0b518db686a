/**
 * Who may change a body's emblem: the consortium manager of that body, or an administrator
 * (src/domain/auth: performance.manage, for one's own body). The server decides; the UI hides
 * what it would refuse.
 */
import { can } from '../../../src/domain/auth/roles.ts';
import { actsForBody } from '../../../src/domain/auth/actor.ts';
import type { User } from '../types.ts';

export const canWriteEmblem = (user: User | null | undefined, bodyName: string): boolean =>
  !!user && can(user.role, 'performance.manage') && actsForBody(user, bodyName);
