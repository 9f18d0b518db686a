/**
 * Every problem found while reading an exchange file is reported as
 * `file:line: column: message` in Italian (EXCHANGE.md, CSV dialect).
 * Problems that concern a whole row or a whole file use the pseudo-columns
 * `riga` and `file`, so every message keeps the same four parts.
 */
export interface ExchangeIssue {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export const ROW = 'riga';
export const FILE = 'file';

export const formatIssue = (issue: ExchangeIssue): string =>
  `${issue.file}:${issue.line}: ${issue.column}: ${issue.message}`;
