import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEuro, formatEuro, formatEuroPlain, ratio4, ceilFraction, cents } from './money.ts';

const ok = (text: string) => {
  const r = parseEuro(text);
  assert.ok(r.ok, `${text} should parse`);
  return r.value;
};

describe('parseEuro accepts the amounts of EXCHANGE.md', () => {
  for (const [text, expected] of [
    ['1234.56', 123456n],
    ['1234,56', 123456n],
    ['1.234,56', 123456n],
    ['€ 1.234,56', 123456n],
    ['€1.234.567,89', 123456789n],
    ['1234', 123400n],
    ['0,5', 50n],
    ['492.900', 49290000n],
    ['105.589,67', 10558967n],
    [' 12 ', 1200n],
  ] as const) {
    it(`reads ${text}`, () => assert.equal(ok(text), expected));
  }
});

describe('parseEuro refuses', () => {
  for (const text of ['', '   ', '12,345', '1.234,567', '12a', 'abc', '1,2,3', '€']) {
    it(`refuses "${text}"`, () => assert.equal(parseEuro(text).ok, false));
  }
  it('names three decimals as the reason', () => {
    const r = parseEuro('1234,567');
    assert.ok(!r.ok && /decimali/.test(r.message));
  });
});

describe('formatEuro', () => {
  it('formats Italian style', () => assert.equal(formatEuro(cents(123456789)), '€ 1.234.567,89'));
  it('formats small and negative sums', () => {
    assert.equal(formatEuro(cents(5)), '€ 0,05');
    assert.equal(formatEuro(cents(-100000)), '-€ 1.000,00');
  });
  it('formats plain CSV decimals', () => assert.equal(formatEuroPlain(cents(123456)), '1234,56'));
});

describe('ratios and ceilings', () => {
  it('rounds ratios to 4 decimals', () => {
    assert.equal(ratio4(cents(2), cents(3)), 0.6667);
    assert.equal(ratio4(cents(1), cents(3)), 0.3333);
    assert.equal(ratio4(cents(5), cents(0)), 0);
  });
  it('computes ceil(0.75 × A) exactly', () => {
    assert.equal(ceilFraction(cents(101), 3n, 4n), 76n);
    assert.equal(ceilFraction(cents(100), 3n, 4n), 75n);
  });
});
