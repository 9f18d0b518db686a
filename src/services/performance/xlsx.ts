/**
 * A performance plan as a workbook, for those who keep it in a spreadsheet: one sheet per kind
 * (Piano, Centri, Obiettivi, Attività, Indicatori), linked by an id column. Every value is
 * written as text, as in the plan file, so that reading the workbook back gives the same plan.
 * A shared objective is one row per centre: the first carries its content, the later ones only
 * the shared key and their own code (as in the JSON export).
 */
import ExcelJS from 'exceljs';
import type { PlanJson } from './plan-json.ts';

const PLAN = 'Piano';
const CENTRES = 'Centri';
const OBJECTIVES = 'Obiettivi';
const ACTIVITIES = 'Attività';
const INDICATORS = 'Indicatori';

const OBJECTIVE_COLUMNS = [
  ['id', 'id'],
  ['centro', 'centre'],
  ['codice', 'code'],
  ['chiave_condivisa', 'sharedKey'],
  ['titolo', 'title'],
  ['area_strategica', 'strategicArea'],
  ['obiettivo_operativo', 'operationalObjective'],
  ['progetto_peg', 'pegProject'],
  ['servizi', 'services'],
  ['utenti_finali', 'endUsers'],
  ['reti', 'networks'],
  ['descrizione', 'description'],
  ['revisione_tipo', 'revisionKind'],
  ['revisione_atto', 'revisionAct'],
  ['revisione_data', 'revisionDate'],
  ['report', 'report'],
] as const;

const sheet = (wb: ExcelJS.Workbook, name: string, headers: readonly string[], rows: (string | number)[][]) => {
  const ws = wb.addWorksheet(name);
  ws.addRow([...headers]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 24));
};

type ObjectiveJson = PlanJson['centres'][number]['objectives'][number];
const full = (o: ObjectiveJson): o is Extract<ObjectiveJson, { title: string }> => 'title' in o;

export const planToWorkbook = async (plan: PlanJson): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Regia';
  sheet(wb, PLAN, ['campo', 'valore'], [
    ['ente', plan.body],
    ['anno', String(plan.year)],
    ['triennio_da', String(plan.period.from)],
    ['triennio_a', String(plan.period.to)],
    ['soglia_raggiunto', String(plan.scoring.achievedThreshold)],
    ['soglia_parziale', String(plan.scoring.partiallyThreshold)],
  ]);
  const centres: (string | number)[][] = [];
  const objectives: (string | number)[][] = [];
  const activities: (string | number)[][] = [];
  const indicators: (string | number)[][] = [];
  let n = 0;
  plan.centres.forEach((c, ci) => {
    const centreId = `C${ci + 1}`;
    centres.push([centreId, c.name]);
    for (const o of c.objectives) {
      const id = `O${++n}`;
      if (!full(o)) {
        objectives.push([id, centreId, o.code, o.id, ...OBJECTIVE_COLUMNS.slice(4).map(() => '')]);
        continue;
      }
      objectives.push([
        id,
        centreId,
        o.code,
        o.id ?? '',
        o.title,
        o.strategicArea,
        o.operationalObjective,
        o.pegProject,
        o.services,
        o.endUsers,
        o.networks,
        o.description,
        o.revision?.kind ?? '',
        o.revision?.act ?? '',
        o.revision?.date ?? '',
        o.report,
      ]);
      for (const a of o.activities) activities.push([id, a.description, a.planned, a.actual]);
      for (const x of o.indicators) indicators.push([id, x.name, x.description, x.unit, x.target, x.actual, x.weight]);
    }
  });
  sheet(wb, CENTRES, ['id', 'nome'], centres);
  sheet(wb, OBJECTIVES, OBJECTIVE_COLUMNS.map(([h]) => h), objectives);
  sheet(wb, ACTIVITIES, ['obiettivo', 'descrizione', 'tempi', 'consuntivo'], activities);
  sheet(wb, INDICATORS, ['obiettivo', 'nome', 'descrizione', 'unita', 'valore_atteso', 'valore_consuntivo', 'peso'], indicators);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? '';
};

interface SheetRows {
  rows: { line: number; get: (column: string) => string }[];
}

const readSheet = (wb: ExcelJS.Workbook, name: string, required: readonly string[], errors: string[]): SheetRows => {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    errors.push(`${name}: foglio mancante`);
    return { rows: [] };
  }
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell).trim().toLowerCase(), col));
  const missing = required.filter((h) => !header.has(h));
  if (missing.length > 0) {
    errors.push(`${name}:1: colonne mancanti: ${missing.join(', ')}`);
    return { rows: [] };
  }
  const rows: SheetRows['rows'] = [];
  for (let line = 2; line <= ws.rowCount; line++) {
    const row = ws.getRow(line);
    const get = (column: string) => {
      const col = header.get(column);
      return col === undefined ? '' : cellText(row.getCell(col));
    };
    if (required.every((h) => get(h).trim() === '')) continue;
    rows.push({ line, get });
  }
  return { rows };
};

/**
 * Reads a workbook written by planToWorkbook (or by hand in the same shape) into the plan JSON,
 * which the importer then validates like any plan file. Broken links are refused here, as
 * `Foglio:riga: colonna: messaggio`.
 */
