import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { annuality, districtCode, districtTotals, fundCode, type DistrictCode, type DistrictTotals } from './types.ts';
import { blockingDistricts, describeTranche, trancheReadout, trancheThresholdAmount } from './tranche.ts';

const D = (c: string): DistrictCode => districtCode(c);
const FNPS = fundCode('FNPS');

const tranche2024 = (recognised2022: Cents, recognised2021: Cents) =>
  trancheReadout({
    fund: FNPS,
    rule75: true,
    year: 2024,
    gating: { annuality: annuality(2022), allocated: euro('1.000.000'), recognised: recognised2022 },
    previous: { annuality: annuality(2021), allocated: euro('492.900'), recognised: recognised2021 },
  });

describe('tranche 2024 gated on annuality 2022 (art. 89 c. 1 DL 34/2020)', () => {
  it('is not payable at 66,5%: € 85.000,00 are missing to 75%', () => {
    assert.deepEqual(tranche2024(euro('665.000'), euro('400.000')), {
      fund: 'FNPS',
      year: 2024,
      gatingAnnuality: 2022,
      allocated: 100_000_000,
      recognised: 66_500_000,
      ratio: 0.665,
      threshold: 0.75,
      eligible: false,
      missingToThreshold: 8_500_000,
      previousAnnuality: 2021,
      previousMissing: 9_290_000, // 492.900 − 400.000
    });
  });
  it('is payable at exactly 75%', () => {
    const r = tranche2024(euro('750.000'), euro('492.900'));
    assert.equal(r.eligible, true);
    assert.equal(r.missingToThreshold, 0);
    assert.equal(r.previousMissing, 0);
  });
  it('rounds the threshold up to the cent: ceil(0,75 × € 1,01) = € 0,76', () => {
    assert.equal(trancheThresholdAmount(euro('1,01')), 76n);
    const r = trancheReadout({
      fund: FNPS,
      rule75: true,
      year: 2025,
      gating: { annuality: annuality(2023), allocated: euro('1,01'), recognised: euro('0,75') },
      previous: { annuality: annuality(2022), allocated: euro('0'), recognised: euro('0') },
    });
    assert.equal(r.eligible, false);
    assert.equal(r.missingToThreshold, 1);
  });
  it('explains itself in Italian', () =>
    assert.equal(describeTranche(tranche2024(euro('665.000'), euro('0'))), 'Tranche 2024 del fondo FNPS: sospesa, mancano € 85.000,00 per raggiungere il 75% dell\'annualità 2022'));
  it('refuses a fund without the 75% rule', () =>
    assert.throws(
      () => trancheReadout({ fund: fundCode('REG01'), rule75: false, year: 2024, gating: { annuality: annuality(2022), allocated: euro('1'), recognised: euro('1') }, previous: { annuality: annuality(2021), allocated: euro('1'), recognised: euro('1') } }),
      (e: unknown) => e instanceof DomainError && e.code === 'funds.tranche.rule_75_not_applicable' && /art\. 89/.test(e.message),
    ));
  it('refuses figures of the wrong annuality', () =>
    assert.throws(
      () => trancheReadout({ fund: FNPS, rule75: true, year: 2024, gating: { annuality: annuality(2023), allocated: euro('1'), recognised: euro('1') }, previous: { annuality: annuality(2021), allocated: euro('1'), recognised: euro('1') } }),
      (e: unknown) => e instanceof DomainError && e.code === 'funds.tranche.wrong_annuality',
    ));
  it('eligible exactly when missingToThreshold is 0', () =>
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (a, r) => {
        const out = trancheReadout({ fund: FNPS, rule75: true, year: 2024, gating: { annuality: annuality(2022), allocated: a as Cents, recognised: r as Cents }, previous: { annuality: annuality(2021), allocated: a as Cents, recognised: r as Cents } });
        assert.equal(out.eligible, out.missingToThreshold === 0);
        assert.equal(out.eligible, 4n * r >= 3n * a);
      }),
    ));
});

describe('blockingDistricts', () => {
  const totals = new Map<DistrictCode, DistrictTotals>([
    [D('D01'), districtTotals({ assigned: euro('500.000'), disbursed: euro('500.000'), recognised: euro('450.000') })],
    [D('D02'), districtTotals({ assigned: euro('300.000'), disbursed: euro('150.000'), recognised: euro('10.000') })],
    [D('D03'), districtTotals({ assigned: euro('200.000'), disbursed: euro('200.000'), recognised: euro('205.000') })],
    [D('D04'), districtTotals({ assigned: euro('100.000'), disbursed: euro('100.000'), recognised: euro('50.000') })],
  ]);
  it('lists the districts holding residuals, largest first, ties by code, and marks those needed to reach 75%', () => {
    const rows = blockingDistricts(totals, euro('85.000'));
    assert.deepEqual(
      rows.map((r) => [r.district, r.residual, r.cumulativeResidual, r.needed]),
      [
        ['D02', euro('140.000'), euro('140.000'), true],
        ['D01', euro('50.000'), euro('190.000'), false],
        ['D04', euro('50.000'), euro('240.000'), false],
      ],
    );
  });
  it('marks every district needed when the gap exceeds what they hold', () =>
    assert.ok(blockingDistricts(totals, euro('1.000.000')).every((r) => r.needed)));
});
