/**
 * The comparison file converted as the import converts it (amounts in cents, ISO dates, no
 * header), by the import's own scanner: the input of the schema floor (engines.ts).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ExpenseCsvScan } from '../src/exchange/expense-scan.ts';

export const writeConverted = async (from: string, to: string): Promise<number> => {
  const scan = new ExpenseCsvScan();
  const out = createWriteStream(to);
  const write = async (rows: Buffer | null) => {
    if (!rows) throw new Error(`${from}: the scanner doubts the synthetic file`);
    if (!out.write(rows)) await once(out, 'drain');
  };
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) await write(scan.push(chunk));
  await write(scan.end());
  out.end();
  await once(out, 'finish');
  if (scan.delimiter !== ';') throw new Error('the schema floor reads `;`-separated rows');
  return scan.lines;
};
