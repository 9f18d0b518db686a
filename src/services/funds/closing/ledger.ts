/**
 * The ledger of what districts owe (receivables) and how it is being settled: repayments with
 * date and reference, or offsets withheld from the district's later tranches of the same fund.
 * Each recovery counts on the receivable's fund annuality (disbursed there is net of it, see
 * src/db/repositories/funds/totals.ts). A district officer reads only its own districts' ledger.
 */
import * as closing from '../../../db/repositories/funds/closing.ts';
import type { ReceivableRow } from '../../../db/repositories/funds/closing.ts';
import { refreshMoneyTotals } from '../../../db/repositories/funds/totals.ts';
import { lockLimits, type LimitKey } from '../../../db/locks.ts';
import type { Tx } from '../../../db/client.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { actorName, actsForDistrict, requireDistrict, requirePermission } from '../../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { parseCalendarDate } from '../../../domain/dates.ts';
import { checkRepayment, consumeOffsets, offsetAgainstTranche, outstandingOf } from '../../../domain/funds/receivables.ts';
import { cents, sub, toNumber, type Cents } from '../../../domain/money.ts';
import type { ServiceContext } from '../../context.ts';
import { recordChange } from '../../audit-log.ts';

export const ledgerOf = async (ctx: ServiceContext, actor: Actor, district: string) => {
  requirePermission(actor, 'funds.read');
  requireDistrict(actor, district);
  const db = ctx.database.db;
  const rows = await closing.receivablesOf(db, district);
  const recoveries = await closing.recoveriesOf(db, rows.map((r) => r.r.id));
  const items = rows.map(({ r, act }) => {
    const mine = recoveries.filter((x) => x.r.receivableId === r.id);
    const amount = cents(r.amount);
    const outstanding = outstandingOf(amount, mine.map((x) => ({ amount: cents(x.r.amount) })));
    return {
      id: r.id,
      fund: r.fundCode,
      annuality: r.annuality,
      amount: toNumber(amount),
      settlement: r.settlement,
      act,
      recovered: toNumber(sub(amount, outstanding)),
      outstanding: toNumber(outstanding),
      recoveries: mine.map((x) => ({
        id: x.r.id,
        kind: x.r.kind,
        amount: toNumber(cents(x.r.amount)),
        paidOn: x.r.paidOn,
        reference: x.r.reference,
        tranche: x.tranche && x.tranche.id !== null ? { id: x.tranche.id, annuality: x.tranche.annuality, actNumber: x.tranche.actNumber, paidOn: x.tranche.paidOn, amount: toNumber(cents(x.tranche.amount)) } : null,
      })),
    };
  });
  const total = (f: (i: (typeof items)[number]) => number) => items.reduce((s, i) => s + f(i), 0);
  return { district, owed: total((i) => i.amount), recovered: total((i) => i.recovered), outstanding: total((i) => i.outstanding), receivables: items };
};

/** Locks the receivable's fund annuality and district (plus `extra`), then the row; another district's id answers as a missing one. */
const lockReceivable = async (tx: Tx, actor: Actor, id: number, extra: LimitKey[] = []): Promise<ReceivableRow> => {
  const key = await closing.receivableKey(tx, id);
  if (!key || !actsForDistrict(actor, key.district)) throw notFound('receivable.not_found', `Accertamento ${id} non trovato`);
  await lockLimits(tx, [{ limit: 'assignment', fund: key.fund, annuality: key.annuality, district: key.district }, ...extra]);
  const row = await closing.lockReceivable(tx, id);
  if (!row) throw notFound('receivable.not_found', `Accertamento ${id} non trovato`);
  return row;
};

const afterRecovery = async (ctx: ServiceContext, tx: Tx, actor: Actor, r: ReceivableRow, action: string, recovery: object) => {
  await refreshMoneyTotals(tx, [{ districtCode: r.districtCode, fundCode: r.fundCode, annuality: r.annuality }]);
  await recordChange(ctx, tx, actor, { action, entityType: 'receivable', entityId: r.id, after: recovery });
  const outstanding = outstandingOf(cents(r.amount), [{ amount: await closing.recoveredOn(tx, r.id) }]);
  return { receivableId: r.id, outstanding: toNumber(outstanding) };
};

