import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors.ts';
import { calendarDate } from '../dates.ts';
import { euro } from '../money.ts';
import { ZERO_TOTALS, annuality, compareDistrictCodes, districtCode, districtTotals, formatActRef, fundCode } from './types.ts';

describe('fund vocabulary', () => {
  it('reads fund and district codes, trimmed', () => {
    assert.equal(fundCode(' FNPS '), 'FNPS');
    assert.equal(fundCode('DOPO_DI_NOI'), 'DOPO_DI_NOI');
    assert.equal(districtCode('RM 5.1'.replace(' ', '')), 'RM5.1');
  });
  it('refuses empty codes and codes with spaces', () => {
    for (const t of ['', '  ', 'F N', '-X']) {
      assert.throws(() => fundCode(t), DomainError);
      assert.throws(() => districtCode(t), DomainError);
    }
  });
  it('reads annualities as four-digit years', () => {
    assert.equal(annuality(2022), 2022);
    assert.equal(annuality(' 2024 '), 2024);
    for (const v of [22, 2022.5, 'duemila', '', 30000]) assert.throws(() => annuality(v), DomainError);
  });
  it('orders district codes by code, not by locale', () =>
    assert.deepEqual(['D10', 'D02', 'D01', 'd01'].map(districtCode).sort(compareDistrictCodes), ['D01', 'D02', 'D10', 'd01']));
  it('fills missing totals with zeros', () => {
    assert.deepEqual(districtTotals({ assigned: euro('10') }), { ...ZERO_TOTALS, assigned: euro('10') });
    assert.ok(Object.isFrozen(ZERO_TOTALS));
  });
  it('names an act the Italian way', () =>
    assert.equal(formatActRef({ type: 'DD', number: 'G10965/2022', date: calendarDate('2022-08-12') }), 'DD G10965/2022 del 12/08/2022'));
});
