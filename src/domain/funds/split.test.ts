import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cents, euro, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { districtCode, type DistrictCode } from './types.ts';
import {
  parsePercent,
  splitByPopulation,
  splitByWeights,
  splitFixedPlusPopulation,
  splitManualPercent,
  splitPreview,
  type Share,
} from './split.ts';

const D = (code: string): DistrictCode => districtCode(code);
const amounts = (shares: Share[]) => Object.fromEntries(shares.map((s) => [s.district, s.amount]));
const total = (shares: Share[]) => shares.reduce((s, x) => s + x.amount, 0n);
const code = (i: number) => D(`D${String(i + 1).padStart(2, '0')}`);

const throwsCode = (fn: () => unknown, expected: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === expected && /[a-z]/.test(e.message));

describe('splitByPopulation: a fund annuality of € 1.000.000,00 among three districts', () => {
  it('gives each district its population share', () => {
    const shares = splitByPopulation(euro('1.000.000,00'), [
      { district: D('D02'), population: 30_000 },
      { district: D('D01'), population: 50_000 },
      { district: D('D03'), population: 20_000 },
    ]);
    assert.deepEqual(shares, [
      { district: 'D01', amount: euro('500.000,00') },
      { district: 'D02', amount: euro('300.000,00') },
      { district: 'D03', amount: euro('200.000,00') },
    ]);
  });
  it('gives the odd cent to the lower district code on a tie', () => {
    const shares = splitByWeights(cents(100), [
      { district: D('D03'), weight: 1n },
      { district: D('D02'), weight: 1n },
      { district: D('D01'), weight: 1n },
    ]);
    assert.deepEqual(amounts(shares), { D01: 34n, D02: 33n, D03: 33n });
  });
  it('gives the cents left to the largest remainders (€ 492.900,00 on 3 : 3 : 1)', () => {
    // 49 290 000 × 3/7 = 21 124 285,71…; × 1/7 = 7 041 428,57… → the floors leave 2 cents, to the two ,71 remainders
    const shares = splitByWeights(euro('492.900'), [
      { district: D('D01'), weight: 3n },
      { district: D('D02'), weight: 3n },
      { district: D('D03'), weight: 1n },
    ]);
    assert.deepEqual(amounts(shares), { D01: 21_124_286n, D02: 21_124_286n, D03: 7_041_428n });
    assert.equal(total(shares), euro('492.900'));
  });
  it('gives nothing to a district without population', () => {
    const shares = splitByPopulation(cents(1001), [
      { district: D('D01'), population: 0 },
      { district: D('D02'), population: 1 },
      { district: D('D03'), population: 1 },
    ]);
    assert.deepEqual(amounts(shares), { D01: 0n, D02: 501n, D03: 500n });
  });
  it('refuses a zero total population', () =>
    throwsCode(() => splitByPopulation(cents(100), [{ district: D('D01'), population: 0 }]), 'funds.split.zero_population'));
  it('refuses a repeated district, a negative population and an empty list', () => {
    throwsCode(
      () =>
        splitByPopulation(cents(100), [
          { district: D('D01'), population: 1 },
          { district: D('D01'), population: 2 },
        ]),
      'funds.split.duplicate_district',
    );
    throwsCode(() => splitByPopulation(cents(100), [{ district: D('D01'), population: -1 }]), 'funds.split.population_invalid');
    throwsCode(() => splitByWeights(cents(100), []), 'funds.split.no_districts');
  });
});

