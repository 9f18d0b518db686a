/**
 * SYNTHETIC data of "all Italy" scale: 600 districts, their municipalities, 12 funds over 6
 * annualities with lines, every district assigned and paid in every fund annuality, all within the limits of DOMAIN.md
 * (Σ lines ≤ A, Σ assignments per line ≤ line, Σ disbursed ≤ assigned per district), and
 * expense lines (`spese.csv`) written as a stream. Nothing here is real data: names say
 * "sintetico", ISTAT codes are made up. Deterministic: a seeded PRNG drives every choice.
 *
 * Setup files are small (tens of thousands of rows) and built in memory; `spese.csv` is
 * written in blocks with back-pressure, never held whole.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { prng } from './prng.ts';

export interface Shape {
  readonly districts: number;
  readonly funds: number;
  readonly years: readonly number[];
  readonly linesPerAnnuality: number;
}

export const ALL_ITALY: Shape = { districts: 600, funds: 12, years: [2019, 2020, 2021, 2022, 2023, 2024], linesPerAnnuality: 3 };

export const districtCode = (i: number) => `D${String(i + 1).padStart(3, '0')}`;
export const fundCode = (i: number) => `F${String(i + 1).padStart(2, '0')}`;

/** Euros with a dot and two decimals, from integer cents (EXCHANGE.md accepts `1234.56`). */
const euros = (c: bigint | number): string => {
  const v = BigInt(c);
  const cc = v % 100n;
  return `${v / 100n}.${cc < 10n ? '0' : ''}${cc}`;
};

const csv = (header: string, rows: readonly string[]) => `${header}\n${rows.join('\n')}\n`;

export interface SetupSummary {
  districts: number;
  municipalities: number;
  funds: number;
  annualities: number;
  lines: number;
  assignments: number;
  disbursements: number;
}

/**
 * Writes distretti, comuni, fondi, annualita, linee, assegnazioni, liquidazioni to `dir`.
 * Money as bigint cents (no floats for sums that are checked against limits).
 */
export const writeSetupFolder = async (dir: string, shape: Shape, seed = 20241122): Promise<SetupSummary> => {
  await mkdir(dir, { recursive: true });
  const r = prng(seed);
  const districts: string[] = [];
  const municipalities: string[] = [];
  let istat = 100001;
  for (let d = 0; d < shape.districts; d++) {
    const code = districtCode(d);
    districts.push(`${code};Distretto sintetico ${code};Comune capofila sintetico ${code};${r.pick(['consorzio', 'convenzione', 'unione', 'comune'])}`);
    const n = r.int(2, 6);
    for (let m = 0; m < n; m++) {
      municipalities.push(`${istat};Comune sintetico ${istat};${code};${r.int(800, 90000)}`);
      istat++;
    }
  }
  const funds: string[] = [];
  const annualities: string[] = [];
  const lines: string[] = [];
  const assignments: string[] = [];
  const disbursements: string[] = [];
  for (let f = 0; f < shape.funds; f++) {
    const fc = fundCode(f);
    // half the funds follow the 75% rule (odd codes)
    funds.push(`${fc};Fondo sintetico ${fc};${f % 2 === 0 ? 'nazionale' : 'regionale'};${f % 2 === 0 ? 'si' : 'no'}`);
    for (const y of shape.years) {
      const allocated = BigInt(r.int(200_000_000, 400_000_000)) * 100n; // 200–400 M€ in cents
      annualities.push(`${fc};${y};${euros(allocated)};DM;DM-${fc}-${y};${y}-06-30`);
      // lines: 95% of A split in fixed shares, each floor-rounded → Σ lines ≤ A
      const shares = [40n, 35n, 20n, 10n, 5n].slice(0, shape.linesPerAnnuality);
      const lineAmounts = shares.map((s) => (allocated * s) / 100n);
      lineAmounts.forEach((amount, l) => lines.push(`${fc};${y};L${l + 1};Linea sintetica ${l + 1};${euros(amount)};DGR;DGR-${fc}-${y};${y}-09-15`));
      // each district is assigned on one line; 90% of the line is split among its districts
      for (let l = 0; l < lineAmounts.length; l++) {
        // every district in every fund annuality, on one of its lines: 600 × 72 = 43,200 assignments
        const members: number[] = [];
        for (let d = l; d < shape.districts; d += lineAmounts.length) members.push(d);
        if (members.length === 0) continue;
        const weights = members.map(() => BigInt(r.int(1, 100)));
        const totalWeight = weights.reduce((a, b) => a + b, 0n);
        const budget = (lineAmounts[l]! * 90n) / 100n;
        members.forEach((d, i) => {
          const assigned = (budget * weights[i]!) / totalWeight; // floor: Σ ≤ budget ≤ line
          if (assigned <= 0n) return;
          const dc = districtCode(d);
          assignments.push(`${fc};${y};L${l + 1};${dc};DD-ASS-${fc}-${y};${euros(assigned)};DD;${y}-10-20`);
          // disbursed 50–100% of the assignment (> 0): Σ disbursed ≤ assigned
          const disbursed = (assigned * BigInt(r.int(50, 100))) / 100n;
          if (disbursed > 0n) disbursements.push(`${fc};${y};${dc};DD-LIQ-${fc}-${y};${euros(disbursed)};${y + 1}-02-10;DD;${y + 1}-02-01`);
        });
      }
    }
  }
  await writeFile(join(dir, 'distretti.csv'), csv('codice;nome;ente_capofila;forma_gestione', districts));
  await writeFile(join(dir, 'comuni.csv'), csv('istat;nome;distretto;popolazione', municipalities));
  await writeFile(join(dir, 'fondi.csv'), csv('codice;nome;fonte;regola_75', funds));
  await writeFile(join(dir, 'annualita.csv'), csv('fondo;annualita;importo;atto_tipo;atto_numero;atto_data', annualities));
  await writeFile(join(dir, 'linee.csv'), csv('fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data', lines));
  await writeFile(join(dir, 'assegnazioni.csv'), csv('fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data', assignments));
  await writeFile(join(dir, 'liquidazioni.csv'), csv('fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data', disbursements));
  return {
    districts: districts.length,
    municipalities: municipalities.length,
    funds: funds.length,
    annualities: annualities.length,
    lines: lines.length,
    assignments: assignments.length,
    disbursements: disbursements.length,
  };
};

