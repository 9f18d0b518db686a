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
  let pending: Buffer = Buffer.alloc(0);
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
    pending = pending.length ? Buffer.concat([pending, buf]) : buf;
    if (!header) {
      const end = pending.indexOf(NL);
      if (end === -1) continue;
      const line = pending.subarray(0, end).toString('utf8').replace(/\r$/, '');
      delimiter = detectSeparator(line, COLUMNS);
      header = line.split(delimiter).map(normalizeHeader);
      const known = new Set<string>(COLUMNS);
      if (header.some((h) => !known.has(h)) || new Set(header).size !== header.length || REQUIRED.some((c) => !header!.includes(c))) throw new Fallback();
      pending = pending.subarray(end + 1);
    }
    if (pending.length >= CHUNK) {
      const cut = pending.lastIndexOf(NL);
      if (cut !== -1) {
        await flush(pending.subarray(0, cut + 1));
        pending = Buffer.from(pending.subarray(cut + 1));
      }
    }
  }
  if (!header) throw new Fallback();
  await flush(pending);

  // Blank lines and CR-only line ends are the reader's business (it skips or counts them its own way).
  const lines = newlines + (lastByte !== NL && bytes > 0 ? 1 : 0) - 1;
  const [count] = rowsOf<{ n: string }>(await tx.execute(sql`select count(*) as n from expense_raw`));
  if (Number(count!.n) !== lines) throw new Fallback();

  const t = (c: string) => `btrim(coalesce(${c}, ''), E' \\t\\r')`;
  const amountOk = (c: string) => `(${t(c)} ~ '^[0-9]+([.,][0-9]{1,2})?$' or ${t(c)} ~ '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]{1,2})?$')`;
  const amountCents = (c: string) =>
    `(case when ${t(c)} ~ '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]{1,2})?$' then replace(replace(${t(c)}, '.', ''), ',', '.') else replace(${t(c)}, ',', '.') end)::numeric * 100`;
  const dateParts = `(case when ${t('data_pagamento')} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then array[split_part(${t('data_pagamento')}, '-', 1), split_part(${t('data_pagamento')}, '-', 2), split_part(${t('data_pagamento')}, '-', 3)]
      when ${t('data_pagamento')} ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' then array[split_part(${t('data_pagamento')}, '/', 3), split_part(${t('data_pagamento')}, '/', 2), split_part(${t('data_pagamento')}, '/', 1)] end)::int[]`;
  const odd = COLUMNS.map((c) => `coalesce(${c}, '') ~ '^${ODD_SPACE}|${ODD_SPACE}$'`).join(' or ');
  const recognised = t('importo_riconosciuto');

  // Every row must pass every check the reader makes, or the reader takes over.
  await tx.execute(
    sql.raw(`create temp table expense_checked on commit drop as
      select n, ${t('distretto')} as district_code, ${t('documento')} as document, ${t('fondo')} as fund_code, ${t('annualita')} as annuality,
        ${t('area')} as area, ${t('descrizione')} as description, ${t('importo')} as amount, ${dateParts} as d, ${recognised} as recognised,
        (${odd}) as odd
      from expense_raw`),
  );
  const [doubtful] = rowsOf<{ n: string }>(
    await tx.execute(
      sql.raw(`select count(*) as n from expense_checked where odd or district_code = '' or document = '' or fund_code = '' or area = ''
        or annuality !~ '^[0-9]{4}$' or annuality::int not between 2000 and 2100
        or not ${amountOk('amount')} or (${amountCents('amount')}) <= 0
        or (recognised <> '' and (not ${amountOk('recognised')} or (${amountCents('recognised')}) > (${amountCents('amount')})))
        or d is null or d[1] < 1 or d[2] not between 1 and 12 or d[3] < 1
        or d[3] > extract(day from make_date(d[1], d[2], 1) + interval '1 month' - interval '1 day')`),
    ),
  );
  if (Number(doubtful!.n) > 0) throw new Fallback();

  // n counts data rows from 1; the header is line 1 and no field spans lines (no quotes).
  await tx.execute(
    sql.raw(`insert into expense_stage (line, district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised)
      select n + 1, district_code, document, fund_code, annuality::int, area, description, (${amountCents('amount')})::bigint,
        make_date(d[1], d[2], d[3]), case when recognised = '' then null else (${amountCents('recognised')})::bigint end
      from expense_checked`),
  );
  await tx.execute(sql`drop table expense_raw`);
  await tx.execute(sql`drop table expense_checked`);
  return { name: file.name, sha256: hash.digest('hex'), bytes, lines };
};
