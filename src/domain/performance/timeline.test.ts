import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { timeline, timelineRow } from './timeline.ts';
import { activity, amministrativa22, minori1 } from './fixtures.test-support.ts';

const shaded = (months: readonly boolean[]) => months.flatMap((m, i) => (m ? [i] : []));

describe('timeline of planned and actual months', () => {
  it('Area Amministrativa 2.2: the training planned in April was done in July, 3 months late', () => {
    const rows = timeline(amministrativa22().activities, 2024);
    const last = rows[3]!;
    assert.equal(last.plannedIndex, 3);
    assert.equal(last.actualIndex, 6);
    assert.equal(last.slippage, 3);
    assert.equal(last.outcome, 'late');
    assert.deepEqual(shaded(last.plannedMonths), [3]);
    assert.deepEqual(shaded(last.actualMonths), [6]);
    assert.deepEqual(rows.map((r) => r.outcome), ['on_time', 'early', 'early', 'late']);
  });
  it('Area Minori e Famiglie 1: the evaluation planned in December was postponed to 2025, not done in the year', () => {
    const row = timeline(minori1().activities, 2024)[5]!;
    assert.deepEqual(row.actual, { kind: 'postponed', toYear: 2025 });
    assert.equal(row.plannedIndex, 11);
    assert.equal(row.actualIndex, null);
    assert.equal(row.slippage, null);
    assert.equal(row.outcome, 'postponed');
    assert.deepEqual(shaded(row.actualMonths), []);
  });
  it('a recurring activity is shaded over the whole year', () => {
    const row = timelineRow(activity('mensile', 'Mensile Il sistema è stato regolarmente alimentato'), 2024);
    assert.equal(row.outcome, 'recurring');
    assert.equal(shaded(row.plannedMonths).length, 12);
    assert.equal(shaded(row.actualMonths).length, 12);
    assert.equal(row.plannedIndex, null);
  });
  it('a month of the next year is late and off the chart', () => {
    const row = timelineRow(activity('Dicembre', 'Marzo 2025'), 2024);
    assert.equal(row.actualIndex, 14);
    assert.equal(row.slippage, 3);
    assert.equal(row.outcome, 'late');
    assert.deepEqual(shaded(row.actualMonths), []);
    assert.equal(timelineRow(activity('Marzo 2025', 'Marzo 2025'), 2024).outcome, 'on_time');
  });
  it('an activity with no actual is not done; free text is unknown', () => {
    assert.equal(timelineRow(activity('Febbraio', ''), 2024).outcome, 'not_done');
    assert.equal(timelineRow(activity('Febbraio', 'in corso'), 2024).outcome, 'unknown');
    assert.equal(timelineRow(activity('annuale', ''), 2024).outcome, 'not_done');
  });
});
