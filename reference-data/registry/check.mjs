#!/usr/bin/env node
// Validates distretti.csv and comuni.csv in this folder (or in the folder given as
// the first argument) against the EXCHANGE.md v1 rules for these two files.
// Plain Node ESM, no dependencies. Exit code 0 when valid, 1 otherwise.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'lazio');
const FORME = new Set(['consorzio', 'convenzione', 'unione', 'comune', 'altro']);
const errors = [];

// RFC 4180 parser; separator detected from the header line (';' or ',').
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.split(/\r?\n/, 1)[0];
  const sep = firstLine.includes(';') ? ';' : ',';
  const rows = [];
  let row = [], field = '', i = 0, quoted = false, line = 1, rowLine = 1;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (ch === '\n') line++;
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === sep) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (ch === '\n') {
      row.push(field); rows.push({ line: rowLine, cells: row });
      row = []; field = ''; i++; line++; rowLine = line; continue;
    }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push({ line: rowLine, cells: row }); }
  return rows.filter(r => !(r.cells.length === 1 && r.cells[0].trim() === ''));
}

function load(file, required) {
  const rows = parseCsv(readFileSync(join(dir, file), 'utf8'));
  if (rows.length === 0) { errors.push(`${file}:1: file vuoto`); return []; }
  const header = rows[0].cells.map(h => h.trim().toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) errors.push(`${file}:1: ${col}: colonna mancante`);
  }
  return rows.slice(1).map(r => {
    const rec = { line: r.line };
    header.forEach((h, k) => { rec[h] = (r.cells[k] ?? '').trim(); });
    if (r.cells.length !== header.length) {
      errors.push(`${file}:${r.line}: riga: ${r.cells.length} campi invece di ${header.length}`);
    }
    return rec;
  });
}

const distretti = load('distretti.csv', ['codice', 'nome', 'ente_capofila', 'forma_gestione']);
const comuni = load('comuni.csv', ['istat', 'nome', 'distretto', 'popolazione']);

const codes = new Set();
for (const d of distretti) {
  if (!d.codice) errors.push(`distretti.csv:${d.line}: codice: obbligatorio`);
  else if (codes.has(d.codice)) errors.push(`distretti.csv:${d.line}: codice: duplicato ${d.codice}`);
  else codes.add(d.codice);
  if (!d.nome) errors.push(`distretti.csv:${d.line}: nome: obbligatorio`);
  if (d.forma_gestione && !FORME.has(d.forma_gestione)) {
    errors.push(`distretti.csv:${d.line}: forma_gestione: valore non ammesso "${d.forma_gestione}"`);
  }
}

const seen = new Map(); // istat -> distretto
const perDistrict = new Map([...codes].map(c => [c, { n: 0, pop: 0 }]));
let total = 0;
for (const c of comuni) {
  if (!/^\d{6}$/.test(c.istat)) errors.push(`comuni.csv:${c.line}: istat: deve avere 6 cifre ("${c.istat}")`);
  if (seen.has(c.istat)) {
    const other = seen.get(c.istat);
    errors.push(`comuni.csv:${c.line}: istat: ${c.istat} ripetuto` +
      (other !== c.distretto ? ` (anche nel distretto ${other}: un comune in due distretti)` : ''));
  } else seen.set(c.istat, c.distretto);
  if (!c.nome) errors.push(`comuni.csv:${c.line}: nome: obbligatorio`);
  if (!codes.has(c.distretto)) errors.push(`comuni.csv:${c.line}: distretto: "${c.distretto}" non esiste`);
  if (!/^\d+$/.test(c.popolazione)) {
    errors.push(`comuni.csv:${c.line}: popolazione: deve essere un intero ≥ 0 ("${c.popolazione}")`);
  } else {
    const p = Number(c.popolazione);
    total += p;
    const s = perDistrict.get(c.distretto);
    if (s) { s.n++; s.pop += p; }
  }
}

if (errors.length) {
  for (const e of errors) console.error(e);
  console.error(`${errors.length} errori`);
  process.exit(1);
}
for (const [code, s] of [...perDistrict].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`${code.padEnd(8)} ${String(s.n).padStart(4)} comuni ${String(s.pop).padStart(9)} abitanti` +
    (s.n === 0 ? '  (nessun comune)' : ''));
}
console.log(`distretti: ${distretti.length}`);
console.log(`comuni: ${comuni.length}`);
console.log(`popolazione totale: ${total}`);
