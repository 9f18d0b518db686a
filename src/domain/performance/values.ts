/**
 * Indicator values as the consortium writes them in its plan and report
 * (DOMAIN.md "Performance cycle"; EXCHANGE.md "Performance plan JSON"):
 * Italian numbers (`6`, `1.234`, `1.234,5`, `12,5`, `20%`, `€ 1.000`),
 * `si` / `sì`, `no`, `si parzialmente` / `parzialmente`, or nothing.
 *
 * Indicator values are counts and percentages, not money, so a JS number is
 * exact enough here (money stays in `Cents`, src/domain/money.ts).
 */

export type ValueUnit = '%' | '€' | null;

export type IndicatorValue =
  | { readonly kind: 'number'; readonly value: number; readonly unit: ValueUnit }
  | { readonly kind: 'yes' }
  | { readonly kind: 'partially' }
  | { readonly kind: 'no' }
  | { readonly kind: 'missing' }
  /** Text we do not recognise, kept verbatim so the report can show it. */
  | { readonly kind: 'text'; readonly text: string };

const YES = /^s[iìí]$/;
const NO = /^no$/;
// "si parzialmente" in seed 2 (Area Amministrativa 2.2); the short forms are common in other plans.
const PARTIALLY = /^(?:s[iìí][\s,]+)?(?:parzialmente|in parte|parziale)$/;

// 1.234 / 1.234.567 / 1.234,5: dots group thousands, comma is the decimal mark
const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
// 12 / 12,5
const PLAIN = /^\d+(?:,\d+)?$/;
// 12.5 (a dot not followed by exactly three digits cannot be a thousands mark: read as a decimal point)
const DOT_DECIMAL = /^\d+\.(?:\d{1,2}|\d{4,})$/;

const parseUnsignedNumber = (t: string): number | null => {
  if (GROUPED.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (PLAIN.test(t)) return Number(t.replace(',', '.'));
  if (DOT_DECIMAL.test(t)) return Number(t);
  return null;
};

const parseNumber = (t: string): { value: number; unit: ValueUnit } | null => {
  let s = t.replace(/\s+/g, ' ');
  let unit: ValueUnit = null;
  if (/^€\s?/.test(s)) {
    unit = '€';
    s = s.replace(/^€\s?/, '');
  } else if (/\s?€$/.test(s)) {
    unit = '€';
    s = s.replace(/\s?€$/, '');
  } else if (/\s?%$/.test(s)) {
    unit = '%';
    s = s.replace(/\s?%$/, '');
  }
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  }
  const n = parseUnsignedNumber(s);
  if (n === null || !Number.isFinite(n)) return null;
  // -0 would print oddly and compares equal anyway
  return { value: sign * n === 0 ? 0 : sign * n, unit };
};

/** Reads a target or actual value as written; never throws. */
export const parseIndicatorValue = (text: string): IndicatorValue => {
  const trimmed = text.replace(/\u00a0/g, ' ').trim();
  if (trimmed === '') return { kind: 'missing' };
  const lower = trimmed.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  if (YES.test(lower)) return { kind: 'yes' };
  if (NO.test(lower)) return { kind: 'no' };
  if (PARTIALLY.test(lower)) return { kind: 'partially' };
  const n = parseNumber(trimmed);
  if (n) return { kind: 'number', value: n.value, unit: n.unit };
  return { kind: 'text', text: trimmed };
};

/** A value a target may take: a number not below zero, yes or no (partially or nothing cannot be aimed at). */
export const isValidTarget = (v: IndicatorValue): boolean =>
  (v.kind === 'number' && v.value >= 0) || v.kind === 'yes' || v.kind === 'no';
