import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, cents, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { annuality, districtCode, fundCode, type DistrictCode } from './types.ts';
import {
  checkAssignmentWithinLine,
  checkDisbursementWithinAssignment,
  checkLimitCoversUsage,
  checkProgrammingWithinAllocation,
  checkRecognisedWithinReported,
  checkRegionalAssignmentWithinReservation,
  checkReservationWithinChapter,
  requirePositiveAmount,
} from './limits.ts';

const ctx = { fund: fundCode('FNPS'), annuality: annuality(2022) };

const refuses = (fn: () => unknown, kind: string, code: string, message?: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.kind, kind);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    return true;
  });

describe('programming: Σ lines ≤ A(F,Y)', () => {
  it('accepts lines up to the € 1.000.000,00 allocated', () =>
    checkProgrammingWithinAllocation({ allocated: euro('1.000.000'), programmed: euro('900.000'), adding: euro('100.000') }, ctx));
  it('refuses a line that exceeds the allocation, naming the amounts', () =>
    refuses(
      () => checkProgrammingWithinAllocation({ allocated: euro('1.000.000'), programmed: euro('900.000'), adding: euro('100.000,01') }, ctx),
      'conflict',
      'funds.limit.programmed_over_allocated',
      /€ 100\.000,01.*€ 900\.000,00.*€ 1\.000\.000,00.*di € 0,01.*fondo FNPS annualità 2022/,
    ));
});

describe('assignment: Σ assignments of a line ≤ the line', () => {
  it('refuses an assignment above what is left on the line', () =>
    refuses(
      () =>
        checkAssignmentWithinLine(
          { line: euro('492.900'), assigned: euro('400.000'), adding: euro('100.000') },
          { ...ctx, line: 'L1', district: districtCode('D02') },
        ),
      'conflict',
      'funds.limit.assigned_over_line',
      /di € 7\.100,00 \(fondo FNPS annualità 2022, linea L1, distretto D02\)/,
    ));
});

describe('disbursement: Σ disbursed ≤ assigned', () => {
  it('accepts a last tranche equal to what is left', () =>
    checkDisbursementWithinAssignment({ assigned: euro('300.000'), disbursed: euro('150.000'), adding: euro('150.000') }));
  it('refuses a disbursement above the assignment', () =>
    refuses(
      () => checkDisbursementWithinAssignment({ assigned: euro('300.000'), disbursed: euro('150.000'), adding: euro('150.000,50') }),
      'conflict',
      'funds.limit.disbursed_over_assigned',
      /supera l'importo assegnato al distretto \(€ 300\.000,00\) di € 0,50/,
    ));
});

describe('regional funds', () => {
  it('refuses reservations above the chapter budget', () =>
    refuses(
      () => checkReservationWithinChapter({ chapterBudget: euro('105.589,67'), reserved: euro('100.000'), adding: euro('6.000') }, { chapter: 'H41903' }),
      'conflict',
      'funds.limit.reserved_over_chapter',
      /capitolo H41903/,
    ));
  it('refuses assignments above the reservation', () =>
    refuses(
      () => checkRegionalAssignmentWithinReservation({ reservation: euro('50.000'), assigned: euro('50.000'), adding: cents(1) }),
      'conflict',
      'funds.limit.assigned_over_reservation',
    ));
});

describe('verification: recognised ≤ reported line by line', () => {
  it('accepts 0 and the whole line', () => {
    checkRecognisedWithinReported({ reported: euro('1.000'), recognised: cents(0) });
    checkRecognisedWithinReported({ reported: euro('1.000'), recognised: euro('1.000') });
  });
  it('refuses more than the line and a negative amount', () => {
    refuses(
      () => checkRecognisedWithinReported({ reported: euro('1.000'), recognised: euro('1.000,01') }, { document: 'FT-12/2023' }),
      'conflict',
      'funds.limit.recognised_over_reported',
      /documento FT-12\/2023/,
    );
    refuses(() => checkRecognisedWithinReported({ reported: euro('1.000'), recognised: cents(-1) }), 'invalid', 'funds.limit.recognised_negative');
  });
});

describe('amounts > 0', () => {
  it('refuses zero and negative amounts as invalid input', () => {
    refuses(() => requirePositiveAmount(cents(0), 'della liquidazione'), 'invalid', 'funds.amount.not_positive');
    refuses(
      () => checkDisbursementWithinAssignment({ assigned: euro('10'), disbursed: cents(0), adding: cents(-5) }),
      'invalid',
      'funds.amount.not_positive',
    );
  });
});

describe('lowering a limit', () => {
  it('refuses an allocation below what is programmed', () =>
    refuses(
      () => checkLimitCoversUsage('allocation', { newLimit: euro('800.000'), used: euro('900.000') }, ctx),
      'conflict',
      'funds.limit.allocation_below_programmed',
      /mancano € 100\.000,00/,
    ));
  it('accepts lowering an assignment down to what is disbursed', () =>
    checkLimitCoversUsage('assignment', { newLimit: euro('150.000'), used: euro('150.000') }));
});

