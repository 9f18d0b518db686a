/**
 * Receivables (accertamenti) and how they are settled (DOMAIN.md "Residuals, redetermination,
 * receivables"): what a district was paid beyond its new assignment comes back either as
 * repayments (date and reference) or withheld from its next tranches of the same fund. Each
 * settlement counts as a recovery on the receivable's fund annuality.
 */
import type { Cents } from '../money.ts';
import { ZERO, formatEuro, max, min, sub, sum } from '../money.ts';
import { conflict } from '../errors.ts';
import { requirePositiveAmount } from './limits.ts';

export const settlementKinds = ['receivable', 'offset'] as const;
export type SettlementKind = (typeof settlementKinds)[number];

export const recoveryKinds = ['repayment', 'offset'] as const;
export type RecoveryKind = (typeof recoveryKinds)[number];

/** What is still owed: the receivable less every repayment and offset recorded on it. */
export const outstandingOf = (amount: Cents, recoveries: Iterable<{ readonly amount: Cents }>): Cents => max(sub(amount, sum([...recoveries].map((r) => r.amount))), ZERO);

/** A repayment: positive and at most what is still owed. */
export const checkRepayment = (outstanding: Cents, amount: Cents): Cents => {
  requirePositiveAmount(amount, 'restituito');
  if (amount > outstanding) {
    throw conflict('funds.receivable.over_outstanding', `La restituzione di ${formatEuro(amount)} supera il debito residuo del distretto, ${formatEuro(outstanding)}`, {
      amount: formatEuro(amount),
      outstanding: formatEuro(outstanding),
    });
  }
  return amount;
};

export interface TrancheRoom {
  /** the tranche's full amount */
  readonly amount: Cents;
  /** already withheld from it by earlier offsets */
  readonly withheld: Cents;
}

/**
 * How much to withhold from one tranche: the requested sum, or when none is given as much as the
 * tranche and the debt allow. Refused above the tranche's room or above the debt.
 */
export const offsetAgainstTranche = (outstanding: Cents, tranche: TrancheRoom, requested?: Cents): Cents => {
  const room = max(sub(tranche.amount, tranche.withheld), ZERO);
  if (requested === undefined) {
    const taken = min(outstanding, room);
    if (taken === ZERO) {
      throw conflict('funds.receivable.nothing_to_offset', outstanding === ZERO ? 'Il debito del distretto è già saldato' : `La tranche di ${formatEuro(tranche.amount)} è già interamente compensata`);
    }
    return taken;
  }
  requirePositiveAmount(requested, 'da compensare');
  if (requested > room) {
    throw conflict(
      'funds.receivable.offset_over_tranche',
      `La compensazione di ${formatEuro(requested)} supera la tranche: ${formatEuro(tranche.amount)}` + (tranche.withheld > 0n ? `, di cui ${formatEuro(tranche.withheld)} già compensati` : ''),
      { amount: formatEuro(requested), tranche: formatEuro(tranche.amount), withheld: formatEuro(tranche.withheld) },
    );
  }
  if (requested > outstanding) {
    throw conflict('funds.receivable.over_outstanding', `La compensazione di ${formatEuro(requested)} supera il debito residuo del distretto, ${formatEuro(outstanding)}`, {
      amount: formatEuro(requested),
      outstanding: formatEuro(outstanding),
    });
  }
  return requested;
};

/** Offsets over the next tranches in order: each takes what the debt and the tranche allow. */
export const consumeOffsets = <T extends TrancheRoom>(outstanding: Cents, tranches: readonly T[]): { offsets: { tranche: T; withheld: Cents; paidInCash: Cents }[]; outstanding: Cents } => {
  let left = outstanding;
  const offsets: { tranche: T; withheld: Cents; paidInCash: Cents }[] = [];
  for (const tranche of tranches) {
    if (left === ZERO) break;
    const withheld = min(left, max(sub(tranche.amount, tranche.withheld), ZERO));
    if (withheld === ZERO) continue;
    left = sub(left, withheld);
    offsets.push({ tranche, withheld, paidInCash: sub(sub(tranche.amount, tranche.withheld), withheld) });
  }
  return { offsets, outstanding: left };
};
