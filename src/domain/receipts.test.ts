import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFilesOf, receiptKindOf, receiptTotalsOf } from './receipts.ts';

const file = { name: 'spese.csv', bytes: 120, sha256: 'ab'.repeat(32), lines: 2 };

test('a receipt is an upload, a submission or an import, from its own stored fields', () => {
  const upload = { reportId: 7, files: { files: [file] }, stored: { spese: { added: 2, amount: '350050' } } };
  const submission = { reportId: 7, files: { files: [] }, stored: { submission: { lines: 3, amount: '473506', totals: [{ fund: 'FNPS', annuality: 2024, amount: '250000' }] } } };
  const imported = { reportId: null, files: { files: [file] }, stored: { distretti: { added: 22, changed: 0, unchanged: 0 } } };
  assert.deepEqual([upload, submission, imported].map(receiptKindOf), ['upload', 'submission', 'import']);
  assert.deepEqual(receiptFilesOf(upload), [file]);
  assert.deepEqual(receiptTotalsOf(upload), [
    { label: 'Spese registrate nella bozza', value: 2 },
    { label: 'Importo delle spese registrate', value: 350050n },
  ]);
  assert.deepEqual(receiptTotalsOf(submission), [
    { label: 'Spese inviate', value: 3 },
    { label: 'Importo inviato', value: 473506n },
    { label: 'Rendicontato su FNPS 2024', value: 250000n },
  ]);
  assert.deepEqual(receiptTotalsOf(imported), [{ label: 'distretti: record aggiunti', value: 22 }]);
  assert.deepEqual(receiptFilesOf(submission), []);
});
