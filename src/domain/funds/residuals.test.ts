import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { euro, cents, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { districtCode, districtTotals, type DistrictCode, type DistrictTotals } from './types.ts';
import { ministryReturn, regionReported, residualOf, residualsByDistrict, toDisburseOf } from './residuals.ts';

const D = (c: string): DistrictCode => districtCode(c);

/** FNPS 2022: € 1.000.000,00 assigned to three districts. */
const fnps2022 = (): Map<DistrictCode, DistrictTotals> =>
  new Map([
    [D('D03'), districtTotals({ assigned: euro('200.000'), disbursed: euro('200.000'), reported: euro('200.000'), recognised: euro('200.000') })],
    [D('D01'), districtTotals({ assigned: euro('500.000'), disbursed: euro('500.000'), reported: euro('480.000'), recognised: euro('450.000') })],
    [D('D02'), districtTotals({ assigned: euro('300.000'), disbursed: euro('150.000'), reported: euro('20.000'), recognised: euro('10.000') })],
  ]);

describe('residual per district', () => {
  it('is disbursed minus recognised', () => assert.equal(residualOf(fnps2022().get(D('D01'))!), euro('50.000')));
  it('is never negative when the district justified more than it received', () =>
    assert.equal(residualOf({ disbursed: euro('100'), recognised: euro('150') }), 0n));
  it('toDisburse is assigned minus disbursed', () => assert.equal(toDisburseOf(fnps2022().get(D('D02'))!), euro('150.000')));
  it('lists every district in code order', () =>
    assert.deepEqual([...residualsByDistrict(fnps2022())], [
      ['D01', euro('50.000')],
      ['D02', euro('140.000')],
      ['D03', 0n],
    ]));
  it('regionReported adds the expenses the Region reports directly', () =>
    assert.equal(regionReported(fnps2022().values(), euro('5.000')), euro('665.000')));
});

describe('ministryReturn before loading onto SIOSS', () => {
  it('charges each debtor district its residual; the Region returns what it never transferred', () => {
    const totals = fnps2022();
    const r = ministryReturn(euro('1.000.000'), regionReported(totals.values()), residualsByDistrict(totals));
    assert.equal(r.difference, euro('340.000'));
    assert.equal(r.mustReturn, true);
    assert.deepEqual(r.receivables, [
      { district: 'D01', amount: euro('50.000') },
      { district: 'D02', amount: euro('140.000') },
    ]);
    assert.equal(r.receivablesTotal, euro('190.000'));
    assert.equal(r.heldByRegion, euro('150.000'));
    assert.equal(r.beyondDifference, 0n);
  });
  it('asks nothing back when the annuality is fully reported', () => {
    const r = ministryReturn(euro('1.000.000'), euro('1.000.000'), new Map([[D('D01'), euro('10')]]));
    assert.deepEqual(r, { difference: 0n, mustReturn: false, receivables: [], receivablesTotal: 0n, heldByRegion: 0n, beyondDifference: 0n });
  });
  it('shows residuals claimed beyond the difference when the Region reported directly', () => {
    const r = ministryReturn(euro('100'), euro('90'), new Map<DistrictCode, Cents>([[D('D01'), euro('30')]]));
    assert.equal(r.difference, euro('10'));
    assert.equal(r.receivablesTotal, euro('30'));
    assert.equal(r.beyondDifference, euro('20'));
    assert.equal(r.heldByRegion, 0n);
  });
  it('refuses negative amounts', () =>
    assert.throws(() => ministryReturn(cents(-1), cents(0), new Map()), DomainError));
});