export const planFromWorkbook = async (content: Uint8Array): Promise<{ ok: true; json: unknown } | { ok: false; errors: string[] }> => {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: ['file: non è una cartella di lavoro XLSX leggibile'] };
  }
  const errors: string[] = [];
  const planRows = readSheet(wb, PLAN, ['campo', 'valore'], errors).rows;
  const centreRows = readSheet(wb, CENTRES, ['id', 'nome'], errors).rows;
  const objectiveRows = readSheet(wb, OBJECTIVES, ['id', 'centro', 'codice'], errors).rows;
  const activityRows = readSheet(wb, ACTIVITIES, ['obiettivo', 'descrizione'], errors).rows;
  const indicatorRows = readSheet(wb, INDICATORS, ['obiettivo', 'valore_atteso'], errors).rows;
  if (errors.length > 0) return { ok: false, errors };

  const fields = new Map(planRows.map((r) => [r.get('campo').trim(), r.get('valore').trim()]));
  const number = (key: string, line: string) => {
    const v = fields.get(key);
    if (v === undefined || v === '') return undefined;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n)) errors.push(`${PLAN}: ${key}: numero atteso, trovato "${line}"`);
    return n;
  };
  const year = number('anno', fields.get('anno') ?? '');
  const from = number('triennio_da', fields.get('triennio_da') ?? '');
  const to = number('triennio_a', fields.get('triennio_a') ?? '');
  const achieved = number('soglia_raggiunto', fields.get('soglia_raggiunto') ?? '');
  const partially = number('soglia_parziale', fields.get('soglia_parziale') ?? '');

  type Objective = Record<string, unknown> & { activities: unknown[]; indicators: unknown[] };
  const centres = new Map<string, { name: string; objectives: Objective[] }>();
  for (const r of centreRows) {
    const id = r.get('id').trim();
    if (centres.has(id)) errors.push(`${CENTRES}:${r.line}: id: "${id}" ripetuto`);
    centres.set(id, { name: r.get('nome').trim(), objectives: [] });
  }
  const objectives = new Map<string, Objective>();
  for (const r of objectiveRows) {
    const id = r.get('id').trim();
    const centre = centres.get(r.get('centro').trim());
    if (!centre) {
      errors.push(`${OBJECTIVES}:${r.line}: centro: centro "${r.get('centro')}" inesistente nel foglio ${CENTRES}`);
      continue;
    }
    if (objectives.has(id)) errors.push(`${OBJECTIVES}:${r.line}: id: "${id}" ripetuto`);
    const o: Objective = { activities: [], indicators: [] };
    for (const [column, key] of OBJECTIVE_COLUMNS) {
      if (column === 'id' || column === 'centro' || column.startsWith('revisione_')) continue;
      const v = r.get(column);
      if (column === 'chiave_condivisa') {
        if (v.trim() !== '') o.id = v.trim();
      } else o[key] = v;
    }
    const kind = r.get('revisione_tipo').trim();
    if (kind !== '') o.revision = { kind, act: r.get('revisione_atto'), date: r.get('revisione_data') };
    // A later row of a shared objective without content stands for that objective in its centre.
    if (o.id !== undefined && (o.title === undefined || String(o.title).trim() === '') && [...objectives.values()].some((x) => x.id === o.id)) {
      for (const k of Object.keys(o)) if (k !== 'id' && k !== 'code') delete o[k];
      objectives.set(id, { ...o, activities: [], indicators: [] });
      centre.objectives.push(o as Objective);
      continue;
    }
    objectives.set(id, o);
    centre.objectives.push(o);
  }
  for (const r of activityRows) {
    const o = objectives.get(r.get('obiettivo').trim());
    if (!o) errors.push(`${ACTIVITIES}:${r.line}: obiettivo: obiettivo "${r.get('obiettivo')}" inesistente nel foglio ${OBJECTIVES}`);
    else o.activities.push({ description: r.get('descrizione'), planned: r.get('tempi'), actual: r.get('consuntivo') });
  }
  for (const r of indicatorRows) {
    const o = objectives.get(r.get('obiettivo').trim());
    if (!o) {
      errors.push(`${INDICATORS}:${r.line}: obiettivo: obiettivo "${r.get('obiettivo')}" inesistente nel foglio ${OBJECTIVES}`);
      continue;
    }
    const weightText = r.get('peso').trim();
    const weight = weightText === '' ? undefined : Number(weightText.replace(',', '.'));
    if (weight !== undefined && !Number.isFinite(weight)) errors.push(`${INDICATORS}:${r.line}: peso: numero atteso, trovato "${weightText}"`);
    o.indicators.push({ name: r.get('nome'), description: r.get('descrizione'), unit: r.get('unita'), target: r.get('valore_atteso'), actual: r.get('valore_consuntivo'), ...(weight !== undefined ? { weight } : {}) });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    json: {
      body: fields.get('ente') ?? '',
      year,
      ...(from !== undefined && to !== undefined ? { period: { from, to } } : {}),
      ...(achieved !== undefined || partially !== undefined ? { scoring: { achievedThreshold: achieved, partiallyThreshold: partially } } : {}),
      centres: [...centres.values()],
    },
  };
};
