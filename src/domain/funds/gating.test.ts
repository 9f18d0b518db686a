import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { calendarDate } from '../dates.ts';
import { annuality, districtCode, fundCode } from './types.ts';
import {
  NO_GATING,
  defaultGatingRule,
  earlierAnnualityOf,
  evaluateGating,
  formatFractionPercent,
  gatingRuleToJson,
  parseGatingRule,
  recognisedShareRule,
  type GatingContext,
} from './gating.ts';

const act = { type: 'DD' as const, number: 'G04014/2022', date: calendarDate('2022-04-05') };

/** District D01 asks for its FNPS 2024 tranche; on 2022 it was assigned € 500.000,00. */
const context = (recognised2022: Cents): GatingContext => ({
  fund: fundCode('FNPS'),
  district: districtCode('D01'),
  annuality: annuality(2024),
  figures: new Map([[2022, { assigned: euro('500.000'), recognised: recognised2022 }]]),
});

describe('default gating for the art. 89 funds', () => {
  it('is 75% of the assignment of Y−2', () => {
    const rule = defaultGatingRule({ rule75: true });
    assert.deepEqual(rule, { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: 3n, den: 4n } });
    assert.equal(earlierAnnualityOf(rule, annuality(2024)), 2022);
  });
  it('is no gating for the other funds', () => assert.deepEqual(defaultGatingRule({ rule75: false }), NO_GATING));
});

describe('evaluateGating', () => {
  const rule = recognisedShareRule({ act });
  it('releases the tranche at exactly 75% recognised (€ 375.000,00 of € 500.000,00)', () =>
    assert.deepEqual(evaluateGating(rule, context(euro('375.000'))), { allowed: true }));
  it('holds the tranche below 75% and says why, with amounts and the act', () => {
    const out = evaluateGating(rule, context(euro('300.000')));
    assert.equal(out.allowed, false);
    if (out.allowed) return;
    assert.equal(out.missing, euro('75.000'));
    assert.equal(
      out.reason,
      "Liquidazione non consentita al distretto D01 sul fondo FNPS annualità 2024: la spesa riconosciuta sull'annualità 2022 (€ 300.000,00) " +
        "è inferiore al 75% dell'assegnato (€ 375.000,00 su € 500.000,00); mancano € 75.000,00 (regola stabilita con DD G04014/2022 del 05/04/2022)",
    );
  });
  it('releases when nothing was assigned on the earlier annuality', () =>
    assert.deepEqual(evaluateGating(rule, { ...context(euro('0')), figures: new Map() }), { allowed: true }));
  it('never holds anything without a rule', () => assert.deepEqual(evaluateGating(NO_GATING, context(euro('0'))), { allowed: true }));
  it('follows the parameters: 2/3 of Y−1', () => {
    const out = evaluateGating(recognisedShareRule({ lag: 1, threshold: { num: 2n, den: 3n } }), {
      ...context(euro('0')),
      figures: new Map([[2023, { assigned: euro('100'), recognised: euro('66,66') }]]),
    });
    assert.ok(!out.allowed && out.missing === 1n && /66,67%/.test(out.reason));
  });
  it('allowed exactly when recognised ≥ ceil(threshold × assigned)', () =>
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }),
        (a, r, x, y) => {
          const [num, den] = x <= y ? [BigInt(x), BigInt(y)] : [BigInt(y), BigInt(x)];
          const out = evaluateGating(recognisedShareRule({ threshold: { num, den } }), {
            ...context(euro('0')),
            figures: new Map([[2022, { assigned: a as Cents, recognised: r as Cents }]]),
          });
          assert.equal(out.allowed, r * den >= a * num);
          if (!out.allowed) assert.ok(out.missing > 0n && (r + out.missing) * den >= a * num && (r + out.missing - 1n) * den < a * num);
        }),
    ));
});

describe('the rule is data', () => {
  it('round-trips through JSON', () => {
    const rule = recognisedShareRule({ act });
    assert.deepEqual(parseGatingRule(JSON.parse(JSON.stringify(gatingRuleToJson(rule)))), rule);
    assert.deepEqual(parseGatingRule(gatingRuleToJson(NO_GATING)), NO_GATING);
  });
  it('refuses invalid rules', () => {
    for (const v of [
      null,
      { kind: 'other' },
      { kind: 'recognised_share_of_earlier_annuality', lag: 2 },
      { kind: 'recognised_share_of_earlier_annuality', lag: 0, threshold: { num: 3, den: 4 } },
      { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: 5, den: 4 } },
      { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: '3', den: '0' } },
      { kind: 'none', act: { type: 'XX', number: '1', date: '2022-01-01' } },
      { kind: 'none', act: { type: 'DD', number: '1', date: '2022-02-30' } },
    ]) {
      assert.throws(() => parseGatingRule(v), DomainError, JSON.stringify(v));
    }
  });
  it('formats thresholds as Italian percentages', () => {
    assert.equal(formatFractionPercent({ num: 3n, den: 4n }), '75%');
    assert.equal(formatFractionPercent({ num: 1n, den: 3n }), '33,33%');
    assert.equal(formatFractionPercent({ num: 1n, den: 1n }), '100%');
  });
});
