/**
 * What every file of an exchange import answers: its counts, and the errors that refuse the
 * import. The files themselves are checked and stored set-wise in import-history/ (registry and
 * money files) and import-expenses.ts (spese).
 */
import { formatIssue, moreErrors } from '../../exchange/issues.ts';
import { ERROR_LIMIT } from '../../exchange/limits.ts';

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
  /** arrival order, the last tie-break */
  readonly seq: number;
}

/** `file:line: ` at the start of a formatted issue (file names hold no `:<digits>: `). */
const LOCATION = /^(.*?):(\d+): /;

/**
 * Collects `file:line: column: message` errors; the import stores nothing when any exists.
 * `sorted` answers them by file, in the order of EXCHANGE.md's table, then by line, so one
 * answer lists every error of every file in reading order: the first ERROR_LIMIT in full, then
 * one line with the number of the others. At most twice that many are held: past it the list is
 * sorted and cut to the first ERROR_LIMIT, the others only counted, so memory stays flat.
 */
export class IssueList {
  private items: Located[] = [];
  private seq = 0;
  private omitted = 0;

  constructor(
    private readonly rank: (file: string) => number = () => 0,
    private readonly limit = ERROR_LIMIT,
  ) {}

  private push(item: Omit<Located, 'seq'>) {
    this.items.push({ ...item, seq: this.seq++ });
    if (this.items.length >= 2 * this.limit) {
      this.items = this.order(this.items);
      this.omitted += this.items.length - this.limit;
      this.items.length = this.limit;
    }
  }

  add(file: string, line: number, column: string, message: string) {
    this.push({ file, line, text: formatIssue({ file, line, column, message }) });
  }

  /** Errors already formatted (the reader's), and how many more it counted without listing them. */
  addFormatted(errors: readonly string[], omitted = 0) {
    for (const text of errors) {
      const m = LOCATION.exec(text);
      this.push({ file: m?.[1] ?? '', line: m ? Number(m[2]) : 0, text });
    }
    this.omitted += omitted;
  }

  /** Errors found and counted but not listed (a check that names only its first ERROR_LIMIT lines). */
  addOmitted(count: number) {
    this.omitted += count;
  }

  get errors(): string[] {
    return this.items.map((i) => i.text);
  }

  get empty() {
    return this.items.length === 0 && this.omitted === 0;
  }

  /** every error, listed or only counted */
  get count() {
    return this.items.length + this.omitted;
  }

  private order(items: Located[]): Located[] {
    const rank = this.rank;
    return items
      .map((item) => ({ item, r: rank(item.file) }))
      .sort((a, b) => a.r - b.r || (a.item.file < b.item.file ? -1 : a.item.file > b.item.file ? 1 : 0) || a.item.line - b.item.line || a.item.seq - b.item.seq)
      .map((x) => x.item);
  }

  /** The answer: the first ERROR_LIMIT errors in order, then the line with the total count when there are more. */
  sorted(): string[] {
    const ordered = this.order(this.items);
    const listed = ordered.slice(0, this.limit).map((i) => i.text);
    const more = this.omitted + ordered.length - listed.length;
    return more > 0 ? [...listed, moreErrors(listed.length + more, listed.length)] : listed;
  }
}
