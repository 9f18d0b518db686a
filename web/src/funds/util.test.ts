import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centsToInput, formatRatio, parseEuroInput } from './util.ts';

test('euro amounts typed the Italian way become exact cents', () => {
  assert.equal(parseEuroInput('1.234,56'), 123456n);
  assert.equal(parseEuroInput('1234,5'), 123450n);
  assert.equal(parseEuroInput('€ 1.000.000,00'), 100000000n);
  assert.equal(parseEuroInput('1234.56'), 123456n);
  assert.equal(parseEuroInput('1.234'), 123400n);
  assert.equal(parseEuroInput('0,01'), 1n);
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
