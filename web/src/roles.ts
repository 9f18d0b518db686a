/**
 * What each role may do in the UI, asked to the domain's one table (src/domain/auth/roles.ts):
 * the server decides (it answers 403 otherwise); the UI only hides what would be refused.
 */
import { can, type Permission, type Role } from '../../src/domain/auth/roles.ts';

const allowed = (permission: Permission) => (role: Role | undefined): boolean => role !== undefined && can(role, permission);

export const canCreateBody = allowed('registry.write');
export const canRecordAct = allowed('acts.write');
export const canReadAudit = allowed('audit.read');
export const canManageUsers = allowed('users.manage');
