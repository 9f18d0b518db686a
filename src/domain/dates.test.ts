import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, calendarDate, daysBetween, formatItalianDate, parseCalendarDate, romeDate, romeDayStart, romeTime } from './dates.ts';

test('an instant is dated and timed in Rome, summer and winter time alike', () => {
  // 22:30 UTC on 31 March 2025 is already 1 April in Rome (UTC+2 from 30 March)
  const summer = new Date('2025-03-31T22:30:05Z');
  assert.equal(romeDate(summer), '2025-04-01');
  assert.equal(romeTime(summer), '00:30:05');
  // 23:30 UTC on 31 December is 00:30 of the new year (UTC+1)
  const winter = new Date('2024-12-31T23:30:00Z');
  assert.equal(romeDate(winter), '2025-01-01');
  assert.equal(romeTime(winter), '00:30:00');
  assert.equal(romeTime(new Date('2025-07-01T10:00:00Z')), '12:00:00');
});

test('a Rome day starts at its local midnight', () => {
  assert.equal(romeDayStart(calendarDate('2025-07-01')).toISOString(), '2025-06-30T22:00:00.000Z');
  assert.equal(romeDayStart(calendarDate('2025-01-15')).toISOString(), '2025-01-14T23:00:00.000Z');
});

test('calendar dates: both written forms, real days only, day arithmetic across a leap day', () => {
  assert.equal(parseCalendarDate('2024-02-29'), '2024-02-29');
  assert.equal(parseCalendarDate('29/02/2024'), '2024-02-29');
  assert.equal(parseCalendarDate('2023-02-29'), null);
  assert.equal(addDays(calendarDate('2024-02-28'), 2), '2024-03-01');
  assert.equal(daysBetween(calendarDate('2024-01-01'), calendarDate('2025-01-01')), 366);
  assert.equal(formatItalianDate(calendarDate('2024-09-19')), '19/09/2024');
});
