/**
 * A byte-level reader for the common case of `spese.csv`: no quotes, one line per record,
 * every field certainly valid. It turns blocks of whole lines into rows for
 * `COPY expense_lines … (FORMAT csv)` and keeps the totals per district, fund and annuality,
 * without building an object per line: a million lines take about 1.5 s of one core here, while
 * the database loads the previous block on the other (docs/PERFORMANCE.md).
 *
 * It never accepts what the exchange reader (csv-reader.ts, files.ts) would refuse or read
 * differently: each field is either recognised on a plain form whose value is plain (`1234.56`,
 * `2023-01-31`) or handed to the very parsers of files.ts. Whatever it is unsure of (quotes, blank
 * lines, stray carriage returns, a field the parsers refuse, a header it does not expect) is a
 * doubt, and the caller gives the whole file to the reader, which names every error with its line.
 * Duplicate keys and unknown districts or fund annualities are the caller's to find (the
 * database's unique key, and the totals' keys against the registry).
 */
import { isUtf8 } from 'node:buffer';
import { annuality as parseAnnuality, date as parseDate, optionalAmount, positiveAmount } from './fields.ts';
import { MAX_AMOUNT_CENTS, MAX_FIELD_CHARS, MAX_YEAR, MIN_YEAR } from './limits.ts';
import { detectSeparator, normalizeHeader } from './csv-reader.ts';
import { expensesFile } from './files.ts';

/** The columns of spese.csv in the order the scanner writes them (and COPY reads them). */
export const EXPENSE_COPY_COLUMNS = ['district_code', 'document', 'fund_code', 'annuality', 'area', 'description', 'amount', 'paid_on', 'recognised'] as const;

const FILE_COLUMNS: readonly string[] = expensesFile.columns.map((c) => c.name);
const [DISTRICT, DOCUMENT, FUND, ANNUALITY, AREA, DESCRIPTION, AMOUNT, PAID_ON, RECOGNISED] = (
  ['distretto', 'documento', 'fondo', 'annualita', 'area', 'descrizione', 'importo', 'data_pagamento', 'importo_riconosciuto'] as const
).map((name) => FILE_COLUMNS.indexOf(name)) as [number, number, number, number, number, number, number, number, number];

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');
const MAX_SAFE_CENTS_DIGITS = 13; // 10^13 euros × 100 stays below 2^53
const MAX_CENTS = Number(MAX_AMOUNT_CENTS);

export interface ExpenseScanHeader {
  readonly delimiter: ';' | ',';
  /** for each column of FILE_COLUMNS, its position in the line (-1: importo_riconosciuto absent) */
  readonly positions: readonly number[];
  readonly width: number;
}

/** The header line (without its line end, BOM removed), or null when it is anything but plain. */
export const scanHeader = (line: string): ExpenseScanHeader | null => {
  if (line.includes('"')) return null;
  const delimiter = detectSeparator(line, FILE_COLUMNS);
  const names = line.split(delimiter).map(normalizeHeader);
  const positions = FILE_COLUMNS.map((c) => names.indexOf(c));
  const known = new Set<string>(FILE_COLUMNS);
  if (names.some((n) => !known.has(n)) || new Set(names).size !== names.length) return null;
  if (positions.some((p, i) => p === -1 && expensesFile.columns[i]!.required)) return null;
  return { delimiter, positions, width: names.length };
};

/** Running totals of the scanned lines for one district, fund and annuality (cents). */
export interface ExpenseScanTotal {
  readonly districtCode: string;
  readonly fundCode: string;
  readonly annuality: number;
  reported: number;
  recognised: number;
  lines: number;
}

const sameBytes = (a: Buffer, b: Buffer, from: number, to: number) => {
  if (a.length !== to - from) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[from + i]) return false;
  return true;
};

const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

// dates.ts's daysInMonth in arithmetic, without a Date per line (same answer for the years ≥ 1000 read here)
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** Thrown inside a block: the caller hands the file to the exchange reader. */
class Doubt extends Error {}
const doubt = (): never => {
  throw new Doubt();
};

