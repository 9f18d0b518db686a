import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centsToInput, formatRatio, fractionToPercent, parseEuroInput, percentToFraction } from './util.ts';

test('euro amounts typed the Italian way become exact cents', () => {
  assert.equal(parseEuroInput('1.234,56'), 123456n);
  assert.equal(parseEuroInput('1234,5'), 123450n);
  assert.equal(parseEuroInput('€ 1.000.000,00'), 100000000n);
  assert.equal(parseEuroInput('1234.56'), 123456n);
  assert.equal(parseEuroInput('1.234'), 123400n);
  assert.equal(parseEuroInput('0,01'), 1n);
  // the server's reading (src/domain/money.ts): the English way is an amount too
  assert.equal(parseEuroInput('1,234.56'), 123456n);
  for (const bad of ['', 'abc', '1,234', '12,345', '1.23.4', '-5', '1..2']) assert.equal(parseEuroInput(bad), null, bad);
});

test('cents go back to an editable amount that reads the same', () => {
  for (const cents of [0, 1, 99, 100, 123456, 100000000, 3360000000]) {
    assert.equal(parseEuroInput(centsToInput(cents)), BigInt(cents));
  }
  assert.equal(centsToInput(100000000), '1.000.000,00');
});

test('ratios are shown as Italian percentages', () => {
  assert.equal(formatRatio(0.6926), '69,26%');
  assert.equal(formatRatio(0.75), '75,00%');
  assert.equal(formatRatio(0), '0,00%');
});

test('a gating threshold typed as a percentage becomes an exact fraction, and back', () => {
  assert.deepEqual(percentToFraction('75'), { num: '3', den: '4' });
  assert.deepEqual(percentToFraction('66,67%'), { num: '6667', den: '10000' });
  assert.deepEqual(percentToFraction('100'), { num: '1', den: '1' });
  assert.deepEqual(percentToFraction(' 12.5 '), { num: '1', den: '8' });
  for (const bad of ['', '0', '0,00', '100,01', '101', '-5', 'abc', '1,234']) assert.equal(percentToFraction(bad), null, bad);
  assert.equal(fractionToPercent({ num: '3', den: '4' }), '75');
  assert.equal(fractionToPercent({ num: '2', den: '3' }), '66,67');
  for (const [typed, shown] of [['75', '75'], ['66,67', '66,67'], ['12,5', '12,50'], ['100', '100'], ['0,01', '0,01']]) {
    assert.equal(fractionToPercent(percentToFraction(typed!)!), shown);
  }
});
