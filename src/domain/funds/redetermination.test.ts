import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, cents, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { calendarDate } from '../dates.ts';
import { annuality, districtCode, districtTotals, fundCode, type DistrictCode, type DistrictTotals } from './types.ts';
import { fundAnnualityTotal, redetermine, type FundAnnualityState, type RedeterminationDestination } from './redetermination.ts';

const D = (c: string): DistrictCode => districtCode(c);

/** FNPS 2022: € 1.000.000,00 assigned to three districts. */
const fnps2022 = (): FundAnnualityState => ({
  fund: fundCode('FNPS'),
  annuality: annuality(2022),
  districts: new Map<DistrictCode, DistrictTotals>([
    [D('D01'), districtTotals({ assigned: euro('500.000'), disbursed: euro('500.000'), reported: euro('480.000'), recognised: euro('450.000') })],
    [D('D02'), districtTotals({ assigned: euro('300.000'), disbursed: euro('150.000'), reported: euro('20.000'), recognised: euro('10.000') })],
    [D('D03'), districtTotals({ assigned: euro('200.000'), disbursed: euro('200.000'), reported: euro('200.000'), recognised: euro('200.000') })],
  ]),
  regionalInterventions: new Map(),
});

const refuses = (fn: () => unknown, code: string, message?: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === code && (!message || message.test(e.message)));

describe('redetermination of residuals', () => {
  it('moves a fully disbursed residual to another district and raises a receivable', () => {
    const act = { type: 'DD' as const, number: 'G04014/2022', date: calendarDate('2022-04-05') };
    const out = redetermine(fnps2022(), {
      from: D('D01'),
      amount: euro('50.000'),
      to: [{ kind: 'district', district: D('D03'), amount: euro('50.000') }],
      settlement: { kind: 'receivable' },
      act,
    });
    assert.equal(out.state.districts.get(D('D01'))!.assigned, euro('450.000'));
    assert.equal(out.state.districts.get(D('D03'))!.assigned, euro('250.000'));
    assert.equal(out.recovered, euro('50.000'));
    assert.equal(out.receivable, euro('50.000'));
    assert.equal(out.offset, 0n);
    assert.equal(out.from.residualBefore, euro('50.000'));
    assert.equal(out.from.residualAfterRecovery, 0n);
    assert.equal(fundAnnualityTotal(out.state), euro('1.000.000'));
    assert.deepEqual(out.act, act);
  });
  it('takes first what was assigned but not yet disbursed: nothing to recover', () => {
    // D02: assigned 300.000, disbursed 150.000, residual 140.000 → 100.000 to a regional intervention
    const out = redetermine(fnps2022(), {
      from: D('D02'),
      amount: euro('100.000'),
      to: [{ kind: 'regional_intervention', intervention: 'Capacity building', amount: euro('100.000') }],
      settlement: { kind: 'receivable' },
    });
    assert.equal(out.state.districts.get(D('D02'))!.assigned, euro('200.000'));
    assert.equal(out.state.regionalInterventions.get('Capacity building'), euro('100.000'));
    assert.equal(out.recovered, 0n);
    assert.equal(out.receivable, 0n);
    assert.equal(fundAnnualityTotal(out.state), euro('1.000.000'));
  });
  it('offsets against the next disbursement and makes a receivable of the rest', () => {
    const out = redetermine(fnps2022(), {
      from: D('D01'),
      amount: euro('50.000'),
      to: [
        { kind: 'district', district: D('D02'), amount: euro('20.000') },
        { kind: 'district', district: D('D04'), amount: euro('30.000') },
      ],
      settlement: { kind: 'offset', nextDisbursement: euro('30.000') },
    });
    assert.equal(out.offset, euro('30.000'));
    assert.equal(out.receivable, euro('20.000'));
    assert.equal(out.state.districts.get(D('D04'))!.assigned, euro('30.000'));
    assert.deepEqual([...out.state.districts.keys()], ['D01', 'D02', 'D03', 'D04']);
  });
  it('refuses more than the unspent assignment (assigned − recognised), naming the amounts', () => {
    // D02: assigned 300.000, recognised 10.000 → unspent 290.000, of which 150.000 never paid
    refuses(
      () =>
        redetermine(fnps2022(), {
          from: D('D02'),
          amount: euro('290.000,01'),
          to: [{ kind: 'district', district: D('D01'), amount: euro('290.000,01') }],
          settlement: { kind: 'receivable' },
        }),
      'funds.redetermination.over_unspent',
      /€ 290\.000,01.*€ 290\.000,00/,
    );
    const all = redetermine(fnps2022(), { from: D('D02'), amount: euro('290.000'), to: [{ kind: 'district', district: D('D01'), amount: euro('290.000') }], settlement: { kind: 'receivable' } });
    // receivable = max(0, disbursed − new assignment) = 150.000 − 10.000
    assert.deepEqual([all.from.assignedAfter, all.recovered, all.receivable, all.from.residualAfterRecovery], [euro('10.000'), euro('140.000'), euro('140.000'), 0n]);
  });
  it('refuses destinations that do not add up to the amount', () =>
    refuses(
      () =>
        redetermine(fnps2022(), {
          from: D('D01'),
          amount: euro('50.000'),
          to: [{ kind: 'district', district: D('D02'), amount: euro('40.000') }],
          settlement: { kind: 'receivable' },
        }),
      'funds.redetermination.unbalanced',
    ));
  it('refuses the source as its own destination, no destination and a district without assignments', () => {
    const base = { amount: euro('1'), settlement: { kind: 'receivable' as const } };
    refuses(() => redetermine(fnps2022(), { ...base, from: D('D01'), to: [{ kind: 'district', district: D('D01'), amount: euro('1') }] }), 'funds.redetermination.same_district');
    refuses(() => redetermine(fnps2022(), { ...base, from: D('D01'), to: [] }), 'funds.redetermination.no_destination');
    refuses(() => redetermine(fnps2022(), { ...base, from: D('D09'), to: [{ kind: 'district', district: D('D01'), amount: euro('1') }] }), 'funds.redetermination.unknown_district');
    refuses(() => redetermine(fnps2022(), { ...base, amount: cents(0), from: D('D01'), to: [] }), 'funds.amount.not_positive');
  });
});

