import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMessage } from './format-message.ts';
import { catalogs, languages } from './messages.ts';

test('placeholders, apostrophes before them, and plurals per language', () => {
  assert.equal(formatMessage('it', "dell'ente {x}, l'{y}", { x: 'A', y: 'B' }), "dell'ente A, l'B");
  const errors = '{count, plural, one {# errore} other {# errori}}';
  assert.equal(formatMessage('it', errors, { count: 1 }), '1 errore');
  assert.equal(formatMessage('it', errors, { count: 3 }), '3 errori');
  assert.equal(formatMessage('en', '{count, plural, one {# error} other {# errors}}', { count: 1 }), '1 error');
  assert.equal(formatMessage('it', 'x {missing}'), 'x {missing}', 'a forgotten parameter is shown, not thrown');
});

test('every message of both catalogs parses, and fills its placeholders', () => {
  for (const language of languages) {
    for (const [key, template] of Object.entries(catalogs[language])) {
      const names = [...template.matchAll(/\{(\w+)(?:[,}])/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((n) => [n, 2]));
      const out = formatMessage(language, template, params);
      assert.doesNotMatch(out, /\{\w+\}/, `${language} ${key}: ${out}`);
      // what a plain message said before ICU, it still says
      if (!/\{\w+,/.test(template)) assert.equal(out, template.replace(/\{(\w+)\}/g, '2'), `${language} ${key}`);
    }
  }
});

test('the catalogs say "1 spesa" and "3.000 spese", "1 expense" and "2 expenses"', () => {
  const it = catalogs.it['funds.report.lineCount'];
  const en = catalogs.en['funds.report.lineCount'];
  assert.equal(formatMessage('it', it, { count: 1, shown: '1' }), '1 spesa');
  assert.equal(formatMessage('it', it, { count: 3000, shown: '3.000' }), '3.000 spese');
  assert.equal(formatMessage('en', en, { count: 1, shown: '1' }), '1 expense');
  assert.equal(formatMessage('en', en, { count: 2, shown: '2' }), '2 expenses');
  assert.equal(formatMessage('it', catalogs.it['funds.assign.done'], { line: 'L1', amount: '€ 5,00', count: 1 }), 'Linea L1 assegnata: € 5,00 a 1 distretto.');
});