export class ExpenseScanner {
  /** data lines scanned so far */
  lines = 0;
  readonly totals = new Map<string, ExpenseScanTotal>();
  private out = Buffer.allocUnsafe(0);
  private pos = 0;
  private readonly delimiter: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly field: Int32Array; // [start, end) of the current trimmed field
  private text: Buffer | null = null; // a field whose value had to be re-encoded
  private readonly slots = new Map<number, { readonly total: ExpenseScanTotal; readonly district: Buffer; readonly fund: Buffer }>();

  constructor(readonly header: ExpenseScanHeader) {
    this.delimiter = header.delimiter.charCodeAt(0);
    this.starts = new Int32Array(header.width);
    this.ends = new Int32Array(header.width);
    this.field = new Int32Array(2);
  }

  /**
   * Converts a block of whole lines into COPY rows. Each line ends in LF or CR LF, whatever the
   * header and the other lines end in, as the reader reads them; a CR anywhere else (a line end
   * to the reader) is a doubt. Null when any line is in doubt; the scanner is then done with.
   */
  scan(block: Buffer): Buffer | null {
    if (block.indexOf(QUOTE) !== -1 || block.indexOf(REPLACEMENT) !== -1 || !isUtf8(block)) return null;
    // a new buffer each time: the COPY stream may still hold the previous one
    this.out = Buffer.allocUnsafe(block.length + (block.length >> 3) + 1024);
    this.pos = 0;
    try {
      let at = 0;
      // the next CR at or after `at`, looked for again only once passed: each byte is searched once
      let cr = -1;
      while (at < block.length) {
        const nl = block.indexOf(NL, at);
        if (nl === -1) doubt();
        if (cr < at) {
          cr = block.indexOf(CR, at);
          if (cr === -1) cr = block.length;
        }
        let end = nl;
        if (cr < nl) {
          // only the CR of a CR LF, after a line that is not blank
          if (cr !== nl - 1 || cr === at) doubt();
          end--;
        }
        this.line(block, at, end);
        at = nl + 1;
      }
    } catch (e) {
      if (!(e instanceof Doubt)) throw e;
      return null; // the scanner is not used again: the whole file goes to the reader
    }
    return this.out.subarray(0, this.pos);
  }

  private line(block: Buffer, start: number, end: number) {
    // A line that could hold a field over the reader's bound: the reader names it.
    if (end - start > MAX_FIELD_CHARS) doubt();
    const { width, positions } = this.header;
    const { starts, ends } = this;
    const delimiter = this.delimiter;
    let field = 0;
    starts[0] = start;
    for (let i = start; i < end; i++) {
      const b = block[i]!;
      if (b !== delimiter) {
        // a control character (fields.ts refuses it in a text): the reader names it
        if (b < 0x20 ? b !== 0x09 : b === 0x7f) doubt();
        continue;
      }
      // a field too many: the reader says which
      if (field === width - 1) doubt();
      ends[field++] = i;
      starts[field] = i + 1;
    }
    if (field !== width - 1) doubt(); // a field too few
    ends[field] = end;
    // Make room for the longest row this line can give: fields re-encoded grow by a few bytes.
    this.reserve(end - start + 64);

    const districtAt = this.pos;
    this.copyText(block, positions[DISTRICT]!, true);
    const districtEnd = this.pos;
    this.comma();
    this.copyText(block, positions[DOCUMENT]!, true);
    this.comma();
    const fundAt = this.pos;
    this.copyText(block, positions[FUND]!, true);
    const fundEnd = this.pos;
    this.comma();
    const year = this.year(block, positions[ANNUALITY]!);
    this.comma();
    this.copyText(block, positions[AREA]!, true);
    this.comma();
    this.copyText(block, positions[DESCRIPTION]!, false);
    this.comma();
    const amount = this.amount(block, positions[AMOUNT]!, true)!;
    this.comma();
    this.date(block, positions[PAID_ON]!);
    this.comma();
    const recognised = positions[RECOGNISED]! === -1 ? null : this.amount(block, positions[RECOGNISED]!, false);
    if (recognised !== null && recognised > amount) doubt();
    this.out[this.pos++] = NL;

    const total = this.totalOf(districtAt, districtEnd, fundAt, fundEnd, year);
    total.reported += amount;
    total.recognised += recognised ?? 0;
    total.lines++;
    if (!Number.isSafeInteger(total.reported)) doubt();
    this.lines++;
  }

