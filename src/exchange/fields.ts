/**
 * Field parsers for the exchange files (EXCHANGE.md, CSV dialect and table).
 * Each returns the typed value or an Italian message; the caller adds
 * `file:line: column:` in front of it.
 */
import { parseEuro, type Cents } from '../domain/money.ts';
import { parseCalendarDate, type CalendarDate } from '../domain/dates.ts';
import { actTypes, type ActType } from '../db/schema/acts.ts';
import { MAX_AMOUNT_CENTS, MAX_YEAR, MIN_YEAR } from './limits.ts';
import { shown } from './issues.ts';

export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
export type FieldParser<T> = (text: string) => FieldResult<T>;

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string): FieldResult<never> => ({ ok: false, message });
const quoted = (text: string): string => `"${shown(text.trim())}"`;

/**
 * `10.005`: one dot and exactly three digits after it, no comma. Ten thousand and five euros to an
 * Italian eye, ten euros and a half cent to an English one (EXCHANGE.md accepts `1234.56`): refused,
 * with how to write either.
 */
const AMBIGUOUS = /^-?\d{1,3}\.\d{3}$/;
const bare = (text: string) => text.trim().replace(/^€\s*/, '').replace(/\s*€$/, '').replace(/\s+/g, '');

/** Required amount in euros, at most two decimals, not negative, at most € 100.000.000.000,00. */
export const amount: FieldParser<Cents> = (text) => {
  // Cut before parsing: a 10,000-digit "amount" is refused without building a bigint of it.
  if (text.length > 200) return fail(`importo non valido: ${quoted(text)}`);
  const t = bare(text);
  if (AMBIGUOUS.test(t)) {
    const whole = t.replace('-', '');
    const digits = whole.replace('.', '');
    return fail(`importo ambiguo: ${quoted(text)} (se sono ${digits} euro scrivere "${whole},00" o "${digits}"; i decimali sono al massimo due)`);
  }
  const parsed = parseEuro(text);
  if (!parsed.ok) return fail(shown(parsed.message));
  if (parsed.value < 0n) return fail(`importo negativo non ammesso: ${quoted(text)}`);
  if (parsed.value > MAX_AMOUNT_CENTS) return fail(`importo troppo grande: ${quoted(text)} (massimo € 100.000.000.000,00)`);
  return ok(parsed.value);
};

/** Empty means "not given" (e.g. importo_riconosciuto not yet verified). */
export const optionalAmount: FieldParser<Cents | null> = (text) => (text.trim() === '' ? ok(null) : amount(text));

/** importo > 0 where the table of EXCHANGE.md says so. */
export const positiveAmount: FieldParser<Cents> = (text) => {
  const parsed = amount(text);
  if (parsed.ok && parsed.value === 0n) return fail(`l'importo deve essere maggiore di zero: ${quoted(text)}`);
  return parsed;
};

export const date: FieldParser<CalendarDate> = (text) => {
  if (text.trim() === '') return fail('data mancante');
  const parsed = text.length > 200 ? null : parseCalendarDate(text);
  if (!parsed) return fail(`data non valida: ${quoted(text)} (usare AAAA-MM-GG o GG/MM/AAAA)`);
  const year = Number(parsed.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`data fuori intervallo: ${quoted(text)} (anni dal ${MIN_YEAR} al ${MAX_YEAR})`);
  return ok(parsed);
};

const MAX_INTEGER = 2_147_483_647; // PostgreSQL integer

/** Whole number ≥ 0; Italian thousands dots (`12.345`) are accepted, decimals are not. */
export const nonNegativeInteger: FieldParser<number> = (text) => {
  const t = text.trim();
  if (t === '') return fail('valore mancante');
  if (/^-\s*\d/.test(t)) return fail(`valore negativo non ammesso: ${quoted(text)}`);
  if (!/^\d+$/.test(t) && !/^\d{1,3}(?:\.\d{3})+$/.test(t)) return fail(`numero intero non valido: ${quoted(text)}`);
  const value = Number(t.replace(/\./g, ''));
  if (value > MAX_INTEGER) return fail(`numero troppo grande: ${quoted(text)}`);
  return ok(value);
};

