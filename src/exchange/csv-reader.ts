/**
 * Streaming CSV reader for the exchange files (EXCHANGE.md, CSV dialect):
 * UTF-8 with optional BOM, headers on line 1 (case-insensitive, trimmed, any
 * order), separator `;` or `,` detected from the header line, RFC 4180 quoting.
 * Every line may end in CR LF, LF or a lone CR, whatever the others end in, and
 * the last line may have no ending at all.
 *
 * Decisions:
 * - An unknown column is an error naming it: a misspelt `importo_riconoscuto`
 *   would otherwise drop its data silently. The rows are still checked, so one
 *   run lists every problem.
 * - A missing required column is one error at line 1 per column; the rows of
 *   that file are not read (every row would fail the same way).
 * - Columns with an empty header (trailing separators left by spreadsheets) are
 *   ignored as long as their cells are empty.
 * - Blank rows (every cell empty) are skipped; they are not data.
 * - A row with a different number of fields than the header is an error
 *   (trailing empty fields are tolerated): a missing separator would shift values.
 * - A quote inside an unquoted field is kept as text (`Via "Roma"`); a quoted
 *   field that is never closed, or text after a closing quote, stops the file
 *   with one error at the line where that record starts.
 * - Text that is not valid UTF-8 (a Windows-1252 export) is an error per row.
 * - A field longer than MAX_FIELD_CHARS is an error naming its column (the row is not read); a
 *   record longer than MAX_RECORD_CHARS (limits.ts) stops the file with one error at its line, so
 *   the parser never holds more than that, and nothing long is echoed back.
 */
import { StringDecoder } from 'node:string_decoder';
import { parse, type Parser } from 'csv-parse';
import { meter, type ByteSource, type Digest } from './source.ts';
import { FILE, grouped, ROW, type ExchangeIssue } from './issues.ts';
import { MAX_FIELD_CHARS, MAX_RECORD_CHARS } from './limits.ts';

export interface CsvColumn {
  readonly name: string;
  readonly required: boolean;
}

export interface CsvRow {
  /** 1-based physical line where the record starts; the header is line 1. */
  readonly line: number;
  /** Known columns only, by canonical (lower-case) name; absent optional columns are absent. */
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvReadOptions {
  /** Name used in the messages (`spese.csv`). */
  readonly fileName: string;
  readonly columns: readonly CsvColumn[];
  readonly onIssue: (issue: ExchangeIssue) => void;
  /**
   * `false`: every line goes through csv-parse, none through the plain-line splitter (for the
   * property test that holds the two to the same rows and messages).
   */
  readonly plainLines?: boolean;
}

export type Separator = ';' | ',';

/** `Annualità ` → `annualita`: trimmed, lower case, accents and surrounding quotes removed. */
export const normalizeHeader = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * The separator that appears in the header line; when both appear, the one
 * that splits it into more known column names (`;` on a tie, as Italian Excel writes).
 */
export const detectSeparator = (headerLine: string, known: readonly string[]): Separator => {
  const hasSemicolon = headerLine.includes(';');
  const hasComma = headerLine.includes(',');
  if (hasComma && !hasSemicolon) return ',';
  if (!hasComma) return ';';
  const knownCount = (separator: Separator) =>
    headerLine.split(separator).filter((name) => known.includes(normalizeHeader(name))).length;
  return knownCount(',') > knownCount(';') ? ',' : ';';
};

const NEWLINES = /\r\n|\r|\n/g;
const countNewlines = (text: string): number => text.match(NEWLINES)?.length ?? 0;

const HEAD_LIMIT = 1024 * 1024;
/** Lines longer than this go to csv-parse, which bounds a record at MAX_RECORD_CHARS. */
const PLAIN_LINE_CHARS = Math.floor(MAX_RECORD_CHARS / 4);

const csvErrorMessage = (error: unknown): string => {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'formato CSV non valido: virgolette aperte e mai chiuse';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'formato CSV non valido: dopo le virgolette di chiusura deve seguire il separatore o la fine della riga';
    case 'CSV_MAX_RECORD_SIZE':
      return `riga troppo lunga: oltre ${grouped(MAX_RECORD_CHARS)} caratteri (virgolette non chiuse?)`;
    default:
      return `formato CSV non valido: ${(error as Error).message}`;
  }
};

