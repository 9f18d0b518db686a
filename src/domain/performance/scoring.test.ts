import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import { parseIndicatorValue } from './values.ts';
import { compareCodes, indicatorAchievement, round4, scoreObjective, scorePlan, statusFor, DEFAULT_SCORING } from './scoring.ts';
import { amministrativa21, amministrativa22, amministrativa23, cda49, centre, indicator, minori1, objective, plan } from './fixtures.test-support.ts';
import type { IndicatorInput, ObjectiveInput } from './plan.ts';

const achievement = (target: string, actual: string) => indicatorAchievement(parseIndicatorValue(target), parseIndicatorValue(actual));

describe('worked examples of DOMAIN.md (seed 2)', () => {
  it('Area Amministrativa 2.2 → (1 + 10/20 + 0.5)/3 = 66.7%, partially achieved', () =>
    assert.deepEqual(scoreObjective(amministrativa22()), { code: '2.2', title: amministrativa22().title, score: 0.6667, status: 'partially_achieved' }));
  it('Area Amministrativa 2.1 → 100%, achieved (an exceeded target counts 1)', () => {
    const s = scoreObjective(amministrativa21());
    assert.equal(s.score, 1);
    assert.equal(s.status, 'achieved');
  });
  it('Area Minori e Famiglie 1 → (1 + 1 + 4/6 + 0/20)/4 = 66.7%, partially achieved', () => {
    const s = scoreObjective(minori1());
    assert.equal(s.score, 0.6667);
    assert.equal(s.status, 'partially_achieved');
  });
  it('Area Amministrativa 2.3 → suspended by CdA resolution 49 of 19.9.2024: no score', () =>
    assert.deepEqual(scoreObjective(amministrativa23()), { code: '2.3', title: amministrativa23().title, score: null, status: 'suspended' }));
  it('the read-out of the two areas: the suspended 2.3 is listed but left out of the means', () => {
    const scores = scorePlan(plan([centre('Area Amministrativa', [amministrativa23(), amministrativa22(), amministrativa21()]), centre('Area Minori e Famiglie - Adulti', [minori1()])]), DEFAULT_SCORING, 'piano-2024');
    assert.deepEqual(scores, {
      plan: 'piano-2024',
      year: 2024,
      // (1 + 2/3 + 2/3) / 3
      overall: 0.7778,
      centres: [
        {
          name: 'Area Amministrativa',
          // (1 + 2/3) / 2
          score: 0.8333,
          objectives: [
            { code: '2.1', title: amministrativa21().title, score: 1, status: 'achieved' },
            { code: '2.2', title: amministrativa22().title, score: 0.6667, status: 'partially_achieved' },
            { code: '2.3', title: amministrativa23().title, score: null, status: 'suspended' },
          ],
        },
        { name: 'Area Minori e Famiglie - Adulti', score: 0.6667, objectives: [{ code: '1', title: minori1().title, score: 0.6667, status: 'partially_achieved' }] },
      ],
    });
  });
  it('the plan reference defaults to the body', () => assert.equal(scorePlan(plan([centre('A', [amministrativa21()])])).plan, 'Consorzio IN.RE.TE.'));
});

describe('indicatorAchievement', () => {
  it('numbers: min(actual/target, 1)', () => {
    assert.equal(achievement('20', '10'), 0.5);
    assert.equal(achievement('30', '40'), 1);
    assert.equal(achievement('1.000', '250'), 0.25);
    assert.equal(achievement('20%', '15%'), 0.75);
    assert.equal(achievement('€ 1.000', '€ 500'), 0.5);
  });
  it('target 0 → 1 if actual ≥ 0', () => {
    assert.equal(achievement('0', '0'), 1);
    assert.equal(achievement('0', '3'), 1);
    assert.equal(achievement('0', '-1'), 0);
  });
  it('yes = 1, partially = 0.5, no = 0', () => {
    assert.equal(achievement('si', 'sì'), 1);
    assert.equal(achievement('si', 'si parzialmente'), 0.5);
    assert.equal(achievement('si', 'no'), 0);
  });
  it('missing or unrecognised actual = 0', () => {
    assert.equal(achievement('4', ''), 0);
    assert.equal(achievement('si', 'non rilevato'), 0);
  });
  it('a declared yes, partially or no against a numeric target keeps its meaning', () => {
    assert.equal(achievement('5', 'si'), 1);
    assert.equal(achievement('5', 'parzialmente'), 0.5);
    assert.equal(achievement('5', 'no'), 0);
  });
  it('a number against a yes target: above zero is yes, zero is no', () => {
    assert.equal(achievement('si', '1'), 1);
    assert.equal(achievement('si', '0'), 0);
  });
  it('a "no" target is met by no or zero', () => {
    assert.equal(achievement('no', 'no'), 1);
    assert.equal(achievement('no', '0'), 1);
    assert.equal(achievement('no', 'si'), 0);
    assert.equal(achievement('no', '2'), 0);
    assert.equal(achievement('no', 'si parzialmente'), 0.5);
  });
  it('a negative actual scores 0; an invalid target scores 0', () => {
    assert.equal(achievement('10', '-5'), 0);
    assert.equal(achievement('parzialmente', 'si'), 0);
  });
});

