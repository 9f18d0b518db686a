import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cents } from '../../domain/money.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { receiptPdf, receiptMoment } from './pdf.ts';
import { receiptProtocol } from './model.ts';

const model = {
  id: 123,
  kind: 'upload' as const,
  at: new Date('2026-03-31T22:15:30Z'),
  actor: 'Maria Rossi',
  district: 'LT2 – Distretto Latina 2',
  year: 2025,
  files: [{ name: 'spese-2025.csv', bytes: 48_213, sha256: 'a'.repeat(64), lines: 1_234 }],
  totals: [
    { label: 'Righe di spesa registrate', value: 1_234 },
    { label: 'Importo rendicontato', value: cents(123_456_789n) },
  ],
  installation: 'Regione Lazio – Regia',
};

test('the protocol number is the receipt id, padded: the same everywhere it is shown', () => {
  assert.equal(receiptProtocol(123), 'RIC-000123');
  assert.equal(receiptProtocol(1_234_567), 'RIC-1234567');
});

test('the moment is the date and time in Rome, not UTC: 22:15 UTC on 31 March is 1 April, 00:15', () => {
  assert.equal(receiptMoment(model.at), '01/04/2026 alle 00:15:30 (ora di Roma)');
});

test('the PDF states protocol, Rome time, who, the district, each file with its SHA-256, and totals in euros', async () => {
  const pdf = await receiptPdf(model);
  assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
  const [page, ...rest] = await pdfText(pdf);
  assert.equal(rest.length, 0, 'one page');
  const text = page!.replace(/\s+/g, ' ');
  for (const expected of [
    'Ricevuta di caricamento della rendicontazione',
    'RIC-000123',
    '01/04/2026 alle 00:15:30 (ora di Roma)',
    'Maria Rossi',
    'LT2 – Distretto Latina 2',
    'spese-2025.csv',
    '48,2 kB',
    `SHA-256: ${'a'.repeat(64)}`,
    '1.234',
    '€ 1.234.567,89',
  ]) {
    assert.ok(text.includes(expected), `"${expected}" in: ${text}`);
  }
});
