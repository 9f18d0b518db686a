import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFieldIds, splitRequest } from './split-request.ts';
import type { Translate } from '../i18n/i18n.tsx';

const t: Translate = (key) => key;
const districts = ['D01', 'D02', 'D03'];
const fields = { amount: '', fixedPercent: '20', perDistrict: {}, districts };

test('a split by amounts sends the districts typed, in cents, and their sum', () => {
  const r = splitRequest(t, { ...fields, criterion: 'amounts', perDistrict: { D01: '1.000,50', D02: '', D03: '0' } });
  assert.deepEqual(r.json, { criterion: 'amounts', amounts: [{ district: 'D01', amount: 100050 }] });
  assert.equal(r.total, 100050n);
  assert.deepEqual(r.errors, {});
  assert.deepEqual(splitRequest(t, { ...fields, criterion: 'amounts', perDistrict: { D02: 'abc' } }).errors, { 'd-D02': 'funds.amountInvalid', split: 'funds.assign.amountsRequired' });
});

test('a split by percentages or with a fixed share checks every figure typed', () => {
  const manual = splitRequest(t, { ...fields, criterion: 'manual_percent', amount: '300.000,00', perDistrict: { D01: '60', D02: '40,5', D03: '101' } });
  assert.deepEqual(manual.json, { criterion: 'manual_percent', amount: 30_000_000, percents: [{ district: 'D01', percent: '60' }, { district: 'D02', percent: '40.5' }] });
  assert.equal(manual.total, 30_000_000n);
  assert.deepEqual(manual.errors, { 'd-D03': 'funds.assign.percentInvalid' });
  const fixed = splitRequest(t, { ...fields, criterion: 'fixed_plus_population', amount: '0', fixedPercent: '' });
  assert.deepEqual(fixed.errors, { amount: 'funds.amountInvalid', fixedPercent: 'funds.assign.percentInvalid' });
  assert.equal(fixed.total, 0n);
  assert.deepEqual(splitRequest(t, { ...fields, criterion: 'population', amount: '12,5' }).json, { criterion: 'population', amount: 1250 });
});

test('each error names the id of its field', () => {
  assert.deepEqual(splitFieldIds('assign', ['D01']), { amount: 'assign-amount', fixedPercent: 'assign-fixed', split: 'assign-criterion', 'd-D01': 'assign-d-D01' });
});
