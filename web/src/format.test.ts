import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCents, formatDate, formatDateTime, formatInteger } from './format.ts';

test('formats integer cents as Italian euro amounts', () => {
  assert.equal(formatCents(123456), '€ 1.234,56');
  assert.equal(formatCents('123456789'), '€ 1.234.567,89');
  assert.equal(formatCents(5n), '€ 0,05');
  assert.equal(formatCents(0), '€ 0,00');
  assert.equal(formatCents(-100), '-€ 1,00');
});

test('keeps amounts beyond the float range exact', () => {
  assert.equal(formatCents('900719925474099312'), '€ 9.007.199.254.740.993,12');
});

test('refuses amounts that are not whole cents', () => {
  assert.throws(() => formatCents(12.5));
  assert.throws(() => formatCents('12,50'));
});

test('formats calendar dates as dd/mm/yyyy', () => {
  assert.equal(formatDate('2022-04-07'), '07/04/2022');
  assert.equal(formatDate(null), '');
});

test('formats timestamps in Europe/Rome time', () => {
  assert.equal(formatDateTime('2024-01-15T10:30:00Z'), '15/01/2024 11:30:00');
  assert.equal(formatDateTime('2024-07-15T10:30:00Z'), '15/07/2024 12:30:00');
});

test('formats populations and sizes with Italian separators', () => {
  assert.equal(formatInteger(63209), '63.209');
  assert.equal(formatInteger(350), '350');
  assert.equal(formatBytes(512), '512 byte');
  assert.equal(formatBytes(12345), '12,3 kB');
});
