/**
 * The Region's side of reporting: verifying submitted lines (recognise all, part, or reject
 * with a reason) and deciding on the districts' correction requests. Running totals move by
 * the difference, in the same transaction; before and after go to the audit trail. Each
 * decision first takes the lock of the fund annuality and district the line counts in
 * (src/db/locks.ts `report`), then locks and reads the rows. The SQL is in
 * src/db/repositories/funds/review.ts.
 */
import * as review from '../../db/repositories/funds/review.ts';
import type { CorrectionRow, LineRow } from '../../db/repositories/funds/review.ts';
import { addExpenseDelta } from '../../db/repositories/funds/totals.ts';
import { lockLimit } from '../../db/locks.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, actsForDistrict, requireDistrict, requirePermission, visibleDistricts } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { cents, toNumber, type Cents } from '../../domain/money.ts';
import { verifyLine, storedVerification, type LineVerification, type VerificationAction } from '../../domain/funds/verification.ts';
import { requirePositiveAmount } from '../../domain/funds/limits.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { page, type PageRequest } from '../paging.ts';

/** The stored columns read as the domain's verification state. */
const verificationOf = (l: LineRow): LineVerification =>
  storedVerification({ amount: cents(l.amount), recognised: l.recognised === null ? null : cents(l.recognised), rejectionReason: l.rejectionReason });

const view = (l: LineRow) => ({
  id: l.id,
  district: l.districtCode,
  document: l.document,
  fund: l.fundCode,
  annuality: l.annuality,
  area: l.area,
  description: l.description,
  amount: toNumber(cents(l.amount)),
  paidOn: l.paidOn,
  recognised: l.recognised === null ? null : toNumber(cents(l.recognised)),
  status: verificationOf(l).status,
  reason: l.rejectionReason,
  submitted: l.submitted,
  /** the acknowledgement act that closed the line's verification, null while open */
  acknowledgedActId: l.acknowledgedActId,
});

export const listLinesToVerify = async (
  ctx: ServiceContext,
  actor: Actor,
  filter: { fund: string; annuality: number; district?: string | undefined; status?: 'pending' | 'verified' | undefined },
  request: PageRequest,
) => {
  requirePermission(actor, 'funds.read');
  const only = visibleDistricts(actor);
  if (filter.district) requireDistrict(actor, filter.district);
  const { limit, offset } = page(request);
  const { rows, total } = await review.submittedLines(ctx.database.db, { ...filter, districts: only }, limit, offset);
  return { items: rows.map(view), total, page: request.page, pageSize: limit };
};

const lineNotFound = (id: number) => notFound('expense.not_found', `Spesa ${id} non trovata`);

/**
 * Takes the lock of the fund annuality and district a line counts in, then locks and reads the
 * line. Only a draft line can move to another fund annuality meanwhile, and every decision
 * here refuses draft lines, so the lock taken is the one of the line read. A line of a district
 * the actor does not act for answers as a missing one, before any lock: its id tells nothing.
 */
const lockAndLoadLine = async (tx: Tx, actor: Actor, id: number): Promise<LineRow> => {
  const key = await review.lineKey(tx, id);
  if (!key || !actsForDistrict(actor, key.district)) throw lineNotFound(id);
  await lockLimit(tx, { limit: 'report', fund: key.fund, annuality: key.annuality, district: key.district });
  const line = await review.lockLine(tx, id);
  if (!line) throw lineNotFound(id);
  return line;
};

export type VerifyInput = { action: 'recognise_all' } | { action: 'recognise_part'; recognised: Cents; reason?: string } | { action: 'reject'; reason: string } | { action: 'reopen' };

