/** Shapes of the HTTP API (docs/API-FOUNDATION.md). Money would be integer cents; dates `YYYY-MM-DD`. */

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

export interface User {
  username: string;
  role: Role;
  districts: string[];
  /** An area manager's responsibility centres, by name. */
  centres: string[];
  /** The body the user works for (a consortium), if any. */
  body: string | null;
  displayName: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Health {
  status: string;
  version: string;
  engine: 'pglite' | 'postgres';
  /** Whether the demo data set is on; its accounts are src/services/demo-users.ts. */
  demo: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DistrictRow {
  code: string;
  name: string;
  leadBody: string;
  managementForm: string | null;
  municipalityCount: number;
  population: number;
}

export const actTypes = ['DM', 'DGR', 'DD', 'CDA', 'DECRETO', 'LEGGE', 'ALTRO'] as const;
export type ActType = (typeof actTypes)[number];

export interface ActRef {
  id: number;
  type: ActType;
  number: string;
  date: string;
}

export interface Attachment {
  fileName: string;
  bytes: number;
  sha256: string;
  storedAt: string;
}

export interface Act extends ActRef {
  issuingOffice: string;
  subject: string;
  attachment: Attachment | null;
}

export interface DistrictDetail {
  code: string;
  name: string;
  leadBody: string;
  managementForm: string | null;
  population: number;
  municipalities: { istatCode: string; name: string; population: number }[];
  leadBodyHistory: { leadBody: string; validFrom: string | null; validTo: string | null; act: ActRef | null }[];
}

export interface MunicipalityRow {
  istatCode: string;
  name: string;
  population: number;
  district: string | null;
}

export const bodyKinds = ['region', 'asl', 'consortium', 'asp', 'municipality', 'third_sector', 'other'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export interface Body {
  id: number;
  name: string;
  kind: BodyKind;
  taxCode: string | null;
  district: string | null;
  notes: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** The contract says `act`; the server currently sends `actId`: both are read. */
  act?: ActRef | null;
  actId?: number | null;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  firstBroken: number | null;
  message: string;
}
