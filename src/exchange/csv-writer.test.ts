import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvNumber, writeCsv } from './csv-writer.ts';
import { siossCsv } from '../documents/sioss.ts';

test('a text cell starting with = + - @ tab or CR is neutralised with a leading quote mark', () => {
  for (const text of ['=HYPERLINK("http://x";"y")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
    assert.ok(csvCell(text).replace(/^"/, '').startsWith(`'${text[0]}`), JSON.stringify(text));
  }
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('=A1;B1'), `"'=A1;B1"`);
  assert.equal(csvCell('anziani'), 'anziani');
  assert.equal(csvCell('a "b"'), '"a ""b"""');
  assert.equal(csvCell('x\ny'), '"x\ny"');
});

test('numbers stay numbers: negative amounts, decimal commas, integers', () => {
  assert.equal(csvCell(csvNumber('-1234,56')), '-1234,56');
  assert.equal(csvCell(csvNumber('1234,56')), '1234,56');
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell(2022), '2022');
  assert.equal(csvCell(-7n), '-7');
  // declared numeric but not a number: treated as text
  assert.equal(csvCell(csvNumber('-1+2')), "'-1+2");
  assert.equal(writeCsv(['a', 'b'], [['=x', csvNumber('-3,50')]]), "a;b\r\n'=x;-3,50\r\n");
});

test('the SIOSS export neutralises a formula in a text field and keeps the amount a number', () => {
  const csv = siossCsv([{ fondo: 'FNPS', annualita: 2022, distretto: '=HYPERLINK("http://evil";"D01")', area: '@anziani', importo_riconosciuto: '1234,56' }]);
  assert.equal(csv, `fondo;annualita;distretto;area;importo_riconosciuto\r\nFNPS;2022;"'=HYPERLINK(""http://evil"";""D01"")";'@anziani;1234,56\r\n`);
});
