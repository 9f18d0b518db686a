/**
 * Writes reference-data/demo/fondi/: a SYNTHETIC history of three national funds for the Lazio
 * districts of the registry, in the exchange format. Fund names are real; every amount, act
 * number and expense is invented, deterministically (seeded), and labelled so in the README.
 * Run: node --import tsx scripts/make-demo-funds.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cents, formatEuroPlain } from '../src/domain/money.ts';
import { splitByPopulation } from '../src/domain/funds/split.ts';
import type { DistrictCode } from '../src/domain/funds/types.ts';

const out = 'reference-data/demo/fondi';
mkdirSync(out, { recursive: true });

let seed = 20261123;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const comuni = readFileSync('reference-data/registry/lazio/comuni.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(';'));
const population = new Map<string, bigint>();
for (const [, , district, pop] of comuni) population.set(district!, (population.get(district!) ?? 0n) + BigInt(pop!));
const districts = [...population.keys()].sort();

const funds = [
  { code: 'FNPS', name: 'Fondo nazionale per le politiche sociali', rule75: 'si' },
  { code: 'FNA', name: 'Fondo per le non autosufficienze', rule75: 'si' },
  { code: 'POVERTA', name: 'Fondo per la lotta alla povertà e all’esclusione sociale', rule75: 'si' },
];
const annualities = [2021, 2022, 2023, 2024];
const base: Record<string, number> = { FNPS: 30_000_000, FNA: 60_000_000, POVERTA: 25_000_000 };
// Share of what was disbursed that districts have spent and the Region recognised, by annuality:
// older annualities are mostly reported, the newest barely started (synthetic, for the dashboards).
const spentShare: Record<number, number> = { 2021: 0.97, 2022: 0.78, 2023: 0.45, 2024: 0.1 };

const rows = { fondi: [] as string[], annualita: [] as string[], linee: [] as string[], assegnazioni: [] as string[], liquidazioni: [] as string[], spese: [] as string[] };
rows.fondi.push('codice;nome;fonte;regola_75', ...funds.map((f) => `${f.code};${f.name};nazionale;${f.rule75}`));
rows.annualita.push('fondo;annualita;importo;atto_tipo;atto_numero;atto_data');
rows.linee.push('fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data');
rows.assegnazioni.push('fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data');
rows.liquidazioni.push('fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data');
rows.spese.push('distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto');

const areas = [
  ['A1', 'Servizio sociale professionale'],
  ['B2', 'Assistenza domiciliare'],
  ['C3', 'Centri diurni'],
  ['D4', 'Contributi economici'],
  ['E5', 'Inserimenti lavorativi'],
];
let dd = 1000;
for (const f of funds) {
  for (const y of annualities) {
    const allocated = cents(BigInt(Math.round(base[f.code]! * (1 + (y - 2021) * 0.04))) * 100n);
    rows.annualita.push(`${f.code};${y};${formatEuroPlain(allocated)};DM;SINT-${f.code}-${y};${y}-06-15`);
    const lineA = (allocated * 70n) / 100n;
    const lines: [string, string, bigint][] = [
      ['L1', 'Servizi e interventi territoriali (sintetico)', lineA],
      ['L2', 'Sostegno alle famiglie (sintetico)', allocated - lineA],
    ];
    for (const [code, descr, amount] of lines) {
      rows.linee.push(`${f.code};${y};${code};${descr};${formatEuroPlain(cents(amount))};DGR;SINT-${y}-${f.code};${y}-07-20`);
      const assigned = (amount * 95n) / 100n; // the rest stays for regional interventions
      const shares = splitByPopulation(cents(assigned), districts.map((d) => ({ district: d as DistrictCode, population: population.get(d)! })));
      const act = `G${String(++dd).padStart(5, '0')}`;
      for (const s of shares) rows.assegnazioni.push(`${f.code};${y};${code};${s.district};${act};${formatEuroPlain(s.amount)};DD;${y}-09-10`);
    }
    // one disbursement per district: the whole assignment
    const perDistrict = new Map<string, bigint>();
    for (const l of rows.assegnazioni.slice(1)) {
      const [fund, year, , district, , amount] = l.split(';');
      if (fund !== f.code || Number(year) !== y) continue;
      perDistrict.set(district!, (perDistrict.get(district!) ?? 0n) + BigInt(amount!.replace(',', '')));
    }
    const payAct = `G${String(++dd).padStart(5, '0')}`;
    for (const [district, amount] of perDistrict) {
      rows.liquidazioni.push(`${f.code};${y};${district};${payAct};${formatEuroPlain(cents(amount))};${y}-11-20;DD;${y}-11-15`);
      // expenses: a few lines summing to about spentShare of the disbursement
      const target = BigInt(Math.floor(Number(amount) * spentShare[y]! * (0.85 + random() * 0.3)));
      const spent = target > amount ? amount : target;
      const n = 3 + Math.floor(random() * 4);
      let left = spent;
      for (let i = 0; i < n && left > 0n; i++) {
        const part = i === n - 1 ? left : (left * BigInt(Math.floor(20 + random() * 30))) / 100n;
        left -= part;
        if (part <= 0n) continue;
        const [area, label] = areas[Math.floor(random() * areas.length)]!;
        const paidYear = y + 1;
        const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
        const recognised = y <= 2022 || random() < 0.5 ? formatEuroPlain(cents(part)) : '';
        rows.spese.push(`${district};SINT-${f.code}-${y}-${i + 1};${f.code};${y};${area};${label} (sintetico);${formatEuroPlain(cents(part))};${paidYear}-${month}-15;${recognised}`);
      }
    }
  }
}
for (const [name, lines] of Object.entries(rows)) writeFileSync(`${out}/${name}.csv`, `${lines.join('\n')}\n`);
console.log(Object.entries(rows).map(([n, l]) => `${n}.csv: ${l.length - 1} righe`).join('\n'));