export const SPESE_HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';

const AREAS = ['famiglia_minori', 'disabili', 'anziani', 'poverta', 'immigrati', 'dipendenze', 'multiutenza'] as const;
const DESCRIPTIONS = [
  'Assistenza domiciliare (sintetico)',
  'Centro diurno (sintetico)',
  'Trasporto sociale (sintetico)',
  'Contributo economico (sintetico)',
  'Servizio educativo (sintetico)',
  'Inserimento lavorativo (sintetico)',
] as const;

export interface ExpenseChunk {
  /** global index of the first line: documents are numbered from it, so chunks never collide */
  readonly from: number;
  readonly count: number;
}

/**
 * Streams `count` synthetic expense lines to `path` (header first). Documents are unique per
 * district (`SP` + global index). Amounts in cents as JS integers (exact below 2^53) for speed;
 * importo_riconosciuto is empty for ~30% of lines (not yet verified), otherwise ≤ importo.
 */
export const writeExpenses = async (path: string, chunk: ExpenseChunk, shape: Shape, seed = 7): Promise<number> => {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const r = prng(seed * 1_000_003 + chunk.from);
  const funds = Array.from({ length: shape.funds }, (_, i) => fundCode(i));
  const districts = Array.from({ length: shape.districts }, (_, i) => districtCode(i));
  const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  const eurosOf = (c: number) => `${Math.floor(c / 100)}.${pad2(c % 100)}`;
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${SPESE_HEADER}\n`);
  const BLOCK = 5_000;
  for (let start = 0; start < chunk.count; start += BLOCK) {
    const end = Math.min(chunk.count, start + BLOCK);
    let text = '';
    for (let i = start; i < end; i++) {
      const d = districts[Math.floor(r.next() * districts.length)]!;
      const f = funds[Math.floor(r.next() * funds.length)]!;
      const y = shape.years[Math.floor(r.next() * shape.years.length)]!;
      const amount = r.int(5_000, 500_000); // 50 € – 5,000 €
      const u = r.next();
      const recognised = u < 0.3 ? '' : eurosOf(u < 0.85 ? amount : Math.floor(amount * r.next()));
      const paid = `${y + (r.next() < 0.6 ? 0 : 1)}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`;
      text += `${d};SP${String(chunk.from + i).padStart(9, '0')};${f};${y};${AREAS[i % AREAS.length]};${DESCRIPTIONS[(i >> 3) % DESCRIPTIONS.length]};${eurosOf(amount)};${paid};${recognised}\n`;
    }
    await write(text);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
};
