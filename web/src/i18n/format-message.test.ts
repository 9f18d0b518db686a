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
