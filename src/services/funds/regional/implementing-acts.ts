/**
 * 3. Implementing acts (DD) assign a reservation to districts with a split criterion:
 * Σ assignments ≤ the reservation. Rows go into `assignments` (fund = the regional fund,
 * annuality = the budget year, line = the reservation code) and the districts' running totals
 * move in the same transaction.
 */
import { lockLimits } from '../../../db/locks.ts';
import { assignmentTaken, districtCodes, insertAssignment } from '../../../db/repositories/funds/regional-assignments.ts';
import { findReservationKey } from '../../../db/repositories/funds/regional-reservations.ts';
import { assignedOnLine } from '../../../db/repositories/funds/regional-sums.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { requirePermission } from '../../../domain/auth/actor.ts';
import { conflict, invalid } from '../../../domain/errors.ts';
import { checkRegionalAssignmentWithinReservation } from '../../../domain/funds/limits.ts';
import type { Share } from '../../../domain/funds/split.ts';
import type { Annuality, DistrictCode, FundCode } from '../../../domain/funds/types.ts';
import { cents, toNumber } from '../../../domain/money.ts';
import { recordChange } from '../../audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { previewAssignment, type SplitRequest } from '../programming.ts';
import { refreshMoneyTotals } from '../totals.ts';
import { requireActOfType, requireReservation, reservationKeys, reservationNotFound } from './requirements.ts';
import { getReservation } from './reservations.ts';
import type { ReservationDetail } from './views.ts';

export interface AssignmentPreview {
  shares: { district: string; amount: number }[];
  total: number;
  reservation: number;
  alreadyAssigned: number;
  /** reservation − already assigned − total: negative when the act would be refused */
  remaining: number;
}

const sharesOf = async (ctx: ServiceContext, actor: Actor, request: SplitRequest): Promise<Share[]> => {
  if (request.criterion === 'amounts') {
    const seen = new Set<string>();
    for (const a of request.amounts) {
      if (seen.has(a.district)) throw invalid('funds.split.duplicate_district', `Distretto ripetuto nel riparto: ${a.district}`, { district: a.district });
      seen.add(a.district);
    }
  }
  return previewAssignment(ctx, actor, request);
};

/** The shares an implementing act would assign, to the cent, before it is saved. */
export const previewReservationAssignment = async (ctx: ServiceContext, actor: Actor, id: number, request: SplitRequest): Promise<AssignmentPreview> => {
  requirePermission(actor, 'funds.read');
  const r = await requireReservation(ctx.database.db, id);
  const shares = await sharesOf(ctx, actor, request);
  const total = cents(shares.reduce((s, x) => s + x.amount, 0n));
  const already = await assignedOnLine(ctx.database.db, r.fund, r.year, r.code);
  return {
    shares: shares.map((s) => ({ district: s.district, amount: toNumber(s.amount) })),
    total: toNumber(total),
    reservation: toNumber(cents(r.amount)),
    alreadyAssigned: toNumber(already),
    remaining: toNumber(cents(r.amount - already - total)),
  };
};

/**
 * The implementing DD assigns a reservation to districts; Σ assignments ≤ the reservation, under
 * the reservation's locks (`reservationKeys`), which acts on other reservations never wait for. The
 * districts' running totals are a recount made after their rows are locked (totals.ts), so two
 * acts on different reservations assigning to one district cannot overwrite each other's count.
 */
export const assignReservation = async (ctx: ServiceContext, actor: Actor, id: number, input: { actId: number } & SplitRequest): Promise<ReservationDetail> => {
  requirePermission(actor, 'funds.manage');
  const shares = (await sharesOf(ctx, actor, input)).filter((s) => s.amount > 0n);
  if (shares.length === 0) throw invalid('assignment.empty', 'Nessun importo da assegnare');
  await ctx.database.db.transaction(async (tx) => {
    // A reservation's fund and year never change: reading them before the lock is safe.
    const key = await findReservationKey(tx, id);
    if (!key) throw reservationNotFound(id);
    await lockLimits(tx, reservationKeys(id, key));
    const r = await requireReservation(tx, id);
    const act = await requireActOfType(tx, input.actId, ['DD'], "L'assegnazione ai distretti");
    const known = await districtCodes(tx);
    for (const s of shares) if (!known.has(s.district)) throw invalid('district.not_found', `Distretto "${s.district}" inesistente`);
    const adding = cents(shares.reduce((s, x) => s + x.amount, 0n));
    checkRegionalAssignmentWithinReservation(
      { reservation: cents(r.amount), assigned: await assignedOnLine(tx, r.fund, r.year, r.code), adding },
      { fund: r.fund as FundCode, annuality: r.year as Annuality, chapter: r.chapterCode, reservation: r.code },
    );
    for (const s of shares) {
      if (await assignmentTaken(tx, r, s.district, act.number)) {
        throw conflict('assignment.duplicate', `Il distretto ${s.district} ha già un'assegnazione sulla prenotazione ${r.code} con l'atto ${act.number}`);
      }
      await insertAssignment(tx, r, { district: s.district, actId: act.id, actNumber: act.number, amount: s.amount });
    }
    await refreshMoneyTotals(
      tx,
      shares.map((s) => ({ districtCode: s.district as DistrictCode, fundCode: r.fund, annuality: r.year })),
    );
    await recordChange(ctx, tx, actor, {
      action: 'assignment.create',
      entityType: 'budget_reservation',
      entityId: id,
      after: { fund: r.fund, annuality: r.year, line: r.code, criterion: input.criterion, shares: shares.map((s) => ({ district: s.district, amount: s.amount })) },
      actId: act.id,
    });
  });
  return getReservation(ctx, actor, id);
};