  /**
   * The running total of a district, fund and annuality, found by a hash of the bytes just
   * written instead of by a string built for every line; the bytes are compared, so a hash
   * collision only costs the string lookup.
   */
  private totalOf(districtAt: number, districtEnd: number, fundAt: number, fundEnd: number, year: number): ExpenseScanTotal {
    const out = this.out;
    let h = 0x811c9dc5 ^ year;
    for (let i = districtAt; i < districtEnd; i++) h = Math.imul(h ^ out[i]!, 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193);
    for (let i = fundAt; i < fundEnd; i++) h = Math.imul(h ^ out[i]!, 0x01000193);
    const slot = this.slots.get(h);
    if (slot && slot.total.annuality === year && sameBytes(slot.district, out, districtAt, districtEnd) && sameBytes(slot.fund, out, fundAt, fundEnd)) return slot.total;
    const districtCode = out.toString('utf8', districtAt, districtEnd);
    const fundCode = out.toString('utf8', fundAt, fundEnd);
    const key = `${districtCode}\u0000${fundCode}\u0000${year}`;
    let total = this.totals.get(key);
    if (!total) {
      total = { districtCode, fundCode, annuality: year, reported: 0, recognised: 0, lines: 0 };
      this.totals.set(key, total);
    }
    if (!slot) this.slots.set(h, { total, district: Buffer.from(out.subarray(districtAt, districtEnd)), fund: Buffer.from(out.subarray(fundAt, fundEnd)) });
    return total;
  }

  private reserve(bytes: number) {
    if (this.pos + bytes <= this.out.length) return;
    const bigger = Buffer.allocUnsafe((this.out.length + bytes) * 2);
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }

  /** A non-negative safe integer in decimal digits. */
  private digits(n: number) {
    const out = this.out;
    let length = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) length++;
    let p = this.pos + length;
    this.pos = p;
    let v = n;
    do {
      out[--p] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  private comma() {
    this.out[this.pos++] = this.delimiter;
  }

  /** Trims like String.prototype.trim: ASCII spaces here, anything wider through a string. */
  private trimmed(block: Buffer, column: number): void {
    let s = this.starts[column]!;
    let e = this.ends[column]!;
    while (s < e && isSpace(block[s]!)) s++;
    while (e > s && isSpace(block[e - 1]!)) e--;
    this.field[0] = s;
    this.field[1] = e;
    this.text = null;
    if (s < e && (block[s]! >= 0x80 || block[e - 1]! >= 0x80)) {
      const raw = block.toString('utf8', s, e);
      const t = raw.trim();
      if (t !== raw) this.text = Buffer.from(t, 'utf8');
    }
  }

  private emit(block: Buffer) {
    if (this.text) {
      this.reserve(this.text.length);
      this.pos += this.text.copy(this.out, this.pos);
      return;
    }
    // fields are short: a loop beats Buffer.copy's call overhead
    const out = this.out;
    let p = this.pos;
    for (let i = this.field[0]!, e = this.field[1]!; i < e; i++) out[p++] = block[i]!;
    this.pos = p;
  }

  private fieldString(block: Buffer): string {
    return this.text ? this.text.toString('utf8') : block.toString('utf8', this.field[0]!, this.field[1]!);
  }

  /** A text field as requiredText / optionalText read it. */
  private copyText(block: Buffer, column: number, required: boolean) {
    this.trimmed(block, column);
    const length = this.text ? this.text.length : this.field[1]! - this.field[0]!;
    if (length === 0) {
      if (required) doubt();
      // an empty field unquoted is NULL to COPY: description is '' instead
      this.out[this.pos++] = QUOTE;
      this.out[this.pos++] = QUOTE;
      return;
    }
    this.emit(block);
  }

  private year(block: Buffer, column: number): number {
    this.trimmed(block, column);
    const s = this.field[0]!;
    const e = this.field[1]!;
    let year: number;
    if (!this.text && e - s === 4 && isDigit(block[s]!) && isDigit(block[s + 1]!) && isDigit(block[s + 2]!) && isDigit(block[s + 3]!)) {
      year = (block[s]! - 48) * 1000 + (block[s + 1]! - 48) * 100 + (block[s + 2]! - 48) * 10 + (block[s + 3]! - 48);
      if (year < 2000 || year > 2100) doubt();
    } else {
      const parsed = parseAnnuality(this.fieldString(block));
      year = parsed.ok ? parsed.value : doubt();
    }
    this.digits(year);
    return year;
  }

  /** importo (required, > 0) or importo_riconosciuto (optional, ≥ 0), written in cents. */
  private amount(block: Buffer, column: number, required: boolean): number | null {
    this.trimmed(block, column);
    const s = this.field[0]!;
    const e = this.field[1]!;
    if (!this.text && e === s) {
      if (required) doubt();
      return null; // empty: written as an unquoted empty field, NULL
    }
    let cents = -1;
    if (!this.text) cents = plainCents(block, s, e);
    if (cents < 0) {
      const text = this.fieldString(block);
      const parsed = required ? positiveAmount(text) : optionalAmount(text);
      if (!parsed.ok || parsed.value === null || parsed.value > BigInt(Number.MAX_SAFE_INTEGER)) doubt();
      cents = Number((parsed as { value: bigint }).value);
    } else if (required && cents === 0) {
      doubt();
    }
    this.digits(cents);
    return cents;
  }

  private date(block: Buffer, column: number) {
    this.trimmed(block, column);
    const s = this.field[0]!;
    const e = this.field[1]!;
    if (!this.text && e - s === 10 && block[s + 4] === 0x2d && block[s + 7] === 0x2d) {
      const digits =
        isDigit(block[s]!) && isDigit(block[s + 1]!) && isDigit(block[s + 2]!) && isDigit(block[s + 3]!) &&
        isDigit(block[s + 5]!) && isDigit(block[s + 6]!) && isDigit(block[s + 8]!) && isDigit(block[s + 9]!);
      if (digits) {
        const y = (block[s]! - 48) * 1000 + (block[s + 1]! - 48) * 100 + (block[s + 2]! - 48) * 10 + (block[s + 3]! - 48);
        const m = (block[s + 5]! - 48) * 10 + (block[s + 6]! - 48);
        const d = (block[s + 8]! - 48) * 10 + (block[s + 9]! - 48);
        if (y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
          this.emit(block);
          return;
        }
      }
    }
    const parsed = parseDate(this.fieldString(block));
    if (!parsed.ok) doubt();
    this.pos += this.out.write((parsed as { value: string }).value, this.pos, 'latin1');
  }
}

/**
 * Cents of `1234`, `1234.5`, `1234,56` (the forms parseEuro reads as integer and decimals without
 * doubt), or -1 for anything else, which then goes through parseEuro itself.
 */
export const plainCents = (block: Uint8Array, s: number, e: number): number => {
  let i = s;
  let units = 0;
  while (i < e && isDigit(block[i]!)) units = units * 10 + (block[i++]! - 48);
  const digits = i - s;
  if (digits === 0 || digits > MAX_SAFE_CENTS_DIGITS) return -1;
  if (i === e) return units * 100 > MAX_CENTS ? -1 : units * 100;
  if (block[i] !== 0x2e && block[i] !== 0x2c) return -1;
  const decimals = e - i - 1;
  if (decimals < 1 || decimals > 2 || !isDigit(block[i + 1]!) || (decimals === 2 && !isDigit(block[i + 2]!))) return -1;
  const tenths = block[i + 1]! - 48;
  const hundredths = decimals === 2 ? block[i + 2]! - 48 : 0;
  const cents = units * 100 + tenths * 10 + hundredths;
  return cents > MAX_CENTS ? -1 : cents;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BLOCK = 4 * 1024 * 1024;
const HEAD_LIMIT = 1024 * 1024;

/**
 * A whole spese.csv, fed chunk by chunk as it streams: finds the header, then hands blocks of
 * whole lines to an ExpenseScanner. Memory stays at about one block whatever the file's size.
 */
export class ExpenseCsvScan {
  private parts: Buffer[] = [];
  private size = 0;
  private first = true;
  private scanner: ExpenseScanner | null = null;
  private doubted = false;

  constructor(private readonly blockSize = BLOCK) {}

  get lines(): number {
    return this.scanner?.lines ?? 0;
  }

  /** the file's separator, once its header is read */
  get delimiter(): ';' | ',' | undefined {
    return this.scanner?.header.delimiter;
  }

  get totals(): readonly ExpenseScanTotal[] {
    return this.scanner ? [...this.scanner.totals.values()] : [];
  }

  /** COPY rows ready so far (empty while a block fills), or null once anything is in doubt. */
  push(chunk: Buffer): Buffer | null {
    if (this.doubted) return null;
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.scanner && this.size < this.blockSize) return EMPTY;
    let pending: Buffer = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    if (!this.scanner) {
      const rest = this.readHeader(pending);
      // the reader looks for the header in the first MiB too
      if (rest === null) return pending.length > HEAD_LIMIT ? this.doubt() : this.keep(pending, EMPTY);
      if (rest === false) return this.doubt();
      pending = rest;
    }
    const cut = pending.lastIndexOf(NL);
    // a line longer than any the scanner reads: the reader names it (and the tail stays small)
    if (pending.length - cut - 1 > MAX_FIELD_CHARS) return this.doubt();
    if (cut === -1 || pending.length < this.blockSize) return this.keep(pending, EMPTY);
    const rows = this.scanner!.scan(pending.subarray(0, cut + 1));
    return rows ? this.keep(pending.subarray(cut + 1), rows) : this.doubt();
  }

  /** The last rows, or null when the file is in doubt (an empty file included). */
  end(): Buffer | null {
    if (this.doubted) return null;
    let pending: Buffer = Buffer.concat(this.parts, this.size);
    this.parts = [];
    if (!this.scanner) {
      // a header with no line end: add one, so that it reads as a file with no rows
      const rest = this.readHeader(Buffer.concat([pending, Buffer.from('\n')]));
      if (!rest) return this.doubt();
      pending = rest;
    }
    if (pending.length === 0) return EMPTY;
    // the last line may have no end
    if (pending[pending.length - 1] !== NL) pending = Buffer.concat([pending, Buffer.from('\n')]);
    return this.scanner!.scan(pending) ?? this.doubt();
  }

  /** The bytes after the header; null: no whole header line yet; false: a header in doubt. */
  private readHeader(bytes: Buffer): Buffer | null | false {
    if (this.first) {
      if (bytes.length < BOM.length && BOM.subarray(0, bytes.length).equals(bytes)) return null;
      if (bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
      this.first = false;
    }
    const nl = bytes.indexOf(NL);
    if (nl === -1) return null;
    const crlf = nl > 0 && bytes[nl - 1] === CR;
    const line = bytes.subarray(0, crlf ? nl - 1 : nl);
    if (!isUtf8(line) || line.indexOf(CR) !== -1) return false;
    const header = scanHeader(line.toString('utf8'));
    if (!header) return false;
    this.scanner = new ExpenseScanner(header);
    return bytes.subarray(nl + 1);
  }

  private keep(rest: Buffer, rows: Buffer): Buffer {
    if (rest.length) {
      // a copy: a small tail must not pin the whole block it was cut from
      this.parts = [Buffer.from(rest)];
      this.size = rest.length;
    }
    return rows;
  }

  private doubt(): null {
    this.doubted = true;
    this.parts = [];
    return null;
  }
}

const EMPTY = Buffer.alloc(0);