export const verifyExpenseLine = async (ctx: ServiceContext, actor: Actor, id: number, input: VerifyInput) => {
  requirePermission(actor, 'funds.manage');
  return ctx.database.db.transaction(async (tx) => {
    const before = await lockAndLoadLine(tx, actor, id);
    if (!before.submitted) throw conflict('expense.not_submitted', 'La spesa fa parte di un rendiconto non ancora inviato: non si può verificare');
    const action: VerificationAction =
      input.action === 'recognise_part'
        ? { kind: 'recognise_part', recognised: input.recognised, ...(input.reason ? { reason: input.reason } : {}) }
        : input.action === 'reject'
          ? { kind: 'reject', reason: input.reason }
          : { kind: input.action };
    const result = verifyLine({ amount: cents(before.amount), verification: verificationOf(before), acknowledged: before.acknowledgedActId !== null }, action);
    if (!result.ok) throw result.error;
    const v = result.line.verification;
    const recognised = v.status === 'pending' ? null : v.recognised;
    const reason = v.status === 'rejected' || v.status === 'partially_recognised' ? (v.reason ?? null) : null;
    // a reopened acknowledged line loses its act: the report needs a new acknowledgement
    const after = await review.updateLine(tx, id, { recognised, rejectionReason: reason, ...(result.line.acknowledged ? {} : { acknowledgedActId: null }) });
    const delta = (recognised ?? 0n) - (before.recognised ?? 0n);
    if (delta !== 0n) await addExpenseDelta(tx, { districtCode: before.districtCode, fundCode: before.fundCode, annuality: before.annuality }, { reported: 0n, recognised: delta, lines: 0 });
    await recordChange(ctx, tx, actor, { action: `expense_line.${input.action}`, entityType: 'expense_line', entityId: id, before: view(before), after: view(after) });
    return view(after);
  });
};

export interface CorrectionInput {
  amount?: Cents | undefined;
  area?: string | undefined;
  description?: string | undefined;
  reason: string;
}

type Values = { amount?: number; area?: string; description?: string };

/** Stored values (amounts in cents as text: JSON has no bigint) as the answer sends them. */
const valuesOf = (stored: unknown): Values => {
  const p = (stored ?? {}) as { amount?: unknown; area?: unknown; description?: unknown };
  return {
    ...(typeof p.amount === 'string' || typeof p.amount === 'number' ? { amount: toNumber(cents(BigInt(p.amount))) } : {}),
    ...(typeof p.area === 'string' ? { area: p.area } : {}),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  };
};

/** The line a request is about, as officers name it: its document, fund and annuality. */
export interface CorrectedLine {
  document: string;
  fund: string;
  annuality: number;
}

const correctionView = (c: CorrectionRow, line: CorrectedLine | null) => {
  const stored = (c.proposed ?? {}) as { before?: unknown };
  return {
    id: c.id,
    expenseLineId: c.expenseLineId,
    line,
    district: c.districtCode,
    reason: c.reason,
    proposed: valuesOf(c.proposed),
    // the line's values when the request was made (requests made before they were kept: null)
    before: stored.before === undefined ? null : valuesOf(stored.before),
    status: c.status,
    requestedBy: c.requestedBy,
    requestedAt: c.requestedAt.toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionNote: c.decisionNote,
  };
};

const lineNamed = (l: LineRow): CorrectedLine => ({ document: l.document, fund: l.fundCode, annuality: l.annuality });

