import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calendarDate, addDays } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { deadlineStatus, describeDeadline, isLate, reportDeadline, reportDeadlineForPayment } from './reporting-deadline.ts';

const d = calendarDate;

describe('reporting deadline (l.r. 11/2016 art. 64 c. 4-bis)', () => {
  it('expenses paid in 2023 are due by 31 March 2024', () => {
    assert.equal(reportDeadline(2023), '2024-03-31');
    assert.equal(reportDeadlineForPayment(d('2023-12-31')), '2024-03-31');
  });
  it('counts the days left, 0 on the deadline itself', () => {
    assert.deepEqual(deadlineStatus(2023, d('2024-03-01')), { status: 'open', deadline: '2024-03-31', daysLeft: 30 });
    assert.deepEqual(deadlineStatus(2023, d('2024-03-31')), { status: 'open', deadline: '2024-03-31', daysLeft: 0 });
  });
  it('counts the days late from 1 April', () => {
    assert.deepEqual(deadlineStatus(2023, d('2024-04-01')), { status: 'late', deadline: '2024-03-31', daysLate: 1 });
    assert.deepEqual(deadlineStatus(2023, d('2024-12-31')), { status: 'late', deadline: '2024-03-31', daysLate: 275 });
  });
  it('a report submitted on 31 March is on time, on 1 April late', () => {
    assert.equal(isLate(2023, d('2024-03-31')), false);
    assert.equal(isLate(2023, d('2024-04-01')), true);
    assert.equal(isLate(2023, d('2023-06-15')), false);
  });
  it('speaks Italian', () => {
    assert.equal(describeDeadline(2023, d('2024-03-30')), 'Rendiconto delle spese 2023 entro il 31/03/2024: manca 1 giorno');
    assert.equal(describeDeadline(2023, d('2024-03-31')), 'Rendiconto delle spese 2023 in scadenza oggi (31/03/2024)');
    assert.equal(describeDeadline(2023, d('2024-04-10')), 'Rendiconto delle spese 2023 scaduto il 31/03/2024: 10 giorni di ritardo');
  });
  it('refuses a year that is not a year', () => assert.throws(() => reportDeadline(23.5), DomainError));
  it('days left + days late is the distance from the deadline, and late exactly after it', () =>
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: -800, max: 800 }), (year, offset) => {
        const day = addDays(reportDeadline(year), offset);
        const s = deadlineStatus(year, day);
        assert.equal(s.status === 'late' ? -s.daysLate : s.daysLeft, 0 - offset);
        assert.equal(isLate(year, day), offset > 0);
      }),
    ));
});