describe('redetermination properties', () => {
  const stateArb = fc
    .array(
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 10_000_000n }))
        // assigned ≥ disbursed, recognised ≤ reported as the limits guarantee
        .map(([a, b, c]) => districtTotals({ assigned: (a + b) as Cents, disbursed: b as Cents, reported: (c + 5n) as Cents, recognised: c as Cents })),
      { minLength: 2, maxLength: 6 },
    )
    .map(
      (ts): FundAnnualityState => ({
        fund: fundCode('FNA'),
        annuality: annuality(2023),
        districts: new Map(ts.map((t, i) => [D(`D0${i + 1}`), t])),
        regionalInterventions: new Map([['Interventi regionali', cents(1234)]]),
      }),
    );

  it('Σ assignments + regional interventions before == after, and what comes back is what was paid beyond the new assignment', () => {
    let accepted = 0;
    fc.assert(
      fc.property(stateArb, fc.nat(), fc.bigInt({ min: 1n, max: 10_000_000n }), fc.nat(), fc.boolean(), fc.bigInt({ min: 0n, max: 5_000_000n }),
        (state, fromIndex, rawAmount, destIndex, toRegion, next) => {
          const codes = [...state.districts.keys()];
          const from = codes[fromIndex % codes.length]!;
          const others = codes.filter((c) => c !== from);
          const amount = rawAmount as Cents;
          const half = (amount / 2n) as Cents;
          const to: RedeterminationDestination[] = [
            { kind: 'district', district: others[destIndex % others.length]!, amount: (amount - half) as Cents },
          ];
          if (half > 0n) to.push(toRegion ? { kind: 'regional_intervention', intervention: 'Nuovo intervento', amount: half } : { kind: 'district', district: D('D99'), amount: half });
          const source = state.districts.get(from)!;
          try {
            const out = redetermine(state, { from, amount, to, settlement: { kind: 'offset', nextDisbursement: next as Cents } });
            assert.equal(fundAnnualityTotal(out.state), fundAnnualityTotal(state));
            assert.equal(out.receivable + out.offset, out.recovered);
            assert.ok(out.recovered <= amount && out.offset <= next);
            // after the recovery is booked the source has disbursed ≤ assigned again
            assert.ok(source.disbursed - out.recovered <= out.from.assignedAfter);
            // receivable + offset = max(0, disbursed − new assignment); residuals never negative
            const excess = source.disbursed - out.from.assignedAfter;
            assert.equal(out.recovered, excess > 0n ? excess : 0n);
            assert.ok(out.from.residualAfterRecovery >= 0n && out.from.assignedAfter >= source.recognised);
            accepted += 1;
          } catch (e) {
            assert.ok(e instanceof DomainError && e.code === 'funds.redetermination.over_unspent');
            assert.ok(amount > source.assigned - source.recognised);
          }
        }),
      { numRuns: 300 },
    );
    assert.ok(accepted > 0, 'some redeterminations are accepted');
  });
});
