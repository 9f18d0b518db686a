import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { euro } from '../../domain/money.ts';
import { calendarDate } from '../../domain/dates.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { acknowledgementFileName, acknowledgementOutline, type AcknowledgementActModel } from './model.ts';
import { acknowledgementDocx } from './docx.ts';
import { acknowledgementPdf } from './pdf.ts';

const model = (heading: Partial<AcknowledgementActModel['heading']> = {}): AcknowledgementActModel => ({
  heading: { directorate: 'Direzione Regionale Inclusione Sociale', area: 'Area Programmazione', drafter: 'M. Rossi', officer: 'L. Bianchi', director: '', ...heading },
  act: { number: 'G01000', date: calendarDate('2024-03-10') },
  district: { code: 'D01', name: 'Roma 1', leadBody: 'Comune di Roma' },
  fund: { code: 'FNPS', name: 'Fondo nazionale politiche sociali', annuality: 2023 },
  decree: { type: 'DM', number: '15', date: calendarDate('2023-06-01'), subject: 'riparto FNPS 2023' },
  programming: [{ type: 'DGR', number: '700', date: calendarDate('2023-07-01'), subject: '' }],
  reports: [{ year: 2023, submittedOn: calendarDate('2024-03-01'), receipts: ['RIC-000004'] }],
  lines: { total: 2, recognisedInFull: 0, partly: 1, rejected: 1 },
  sums: { assigned: euro('100.000'), disbursed: euro('100.000'), reported: euro('80.000'), recognised: euro('60.000'), residual: euro('40.000'), unspent: euro('40.000') },
});

const docxXml = (docx: Buffer) => {
  const entry = unzipSync(new Uint8Array(docx))['word/document.xml'];
  assert.ok(entry, 'word/document.xml is present');
  const xml = strFromU8(entry);
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const texts = (part: string) => [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join('');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0]));
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => texts(c[0])));
  return { paragraphs, rows };
};

describe("the acknowledgement act (presa d'atto)", () => {
  it('has the heading, premises and DETERMINA of a Lazio directorate, with the sums', () => {
    const o = acknowledgementOutline(model());
    assert.deepEqual(o.heading, [['Direzione', 'Direzione Regionale Inclusione Sociale'], ['Area', 'Area Programmazione']]);
    assert.equal(o.title, 'DETERMINAZIONE N. G01000 del 10/03/2024');
    assert.match(o.subject, /^Presa d'atto della rendicontazione del distretto sociosanitario D01 Roma 1, ente capofila Comune di Roma sul Fondo nazionale politiche sociali \(FNPS\), annualità 2023/);
    assert.deepEqual(o.signatures.map((s) => s[0]), ["L'Estensore", 'Il Responsabile del procedimento', 'Il Direttore']);
    assert.equal(o.signatures[2]![1], '……………………', 'an unset setting is a line to fill in, never an invented name');
    const visti = o.visti.join('\n');
    for (const cited of [/Statuto della Regione Lazio/, /n\. 11.*articolo 64, comma 4-bis/, /G04014/, /DM n\. 15 del 01\/06\/2023/, /DGR n\. 700 del 01\/07\/2023/, /trasmessa .* il 01\/03\/2024, ricevuta RIC-000004/]) assert.match(visti, cited);
    assert.match(o.considerato.join('\n'), /tutte le 2 spese rendicontate: 0 riconosciute per intero, 1 in parte, 1 non riconosciute/);
    assert.match(o.determina.join('\n'), /residui del distretto in € 40\.000,00/);
    assert.equal(acknowledgementFileName(model(), 'docx'), 'presa-d-atto-D01-FNPS-2023-G01000.docx');
  });

  it('reads back from the DOCX: heading, sections in order and the table of sums', async () => {
    const { paragraphs, rows } = docxXml(await acknowledgementDocx(model()));
    const at = (text: string) => paragraphs.findIndex((p) => p === text);
    assert.ok(paragraphs.includes('DETERMINAZIONE N. G01000 del 10/03/2024'));
    assert.ok(paragraphs.includes('Direzione: Direzione Regionale Inclusione Sociale'));
    assert.ok(paragraphs.includes("L'Estensore: M. Rossi"));
    assert.ok(at('VISTI') > 0 && at('VISTI') < at('CONSIDERATO') && at('CONSIDERATO') < at('DETERMINA'));
    assert.deepEqual(rows, [
      ['Fondo', 'Annualità', 'Assegnato', 'Liquidato', 'Rendicontato', 'Riconosciuto', 'Residui'],
      ['FNPS', '2023', '€ 100.000,00', '€ 100.000,00', '€ 80.000,00', '€ 60.000,00', '€ 40.000,00'],
    ]);
  });

  it('reads back from the PDF draft', async () => {
    const text = (await pdfText(await acknowledgementPdf(model({ director: 'A. Verdi' })))).join('\n');
    for (const expected of ['DETERMINAZIONE N. G01000 del 10/03/2024', 'VISTI', 'CONSIDERATO', 'DETERMINA', 'Il Direttore: A. Verdi', '€ 40.000,00', 'G04014']) assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  });
});