describe('objective score and status', () => {
  it('uses the indicator weights', () => {
    const o = objective('1', [indicator('10', '10', { weight: 3 }), indicator('10', '0', { weight: 1 })]);
    assert.equal(scoreObjective(o).score, 0.75);
  });
  it('statuses at the thresholds: ≥ 90% achieved, ≥ 50% partially, else not achieved', () => {
    assert.equal(statusFor(0.9, DEFAULT_SCORING), 'achieved');
    assert.equal(statusFor(0.8999, DEFAULT_SCORING), 'partially_achieved');
    assert.equal(statusFor(0.5, DEFAULT_SCORING), 'partially_achieved');
    assert.equal(statusFor(0.4999, DEFAULT_SCORING), 'not_achieved');
  });
  it('takes the status on the rounded score, so that 89.996% shows as 90.0% achieved', () => {
    const o = objective('1', [indicator('100000', '89996')]);
    assert.deepEqual([scoreObjective(o).score, scoreObjective(o).status], [0.9, 'achieved']);
  });
  it('configurable thresholds', () => {
    const s = { achievedThreshold: 1, partiallyThreshold: 0.7 };
    assert.equal(scoreObjective(amministrativa22(), s).status, 'not_achieved');
    assert.equal(scoreObjective(amministrativa21(), s).status, 'achieved');
  });
  it('refuses thresholds out of [0, 1] or in the wrong order', () => {
    for (const s of [{ achievedThreshold: 1.2, partiallyThreshold: 0.5 }, { achievedThreshold: 0.5, partiallyThreshold: 0.9 }, { achievedThreshold: Number.NaN, partiallyThreshold: 0 }]) {
      assert.throws(() => scorePlan(plan([centre('A', [amministrativa21()])]), s), (e: unknown) => e instanceof DomainError && e.code === 'performance.scoring.thresholds');
    }
  });
  it('an updated objective is scored as any other', () => assert.equal(scoreObjective({ ...amministrativa22(), revision: cda49('updated') }).score, 0.6667));
  it('an objective without indicators (not suspended) scores 0, not achieved', () =>
    assert.deepEqual([scoreObjective(objective('9', [])).score, scoreObjective(objective('9', [])).status], [0, 'not_achieved']));
  it('a suspended objective without indicators is suspended', () => assert.equal(scoreObjective(objective('9', [], { revision: cda49('suspended') })).status, 'suspended'));
});

