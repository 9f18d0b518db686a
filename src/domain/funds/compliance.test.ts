import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { annuality, districtCode, districtTotals, fundCode, type DistrictCode, type DistrictTotals } from './types.ts';
import { complianceReadout } from './compliance.ts';

const D = (c: string): DistrictCode => districtCode(c);

/** FNPS 2022: € 1.000.000,00 allocated, € 1.000.000,00 programmed, three districts with money and one without. */
const input = () => ({
  fund: fundCode('FNPS'),
  annuality: annuality(2022),
  allocated: euro('1.000.000'),
  programmed: euro('1.000.000'),
  districts: [D('D04'), D('D02'), D('D01'), D('D03')],
  totals: new Map<DistrictCode, DistrictTotals>([
    [D('D01'), districtTotals({ assigned: euro('500.000'), disbursed: euro('500.000'), reported: euro('480.000'), recognised: euro('450.000') })],
    [D('D02'), districtTotals({ assigned: euro('300.000'), disbursed: euro('150.000'), reported: euro('20.000'), recognised: euro('10.000') })],
    [D('D03'), districtTotals({ assigned: euro('200.000'), disbursed: euro('200.000'), reported: euro('210.000'), recognised: euro('205.000') })],
  ]),
});

describe('complianceReadout (EXCHANGE.md)', () => {
  it('answers the exact JSON of a fund annuality of € 1.000.000,00 with three districts', () => {
    assert.deepEqual(complianceReadout(input()), {
      fund: 'FNPS',
      annuality: 2022,
      allocated: 100_000_000,
      programmed: 100_000_000,
      assigned: 100_000_000,
      disbursed: 85_000_000,
      reported: 71_000_000,
      recognised: 66_500_000,
      residual: 19_000_000, // D01 50.000 + D02 140.000; D03 justified more than it received: 0, not −5.000
      ratio: 0.665,
      districts: [
        { district: 'D01', assigned: 50_000_000, disbursed: 50_000_000, reported: 48_000_000, recognised: 45_000_000, residual: 5_000_000, toDisburse: 0, progress: 0.9 },
        { district: 'D02', assigned: 30_000_000, disbursed: 15_000_000, reported: 2_000_000, recognised: 1_000_000, residual: 14_000_000, toDisburse: 15_000_000, progress: 0.0333 },
        { district: 'D03', assigned: 20_000_000, disbursed: 20_000_000, reported: 21_000_000, recognised: 20_500_000, residual: 0, toDisburse: 0, progress: 1.025 },
        { district: 'D04', assigned: 0, disbursed: 0, reported: 0, recognised: 0, residual: 0, toDisburse: 0, progress: 0 },
      ],
    });
  });
  it('answers zeros and ratio 0 for an annuality with nothing allocated', () => {
    const r = complianceReadout({ ...input(), allocated: euro('0'), programmed: euro('0'), totals: new Map() });
    assert.equal(r.ratio, 0);
    assert.equal(r.districts.length, 4);
    assert.ok(r.districts.every((d) => d.assigned === 0 && d.progress === 0));
  });
  it('refuses totals of a district that is not listed', () =>
    assert.throws(
      () => complianceReadout({ ...input(), districts: [D('D01')] }),
      (e: unknown) => e instanceof DomainError && e.code === 'funds.compliance.unlisted_district',
    ));
  it('the top-level sums are the sums of the district rows', () =>
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n })), {
          maxLength: 8,
        }),
        (rows) => {
          const totals = new Map(
            rows.map(([a, b, c], i) => [
              D(`D${i}`),
              districtTotals({ assigned: (a + b) as Cents, disbursed: b as Cents, reported: (c * 2n) as Cents, recognised: c as Cents }),
            ]),
          );
          const r = complianceReadout({ ...input(), districts: [...totals.keys()], totals });
          for (const key of ['assigned', 'disbursed', 'reported', 'recognised', 'residual'] as const) {
            assert.equal(r[key], r.districts.reduce((s, d) => s + d[key], 0));
          }
          assert.ok(r.districts.every((d) => d.residual >= 0 && d.residual === Math.max(0, d.disbursed - d.recognised)));
        },
      ),
    ));
});