interface Header {
  /** canonical name per position, or null for a column that is not read */
  readonly names: readonly (string | null)[];
  /** positions whose header cell is empty */
  readonly blank: ReadonlySet<number>;
  readonly usable: boolean;
}

const readHeader = (record: readonly string[], options: CsvReadOptions): Header => {
  const known = new Map(options.columns.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const names: (string | null)[] = [];
  const blank = new Set<number>();
  let usable = true;
  const issue = (column: string, message: string) => options.onIssue({ file: options.fileName, line: 1, column, message });
  for (const raw of record) {
    const name = normalizeHeader(raw);
    if (name === '') {
      blank.add(names.length);
      names.push(null);
    } else if (!known.has(name)) {
      issue(name, `colonna sconosciuta (colonne ammesse: ${options.columns.map((c) => c.name).join(', ')})`);
      names.push(null);
    } else if (seen.has(name)) {
      issue(name, 'colonna ripetuta');
      names.push(null);
      usable = false;
    } else {
      seen.add(name);
      names.push(name);
    }
  }
  for (const column of options.columns) {
    if (column.required && !seen.has(column.name)) {
      issue(column.name, 'colonna obbligatoria mancante');
      usable = false;
    }
  }
  return { names, blank, usable };
};

/**
 * Yields the data rows of a CSV file in order; problems go to `onIssue`.
 * Returns the sha256 and size of the bytes read (the whole source is always read).
 */
export async function* readCsv(source: ByteSource, options: CsvReadOptions): AsyncGenerator<CsvRow, Digest, undefined> {
  const { stream, digest } = meter(source);
  const knownNames = options.columns.map((c) => c.name);
  const issue = (line: number, column: string, message: string) =>
    options.onIssue({ file: options.fileName, line, column, message });

  let parser: Parser | null = null;
  let started = false;
  let head: Buffer[] = [];
  let headBytes = 0;
  let header: Header | null = null;
  let nextLine = 1;
  let rows: CsvRow[] = [];
  let stopped = false;

  // csv-parse calls on_record synchronously, in file order, for every record:
  // line numbers are counted here from the raw text, since its own counter
  // counts a CRLF inside a quoted field twice.
  const onRecord = (record: string[], raw: string): void => {
    const line = nextLine;
    nextLine += countNewlines(raw);
    if (header === null) {
      header = readHeader(record, options);
      if (!header.usable) stopped = true;
      return;
    }
    if (record.every((value) => value.trim() === '')) return;
    if (raw.includes('\uFFFD')) {
      issue(line, ROW, 'testo non codificato in UTF-8 (salvare il file come "CSV UTF-8")');
      return;
    }
    const width = header.names.length;
    if (record.length < width || record.slice(width).some((value) => value.trim() !== '')) {
      issue(line, ROW, `la riga ha ${record.length} campi, l'intestazione ne ha ${width}`);
      return;
    }
    for (let i = 0; i < record.length; i++) {
      const length = record[i]!.length;
      if (length > MAX_FIELD_CHARS) {
        const column = header.names[i] ?? `colonna ${i + 1}`;
        issue(line, column, `valore troppo lungo: ${grouped(length)} caratteri (massimo ${grouped(MAX_FIELD_CHARS)})`);
        return;
      }
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < width; i++) {
      const name = header.names[i];
      const value = record[i] ?? '';
      if (name) values[name] = value;
      else if (header.blank.has(i) && value.trim() !== '') {
        issue(line, ROW, `valore nella colonna ${i + 1}, che non ha un'intestazione valida`);
        return;
      }
    }
    rows.push({ line, values });
  };

  /** `bom`: the input starts at the file's first byte (csv-parse then drops a byte order mark). */
  const startParser = (separator: Separator, bom = true): Parser => {
    const p = parse({
      delimiter: separator,
      bom,
      // Given, not detected: csv-parse would otherwise take the header's line end for the whole
      // file, and rows appended in another editor (LF after CR LF) would run together. CR LF
      // comes first, so that it is one line end and not two.
      record_delimiter: ['\r\n', '\n', '\r'],
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (output: unknown) => {
        // with `raw: true` each record comes as { record, raw }
        const { record, raw } = output as { record: string[]; raw: string };
        if (!stopped) onRecord(record, raw);
        return null; // records are collected above, the stream side stays empty
      },
    });
    p.on('error', () => {}); // reported through the write callback
    p.resume();
    return p;
  };

  const feedParser = (chunk: Buffer | null): Promise<void> =>
    new Promise((resolve) => {
      const p = parser!;
      const done = (error?: Error | null) => {
        if (error) {
          if (!stopped) issue(nextLine, ROW, csvErrorMessage(error));
          stopped = true;
        }
        resolve();
      };
      if (chunk === null) p.end(done);
      else p.write(chunk, done);
    });

  // Plain lines (no quote, not blank, nothing csv-parse would treat apart) are split here, by
  // the separator, into the very record csv-parse would give: most files hold nothing else, and
  // csv-parse costs a third of their reading. From the first line that is not plain, the rest of
  // the file goes to csv-parse, which starts there as at a record boundary.
  let separator: Separator = ';';
  let plain = options.plainLines !== false;
  const decoder = new StringDecoder('utf8');
  let carried = '';
  const notPlain = (line: string) =>
    line.length > PLAIN_LINE_CHARS || line.includes('"') || line.includes('\uFFFD') || line.includes('\uFEFF') || line.trim() === '';
  /** Hands the complete lines of `text` (all of it when `last`) to onRecord; answers the text from the first line that is not plain, if any. */
  const splitPlain = (text: string, last: boolean): string | null => {
    let start = 0;
    for (;;) {
      let end = start;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      if (end === text.length) {
        // a line that does not end within csv-parse's bound is csv-parse's to refuse, now
        if (end - start > PLAIN_LINE_CHARS) return text.slice(start);
        if (!last || start === end) break;
        // the last line, with no line end
        const line = text.slice(start);
        if (notPlain(line)) return line;
        if (!stopped) onRecord(line.split(separator), line);
        start = end;
        break;
      }
      // a CR at the end of the text may be the first half of a CR LF
      if (text.charCodeAt(end) === 13 && end + 1 === text.length && !last) break;
      const ending = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1;
      const line = text.slice(start, end);
      if (notPlain(line)) return text.slice(start);
      if (!stopped) onRecord(line.split(separator), text.slice(start, end + ending));
      start = end + ending;
    }
    carried = text.slice(start);
    return null;
  };

  const feed = async (chunk: Buffer | null): Promise<void> => {
    if (!plain) return feedParser(chunk);
    const text = carried + (chunk === null ? decoder.end() : decoder.write(chunk));
    carried = '';
    const rest = splitPlain(text, chunk === null);
    if (rest === null) return;
    plain = false;
    // mid-file, or after the splitter dropped the byte order mark: nothing more is one
    parser = startParser(separator, false);
    if (rest.length > 0) await feedParser(Buffer.from(rest, 'utf8'));
    if (chunk === null) await feedParser(null);
  };

  const startFromHead = async (): Promise<void> => {
    const buffer = Buffer.concat(head);
    head = [];
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/[\r\n]/);
    separator = detectSeparator(end < 0 ? text : text.slice(0, end), knownNames);
    started = true;
    if (plain) {
      // the byte order mark, dropped as csv-parse's `bom` drops it
      const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
      await feed(buffer.subarray(bom));
    } else {
      parser = startParser(separator);
      await feed(buffer);
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (stopped) continue; // keep reading: the digest covers the whole file
    if (!started) {
      head.push(chunk);
      headBytes += chunk.length;
      if (!chunk.includes(0x0a) && !chunk.includes(0x0d) && headBytes < HEAD_LIMIT) continue;
      await startFromHead();
    } else {
      await feed(chunk);
    }
    const ready = rows;
    rows = [];
    yield* ready;
  }
  if (!started && headBytes > 0) await startFromHead();
  if (started && !stopped) await feed(null);
  if (header === null && !stopped) issue(1, FILE, 'file vuoto: manca la riga di intestazione');
  yield* rows;
  return digest();
}
