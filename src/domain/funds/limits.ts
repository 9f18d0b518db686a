/**
 * The limits of DOMAIN.md as checks: each one is called before a money event is
 * stored, with the sum already present and the amount being added, and throws a
 * `conflict` naming the amounts when the event would break the limit.
 *
 *   programmed ≤ allocated                 Σ lines ≤ A(F,Y)                    (national funds, step 2)
 *   assigned ≤ line                        Σ assignments of a line ≤ the line  (step 4)
 *   disbursed ≤ assigned                   per district, fund, annuality       (step 5)
 *   reserved ≤ chapter budget              Σ reservations ≤ budget chapter    (regional funds)
 *   regional assignments ≤ reservation     Σ assignments ≤ reservation        (regional funds)
 *   recognised ≤ reported                  line by line                       (district reporting)
 *
 * A non-positive amount is an `invalid` input rather than a `conflict`: it is wrong
 * whatever the state (EXCHANGE.md: `importo > 0`).
 */
import type { Cents } from '../money.ts';
import { formatEuro } from '../money.ts';
import { conflict, invalid } from '../errors.ts';
import type { Annuality, DistrictCode, FundCode } from './types.ts';

/** Where the limit applies, to name it in the message. All optional. */
export interface LimitContext {
  readonly fund?: FundCode;
  readonly annuality?: Annuality;
  readonly district?: DistrictCode;
  /** intervention line code */
  readonly line?: string;
  /** budget chapter code (regional funds) */
  readonly chapter?: string;
  /** reservation (DGR of finalisation) reference */
  readonly reservation?: string;
  /** expense line: the district's document reference */
  readonly document?: string;
}

const where = (ctx: LimitContext): string => {
  const parts: string[] = [];
  if (ctx.fund !== undefined) parts.push(`fondo ${ctx.fund}${ctx.annuality !== undefined ? ` annualità ${ctx.annuality}` : ''}`);
  else if (ctx.annuality !== undefined) parts.push(`annualità ${ctx.annuality}`);
  if (ctx.line !== undefined) parts.push(`linea ${ctx.line}`);
  if (ctx.chapter !== undefined) parts.push(`capitolo ${ctx.chapter}`);
  if (ctx.reservation !== undefined) parts.push(`prenotazione ${ctx.reservation}`);
  if (ctx.district !== undefined) parts.push(`distretto ${ctx.district}`);
  if (ctx.document !== undefined) parts.push(`documento ${ctx.document}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

const ctxParams = (ctx: LimitContext): Record<string, string | number> => {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(ctx)) if (v !== undefined) out[k] = v as string | number;
  return out;
};

/** Every money event carries a strictly positive amount. */
export const requirePositiveAmount = (amount: Cents, what: string, ctx: LimitContext = {}): void => {
  if (amount <= 0n) {
    throw invalid('funds.amount.not_positive', `L'importo ${what} deve essere maggiore di zero: ${formatEuro(amount)}${where(ctx)}`, {
      amount: formatEuro(amount),
      ...ctxParams(ctx),
    });
  }
};

interface LimitSpec {
  readonly code: string;
  /** what is being added, e.g. "della nuova linea di intervento" */
  readonly adding: string;
  /** what is already there, e.g. "già programmati" */
  readonly used: string;
  /** what the limit is, e.g. "l'importo assegnato alla Regione" */
  readonly limit: string;
}

const ensureWithin = (spec: LimitSpec, limit: Cents, used: Cents, adding: Cents, ctx: LimitContext): void => {
  requirePositiveAmount(adding, spec.adding, ctx);
  const after = used + adding;
  if (after > limit) {
    const excess = (after - limit) as Cents;
    throw conflict(
      spec.code,
      `L'importo ${spec.adding} (${formatEuro(adding)}) sommato a ${formatEuro(used)} ${spec.used} supera ${spec.limit} ` +
        `(${formatEuro(limit)}) di ${formatEuro(excess)}${where(ctx)}`,
      {
        limit: formatEuro(limit),
        used: formatEuro(used),
        adding: formatEuro(adding),
        excess: formatEuro(excess),
        ...ctxParams(ctx),
      },
    );
  }
};

/** Programming (DGR): Σ lines ≤ A(F,Y); more is refused. */
export const checkProgrammingWithinAllocation = (
  p: { allocated: Cents; programmed: Cents; adding: Cents },
  ctx: LimitContext = {},
): void =>
  ensureWithin(
    {
      code: 'funds.limit.programmed_over_allocated',
      adding: 'della linea di intervento',
      used: 'già programmati',
      limit: "l'importo assegnato alla Regione",
    },
    p.allocated,
    p.programmed,
    p.adding,
    ctx,
  );

