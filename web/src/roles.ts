/**
 * What each role may do in the UI. The server decides (it answers 403 otherwise);
 * the UI only hides what would be refused, following the "who" column of API-FOUNDATION.md.
 */
import type { Role } from './types.ts';

const allow = (...roles: Role[]) => (role: Role | undefined): boolean => role !== undefined && roles.includes(role);

export const canCreateBody = allow('admin', 'region_officer');
export const canRecordAct = allow('admin', 'region_officer', 'consortium_manager');
export const canReadAudit = allow('admin', 'auditor');