export const recordRepayment = async (ctx: ServiceContext, actor: Actor, id: number, input: { amount: Cents; paidOn: string; reference: string }) => {
  requirePermission(actor, 'funds.manage');
  const paidOn = parseCalendarDate(input.paidOn);
  if (!paidOn) throw invalid('receivable.date_invalid', `Data della restituzione non valida: "${input.paidOn}"`);
  const reference = input.reference.trim();
  if (!reference) throw invalid('receivable.reference_missing', 'Indicare il riferimento della restituzione (reversale, bonifico)');
  return ctx.database.db.transaction(async (tx) => {
    const r = await lockReceivable(tx, actor, id);
    const outstanding = outstandingOf(cents(r.amount), [{ amount: await closing.recoveredOn(tx, id) }]);
    const amount = checkRepayment(outstanding, input.amount);
    const row = await closing.insertRecovery(tx, { receivableId: id, districtCode: r.districtCode, fundCode: r.fundCode, annuality: r.annuality, kind: 'repayment', amount, paidOn, reference, recordedAt: ctx.now(), recordedBy: actorName(actor) });
    return { ...(await afterRecovery(ctx, tx, actor, r, 'receivable.repayment', { id: row.id, amount: amount.toString(), paidOn, reference })), recovered: toNumber(amount) };
  });
};

/**
 * Withholds from a later tranche of the same fund to the district: the amount asked, or as much as
 * the tranche and the debt allow; with no tranche named, the next tranches in payment order.
 */
export const recordOffset = async (ctx: ServiceContext, actor: Actor, id: number, input: { disbursementId?: number | undefined; amount?: Cents | undefined }) => {
  requirePermission(actor, 'funds.manage');
  return ctx.database.db.transaction(async (tx) => {
    const key = await closing.receivableKey(tx, id);
    const later = key ? await closing.laterTranches(tx, key.district, key.fund, key.annuality) : [];
    const chosen = input.disbursementId === undefined ? later : later.filter((t) => t.id === input.disbursementId);
    const r = await lockReceivable(tx, actor, id, chosen.map((t): LimitKey => ({ limit: 'assignment', fund: t.fundCode, annuality: t.annuality, district: t.districtCode })));
    if (r.settlement !== 'offset') throw conflict('receivable.not_offset', `L'accertamento ${id} si salda per restituzione, non per compensazione`);
    if (input.disbursementId !== undefined && chosen.length === 0) {
      throw invalid('receivable.tranche_invalid', `La liquidazione ${input.disbursementId} non è una tranche successiva del fondo ${r.fundCode} al distretto ${r.districtCode}`);
    }
    const outstanding = outstandingOf(cents(r.amount), [{ amount: await closing.recoveredOn(tx, id) }]);
    const rooms = await Promise.all(chosen.map(async (t) => ({ id: t.id, amount: cents(t.amount), withheld: await closing.withheldFrom(tx, t.id) })));
    const plan =
      input.disbursementId !== undefined
        ? [{ tranche: rooms[0]!, withheld: offsetAgainstTranche(outstanding, rooms[0]!, input.amount) }]
        : consumeOffsets(outstanding, rooms).offsets;
    if (plan.length === 0) throw conflict('receivable.no_tranche', `Nessuna tranche successiva del fondo ${r.fundCode} al distretto ${r.districtCode} da cui compensare`);
    const offsets = [];
    for (const p of plan) {
      const row = await closing.insertRecovery(tx, { receivableId: id, districtCode: r.districtCode, fundCode: r.fundCode, annuality: r.annuality, kind: 'offset', amount: p.withheld, disbursementId: p.tranche.id, recordedAt: ctx.now(), recordedBy: actorName(actor) });
      offsets.push({ id: row.id, disbursementId: p.tranche.id, amount: toNumber(p.withheld) });
    }
    const recovered = offsets.reduce((s, o) => s + o.amount, 0);
    return { ...(await afterRecovery(ctx, tx, actor, r, 'receivable.offset', { offsets })), recovered };
  });
};