describe('splitFixedPlusPopulation follows EXCHANGE.md', () => {
  const pops = [
    { district: D('D01'), population: 60_000 },
    { district: D('D02'), population: 25_000 },
    { district: D('D03'), population: 15_000 },
  ];
  it('30% in equal parts and 70% by population of € 1.000.000,00', () => {
    // quota = total × (0,10 + 0,70 × pop/POP): 52%, 27,5%, 20,5%
    assert.deepEqual(amounts(splitFixedPlusPopulation(euro('1.000.000'), 30, pops)), {
      D01: euro('520.000'),
      D02: euro('275.000'),
      D03: euro('205.000'),
    });
  });
  it('floors each exact quota and gives the cents left to the largest remainders', () => {
    // total 1000, P = 10, pops 1, 2, 4: quotas 161,90… 290,47… 547,61… → 162, 290, 548
    const shares = splitFixedPlusPopulation(cents(1000), '10', [
      { district: D('D01'), population: 1 },
      { district: D('D02'), population: 2 },
      { district: D('D03'), population: 4 },
    ]);
    assert.deepEqual(amounts(shares), { D01: 162n, D02: 290n, D03: 548n });
  });
  it('accepts a percentage with two decimals, exactly', () => {
    const shares = splitFixedPlusPopulation(euro('1.000.000'), '33,33', pops);
    assert.equal(total(shares), euro('1.000.000'));
    // D01: 100 000 000 × (3333 × 100000 + 6667 × 3 × 60000) / (10000 × 3 × 100000) = 51 112 000
    // D02: … (3333 × 100000 + 6667 × 3 × 25000) / … = 27 777 500
    // D03: … (3333 × 100000 + 6667 × 3 × 15000) / … = 21 110 500
    assert.deepEqual(amounts(shares), { D01: 51_112_000n, D02: 27_777_500n, D03: 21_110_500n });
  });
  it('is the population split when P is 0 and an equal split when P is 100', () => {
    assert.deepEqual(splitFixedPlusPopulation(cents(99_999), 0, pops), splitByPopulation(cents(99_999), pops));
    assert.deepEqual(amounts(splitFixedPlusPopulation(cents(100), 100, pops)), { D01: 34n, D02: 33n, D03: 33n });
  });
  it('refuses more than two decimals, more than 100% and a zero population', () => {
    throwsCode(() => splitFixedPlusPopulation(cents(100), '12.345', pops), 'funds.split.percent_invalid');
    throwsCode(() => splitFixedPlusPopulation(cents(100), 100.5, pops), 'funds.split.percent_out_of_range');
    throwsCode(() => splitFixedPlusPopulation(cents(100), -1, pops), 'funds.split.percent_invalid');
    throwsCode(
      () => splitFixedPlusPopulation(cents(100), 30, [{ district: D('D01'), population: 0 }]),
      'funds.split.zero_population',
    );
  });
});

describe('parsePercent', () => {
  for (const [input, expected] of [
    [30, 3000n],
    ['30', 3000n],
    ['12.5', 1250n],
    ['33,33', 3333n],
    [0.05, 5n],
    ['100', 10000n],
    ['25 %', 2500n],
  ] as const) {
    it(`reads ${JSON.stringify(input)}`, () => assert.equal(parsePercent(input), expected));
  }
  for (const input of ['', 'abc', '1e2', '+5', '0.001', Number.NaN, 0.1 + 0.2]) {
    it(`refuses ${JSON.stringify(input)}`, () => throwsCode(() => parsePercent(input), 'funds.split.percent_invalid'));
  }
});

describe('splitManualPercent', () => {
  it('splits € 105.589,67 as 50% / 30% / 20%', () => {
    const shares = splitManualPercent(euro('105.589,67'), [
      { district: D('D01'), percent: 50 },
      { district: D('D02'), percent: '30' },
      { district: D('D03'), percent: '20,00' },
    ]);
    // 5 279 483,5 / 3 167 690,1 / 2 111 793,4 → the cent left goes to D01 (remainder ,5)
    assert.deepEqual(amounts(shares), { D01: 5_279_484n, D02: 3_167_690n, D03: 2_111_793n });
  });
  it('refuses percentages that do not add up to 100', () => {
    assert.throws(
      () =>
        splitManualPercent(cents(100), [
          { district: D('D01'), percent: 50 },
          { district: D('D02'), percent: '33,5' },
        ]),
      (e: unknown) => e instanceof DomainError && e.code === 'funds.split.percent_sum' && /83,5%/.test(e.message),
    );
  });
});

