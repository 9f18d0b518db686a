import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFileSize } from './file-size.ts';

test('file sizes in decimal units with the Italian comma, the same on screen and on receipts', () => {
  assert.equal(formatFileSize(512), '512 byte');
  assert.equal(formatFileSize(999), '999 byte');
  assert.equal(formatFileSize(48_213), '48,2 kB');
  assert.equal(formatFileSize(4_500_000), '4,5 MB');
  assert.equal(formatFileSize(3_200_000_000), '3,2 GB');
});