describe('plan means', () => {
  it('a centre with only suspended objectives has a null score; a plan with none scored has a null overall', () => {
    const s = scorePlan(plan([centre('A', [amministrativa23()])]));
    assert.equal(s.centres[0]!.score, null);
    assert.equal(s.overall, null);
  });
  it('a shared objective is one objective: in both centres, counted once in the overall mean', () => {
    const adi = (code: string) => objective(code, [indicator('10', '5')], { id: 'adi' });
    const s = scorePlan(plan([centre('Area Minori e Famiglie', [adi('2.2'), amministrativa21()]), centre('Area Inclusione e Reti', [adi('2.1')])]));
    assert.equal(s.centres[0]!.score, 0.75);
    assert.equal(s.centres[1]!.score, 0.5);
    assert.equal(s.centres[1]!.objectives[0]!.code, '2.1');
    // (0.5 + 1) / 2, not (0.5 + 1 + 0.5) / 3
    assert.equal(s.overall, 0.75);
  });
  it('objectives without an id are distinct even when equal', () => {
    const o = () => objective('1', [indicator('10', '5')]);
    assert.equal(scorePlan(plan([centre('A', [o(), amministrativa21()]), centre('B', [o()])])).overall, 0.6667);
  });
  it('sorts objectives by code, numerically, equal codes in plan order', () => {
    const s = scorePlan(plan([centre('A', [objective('2.10', [indicator('1', '1')]), objective('1', [indicator('1', '1')], { title: 'primo' }), objective('2.2', [indicator('1', '1')]), objective('1', [indicator('1', '1')], { title: 'secondo' })])]));
    assert.deepEqual(s.centres[0]!.objectives.map((o) => `${o.code} ${o.title}`), ['1 primo', '1 secondo', '2.2 Obiettivo 2.2', '2.10 Obiettivo 2.10']);
    assert.ok(compareCodes('2', '10') < 0);
  });
  it('rounds half up to 4 decimals', () => {
    assert.equal(round4(2 / 3), 0.6667);
    assert.equal(round4(0.66665), 0.6667);
    assert.equal(round4(0.12344), 0.1234);
    assert.equal(round4(1), 1);
  });
});

describe('properties of scoring', () => {
  const value = fc.oneof(
    fc.integer({ min: -5, max: 200 }).map(String),
    fc.constantFrom('si', 'no', 'si parzialmente', '', 'n.d.', '12,5', '20%'),
  );
  const target = fc.oneof(fc.integer({ min: 0, max: 200 }).map(String), fc.constantFrom('si', 'no'));
  const ind = fc.record({ target, actual: value, weight: fc.integer({ min: 1, max: 5 }) }).map(({ target: t, actual, weight }) => indicator(t, actual, { weight }));
  const obj = fc.record({ indicators: fc.array(ind, { minLength: 1, maxLength: 6 }), suspended: fc.boolean(), code: fc.constantFrom('1', '2.1', '2.2', '3') }).map(
    ({ indicators, suspended, code }): ObjectiveInput => objective(code, indicators, suspended ? { revision: cda49('suspended') } : {}),
  );
  const plans = fc.array(fc.array(obj, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 4 }).map((cs) => plan(cs.map((os, i) => centre(`Area ${i}`, os))));
  const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

  it('every score is within [0, 1]', () =>
    fc.assert(
      fc.property(plans, (p) => {
        const s = scorePlan(p);
        return inUnit(s.overall) && s.centres.every((c) => inUnit(c.score) && c.objectives.every((o) => inUnit(o.score)));
      }),
    ));
  it('a suspended objective is never counted: adding one changes no mean', () =>
    fc.assert(
      fc.property(plans, obj, fc.nat(), (p, o, at) => {
        const before = scorePlan(p);
        const i = at % p.centres.length;
        const suspended = { ...o, revision: cda49('suspended') };
        const after = scorePlan({ ...p, centres: p.centres.map((c, j) => (j === i ? { ...c, objectives: [...c.objectives, suspended] } : c)) });
        return after.overall === before.overall && after.centres.every((c, j) => c.score === before.centres[j]!.score);
      }),
    ));
  it('a suspended objective always has a null score and the status suspended', () =>
    fc.assert(fc.property(obj, (o) => {
      const s = scoreObjective({ ...o, revision: cda49('suspended') });
      return s.score === null && s.status === 'suspended';
    })));
  it('the order of the indicators does not change the score', () =>
    fc.assert(
      fc.property(fc.array(ind, { minLength: 1, maxLength: 8 }), fc.func(fc.integer()), (indicators: IndicatorInput[], key) => {
        const shuffled = indicators.map((x, i) => ({ x, k: key(i) })).sort((a, b) => a.k - b.k).map((e) => e.x);
        return scoreObjective(objective('1', indicators)).score === scoreObjective(objective('1', shuffled)).score;
      }),
    ));
  it('a shared objective repeated in another centre leaves the overall mean unchanged', () =>
    fc.assert(
      fc.property(plans, obj, (p, o) => {
        const shared = { ...o, id: 'shared' };
        const once = scorePlan({ ...p, centres: [...p.centres, centre('Area X', [shared])] });
        const twice = scorePlan({ ...p, centres: [...p.centres, centre('Area X', [shared]), centre('Area Y', [{ ...shared, code: '9' }])] });
        return once.overall === twice.overall;
      }),
    ));
});
