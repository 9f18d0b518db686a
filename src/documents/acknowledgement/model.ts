/**
 * The acknowledgement act (presa d'atto, DD) in the form a Lazio directorate uses: heading,
 * premises ("VISTI", "CONSIDERATO"), "DETERMINA" with the table of sums and the residuals. One
 * outline, rendered by docx.ts and pdf.ts alike.
 */
import { formatEuro, type Cents } from '../../domain/money.ts';
import { formatItalianDate, type CalendarDate } from '../../domain/dates.ts';

/** The heading fields: installation settings (README "Configuration"). */
export interface ActHeading {
  readonly directorate: string;
  readonly area: string;
  readonly drafter: string;
  readonly officer: string;
  readonly director: string;
}

export interface ActCitation {
  readonly type: string;
  readonly number: string;
  readonly date: CalendarDate;
  readonly subject: string;
}

export interface AcknowledgementActModel {
  readonly heading: ActHeading;
  readonly act: { readonly number: string; readonly date: CalendarDate };
  readonly district: { readonly code: string; readonly name: string; readonly leadBody: string };
  readonly fund: { readonly code: string; readonly name: string; readonly annuality: number };
  readonly decree: ActCitation | null;
  readonly programming: readonly ActCitation[];
  /** the district's reports the lines came in, with their submission date and receipts */
  readonly reports: readonly { readonly year: number; readonly submittedOn: CalendarDate | null; readonly receipts: readonly string[] }[];
  readonly lines: { readonly total: number; readonly recognisedInFull: number; readonly partly: number; readonly rejected: number };
  readonly sums: { readonly assigned: Cents; readonly disbursed: Cents; readonly reported: Cents; readonly recognised: Cents; readonly residual: Cents; readonly unspent: Cents };
}

export interface ActOutline {
  readonly heading: readonly (readonly [string, string])[];
  readonly title: string;
  readonly subject: string;
  readonly visti: readonly string[];
  readonly considerato: readonly string[];
  readonly determina: readonly string[];
  readonly table: { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly signatures: readonly (readonly [string, string])[];
}

/** An unset heading field prints as a line to fill in by hand: the draft never invents a name. */
const orBlank = (v: string): string => (v.trim() === '' ? '……………………' : v.trim());

const cite = (a: ActCitation): string => `${a.type} n. ${a.number} del ${formatItalianDate(a.date)}${a.subject ? ` ("${a.subject}")` : ''}`;

export const acknowledgementOutline = (m: AcknowledgementActModel): ActOutline => {
  const fund = `${m.fund.name} (${m.fund.code}), annualità ${m.fund.annuality}`;
  const who = `distretto sociosanitario ${m.district.code}${m.district.name ? ` ${m.district.name}` : ''}${m.district.leadBody ? `, ente capofila ${m.district.leadBody}` : ''}`;
  const subject = `Presa d'atto della rendicontazione del ${who} sul ${fund}. Determinazione dei residui.`;
  const s = m.sums;
  return {
    heading: [
      ['Direzione', orBlank(m.heading.directorate)],
      ['Area', orBlank(m.heading.area)],
    ],
    title: `DETERMINAZIONE N. ${m.act.number} del ${formatItalianDate(m.act.date)}`,
    subject,
    visti: [
      'lo Statuto della Regione Lazio;',
      "la legge regionale 10 agosto 2016, n. 11, e in particolare l'articolo 64, comma 4-bis, sulla rendicontazione delle spese entro il 31 marzo dell'anno successivo;",
      'la determinazione dirigenziale n. G04014 del 2022, che disciplina la rendicontazione dei fondi da parte dei distretti sociosanitari;',
      m.decree ? `il decreto di riparto del ${fund}: ${cite(m.decree)};` : `il decreto di riparto del ${fund};`,
      ...(m.programming.length > 0 ? [`gli atti di programmazione del fondo: ${m.programming.map(cite).join('; ')};`] : []),
      ...m.reports.map(
        (r) =>
          `la rendicontazione delle spese ${r.year} trasmessa dal ${who}${r.submittedOn ? ` il ${formatItalianDate(r.submittedOn)}` : ''}` +
          (r.receipts.length > 0 ? `, ricevuta ${r.receipts.join(', ')};` : ';'),
      ),
    ],
    considerato: [
      `che sono state verificate tutte le ${m.lines.total} spese rendicontate: ${m.lines.recognisedInFull} riconosciute per intero, ${m.lines.partly} in parte, ${m.lines.rejected} non riconosciute;`,
      `che a fronte di spese rendicontate per ${formatEuro(s.reported)} sono riconosciute spese per ${formatEuro(s.recognised)};`,
      `che al distretto sono stati assegnati ${formatEuro(s.assigned)} e liquidati ${formatEuro(s.disbursed)}, per cui i residui ammontano a ${formatEuro(s.residual)} e l'assegnazione non spesa a ${formatEuro(s.unspent)};`,
    ],
    determina: [
      `di prendere atto della rendicontazione del ${who} sul ${fund}, nelle somme della tabella seguente;`,
      `di determinare i residui del distretto in ${formatEuro(s.residual)}, somma trasferita e non coperta da spesa riconosciuta${s.residual > 0n ? ', che potrà essere rideterminata con successivo atto' : ''};`,
      'di notificare il presente atto al distretto e di pubblicarlo nelle forme di legge.',
    ],
    table: {
      headers: ['Fondo', 'Annualità', 'Assegnato', 'Liquidato', 'Rendicontato', 'Riconosciuto', 'Residui'],
      rows: [[m.fund.code, String(m.fund.annuality), formatEuro(s.assigned), formatEuro(s.disbursed), formatEuro(s.reported), formatEuro(s.recognised), formatEuro(s.residual)]],
    },
    signatures: [
      ["L'Estensore", orBlank(m.heading.drafter)],
      ['Il Responsabile del procedimento', orBlank(m.heading.officer)],
      ['Il Direttore', orBlank(m.heading.director)],
    ],
  };
};

export const acknowledgementFileName = (m: AcknowledgementActModel, ext: 'docx' | 'pdf'): string =>
  `presa-d-atto-${m.district.code}-${m.fund.code}-${m.fund.annuality}-${m.act.number.replace(/[^A-Za-z0-9-]+/g, '_')}.${ext}`;
