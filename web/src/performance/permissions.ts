/**
 * Who may do what on the performance pages (src/domain/auth/roles.ts, performance.*). The server
 * decides; the UI only hides what it would refuse. A validated plan is frozen for everybody.
 */
import type { Role, User } from '../types.ts';
import type { PlanStatus } from './types.ts';
import { reportsOn } from '../../../src/domain/auth/actor.ts';

const allow = (...roles: Role[]) => (user: User | null | undefined): boolean => !!user && roles.includes(user.role);

export const canReadPerformance = allow('admin', 'consortium_manager', 'area_manager', 'evaluator', 'auditor');
export const canManagePerformance = allow('admin', 'consortium_manager');
const reports = allow('admin', 'consortium_manager', 'area_manager');
const evaluates = allow('evaluator');

/** Recording actuals and year-end reports of an objective of a plan: an area manager only on its own centres of its own body. */
export const canReport = (user: User | null | undefined, plan: { status: PlanStatus; body: string }, objectiveCentres: readonly string[]): boolean =>
  plan.status === 'draft' && reports(user) && reportsOn(user!, plan.body, objectiveCentres);
export const canRevise = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && canManagePerformance(user);
export const canValidate = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && evaluates(user);
/** Writing the plan itself (centres, objectives, activities, indicators, thresholds): the manager, until validation. */
export const canAuthor = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && canManagePerformance(user);
