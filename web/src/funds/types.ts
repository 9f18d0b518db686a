/** Shapes of the funds API (src/http/routes/funds.ts, fund-workflows.ts, imports.ts). Money in integer cents. */
import type { ActType } from '../types.ts';

export interface FundSummary {
  code: string;
  name: string;
  source: string;
  rule75: boolean;
  annualities: { annuality: number; allocated: number }[];
}

export interface ComplianceDistrict {
  district: string;
  assigned: number;
  disbursed: number;
  reported: number;
  recognised: number;
  residual: number;
  toDisburse: number;
  progress: number;
}

export interface Compliance {
  fund: string;
  annuality: number;
  allocated: number;
  programmed: number;
  assigned: number;
  disbursed: number;
  reported: number;
  recognised: number;
  residual: number;
  ratio: number;
  districts: ComplianceDistrict[];
}

export interface Tranche {
  fund: string;
  year: number;
  gatingAnnuality: number;
  allocated: number;
  recognised: number;
  ratio: number;
  threshold: number;
  eligible: boolean;
  missingToThreshold: number;
  previousAnnuality: number;
  previousMissing: number;
}

export interface AnnualityLine {
  code: string;
  description: string;
  amount: number;
  assigned: number;
  actId: number;
}

export interface AnnualityDetail {
  fund: string;
  fundName: string;
  source: string;
  rule75: boolean;
  annuality: number;
  allocated: number;
  act: { id: number; type: ActType; number: string; date: string };
  programmed: number;
  transmission: { transmittedOn: string; protocol: string } | null;
  gating: GatingRuleJson;
  /** the act that set the rule; null: the fund's default */
  gatingAct: { id: number; type: ActType; number: string; date: string } | null;
  lines: AnnualityLine[];
}

/** Disbursement gating of a fund annuality, as the API gives it (src/domain/funds/gating.ts). */
export type GatingRuleJson =
  | { kind: 'none' }
  | { kind: 'recognised_share_of_earlier_annuality'; lag: number; threshold: { num: string; den: string } };

export interface Share {
  district: string;
  amount: number;
}

export interface SplitPreview {
  shares: Share[];
  total: number;
}

export interface DisbursementCheck {
  allowed: boolean;
  reason: string | null;
  missing: number;
  toDisburse: number;
}

export interface VerifiedLine {
  id: number;
  district: string;
  document: string;
  fund: string;
  annuality: number;
  area: string;
  description: string;
  amount: number;
  paidOn: string;
  recognised: number | null;
  status: string;
  reason: string | null;
  submitted: boolean;
}

export interface DistrictFund {
  fund: string;
  fundName: string;
  rule75: boolean;
  annuality: number;
  assigned: number;
  disbursed: number;
  reported: number;
  recognised: number;
  residual: number;
  toDisburse: number;
  expenseLines: number;
}

export interface ExpenseLine {
  id: number;
  document: string;
  fund: string;
  annuality: number;
  area: string;
  description: string;
  amount: number;
  paidOn: string;
  recognised: number | null;
  rejectionReason: string | null;
  submitted: boolean;
}

export interface Report {
  district: string;
  year: number;
  status: 'none' | 'draft' | 'submitted' | string;
  deadline: string;
  deadlineStatus: { status: 'open' | 'late' | string; deadline: string; daysLeft?: number; daysLate?: number };
  submittedOn: string | null;
  late: boolean | null;
  daysLate: number | null;
  lineCount: number;
  total: number;
  lines: { items: ExpenseLine[]; total: number; page: number; pageSize: number };
}

export interface ReceiptFile {
  name: string;
  sha256: string;
  bytes: number;
  lines: number;
}

export interface UploadReceipt {
  id: number;
  at: string;
  actor: string;
  district: string;
  year: number;
  files: ReceiptFile[];
  stored: number;
  amount: number;
}

export interface ImportReceipt {
  receipt: {
    id: number;
    at: string;
    actor: string;
    files: ReceiptFile[];
    archive: { name: string; sha256: string; bytes: number } | null;
    stored: Record<string, { added: number; changed: number; unchanged: number }>;
  };
  summary: string[];
}

export interface Correction {
  id: number;
  expenseLineId: number;
  district: string;
  reason: string;
  proposed: unknown;
  status: 'pending' | 'accepted' | 'refused' | string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}
