/**
 * Every problem found while reading an exchange file is reported as
 * `file:line: column: message` in Italian (EXCHANGE.md, CSV dialect).
 * Problems that concern a whole row or a whole file use the pseudo-columns
 * `riga` and `file`, so every message keeps the same four parts.
 */
import { ERROR_LIMIT, SHOWN_CHARS } from './limits.ts';

export interface ExchangeIssue {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export const ROW = 'riga';
export const FILE = 'file';

/**
 * A value as echoed in a message: at most SHOWN_CHARS characters, then "…" (a 10 MB header is not
 * sent back), on one line: a line break or another control character inside it (a quoted header
 * cell may hold one) shows as a space, so every problem stays one `file:line: column: message` line.
 */
// eslint-disable-next-line no-control-regex -- replacing control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f]/g;
export const shown = (text: string): string => (text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text).replace(CONTROLS, ' ');

/** Messages are built from bounded parts; the cut here only guards against one that is not. */
const MAX_MESSAGE_CHARS = 4 * SHOWN_CHARS + 400;

export const formatIssue = (issue: ExchangeIssue): string => {
  const message = issue.message.length > MAX_MESSAGE_CHARS ? `${issue.message.slice(0, MAX_MESSAGE_CHARS)}…` : issue.message;
  return `${shown(issue.file)}:${issue.line}: ${shown(issue.column)}: ${message}`;
};

/** `1234567` → `1.234.567`. */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** `1 errore`, `3.000 errori`: the count an answer's title gives. */
export const errorCount = (count: number): string => (count === 1 ? '1 errore' : `${grouped(count)} errori`);

/**
 * The line that closes a list cut at ERROR_LIMIT, with the total count of errors as EXCHANGE.md
 * v2 asks ("then one line with the total count of errors"): `… in tutto 3000 errori (elencati i
 * primi 1000)`. The total comes first and without thousands dots, so a tool reading it finds it.
 */
export const moreErrors = (total: number, listed: number): string => `… in tutto ${total} errori (elencati i primi ${listed})`;

/**
 * Formatted errors in arrival order, the first ERROR_LIMIT kept and the rest only counted, so
 * that three million bad lines cost a counter, not an answer of hundreds of megabytes.
 */
export class ErrorList {
  readonly kept: string[] = [];
  omitted = 0;

  constructor(private readonly limit = ERROR_LIMIT) {}

  push(text: string): void {
    if (this.kept.length < this.limit) this.kept.push(text);
    else this.omitted++;
  }

  /** Errors counted elsewhere but not listed. */
  addOmitted(count: number): void {
    this.omitted += count;
  }

  get count(): number {
    return this.kept.length + this.omitted;
  }

  /** The answer: the kept errors, then the count of the others. */
  lines(): string[] {
    return this.omitted > 0 ? [...this.kept, moreErrors(this.count, this.kept.length)] : [...this.kept];
  }
}
