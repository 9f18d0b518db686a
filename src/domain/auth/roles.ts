/**
 * Roles and what each may do. One table, read by the authorization layer that every
 * service and route passes (src/services/authorize.ts).
 */
export const roles = [
  'admin',
  'region_officer',
  'district_officer',
  'consortium_manager',
  'area_manager',
  'evaluator',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

export const permissions = [
  'registry.read',
  'registry.write',
  'acts.read',
  'acts.write',
  'audit.read',
  'users.manage',
  'imports.run',
  'funds.read',
  'funds.manage',
  'funds.report',
  'performance.read',
  'performance.manage',
  'performance.report',
  'performance.evaluate',
] as const;
export type Permission = (typeof permissions)[number];

const everyone: readonly Role[] = roles;

/** Who holds each permission. District officers' money permissions are further scoped to their districts. */
export const grants: Readonly<Record<Permission, readonly Role[]>> = {
  'registry.read': everyone,
  'registry.write': ['admin', 'region_officer'],
  'acts.read': everyone,
  'acts.write': ['admin', 'region_officer', 'consortium_manager'],
  'audit.read': ['admin', 'auditor'],
  'users.manage': ['admin'],
  'imports.run': ['admin', 'region_officer'],
  'funds.read': ['admin', 'region_officer', 'district_officer', 'auditor'],
  'funds.manage': ['admin', 'region_officer'],
  'funds.report': ['admin', 'region_officer', 'district_officer'],
  'performance.read': ['admin', 'consortium_manager', 'area_manager', 'evaluator', 'auditor'],
  'performance.manage': ['admin', 'consortium_manager'],
  'performance.report': ['admin', 'consortium_manager', 'area_manager'],
  'performance.evaluate': ['evaluator'],
};

export const can = (role: Role, permission: Permission): boolean => grants[permission].includes(role);

/** Roles whose view of money and reports is limited to the districts they act for. */
export const isDistrictScoped = (role: Role): boolean => role === 'district_officer';

export const roleLabels: Readonly<Record<Role, string>> = {
  admin: 'Amministratore',
  region_officer: 'Funzionario regionale',
  district_officer: 'Referente di distretto',
  consortium_manager: 'Direttore del consorzio',
  area_manager: 'Responsabile di area',
  evaluator: 'Valutatore (OIV)',
  auditor: 'Revisore',
};