/** A district asks to correct a figure already submitted: never by e-mail, never by overwrite. */
export const requestCorrection = async (ctx: ServiceContext, actor: Actor, lineId: number, input: CorrectionInput) => {
  requirePermission(actor, 'funds.report');
  if (!input.reason.trim()) throw invalid('correction.reason_missing', 'Indicare il motivo della rettifica');
  if (input.amount === undefined && input.area === undefined && input.description === undefined) throw invalid('correction.empty', 'Indicare almeno un valore da rettificare');
  if (input.amount !== undefined) requirePositiveAmount(input.amount, 'rettificato');
  return ctx.database.db.transaction(async (tx) => {
    // another district's line answers 404 like a missing one, not 403: ids of other districts stay private
    const line = await lockAndLoadLine(tx, actor, lineId);
    if (!line.submitted) throw conflict('correction.draft', 'La spesa è ancora in bozza: si modifica direttamente');
    if (line.acknowledgedActId !== null) throw conflict('correction.acknowledged', "La spesa è chiusa dalla presa d'atto: non si rettifica");
    const pending = await review.pendingCorrection(tx, lineId);
    if (pending) throw conflict('correction.pending', `Per questa spesa c'è già una richiesta di rettifica in attesa (n. ${pending.id})`);
    const proposed = {
      ...(input.amount !== undefined ? { amount: input.amount.toString() } : {}),
      ...(input.area !== undefined ? { area: input.area.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      // what the request would change, kept with it: old → new stays readable once decided
      before: {
        ...(input.amount !== undefined ? { amount: line.amount.toString() } : {}),
        ...(input.area !== undefined ? { area: line.area } : {}),
        ...(input.description !== undefined ? { description: line.description } : {}),
      },
    };
    const row = await review.insertCorrection(tx, { expenseLineId: lineId, districtCode: line.districtCode, reason: input.reason.trim(), proposed, status: 'pending', requestedBy: actorName(actor), requestedAt: ctx.now() });
    await recordChange(ctx, tx, actor, { action: 'correction.request', entityType: 'correction_request', entityId: row.id, after: correctionView(row, lineNamed(line)) });
    return correctionView(row, lineNamed(line));
  });
};

export const listCorrections = async (ctx: ServiceContext, actor: Actor, status: 'pending' | 'accepted' | 'refused' | undefined, request: PageRequest) => {
  requirePermission(actor, 'funds.read');
  const { limit, offset } = page(request);
  const { rows, total } = await review.corrections(ctx.database.db, { status, districts: visibleDistricts(actor) }, limit, offset);
  return { items: rows.map((r) => correctionView(r.correction, r.line)), total, page: request.page, pageSize: limit };
};

/**
 * The Region accepts or refuses. Accepted, the line takes the proposed values; a changed amount
 * goes back to verification (its earlier recognition no longer covers it).
 */
export const decideCorrection = async (ctx: ServiceContext, actor: Actor, id: number, decision: { accept: boolean; note?: string | undefined }) => {
  requirePermission(actor, 'funds.manage');
  return ctx.database.db.transaction(async (tx) => {
    // the line's lock first, then the request's row, then the line's row: the order of every decision
    const lineId = await review.correctionLine(tx, id);
    const line = lineId === undefined ? undefined : await lockAndLoadLine(tx, actor, lineId);
    const request = await review.lockCorrection(tx, id);
    if (!request || !line) throw notFound('correction.not_found', `Richiesta di rettifica ${id} non trovata`);
    if (request.status !== 'pending') throw conflict('correction.decided', `La richiesta di rettifica ${id} è già stata ${request.status === 'accepted' ? 'accolta' : 'respinta'}`);
    if (!decision.accept && !decision.note?.trim()) throw invalid('correction.note_missing', 'Indicare il motivo del rigetto della rettifica');
    const now = ctx.now();
    const decided = await review.updateCorrection(tx, id, { status: decision.accept ? 'accepted' : 'refused', decidedBy: actorName(actor), decidedAt: now, decisionNote: decision.note?.trim() || null });
    if (decision.accept) {
      const before = line;
      const p = request.proposed as { amount?: string; area?: string; description?: string };
      const amount = p.amount !== undefined ? BigInt(p.amount) : before.amount;
      const amountChanged = amount !== before.amount;
      const after = await review.updateLine(tx, before.id, { amount, area: p.area ?? before.area, description: p.description ?? before.description, ...(amountChanged ? { recognised: null, rejectionReason: null } : {}) });
      if (amountChanged) {
        await addExpenseDelta(tx, { districtCode: before.districtCode, fundCode: before.fundCode, annuality: before.annuality }, { reported: amount - before.amount, recognised: -(before.recognised ?? 0n), lines: 0 });
      }
      await recordChange(ctx, tx, actor, { action: 'expense_line.correct', entityType: 'expense_line', entityId: before.id, before: view(before), after: view(after) });
    }
    await recordChange(ctx, tx, actor, { action: decision.accept ? 'correction.accept' : 'correction.refuse', entityType: 'correction_request', entityId: id, before: correctionView(request, lineNamed(line)), after: correctionView(decided, lineNamed(line)) });
    return correctionView(decided, lineNamed(line));
  });
};