/** ISTAT municipality code: exactly 6 digits (EXCHANGE.md); a lost leading zero is refused, not guessed. */
export const istatCode: FieldParser<string> = (text) => {
  const t = text.trim();
  if (t === '') return fail('codice ISTAT mancante');
  if (/^\d{6}$/.test(t)) return ok(t);
  if (/^\d{5}$/.test(t)) return fail(`codice ISTAT di 5 cifre: ${quoted(text)} (servono 6 cifre: manca lo zero iniziale?)`);
  return fail(`codice ISTAT non valido: ${quoted(text)} (servono 6 cifre)`);
};

export const yesNo: FieldParser<boolean> = (text) => {
  const t = text.trim().toLowerCase();
  if (t === 'si' || t === 'sì') return ok(true);
  if (t === 'no') return ok(false);
  return fail(t === '' ? 'valore mancante (ammessi: si, no)' : `valore non valido: ${quoted(text)} (ammessi: si, no)`);
};

/** A closed list of lower-case values, compared case-insensitively. */
export const oneOf =
  <const V extends string>(values: readonly V[]): FieldParser<V> =>
  (text) => {
    const t = text.trim().toLowerCase();
    if ((values as readonly string[]).includes(t)) return ok(t as V);
    const allowed = `(ammessi: ${values.join(', ')})`;
    return fail(t === '' ? `valore mancante ${allowed}` : `valore non valido: ${quoted(text)} ${allowed}`);
  };

export const managementForms = ['consorzio', 'convenzione', 'unione', 'comune', 'altro'] as const;
export type ManagementForm = (typeof managementForms)[number];
export const fundSources = ['nazionale', 'regionale'] as const;
export type FundSource = (typeof fundSources)[number];

const requiredManagementForm = oneOf(managementForms);
/** forma_gestione is optional: empty means unknown. */
export const managementForm: FieldParser<ManagementForm | null> = (text) =>
  text.trim() === '' ? ok(null) : requiredManagementForm(text);

export const fundSource: FieldParser<FundSource> = oneOf(fundSources);

/** Annuality: the year of the allocation, four digits between 2000 and 2100. */
export const annuality: FieldParser<number> = (text) => {
  const t = text.trim();
  if (t === '') return fail('annualità mancante');
  const year = Number(t);
  if (!/^\d{4}$/.test(t) || year < 2000 || year > 2100) {
    return fail(`annualità non valida: ${quoted(text)} (anno di quattro cifre tra 2000 e 2100)`);
  }
  return ok(year);
};

/**
 * Control characters other than tab and line breaks. PostgreSQL cannot store a NUL in text, and
 * XML 1.0 (DOCX, XLSX) cannot hold the others: a text with one would be refused by the database
 * in the middle of an import, or break every document written from it later.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const control = (t: string): FieldResult<never> | null => {
  const found = CONTROL.exec(t);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return fail(`carattere di controllo non ammesso (U+${code}) alla posizione ${found.index + 1}: il file è danneggiato o non è un testo`);
};

/** Non-empty text, trimmed; inner line breaks of a quoted field are kept. */
export const requiredText: FieldParser<string> = (text) => {
  const t = text.trim();
  return t === '' ? fail('valore mancante') : (control(t) ?? ok(t));
};

export const optionalText: FieldParser<string> = (text) => {
  const t = text.trim();
  return control(t) ?? ok(t);
};

/**
 * Act type as in the acts register (DM, DGR, DD, CDA, DECRETO, LEGGE, ALTRO);
 * case, dots and spaces are ignored so that `D.G.R.` or `dgr` read as `DGR`.
 */
export const actType: FieldParser<ActType> = (text) => {
  const t = text.trim().toUpperCase().replace(/[.\s]/g, '');
  if ((actTypes as readonly string[]).includes(t)) return ok(t as ActType);
  const allowed = `(ammessi: ${actTypes.join(', ')})`;
  return fail(t === '' ? `tipo di atto mancante ${allowed}` : `tipo di atto non valido: ${quoted(text)} ${allowed}`);
};
