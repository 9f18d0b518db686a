import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidTarget, parseIndicatorValue } from './values.ts';

const num = (value: number, unit: '%' | '€' | null = null) => ({ kind: 'number', value, unit });

describe('parseIndicatorValue reads Italian numbers as written in seed 2', () => {
  const cases: Array<[string, ReturnType<typeof num>]> = [
    ['6', num(6)],
    ['0', num(0)],
    ['1.234', num(1234)],
    ['1.234.567', num(1_234_567)],
    ['1.234,5', num(1234.5)],
    ['12,5', num(12.5)],
    ['12.5', num(12.5)],
    ['20%', num(20, '%')],
    ['20 %', num(20, '%')],
    ['12,5%', num(12.5, '%')],
    ['€ 1.000', num(1000, '€')],
    ['€1.234,56', num(1234.56, '€')],
    ['1.000 €', num(1000, '€')],
    ['-3', num(-3)],
    ['  40\u00a0', num(40)],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}" as ${expected.value}${expected.unit ?? ''}`, () => assert.deepEqual(parseIndicatorValue(text), expected));
  }
});

describe('parseIndicatorValue reads yes, no and partially in any case', () => {
  for (const t of ['si', 'sì', 'SI', 'Sì', 'SÌ', 'si.']) it(`"${t}" is yes`, () => assert.deepEqual(parseIndicatorValue(t), { kind: 'yes' }));
  for (const t of ['no', 'NO', 'No']) it(`"${t}" is no`, () => assert.deepEqual(parseIndicatorValue(t), { kind: 'no' }));
  for (const t of ['si parzialmente', 'Si Parzialmente', 'sì  parzialmente', 'parzialmente', 'in parte', 'si, parzialmente']) {
    it(`"${t}" is partially`, () => assert.deepEqual(parseIndicatorValue(t), { kind: 'partially' }));
  }
});

describe('parseIndicatorValue keeps what it cannot read', () => {
  it('an empty or blank value is missing', () => {
    assert.deepEqual(parseIndicatorValue(''), { kind: 'missing' });
    assert.deepEqual(parseIndicatorValue('   '), { kind: 'missing' });
  });
  for (const t of ['circa 10', '1,2,3', '12.345.6', 'n.d.', 'sino', '10 incontri', '€', '%']) {
    it(`"${t}" is kept verbatim as text`, () => assert.deepEqual(parseIndicatorValue(` ${t} `), { kind: 'text', text: t }));
  }
  it('never throws and reads every Italian-formatted integer back', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseIndicatorValue(s).kind === 'string'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        const italian = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const v = parseIndicatorValue(italian);
        return v.kind === 'number' && v.value === n;
      }),
    );
  });
});

describe('isValidTarget', () => {
  it('accepts a number from zero, yes and no', () => {
    for (const t of ['0', '20', '20%', 'si', 'no']) assert.equal(isValidTarget(parseIndicatorValue(t)), true, t);
  });
  it('refuses partially, nothing, a negative number and unknown text', () => {
    for (const t of ['si parzialmente', '', '-1', 'tanti']) assert.equal(isValidTarget(parseIndicatorValue(t)), false, t);
  });
});
