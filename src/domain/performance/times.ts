/**
 * Activity times as written in the "Modalità di attuazione" tables of seed 2:
 * a month (`Febbraio`, `marzo`, `Marzo 2025`, `03/2024`), a recurrence
 * (`mensile`, `annuale`, …, possibly followed by a comment: `Mensile Il sistema
 * è stato regolarmente alimentato…`), a postponement (`Rinvio al 2025`) or any
 * other text. A month without a year belongs to the plan's year.
 */

export type Frequency = 'fortnightly' | 'monthly' | 'bimonthly' | 'quarterly' | 'half_yearly' | 'yearly';

export type ActivityTime =
  | { readonly kind: 'month'; readonly year: number; readonly month: number }
  | { readonly kind: 'recurring'; readonly frequency: Frequency }
  | { readonly kind: 'postponed'; readonly toYear: number }
  /** Anything else, verbatim (also the empty text: no time given). */
  | { readonly kind: 'text'; readonly text: string };

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
// three-letter abbreviations (gen., feb., …) are common in cronoprogrammi
const MONTH_ALTERNATIVES = MONTHS.map((name) => `${name}|${name.slice(0, 3)}\\.?`).join('|');
const MONTH_NAME = new RegExp(`^(?:${MONTH_ALTERNATIVES})(?![a-z])`);
// "Marzo 2025", "marzo-2025", "marzo/2025"; a year is four digits starting 19 or 20
const YEAR_AFTER = /^[\s\-/,]*((?:19|20)\d{2})(?!\d)/;
const NUMERIC_MONTH = /^(\d{1,2})\s*[/\-.]\s*((?:19|20)\d{2})(?!\d)/;
// "entro marzo", "entro il mese di marzo", "mese di marzo": the deadline is that month
const LEADING_WORDS = /^(?:entro(?:\s+(?:il\s+)?(?:mese\s+di|fine))?|fine|mese\s+di)\s+/;

const FREQUENCIES: Array<[RegExp, Frequency]> = [
  [/^quindicinal[ei]/, 'fortnightly'],
  [/^mensil(?:e|i|mente)(?![a-z])/, 'monthly'],
  [/^bimestral(?:e|i|mente)(?![a-z])/, 'bimonthly'],
  [/^trimestral(?:e|i|mente)(?![a-z])/, 'quarterly'],
  [/^semestral(?:e|i|mente)(?![a-z])/, 'half_yearly'],
  [/^(?:annual(?:e|i|mente)|intero anno|tutto l'anno|nel corso dell'anno)(?![a-z])/, 'yearly'],
];

// "Rinvio al 2025" (seed 2, Area Minori e Famiglie 1); also the participles in common use
const POSTPONED = /^(?:rinvio|rinviat[oa]|posticipat[oa]|posticipo|slittamento|slittat[oa]|differit[oa])(?![a-z])\s*(.*)$/;
const POSTPONED_TO = /^(?:all'anno|al|a|allo|nel|nell'anno)\s+/;
const NEXT_YEAR = /^(?:(?:l')?anno successivo|(?:il )?prossimo anno|(?:l')?anno prossimo)(?![a-z])/;

/** Lower case without accents, single spaces: `Febbràio ` → `febbraio`. */
const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const parseMonth = (t: string, planYear: number): ActivityTime | null => {
  const numeric = NUMERIC_MONTH.exec(t);
  if (numeric) {
    const month = Number(numeric[1]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(numeric[2]), month } : null;
  }
  const name = MONTH_NAME.exec(t);
  if (!name) return null;
  const month = MONTHS.findIndex((m) => name[0].startsWith(m.slice(0, 3))) + 1;
  const year = YEAR_AFTER.exec(t.slice(name[0].length));
  return { kind: 'month', year: year ? Number(year[1]) : planYear, month };
};

/** Reads an activity's planned or actual time; `planYear` is the year of the plan. Never throws. */
export const parseActivityTime = (text: string, planYear: number): ActivityTime => {
  const verbatim = text.replace(/\u00a0/g, ' ').trim();
  const t = normalise(verbatim);
  if (t === '') return { kind: 'text', text: '' };

  const postponed = POSTPONED.exec(t);
  if (postponed) {
    const rest = (postponed[1] ?? '').replace(POSTPONED_TO, '');
    // "Rinviato a marzo 2025" names the month; "Rinvio al 2025" only the year
    const month = parseMonth(rest.replace(LEADING_WORDS, ''), planYear + 1);
    if (month) return month;
    const year = /^((?:19|20)\d{2})(?!\d)/.exec(rest);
    if (year) return { kind: 'postponed', toYear: Number(year[1]) };
    if (NEXT_YEAR.test(rest) || rest === '') {
      return { kind: 'postponed', toYear: planYear + 1 };
    }
    return { kind: 'text', text: verbatim };
  }

  for (const [pattern, frequency] of FREQUENCIES) if (pattern.test(t)) return { kind: 'recurring', frequency };

  return parseMonth(t.replace(LEADING_WORDS, ''), planYear) ?? { kind: 'text', text: verbatim };
};

/** Months from January of `baseYear` (0 = January, 11 = December, 12 = January of the next year). */
export const monthIndex = (time: ActivityTime, baseYear: number): number | null =>
  time.kind === 'month' ? (time.year - baseYear) * 12 + (time.month - 1) : null;

/**
 * DOMAIN.md: activity slippage = actual month − planned month, in months across
 * years (positive = late). Null when either time is not a month: a recurrence,
 * a postponement to a later year (the activity was not done in the year) or text.
 */
export const slippageMonths = (planned: ActivityTime, actual: ActivityTime): number | null => {
  if (planned.kind !== 'month' || actual.kind !== 'month') return null;
  return (actual.year - planned.year) * 12 + (actual.month - planned.month);
};

/** Whether an actual time says the activity was done within `year` (a postponement to a later year says no). */
export const doneInYear = (actual: ActivityTime, year: number): boolean | null => {
  switch (actual.kind) {
    case 'month':
      return actual.year <= year;
    case 'postponed':
      return actual.toYear <= year;
    case 'recurring':
      return true;
    case 'text':
      return null;
  }
};
