/**
 * Who may do what on the performance pages, asked of the domain (src/domain/auth: the role table
 * and `reportsOn`). The server decides; the UI only hides what it would refuse. A validated plan is
 * frozen for everybody.
 */
import type { User } from '../types.ts';
import type { PlanStatus } from '../../../src/domain/performance/plan.ts';
import { can, type Permission } from '../../../src/domain/auth/roles.ts';
import { reportsOn } from '../../../src/domain/auth/actor.ts';

const holds = (permission: Permission) => (user: User | null | undefined): user is User => !!user && can(user.role, permission);

export const canReadPerformance = holds('performance.read');
export const canManagePerformance = holds('performance.manage');
const reports = holds('performance.report');
const evaluates = holds('performance.evaluate');

/** Recording actuals and year-end reports of an objective of a plan: an area manager only on its own centres of its own body. */
export const canReport = (user: User | null | undefined, plan: { status: PlanStatus; body: string }, objectiveCentres: readonly string[]): boolean =>
  plan.status === 'draft' && reports(user) && reportsOn(user, plan.body, objectiveCentres);
export const canRevise = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && canManagePerformance(user);
export const canValidate = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && evaluates(user);
/** Writing the plan itself (centres, objectives, activities, indicators, thresholds): the manager, until validation. */
export const canAuthor = (user: User | null | undefined, status: PlanStatus): boolean => status === 'draft' && canManagePerformance(user);
