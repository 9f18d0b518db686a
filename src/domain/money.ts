/**
 * Money is exact: integer euro cents as a branded bigint. Amounts are parsed
 * straight from their text, never through a float.
 */
import { invalid } from './errors.ts';

declare const centsBrand: unique symbol;
export type Cents = bigint & { readonly [centsBrand]: true };

export const cents = (value: bigint | number): Cents => {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw invalid('money.not_integer', `Importo non intero in centesimi: ${value}`);
  }
  return BigInt(value) as Cents;
};

export const ZERO = 0n as Cents;

export const add = (...values: Cents[]): Cents => values.reduce<bigint>((s, v) => s + v, 0n) as Cents;
export const sub = (a: Cents, b: Cents): Cents => (a - b) as Cents;
export const max = (a: Cents, b: Cents): Cents => (a > b ? a : b);
export const min = (a: Cents, b: Cents): Cents => (a < b ? a : b);
export const sum = (values: Iterable<Cents>): Cents => {
  let s = 0n;
  for (const v of values) s += v;
  return s as Cents;
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** For JSON read-outs: cents as a JS number (exact below 2^53 cents ≈ 90 trillion euro). */
export const toNumber = (value: Cents): number => {
  // the bounds are built once: read-outs convert thousands of amounts per request
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw invalid('money.out_of_range', `Importo fuori intervallo: ${value}`);
  }
  return Number(value);
};

/** ratio a/b rounded to 4 decimals, 0 when b is 0 (EXCHANGE.md read-outs). */
export const ratio4 = (a: Cents, b: Cents): number => {
  if (b === 0n) return 0;
  // round half up on the 4th decimal, in integers
  const scaled = (a * 20000n) / b; // 2 × 10^4 × a/b, truncated
  const rounded = (scaled + (scaled >= 0n ? 1n : -1n)) / 2n;
  return Number(rounded) / 10000;
};

/** ceil(numerator/denominator × amount) for non-negative values, exactly. */
export const ceilFraction = (amount: Cents, numerator: bigint, denominator: bigint): Cents => {
  const p = amount * numerator;
  return ((p + denominator - 1n) / denominator) as Cents;
};

const AMOUNT_PATTERNS = [
  /^-?\d+(?:[.,]\d{1,2})?$/, // 1234 1234.56 1234,56
  /^-?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/, // 1.234.567,89
  /^-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$/, // 1,234,567.89 (only with decimals or 2+ groups, see below)
];

/**
 * Parses a euro amount as users write it: `1234.56`, `1234,56`, `1.234,56`,
 * `€ 1.234,56`. More than two decimals, letters or an empty text are refused.
 * Returns the message (Italian) on failure so callers can attach file:line.
 */
export const parseEuro = (text: string): { ok: true; value: Cents } | { ok: false; message: string } => {
  let t = text.trim().replace(/^€\s*/, '').replace(/\s*€$/, '').replace(/\s+/g, '');
  if (t === '') return { ok: false, message: 'importo mancante' };
  let negative = false;
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  }
  let integerPart: string;
  let decimalPart = '';
  if (/^\d+$/.test(t)) {
    integerPart = t;
  } else if (/^\d+[.,]\d+$/.test(t) && !/^\d{1,3}\.\d{3}$/.test(t)) {
    // a single separator: decimal point or comma (1.234 alone is read as thousands, below)
    [integerPart, decimalPart] = t.split(/[.,]/) as [string, string];
  } else if (AMOUNT_PATTERNS[1]!.test(t) || /^\d{1,3}\.\d{3}$/.test(t)) {
    const [intp, dec = ''] = t.split(',') as [string, string?];
    integerPart = intp.replace(/\./g, '');
    decimalPart = dec;
  } else if (/^\d{1,3}(?:,\d{3})+\.\d+$/.test(t)) {
    const [intp, dec = ''] = t.split('.') as [string, string?];
    integerPart = intp.replace(/,/g, '');
    decimalPart = dec;
  } else if (/^\d+[.,]\d{3,}$/.test(t) || /\d[.,]\d{3,}$/.test(t)) {
    return { ok: false, message: `importo con più di due decimali: "${text.trim()}"` };
  } else {
    return { ok: false, message: `importo non valido: "${text.trim()}"` };
  }
  if (decimalPart.length > 2) return { ok: false, message: `importo con più di due decimali: "${text.trim()}"` };
  const value = BigInt(integerPart) * 100n + BigInt((decimalPart + '00').slice(0, 2));
  return { ok: true, value: (negative ? -value : value) as Cents };
};

/** Parses or throws a DomainError (for services, not for file imports). */
export const euro = (text: string): Cents => {
  const r = parseEuro(text);
  if (!r.ok) throw invalid('money.invalid', r.message);
  return r.value;
};

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Italian display: `€ 1.234.567,89`. */
export const formatEuro = (value: Cents): string => {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const integer = abs / 100n;
  const decimals = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}€ ${groupThousands(integer.toString())},${decimals}`;
};

/** Plain Italian decimal for CSV exports: `1234567,89`. */
export const formatEuroPlain = (value: Cents): string => {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n},${(abs % 100n).toString().padStart(2, '0')}`;
};
