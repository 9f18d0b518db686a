/**
 * What every file of an exchange import answers: its counts, and the errors that refuse the
 * import. The files themselves are checked and stored set-wise in import-history/ (registry and
 * money files) and import-expenses.ts (spese).
 */
import { formatIssue } from '../../exchange/issues.ts';

export interface Counts {
  added: number;
  changed: number;
  unchanged: number;
}

export const zero = (): Counts => ({ added: 0, changed: 0, unchanged: 0 });

interface Located {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** `file:line: ` at the start of a formatted issue (file names hold no `:<digits>: `). */
const LOCATION = /^(.*?):(\d+): /;

/**
 * Collects `file:line: column: message` errors; the import stores nothing when any exists.
 * `sorted` answers them by file, in the order of EXCHANGE.md's table, then by line, so one
 * answer lists every error of every file in reading order.
 */
export class IssueList {
  private readonly items: Located[] = [];

  add(file: string, line: number, column: string, message: string) {
    this.items.push({ file, line, text: formatIssue({ file, line, column, message }) });
  }

  /** Errors already formatted (the reader's). */
  addFormatted(errors: readonly string[]) {
    for (const text of errors) {
      const m = LOCATION.exec(text);
      this.items.push({ file: m?.[1] ?? '', line: m ? Number(m[2]) : 0, text });
    }
  }

  get errors(): string[] {
    return this.items.map((i) => i.text);
  }

  get empty() {
    return this.items.length === 0;
  }

  /** `rank` orders the files (EXCHANGE.md's table); files it does not know come after, by name. */
  sorted(rank: (file: string) => number): string[] {
    return this.items
      .map((item, i) => ({ item, i, r: rank(item.file) }))
      .sort((a, b) => a.r - b.r || (a.item.file < b.item.file ? -1 : a.item.file > b.item.file ? 1 : 0) || a.item.line - b.item.line || a.i - b.i)
      .map((x) => x.item.text);
  }
}
