/**
 * Verification of an expense line by the Region (DOMAIN.md "District reporting"):
 * recognise all, part (0 ≤ recognised ≤ amount) or reject with a reason; the
 * acknowledgement act (presa d'atto) closes it. A state machine: one transition
 * function covers every status × action and refuses the rest with a reason.
 */
import type { Cents } from '../money.ts';
import { ZERO, formatEuro } from '../money.ts';
import { DomainError, conflict, invalid } from '../errors.ts';
import { checkRecognisedWithinReported, requirePositiveAmount } from './limits.ts';

export type LineVerification =
  | { readonly status: 'pending' }
  | { readonly status: 'recognised'; readonly recognised: Cents }
  | { readonly status: 'partially_recognised'; readonly recognised: Cents; readonly reason?: string }
  | { readonly status: 'rejected'; readonly recognised: Cents; readonly reason: string };

export const verificationStatuses = ['pending', 'recognised', 'partially_recognised', 'rejected'] as const;
export type VerificationStatus = LineVerification['status'];

/** What verification needs of an expense line; services keep their other fields on it. */
export interface VerifiableLine {
  readonly amount: Cents;
  readonly verification: LineVerification;
  /** Closed by the acknowledgement act: no further change. */
  readonly acknowledged: boolean;
}

export type VerificationAction =
  | { readonly kind: 'recognise_all' }
  | { readonly kind: 'recognise_part'; readonly recognised: Cents; readonly reason?: string }
  | { readonly kind: 'reject'; readonly reason: string }
  /** back to pending, e.g. after a district's clarification; on an acknowledged line it clears the acknowledgement */
  | { readonly kind: 'reopen' }
  /** the acknowledgement act closes the verification */
  | { readonly kind: 'acknowledge' };

export type VerificationResult<L extends VerifiableLine> = { readonly ok: true; readonly line: L } | { readonly ok: false; readonly error: DomainError };

export const PENDING: LineVerification = Object.freeze({ status: 'pending' });

/**
 * The verification state of a line as stored: `recognised` null until verified; a rejection is
 * nothing recognised with a reason. The one reading of the columns, for every answer that shows it.
 */
export const storedVerification = (line: { readonly amount: Cents; readonly recognised: Cents | null; readonly rejectionReason: string | null }): LineVerification => {
  if (line.recognised === null) return PENDING;
  const recognised = line.recognised;
  if (recognised === ZERO && line.rejectionReason) return { status: 'rejected', recognised, reason: line.rejectionReason };
  if (recognised === line.amount) return { status: 'recognised', recognised };
  return { status: 'partially_recognised', recognised, ...(line.rejectionReason ? { reason: line.rejectionReason } : {}) };
};

/** The recognised expense of a line: 0 until verified. */
export const recognisedAmount = (v: LineVerification): Cents => (v.status === 'pending' ? ZERO : v.recognised);

const partial = (amount: Cents, recognised: Cents, reason?: string): LineVerification => {
  checkRecognisedWithinReported({ reported: amount, recognised });
  const why = reason?.trim();
  if (recognised === amount) return { status: 'recognised', recognised };
  return { status: 'partially_recognised', recognised, ...(why ? { reason: why } : {}) };
};

const nextState = (line: VerifiableLine, action: VerificationAction): Pick<VerifiableLine, 'verification' | 'acknowledged'> => {
  requirePositiveAmount(line.amount, 'della spesa');
  // An acknowledged line only reopens: that clears its acknowledgement, and the report then
  // needs a new act (DOMAIN.md "District reporting"); any other change waits for the reopening.
  if (line.acknowledged && action.kind !== 'reopen') {
    throw conflict(
      'funds.verification.acknowledged',
      action.kind === 'acknowledge'
        ? "La spesa è già chiusa da un atto di presa d'atto"
        : "La verifica della spesa è chiusa dall'atto di presa d'atto: riaprirla prima di modificarla (servirà un nuovo atto)",
    );
  }
  switch (action.kind) {
    case 'recognise_all':
      return { verification: { status: 'recognised', recognised: line.amount }, acknowledged: false };
    case 'recognise_part':
      return { verification: partial(line.amount, action.recognised, action.reason), acknowledged: false };
    case 'reject': {
      const reason = action.reason.trim();
      if (reason === '') {
        throw invalid('funds.verification.reason_required', `Indicare il motivo del rigetto della spesa di ${formatEuro(line.amount)}`);
      }
      return { verification: { status: 'rejected', recognised: ZERO, reason }, acknowledged: false };
    }
    case 'reopen':
      if (line.verification.status === 'pending') {
        throw conflict('funds.verification.not_verified', 'La spesa non è ancora stata verificata: non c\'è nulla da riaprire');
      }
      return { verification: PENDING, acknowledged: false };
    case 'acknowledge':
      if (line.verification.status === 'pending') {
        throw conflict('funds.verification.not_verified', `La spesa di ${formatEuro(line.amount)} non è ancora stata verificata: impossibile chiuderla con la presa d'atto`);
      }
      return { verification: line.verification, acknowledged: true };
  }
};

/** The one transition function: the new line, or the DomainError that refuses the action. */
export const verifyLine = <L extends VerifiableLine>(line: L, action: VerificationAction): VerificationResult<L> => {
  try {
    return { ok: true, line: { ...line, ...nextState(line, action) } };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, error: e };
    throw e;
  }
};

export const recogniseAll = <L extends VerifiableLine>(line: L) => verifyLine(line, { kind: 'recognise_all' });
export const recognisePart = <L extends VerifiableLine>(line: L, recognised: Cents, reason?: string) =>
  verifyLine(line, { kind: 'recognise_part', recognised, ...(reason !== undefined ? { reason } : {}) });
export const rejectLine = <L extends VerifiableLine>(line: L, reason: string) => verifyLine(line, { kind: 'reject', reason });
export const reopenLine = <L extends VerifiableLine>(line: L) => verifyLine(line, { kind: 'reopen' });
export const acknowledgeLine = <L extends VerifiableLine>(line: L) => verifyLine(line, { kind: 'acknowledge' });

/**
 * The state of an imported line (`spese.csv`): `importo_riconosciuto` empty → not yet
 * verified; a value → recognised in whole or in part (the file has no reason column,
 * so 0 is a partial recognition of nothing, not a rejection). Throws on a value
 * outside 0…importo.
 */
export const verificationFromReport = (amount: Cents, recognised: Cents | null): LineVerification => {
  requirePositiveAmount(amount, 'della spesa');
  return recognised === null ? PENDING : partial(amount, recognised);
};
