import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actType,
  amount,
  annuality,
  date,
  fundSource,
  istatCode,
  managementForm,
  nonNegativeInteger,
  optionalAmount,
  positiveAmount,
  optionalText,
  requiredText,
  yesNo,
} from './fields.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string | undefined => (r.ok ? undefined : r.message);

test('reads every amount form of EXCHANGE.md into cents', () => {
  for (const text of ['1234.56', '1234,56', '1.234,56', '€ 1.234,56', ' 1234,56 ']) assert.equal(value(amount(text)), 123456n, text);
  assert.equal(value(amount('1234')), 123400n);
  assert.equal(value(amount('0')), 0n);
});

test('refuses three decimals, letters, an empty or negative amount', () => {
  assert.equal(message(amount('12,345')), 'importo con più di due decimali: "12,345"');
  assert.equal(message(amount('12a')), 'importo non valido: "12a"');
  assert.equal(message(amount('')), 'importo mancante');
  assert.equal(message(amount('-5')), 'importo negativo non ammesso: "-5"');
});

test('optional amount: empty is null, otherwise an amount', () => {
  assert.equal(value(optionalAmount('  ')), null);
  assert.equal(value(optionalAmount('10,5')), 1050n);
  assert.equal(message(optionalAmount('1,001')), 'importo con più di due decimali: "1,001"');
});

test('positive amount refuses zero', () => {
  assert.equal(message(positiveAmount('0,00')), 'l\'importo deve essere maggiore di zero: "0,00"');
  assert.equal(value(positiveAmount('0,01')), 1n);
});

test('dates in both forms, real calendar days only', () => {
  assert.equal(value(date('2024-02-29')), '2024-02-29');
  assert.equal(value(date('29/02/2024')), '2024-02-29');
  assert.equal(message(date('31/02/2024')), 'data non valida: "31/02/2024" (usare AAAA-MM-GG o GG/MM/AAAA)');
  assert.equal(message(date('')), 'data mancante');
});

test('integer ≥ 0, with Italian thousands dots', () => {
  assert.equal(value(nonNegativeInteger('12.345')), 12345);
  assert.equal(value(nonNegativeInteger('0')), 0);
  assert.equal(message(nonNegativeInteger('-3')), 'valore negativo non ammesso: "-3"');
  assert.equal(message(nonNegativeInteger('3,5')), 'numero intero non valido: "3,5"');
});

test('ISTAT code has exactly 6 digits; a lost leading zero is refused', () => {
  assert.equal(value(istatCode('058091')), '058091');
  assert.equal(message(istatCode('58091')), 'codice ISTAT di 5 cifre: "58091" (servono 6 cifre: manca lo zero iniziale?)');
  assert.equal(message(istatCode('0580910')), 'codice ISTAT non valido: "0580910" (servono 6 cifre)');
});

test('closed lists are case-insensitive', () => {
  assert.equal(value(yesNo('SI')), true);
  assert.equal(value(yesNo('sì')), true);
  assert.equal(value(yesNo('no')), false);
  assert.equal(message(yesNo('forse')), 'valore non valido: "forse" (ammessi: si, no)');
  assert.equal(value(managementForm('Consorzio')), 'consorzio');
  assert.equal(value(managementForm('')), null);
  assert.equal(message(managementForm('spa')), 'valore non valido: "spa" (ammessi: consorzio, convenzione, unione, comune, altro)');
  assert.equal(value(fundSource('Regionale')), 'regionale');
  assert.equal(message(fundSource('europea')), 'valore non valido: "europea" (ammessi: nazionale, regionale)');
  assert.equal(value(actType('D.G.R.')), 'DGR');
  assert.equal(message(actType('circolare')), 'tipo di atto non valido: "circolare" (ammessi: DM, DGR, DD, CDA, DECRETO, LEGGE, ALTRO)');
});

test('annuality is a 4-digit year between 2000 and 2100', () => {
  assert.equal(value(annuality('2022')), 2022);
  assert.equal(message(annuality('22')), 'annualità non valida: "22" (anno di quattro cifre tra 2000 e 2100)');
  assert.equal(message(annuality('2101')), 'annualità non valida: "2101" (anno di quattro cifre tra 2000 e 2100)');
});

test('required text is trimmed and not empty', () => {
  assert.equal(value(requiredText('  D01 ')), 'D01');
  assert.equal(message(requiredText('   ')), 'valore mancante');
});

test('a text with a NUL or another control character is refused, naming it; tab and line breaks are kept', () => {
  assert.equal(message(requiredText('Comu\u0000ne A')), 'carattere di controllo non ammesso (U+0000) alla posizione 5: il file è danneggiato o non è un testo');
  assert.equal(message(optionalText('x\u001by')), 'carattere di controllo non ammesso (U+001B) alla posizione 2: il file è danneggiato o non è un testo');
  assert.equal(message(optionalText('\u007f')), 'carattere di controllo non ammesso (U+007F) alla posizione 1: il file è danneggiato o non è un testo');
  assert.equal(value(optionalText('riga uno\r\nriga\tdue')), 'riga uno\r\nriga\tdue');
  assert.equal(value(optionalText('')), '');
});

test('"10.005" (one dot, three digits, no comma) is ambiguous: refused, saying how to write it', () => {
  assert.equal(message(amount('10.005')), 'importo ambiguo: "10.005" (se sono 10005 euro scrivere "10.005,00" o "10005"; i decimali sono al massimo due)');
  assert.match(message(amount('€ 1.234')) ?? '', /^importo ambiguo: "€ 1.234"/);
  assert.match(message(positiveAmount('1.000')) ?? '', /^importo ambiguo/);
  for (const [text, cents] of [['10.005,00', 1000500n], ['1.234.567,89', 123456789n], ['1.234.567', 123456700n], ['10,5', 1050n], ['10', 1000n], ['10.50', 1050n], ['10005', 1000500n]] as const) {
    assert.equal(value(amount(text)), cents, text);
  }
});

test('amounts above € 100.000.000.000,00 and dates outside 1900–2199 are refused', () => {
  assert.equal(value(amount('100.000.000.000,00')), 10_000_000_000_000n);
  assert.equal(message(amount('100.000.000.000,01')), 'importo troppo grande: "100.000.000.000,01" (massimo € 100.000.000.000,00)');
  assert.match(message(amount('9'.repeat(40))) ?? '', /^importo troppo grande/);
  assert.match(message(amount('9'.repeat(5000))) ?? '', /^importo non valido: "9{100}…"$/);
  assert.equal(value(date('1900-01-01')), '1900-01-01');
  assert.equal(value(date('31/12/2199')), '2199-12-31');
  assert.equal(message(date('1899-12-31')), 'data fuori intervallo: "1899-12-31" (anni dal 1900 al 2199)');
  assert.equal(message(date('01/01/2200')), 'data fuori intervallo: "01/01/2200" (anni dal 1900 al 2199)');
  assert.equal(message(date('0202-01-01')), 'data fuori intervallo: "0202-01-01" (anni dal 1900 al 2199)');
});

test('an echoed value is cut at 100 characters', () => {
  assert.equal(message(yesNo('x'.repeat(10_000))), `valore non valido: "${'x'.repeat(100)}…" (ammessi: si, no)`);
});
