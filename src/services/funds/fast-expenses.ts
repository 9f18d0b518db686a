/**
 * The fast route for a large, clean spese.csv: the raw text is copied by the database into a
 * table of text columns and checked and converted there, instead of row by row in JavaScript.
 * The checks in SQL accept no less strictly than the exchange reader (src/exchange): any row they
 * doubt sends the whole file back to that reader, which names every error with its line. So the
 * fast route changes speed, never what is accepted or how it is stored.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../../db/client.ts';
import { copyCsvText } from '../../db/bulk-text.ts';
import { detectSeparator, normalizeHeader } from '../../exchange/csv-reader.ts';
import { openSource, type ByteSource } from '../../exchange/source.ts';
import type { FileSummary } from '../../exchange/read-file.ts';

const COLUMNS = ['distretto', 'documento', 'fondo', 'annualita', 'area', 'descrizione', 'importo', 'data_pagamento', 'importo_riconosciuto'] as const;
const REQUIRED = COLUMNS.filter((c) => c !== 'importo_riconosciuto');
const CHUNK = 8 * 1024 * 1024;
const QUOTE = 0x22;
const NL = 0x0a;

// Unicode spaces JavaScript's trim() removes but PostgreSQL's btrim() does not: a field that
// starts or ends with one goes to the reader, so both routes store the same text.
const ODD_SPACE = '[\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\u000b\\u000c]';

class Fallback extends Error {}

/** Loads the file into expense_stage (line, district_code, …) and answers its summary, or null to fall back. */
export const fastLoadExpenses = async (database: Database, tx: Tx, file: { name: string; open(): ByteSource }): Promise<FileSummary | null> => {
  await tx.execute(sql`savepoint fast_expenses`);
  try {
    const summary = await load(database, tx, file);
    await tx.execute(sql`release savepoint fast_expenses`);
    return summary;
  } catch {
    // A COPY error (a blank line, a wrong number of fields, bad UTF-8) or a doubtful row: the
    // reader will say exactly what is wrong, line by line. Nothing of the attempt remains.
    await tx.execute(sql`rollback to savepoint fast_expenses`);
    return null;
  }
};