/** Assignment and commitment (DD): Σ assignments of a line ≤ the line. */
export const checkAssignmentWithinLine = (p: { line: Cents; assigned: Cents; adding: Cents }, ctx: LimitContext = {}): void =>
  ensureWithin(
    {
      code: 'funds.limit.assigned_over_line',
      adding: "dell'assegnazione",
      used: 'già assegnati sulla linea',
      limit: "l'importo della linea di intervento",
    },
    p.line,
    p.assigned,
    p.adding,
    ctx,
  );

/** Disbursement: Σ disbursed ≤ assigned, per district, fund and annuality. */
export const checkDisbursementWithinAssignment = (
  p: { assigned: Cents; disbursed: Cents; adding: Cents },
  ctx: LimitContext = {},
): void =>
  ensureWithin(
    {
      code: 'funds.limit.disbursed_over_assigned',
      adding: 'della liquidazione',
      used: 'già liquidati',
      limit: "l'importo assegnato al distretto",
    },
    p.assigned,
    p.disbursed,
    p.adding,
    ctx,
  );

/** Regional funds, DGR of finalisation: Σ reservations ≤ the chapter budget. */
export const checkReservationWithinChapter = (
  p: { chapterBudget: Cents; reserved: Cents; adding: Cents },
  ctx: LimitContext = {},
): void =>
  ensureWithin(
    {
      code: 'funds.limit.reserved_over_chapter',
      adding: 'della prenotazione',
      used: 'già prenotati',
      limit: 'lo stanziamento del capitolo',
    },
    p.chapterBudget,
    p.reserved,
    p.adding,
    ctx,
  );

/** Regional funds, implementing DD: Σ assignments to districts ≤ the reservation. */
export const checkRegionalAssignmentWithinReservation = (
  p: { reservation: Cents; assigned: Cents; adding: Cents },
  ctx: LimitContext = {},
): void =>
  ensureWithin(
    {
      code: 'funds.limit.assigned_over_reservation',
      adding: "dell'assegnazione",
      used: 'già assegnati sulla prenotazione',
      limit: "l'importo prenotato",
    },
    p.reservation,
    p.assigned,
    p.adding,
    ctx,
  );

/** Verification: 0 ≤ recognised ≤ reported, for each expense line. */
export const checkRecognisedWithinReported = (p: { reported: Cents; recognised: Cents }, ctx: LimitContext = {}): void => {
  if (p.recognised < 0n) {
    throw invalid('funds.limit.recognised_negative', `La spesa riconosciuta non può essere negativa: ${formatEuro(p.recognised)}${where(ctx)}`, {
      recognised: formatEuro(p.recognised),
      ...ctxParams(ctx),
    });
  }
  if (p.recognised > p.reported) {
    throw conflict(
      'funds.limit.recognised_over_reported',
      `La spesa riconosciuta (${formatEuro(p.recognised)}) supera la spesa rendicontata (${formatEuro(p.reported)}) ` +
        `di ${formatEuro((p.recognised - p.reported) as Cents)}${where(ctx)}`,
      { recognised: formatEuro(p.recognised), reported: formatEuro(p.reported), ...ctxParams(ctx) },
    );
  }
};

/** Which limit a reduction would break: lowering a limit below what already uses it. */
export type LimitKind = 'allocation' | 'line' | 'assignment' | 'chapter' | 'reservation';

const REDUCTION: Record<LimitKind, { code: string; limit: string; used: string }> = {
  allocation: { code: 'funds.limit.allocation_below_programmed', limit: "L'importo assegnato alla Regione", used: 'programmati in linee' },
  line: { code: 'funds.limit.line_below_assigned', limit: "L'importo della linea di intervento", used: 'già assegnati ai distretti' },
  assignment: { code: 'funds.limit.assignment_below_disbursed', limit: "L'importo assegnato al distretto", used: 'già liquidati' },
  chapter: { code: 'funds.limit.chapter_below_reserved', limit: 'Lo stanziamento del capitolo', used: 'già prenotati' },
  reservation: { code: 'funds.limit.reservation_below_assigned', limit: "L'importo prenotato", used: 'già assegnati' },
};

/**
 * A limit may be lowered (an amended decree, a reduced line, a redetermined
 * assignment) only down to what already uses it.
 */
export const checkLimitCoversUsage = (kind: LimitKind, p: { newLimit: Cents; used: Cents }, ctx: LimitContext = {}): void => {
  if (p.newLimit < 0n) {
    throw invalid('funds.amount.negative', `Importo negativo: ${formatEuro(p.newLimit)}${where(ctx)}`, ctxParams(ctx));
  }
  if (p.newLimit < p.used) {
    const r = REDUCTION[kind];
    throw conflict(
      r.code,
      `${r.limit} (${formatEuro(p.newLimit)}) non può essere inferiore a ${formatEuro(p.used)} ${r.used}: ` +
        `mancano ${formatEuro((p.used - p.newLimit) as Cents)}${where(ctx)}`,
      { newLimit: formatEuro(p.newLimit), used: formatEuro(p.used), ...ctxParams(ctx) },
    );
  }
};
