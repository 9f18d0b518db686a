/** Shapes of the performance API (src/http/routes/performance.ts). Scores are fractions 0…1. */

export type ObjectiveStatus = 'achieved' | 'partially_achieved' | 'not_achieved' | 'suspended';
export type PlanStatus = 'draft' | 'validated';
export type RevisionKind = 'updated' | 'suspended';

export interface Validation {
  by: string;
  at: string;
  comment: string;
}

export interface PlanSummary {
  id: number;
  body: string;
  year: number;
  period: { from: number; to: number };
  status: PlanStatus;
  scoring: { achievedThreshold: number; partiallyThreshold: number };
  validation: Validation | null;
  centres: number;
  objectives: number;
}

export interface Activity {
  id: number;
  description: string;
  planned: string;
  actual: string;
}

export interface Indicator {
  id: number;
  name: string;
  description: string;
  unit: string;
  target: string;
  actual: string;
  weight: number;
  achievement: number | null;
}

/** The objective as it was before a revision (null when the plan was imported already revised). */
export interface Snapshot {
  version?: number;
  suspended?: boolean;
  title?: string;
  strategicArea?: string;
  operationalObjective?: string;
  pegProject?: string;
  services?: string;
  endUsers?: string;
  networks?: string;
  description?: string;
  report?: string;
  activities?: { description: string; planned: string; actual: string }[];
  indicators?: { name: string; description: string; unit: string; target: string; actual: string; weight: number }[];
}

export interface Revision {
  version: number;
  kind: RevisionKind;
  actId: number | null;
  act: string;
  /** The board resolution's own date. */
  actDate: string;
  /** When the revision takes effect: the act's date or a later one. */
  date: string;
  snapshot: Snapshot | null;
}

export interface Objective {
  id: number;
  sharedKey: string | null;
  code: string;
  title: string;
  strategicArea: string;
  operationalObjective: string;
  pegProject: string;
  services: string;
  endUsers: string;
  networks: string;
  description: string;
  report: string;
  version: number;
  score: number | null;
  status: ObjectiveStatus;
  activities: Activity[];
  indicators: Indicator[];
  revisions: Revision[];
  evaluation: Validation | null;
}

export interface Progress {
  objectives: number;
  scored: number;
  achieved: number;
  partiallyAchieved: number;
  notAchieved: number;
  suspended: number;
}

export interface Centre {
  id: number;
  name: string;
  score: number | null;
  progress: Progress;
  objectives: Objective[];
}

export interface Plan extends Omit<PlanSummary, 'centres' | 'objectives'> {
  overall: number | null;
  centres: Centre[];
}

export interface ImportResult {
  id: number;
  counts: Record<string, number>;
  notes: string[];
}

export interface IndicatorSaved {
  id: number;
  actual: string;
  objective: { objectiveId: number; score: number | null; status: ObjectiveStatus };
}

/** The fields a board resolution may change (REVISABLE_FIELDS of src/services/performance.ts). */
export const revisableFields = ['title', 'strategicArea', 'operationalObjective', 'pegProject', 'services', 'endUsers', 'networks', 'description'] as const;
export type RevisableField = (typeof revisableFields)[number];