const load = async (database: Database, tx: Tx, file: { name: string; open(): ByteSource }): Promise<FileSummary> => {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let header: string[] | null = null;
  let delimiter: ',' | ';' = ';';
  let parts: Buffer[] = [];
  let size = 0;
  let lastByte = -1;
  await tx.execute(sql.raw(`create temp table expense_raw (${COLUMNS.map((c) => `${c} text`).join(', ')}, n bigserial) on commit drop`));

  const flush = async (chunk: Buffer) => {
    if (chunk.length) await copyCsvText(database, tx, 'expense_raw', header!, delimiter, chunk);
  };

  for await (const part of openSource(file.open()) as AsyncIterable<Buffer>) {
    const buf = Buffer.isBuffer(part) ? part : Buffer.from(part);
    hash.update(buf);
    bytes += buf.length;
    if (buf.includes(QUOTE)) throw new Fallback(); // quoting rules differ subtly between parsers
    for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) newlines++;
    if (buf.length) lastByte = buf[buf.length - 1]!;
    parts.push(buf);
    size += buf.length;
    if (header && size < CHUNK) continue;
    // joined only when a chunk is due: joining on every read would copy the chunk over and over
    let pending = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    size = 0;
    if (!header) {
      const end = pending.indexOf(NL);
      if (end === -1) {
        parts.push(pending);
        size += pending.length;
        continue;
      }
      const line = pending.subarray(0, end).toString('utf8').replace(/\r$/, '');
      delimiter = detectSeparator(line, COLUMNS);
      header = line.split(delimiter).map(normalizeHeader);
      const known = new Set<string>(COLUMNS);
      if (header.some((h) => !known.has(h)) || new Set(header).size !== header.length || REQUIRED.some((c) => !header!.includes(c))) throw new Fallback();
      pending = pending.subarray(end + 1);
    }
    const cut = pending.lastIndexOf(NL);
    if (cut !== -1 && pending.length >= CHUNK) {
      await flush(pending.subarray(0, cut + 1));
      pending = Buffer.from(pending.subarray(cut + 1));
    }
    if (pending.length) {
      parts.push(pending);
      size += pending.length;
    }
  }
  if (!header) throw new Fallback();
  await flush(parts.length === 1 ? parts[0]! : Buffer.concat(parts));

  // Blank lines and CR-only line ends are the reader's business (it skips or counts them its own way).
  const lines = newlines + (lastByte !== NL && bytes > 0 ? 1 : 0) - 1;
  const [count] = rowsOf<{ n: string }>(await tx.execute(sql`select count(*) as n from expense_raw`));
  if (Number(count!.n) !== lines) throw new Fallback();

  const t = (c: string) => `btrim(coalesce(${c}, ''), E' \\t\\r')`;
  // Amounts as the reader accepts them without doubt: 1234 1234,5 1234.56 1.234.567,89. Converted
  // once here; anything else (a € sign, spaces, three decimals) is left null and sends the file back.
  const cents = (v: string) => `case when ${v} ~ '^[0-9]+([.,][0-9]{1,2})?$' then replace(${v}, ',', '.')::numeric * 100
      when ${v} ~ '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]{1,2})?$' then replace(replace(${v}, '.', ''), ',', '.')::numeric * 100 end`;
  const ymd = (v: string) => `(case when ${v} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then string_to_array(${v}, '-')
      when ${v} ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' then array[split_part(${v}, '/', 3), split_part(${v}, '/', 2), split_part(${v}, '/', 1)] end)::int[]`;
  const everything = `concat_ws(E'\\x01', ${COLUMNS.map((c) => `coalesce(${c}, '')`).join(', ')})`;

  await tx.execute(
    sql.raw(`create temp table expense_checked on commit drop as
      select n, district_code, document, fund_code, annuality, area, description, ${cents('a')} as amount, ${ymd('p')} as d,
        r as recognised_text, ${cents('r')} as recognised, odd
      from (
        select n, ${t('distretto')} as district_code, ${t('documento')} as document, ${t('fondo')} as fund_code, ${t('annualita')} as annuality,
          ${t('area')} as area, ${t('descrizione')} as description, ${t('importo')} as a, ${t('data_pagamento')} as p, ${t('importo_riconosciuto')} as r,
          ${everything} ~ '(^|\\x01)${ODD_SPACE}|${ODD_SPACE}(\\x01|$)' as odd
        from expense_raw
      ) raw`),
  );
  // Every row must pass every check the reader makes, or the reader takes over.
  const [doubtful] = rowsOf<{ n: string }>(
    await tx.execute(
      sql.raw(`select count(*) as n from expense_checked where odd or district_code = '' or document = '' or fund_code = '' or area = ''
        or annuality !~ '^[0-9]{4}$' or annuality::int not between 2000 and 2100
        or amount is null or amount <= 0 or (recognised_text <> '' and (recognised is null or recognised > amount))
        or d is null or d[1] < 1 or d[2] not between 1 and 12 or d[3] < 1
        or d[3] > extract(day from make_date(d[1], d[2], 1) + interval '1 month' - interval '1 day')`),
    ),
  );
  if (Number(doubtful!.n) > 0) throw new Fallback();

  // n counts data rows from 1; the header is line 1 and no field spans lines (no quotes).
  await tx.execute(
    sql.raw(`insert into expense_stage (line, district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised)
      select n + 1, district_code, document, fund_code, annuality::int, area, description, amount::bigint, make_date(d[1], d[2], d[3]), recognised::bigint
      from expense_checked`),
  );
  await tx.execute(sql`drop table expense_raw`);
  await tx.execute(sql`drop table expense_checked`);
  return { name: file.name, sha256: hash.digest('hex'), bytes, lines };
};