describe('splitPreview answers the EXCHANGE.md read-out', () => {
  it('lists the shares as numbers of cents sorted by district', () => {
    assert.deepEqual(
      splitPreview(cents(100), 'population', [
        { district: D('D02'), population: 1 },
        { district: D('D01'), population: 1 },
      ]),
      { total: 100, criterion: 'population', shares: [{ district: 'D01', amount: 50 }, { district: 'D02', amount: 50 }] },
    );
  });
  it('asks for the fixed percent with fixed_plus_population', () =>
    throwsCode(() => splitPreview(cents(1), 'fixed_plus_population', [{ district: D('D01'), population: 1 }]), 'funds.split.fixed_percent_missing'));
});

// ---- properties ----
const weightsArb = fc
  .array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 12 })
  .filter((ws) => ws.some((w) => w > 0n))
  .map((ws) => ws.map((weight, i) => ({ district: code(i), weight })));
const totalArb = fc.bigInt({ min: 0n, max: 10_000_000_000_00n }).map((v) => v as Cents);

describe('split properties', () => {
  it('shares always add up to the total and none is negative', () =>
    fc.assert(
      fc.property(totalArb, weightsArb, (t, ws) => {
        const shares = splitByWeights(t, ws);
        assert.equal(total(shares), t);
        assert.ok(shares.every((s) => s.amount >= 0n));
      }),
    ));
  it('each share is the floor of its exact quota or one cent more', () =>
    fc.assert(
      fc.property(totalArb, weightsArb, (t, ws) => {
        const W = ws.reduce((s, w) => s + w.weight, 0n);
        const shares = amounts(splitByWeights(t, ws));
        for (const w of ws) {
          const floor = (t * w.weight) / W;
          const got = shares[w.district]!;
          assert.ok(got === floor || got === floor + 1n);
        }
      }),
    ));
  it('equal weights differ by at most one cent, and the lower codes get the extra cents', () =>
    fc.assert(
      fc.property(totalArb, fc.integer({ min: 1, max: 20 }), fc.bigInt({ min: 1n, max: 1000n }), (t, n, w) => {
        const shares = splitByWeights(
          t,
          Array.from({ length: n }, (_, i) => ({ district: code(i), weight: w })),
        ).map((s) => s.amount);
        const hi = shares.reduce((a, b) => (a > b ? a : b));
        const lo = shares.reduce((a, b) => (a < b ? a : b));
        assert.ok(hi - lo <= 1n);
        assert.deepEqual([...shares].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)), shares);
      }),
    ));
  it('the result does not depend on the order of the input', () =>
    fc.assert(
      fc.property(
        totalArb,
        weightsArb.chain((ws) => fc.tuple(fc.constant(ws), fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length }))),
        (t, [ws, shuffled]) => assert.deepEqual(splitByWeights(t, shuffled), splitByWeights(t, ws)),
      ),
    ));
  it('fixed plus population adds up to the total for any percent with two decimals', () =>
    fc.assert(
      fc.property(
        totalArb,
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 12 }).filter((ps) => ps.some((p) => p > 0)),
        (t, hundredths, pops) => {
          const percent = `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
          const input = pops.map((population, i) => ({ district: code(i), population }));
          const shares = splitFixedPlusPopulation(t, percent, input);
          assert.equal(total(shares), t);
          // each share is within one cent of the formula of EXCHANGE.md
          const POP = BigInt(pops.reduce((a, b) => a + b, 0));
          const n = BigInt(pops.length);
          const p = BigInt(hundredths);
          for (const [i, s] of shares.entries()) {
            const num = t * (p * POP + (10_000n - p) * n * BigInt(pops[i]!));
            const floor = num / (10_000n * n * POP);
            assert.ok(s.amount === floor || s.amount === floor + 1n);
          }
        },
      ),
    ));
});