// ---- property: a fund annuality ledger driven only through the checks ----
type Op =
  | { kind: 'program'; line: number; amount: bigint }
  | { kind: 'assign'; line: number; district: number; amount: bigint }
  | { kind: 'disburse'; district: number; amount: bigint }
  | { kind: 'report'; district: number; amount: bigint }
  | { kind: 'recognise'; expense: number; amount: bigint }
  | { kind: 'reserve'; amount: bigint }
  | { kind: 'assignRegional'; reservation: number; district: number; amount: bigint };

const amountArb = fc.bigInt({ min: -1_000n, max: 40_000_000n });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('program' as const), line: fc.nat(2), amount: amountArb }),
  fc.record({ kind: fc.constant('assign' as const), line: fc.nat(2), district: fc.nat(3), amount: amountArb }),
  fc.record({ kind: fc.constant('disburse' as const), district: fc.nat(3), amount: amountArb }),
  fc.record({ kind: fc.constant('report' as const), district: fc.nat(3), amount: amountArb }),
  fc.record({ kind: fc.constant('recognise' as const), expense: fc.nat(20), amount: amountArb }),
  fc.record({ kind: fc.constant('reserve' as const), amount: amountArb }),
  fc.record({ kind: fc.constant('assignRegional' as const), reservation: fc.nat(3), district: fc.nat(3), amount: amountArb }),
);

const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
const get = (m: Map<string, bigint>, k: string) => (m.get(k) ?? 0n) as Cents;
const total = (m: Map<string, bigint>, prefix = '') =>
  [...m].filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + v, 0n) as Cents;

describe('limits properties', () => {
  it('no sequence of accepted operations ever exceeds a limit', () =>
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000_000n }), fc.bigInt({ min: 0n, max: 50_000_000n }), fc.array(opArb, { maxLength: 60 }), (A, B, ops) => {
        const allocated = A as Cents;
        const chapterBudget = B as Cents;
        const lines = new Map<string, bigint>();
        const assignments = new Map<string, bigint>(); // `${line}/${district}`
        const disbursed = new Map<string, bigint>();
        const expenses: { district: DistrictCode; amount: Cents; recognised: Cents }[] = [];
        const reservations: Cents[] = [];
        const regional = new Map<string, bigint>(); // `${reservation}/${district}`
        const assignedTo = (d: string) => [...assignments].filter(([k]) => k.endsWith(`/${d}`)).reduce((s, [, v]) => s + v, 0n) as Cents;

        for (const op of ops) {
          try {
            const amount = op.amount as Cents;
            switch (op.kind) {
              case 'program':
                checkProgrammingWithinAllocation({ allocated, programmed: total(lines), adding: amount });
                add(lines, `L${op.line}`, amount);
                break;
              case 'assign': {
                const line = `L${op.line}`;
                checkAssignmentWithinLine({ line: get(lines, line), assigned: total(assignments, `${line}/`), adding: amount });
                add(assignments, `${line}/D${op.district}`, amount);
                break;
              }
              case 'disburse': {
                const d = `D${op.district}`;
                checkDisbursementWithinAssignment({ assigned: assignedTo(d), disbursed: get(disbursed, d), adding: amount });
                add(disbursed, d, amount);
                break;
              }
              case 'report':
                requirePositiveAmount(amount, 'della spesa');
                expenses.push({ district: districtCode(`D${op.district}`), amount, recognised: cents(0) });
                break;
              case 'recognise': {
                const e = expenses[op.expense];
                if (!e) break;
                checkRecognisedWithinReported({ reported: e.amount, recognised: amount });
                e.recognised = amount;
                break;
              }
              case 'reserve':
                checkReservationWithinChapter({ chapterBudget, reserved: reservations.reduce((s, r) => s + r, 0n) as Cents, adding: amount });
                reservations.push(amount);
                break;
              case 'assignRegional': {
                const r = reservations[op.reservation];
                if (r === undefined) break;
                checkRegionalAssignmentWithinReservation({ reservation: r, assigned: total(regional, `${op.reservation}/`), adding: amount });
                add(regional, `${op.reservation}/D${op.district}`, amount);
                break;
              }
            }
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
          }
          // the invariants of DOMAIN.md hold after every step
          assert.ok(total(lines) <= allocated);
          for (const [line, amount] of lines) assert.ok(total(assignments, `${line}/`) <= amount);
          for (let d = 0; d < 4; d++) assert.ok(get(disbursed, `D${d}`) <= assignedTo(`D${d}`));
          for (const e of expenses) assert.ok(e.recognised >= 0n && e.recognised <= e.amount && e.amount > 0n);
          assert.ok(reservations.reduce((s, r) => s + r, 0n) <= chapterBudget);
          reservations.forEach((r, i) => assert.ok(total(regional, `${i}/`) <= r));
          for (const m of [lines, assignments, disbursed, regional]) for (const v of m.values()) assert.ok(v > 0n);
        }
      }),
      { numRuns: 300 },
    ));
});
