import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { doneInYear, monthIndex, parseActivityTime, slippageMonths, type ActivityTime } from './times.ts';

const month = (year: number, m: number): ActivityTime => ({ kind: 'month', year, month: m });
const read = (text: string) => parseActivityTime(text, 2024);

describe('parseActivityTime reads months as written in seed 2', () => {
  const cases: Array<[string, ActivityTime]> = [
    ['Febbraio', month(2024, 2)],
    ['marzo', month(2024, 3)],
    ['DICEMBRE', month(2024, 12)],
    ['Marzo 2025', month(2025, 3)],
    ['Dicembre 2024', month(2024, 12)],
    ['marzo-2025', month(2025, 3)],
    ['03/2024', month(2024, 3)],
    ['3/2025', month(2025, 3)],
    ['Gen.', month(2024, 1)],
    ['set', month(2024, 9)],
    ['entro giugno', month(2024, 6)],
    ['Entro il mese di ottobre', month(2024, 10)],
    ['Novembre: consegnato il documento di sintesi', month(2024, 11)],
  ];
  for (const [text, expected] of cases) it(`"${text}"`, () => assert.deepEqual(read(text), expected));
  it('a month without a year takes the plan year', () => assert.deepEqual(parseActivityTime('Aprile', 2023), month(2023, 4)));
  it('refuses a month number out of range', () => assert.deepEqual(read('13/2024'), { kind: 'text', text: '13/2024' }));
});

describe('parseActivityTime reads recurrences, also followed by a comment', () => {
  const cases: Array<[string, string]> = [
    ['mensile', 'monthly'],
    ['Mensile Il sistema è stato regolarmente alimentato mensilmente', 'monthly'],
    ['Annuale', 'yearly'],
    ['annuale Gli incontri periodici si sono svolti', 'yearly'],
    ['trimestrale', 'quarterly'],
    ['Semestrale', 'half_yearly'],
    ['bimestrale', 'bimonthly'],
    ['quindicinale', 'fortnightly'],
    ["Nel corso dell'anno", 'yearly'],
  ];
  for (const [text, frequency] of cases) it(`"${text}" is ${frequency}`, () => assert.deepEqual(read(text), { kind: 'recurring', frequency }));
});

describe('parseActivityTime reads postponements', () => {
  it('"Rinvio al 2025" (seed 2, Area Minori e Famiglie 1)', () => assert.deepEqual(read('Rinvio al 2025'), { kind: 'postponed', toYear: 2025 }));
  it('"rinviato al prossimo anno" goes to the next year', () =>
    assert.deepEqual(read('rinviato al prossimo anno'), { kind: 'postponed', toYear: 2025 }));
  it('"Rinvio" alone goes to the next year', () => assert.deepEqual(read('Rinvio'), { kind: 'postponed', toYear: 2025 }));
  it('a postponement to a named month is that month (next year when none is given)', () => {
    assert.deepEqual(read('Rinviato a marzo 2025'), month(2025, 3));
    assert.deepEqual(read('Slittamento a febbraio'), month(2025, 2));
  });
  it('a postponement to something unreadable stays text', () =>
    assert.deepEqual(read('Rinviato a data da destinarsi'), { kind: 'text', text: 'Rinviato a data da destinarsi' }));
});

describe('parseActivityTime keeps other texts verbatim', () => {
  for (const text of ['', 'In corso', 'Non realizzata', 'Marzolino', 'settimanale', '2024']) {
    it(`"${text}"`, () => assert.deepEqual(read(`  ${text}`), { kind: 'text', text }));
  }
  it('never throws', () => fc.assert(fc.property(fc.string(), fc.integer({ min: 1900, max: 2100 }), (s, y) => typeof parseActivityTime(s, y).kind === 'string')));
});

describe('slippageMonths = actual month − planned month (DOMAIN.md)', () => {
  it('Area Amministrativa 2.2: planned April, done July → 3 months late', () => assert.equal(slippageMonths(read('Aprile'), read('Luglio')), 3));
  it('Area Amministrativa 2.1: planned February, done January → 1 month early', () =>
    assert.equal(slippageMonths(read('Febbraio'), read('Gennaio')), -1));
  it('counts across years', () => assert.equal(slippageMonths(read('Novembre'), read('Febbraio 2025')), 3));
  it('is null when either is not a month', () => {
    assert.equal(slippageMonths(read('Dicembre'), read('Rinvio al 2025')), null);
    assert.equal(slippageMonths(read('mensile'), read('Mensile')), null);
    assert.equal(slippageMonths(read('Marzo'), read('')), null);
  });
  it('is antisymmetric and zero on the same month', () =>
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y1, m1, y2, m2) => {
        const a = month(y1, m1);
        const b = month(y2, m2);
        return slippageMonths(a, b) === -slippageMonths(b, a)! && slippageMonths(a, a) === 0;
      }),
    ));
});

describe('monthIndex and doneInYear', () => {
  it('indexes months from January of the plan year', () => {
    assert.equal(monthIndex(read('Gennaio'), 2024), 0);
    assert.equal(monthIndex(read('Dicembre'), 2024), 11);
    assert.equal(monthIndex(read('Marzo 2025'), 2024), 14);
    assert.equal(monthIndex(read('annuale'), 2024), null);
  });
  it('a postponement to a later year is not done in the year', () => {
    assert.equal(doneInYear(read('Rinvio al 2025'), 2024), false);
    assert.equal(doneInYear(read('Marzo 2025'), 2024), false);
    assert.equal(doneInYear(read('Luglio'), 2024), true);
    assert.equal(doneInYear(read('Mensile'), 2024), true);
    assert.equal(doneInYear(read(''), 2024), null);
  });
});
