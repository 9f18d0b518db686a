/**
 * A performance plan as in EXCHANGE.md "Performance plan JSON", and its
 * validation. Validation answers every problem at once, each message in
 * Italian and prefixed with the JSON path (`centres[2].objectives[0].indicators[1].target: …`),
 * like the CSV imports' `file:line: column: message`.
 *
 * The validated plan is complete: optional texts default to '', `weight` to 1,
 * `revision` to null, dates are `YYYY-MM-DD`.
 *
 * Shared objectives (DOMAIN.md: one objective can belong to several centres;
 * seed 2 repeats "Consolidare … A.D.I." as 2.2 of Area Minori e Famiglie and
 * 2.1 of Area Inclusione). Rule chosen: objectives with the same `id` are one
 * objective. Its first occurrence in document order carries the content; a
 * later occurrence may give only `id` and its own `code` (each centre numbers
 * its objectives), or repeat fields, which must then equal the first ones.
 * The validated plan repeats the shared content in every occurrence.
 */
import { parseCalendarDate, type CalendarDate } from '../dates.ts';
import { isValidTarget, parseIndicatorValue } from './values.ts';

/** A board resolution updates an objective or suspends it (DOMAIN.md "Revisions"). */
export const revisionKinds = ['updated', 'suspended'] as const;
export type RevisionKind = (typeof revisionKinds)[number];

/** A plan is a draft until the evaluator validates it; then it is frozen. */
export const planStatuses = ['draft', 'validated'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The texts of an objective besides its code and title (seed 2's fields). */
export const objectiveTexts = ['strategicArea', 'operationalObjective', 'pegProject', 'services', 'endUsers', 'networks', 'description'] as const;

/** The fields of an objective a board resolution may change. */
export const revisableFields = ['title', ...objectiveTexts] as const;
export type RevisableField = (typeof revisableFields)[number];

export interface RevisionInput {
  readonly kind: RevisionKind;
  /** The act, as written: "Deliberazione CdA n. 49". */
  readonly act: string;
  /** The act's own date (EXCHANGE.md: the date written beside the act in the plan). */
  readonly date: CalendarDate;
  /**
   * When the revision takes effect, given only when it is not the act's date: a board may adopt
   * on 28/11 a suspension that runs from 01/12. Plan files carry no such date.
   */
  readonly effective?: CalendarDate;
}

export interface ActivityInput {
  readonly description: string;
  /** As written: "Aprile", "Marzo 2025", "mensile" (read by times.ts). */
  readonly planned: string;
  /** As written: "Luglio", "Rinvio al 2025", "" (read by times.ts). */
  readonly actual: string;
}

export interface IndicatorInput {
  readonly name: string;
  readonly description: string;
  /** `n.`, `si/no`, `%`, `€`, … */
  readonly unit: string;
  /** As written (read by values.ts): a number, si or no. */
  readonly target: string;
  /** As written: a number, si, no, si parzialmente, or empty. */
  readonly actual: string;
  /** Positive; 1 when not given. */
  readonly weight: number;
}

export interface ObjectiveInput {
  /** Key of a shared objective; null when the objective belongs to one centre only. */
  readonly id: string | null;
  /** Not unique: seed 2 has two "Obiettivo 1" in Area Disabili - Anziani. */
  readonly code: string;
  readonly title: string;
  readonly strategicArea: string;
  readonly operationalObjective: string;
  readonly pegProject: string;
  readonly services: string;
  readonly endUsers: string;
  readonly networks: string;
  readonly description: string;
  readonly revision: RevisionInput | null;
  readonly activities: readonly ActivityInput[];
  readonly indicators: readonly IndicatorInput[];
  readonly report: string;
}

export interface CentreInput {
  readonly name: string;
  readonly objectives: readonly ObjectiveInput[];
}

export interface PlanInput {
  readonly body: string;
  readonly year: number;
  readonly centres: readonly CentreInput[];
}

export type PlanValidation = { ok: true; plan: PlanInput } | { ok: false; errors: string[] };

/** Fields of an objective shared between centres (everything but `id` and `code`). */
const SHARED_FIELDS = [
  'title',
  'strategicArea',
  'operationalObjective',
  'pegProject',
  'services',
  'endUsers',
  'networks',
  'description',
  'revision',
  'activities',
  'indicators',
  'report',
] as const;

const OPTIONAL_TEXTS = ['strategicArea', 'operationalObjective', 'pegProject', 'services', 'endUsers', 'networks', 'description', 'report'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects errors; each reader returns a best-effort value so that all problems are listed in one pass. */
const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

class Reader {
  readonly errors: string[] = [];
  fail(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }
  requiredText(obj: Json, key: string, path: string): string {
    const v = obj[key];
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(at(path, key), v === undefined || v === null || v === '' ? 'campo obbligatorio' : 'testo non vuoto atteso');
      return '';
    }
    return v.trim();
  }
  optionalText(obj: Json, key: string, path: string): string {
    const v = obj[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      this.fail(at(path, key), 'testo atteso');
      return '';
    }
    return v.trim();
  }
  /** Indicator values may come as JSON numbers too: written back Italian style (1.5 → "1,5"). */
  valueText(obj: Json, key: string, path: string): string {
    const v = obj[key];
    if (v === undefined || v === null) return '';
    if (typeof v === 'number' && Number.isFinite(v)) return String(v).replace('.', ',');
    if (typeof v !== 'string') {
      this.fail(at(path, key), 'testo o numero atteso');
      return '';
    }
    return v.trim();
  }
  array(obj: Json, key: string, path: string, required: boolean): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) this.fail(at(path, key), 'campo obbligatorio');
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(at(path, key), 'elenco atteso');
      return [];
    }
    return v;
  }
}

const readRevision = (r: Reader, raw: unknown, path: string): RevisionInput | null => {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    r.fail(path, 'oggetto atteso');
    return null;
  }
  const kind = raw.kind;
  if (kind !== 'updated' && kind !== 'suspended') r.fail(`${path}.kind`, 'valore non riconosciuto (updated o suspended)');
  const act = r.requiredText(raw, 'act', path);
  let date: CalendarDate | null = null;
  if (typeof raw.date !== 'string' || raw.date.trim() === '') r.fail(`${path}.date`, 'campo obbligatorio');
  else {
    date = parseCalendarDate(raw.date);
    if (!date) r.fail(`${path}.date`, `data non valida: "${raw.date}" (usare AAAA-MM-GG o GG/MM/AAAA)`);
  }
  return { kind: kind === 'suspended' ? 'suspended' : 'updated', act, date: (date ?? '') as CalendarDate };
};

const readActivity = (r: Reader, raw: unknown, path: string): ActivityInput => {
  if (!isObject(raw)) {
    r.fail(path, 'oggetto atteso');
    return { description: '', planned: '', actual: '' };
  }
  return {
    description: r.requiredText(raw, 'description', path),
    planned: r.optionalText(raw, 'planned', path),
    actual: r.optionalText(raw, 'actual', path),
  };
};

const readIndicator = (r: Reader, raw: unknown, path: string): IndicatorInput => {
  if (!isObject(raw)) {
    r.fail(path, 'oggetto atteso');
    return { name: '', description: '', unit: '', target: '', actual: '', weight: 1 };
  }
  const name = r.optionalText(raw, 'name', path);
  const description = r.optionalText(raw, 'description', path);
  // seed 2 has an indicator with no name (Area Minori e Famiglie 1): one of the two suffices
  if (name === '' && description === '') r.fail(path, "indicatore senza nome né descrizione");
  const target = r.valueText(raw, 'target', path);
  const parsedTarget = parseIndicatorValue(target);
  if (parsedTarget.kind === 'missing') r.fail(`${path}.target`, 'valore atteso mancante');
  else if (parsedTarget.kind === 'number' && parsedTarget.value < 0) r.fail(`${path}.target`, `valore negativo: "${target}"`);
  else if (!isValidTarget(parsedTarget)) r.fail(`${path}.target`, 'valore non riconosciuto');
  let weight = 1;
  if (raw.weight !== undefined && raw.weight !== null) {
    if (typeof raw.weight !== 'number' || !Number.isFinite(raw.weight) || raw.weight <= 0) r.fail(`${path}.weight`, 'numero maggiore di zero atteso');
    else weight = raw.weight;
  }
  return { name, description, unit: r.optionalText(raw, 'unit', path), target, actual: r.valueText(raw, 'actual', path), weight };
};

const readObjective = (r: Reader, raw: Json, path: string): ObjectiveInput => {
  const texts = Object.fromEntries(OPTIONAL_TEXTS.map((k) => [k, r.optionalText(raw, k, path)])) as Record<(typeof OPTIONAL_TEXTS)[number], string>;
  const revision = readRevision(r, raw.revision, `${path}.revision`);
  const indicatorsRaw = r.array(raw, 'indicators', path, false);
  // An objective is measured by its indicators: without any it could get no status in the
  // scores read-out (EXCHANGE.md allows none for "not measurable"), so only a suspended one may lack them.
  if (indicatorsRaw.length === 0 && revision?.kind !== 'suspended') r.fail(`${path}.indicators`, 'almeno un indicatore richiesto (salvo obiettivo sospeso)');
  return {
    id: null,
    code: r.requiredText(raw, 'code', path),
    title: r.requiredText(raw, 'title', path),
    ...texts,
    revision,
    activities: r.array(raw, 'activities', path, false).map((a, i) => readActivity(r, a, `${path}.activities[${i}]`)),
    indicators: indicatorsRaw.map((x, i) => readIndicator(r, x, `${path}.indicators[${i}]`)),
  };
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Validates an uploaded plan (EXCHANGE.md). Never throws. */
export const validatePlanInput = (json: unknown): PlanValidation => {
  const r = new Reader();
  if (!isObject(json)) return { ok: false, errors: ['piano: oggetto JSON atteso'] };
  const body = r.requiredText(json, 'body', '').trim();
  const year = json.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) r.fail('year', 'anno non valido (intero tra 2000 e 2100)');
  const centresRaw = r.array(json, 'centres', '', true);
  if (Array.isArray(json.centres) && centresRaw.length === 0) r.fail('centres', 'almeno un centro di responsabilità richiesto');

  const shared = new Map<string, { objective: ObjectiveInput; path: string; centre: number }>();
  const centreNames = new Map<string, number>();
  const centres: CentreInput[] = centresRaw.map((rawCentre, c) => {
    const cPath = `centres[${c}]`;
    if (!isObject(rawCentre)) {
      r.fail(cPath, 'oggetto atteso');
      return { name: '', objectives: [] };
    }
    const name = r.requiredText(rawCentre, 'name', cPath);
    const key = name.toLowerCase();
    if (name !== '' && centreNames.has(key)) r.fail(`${cPath}.name`, `centro già presente in centres[${centreNames.get(key)}]`);
    else centreNames.set(key, c);
    const objectivesRaw = r.array(rawCentre, 'objectives', cPath, true);
    const objectives = objectivesRaw.map((rawObjective, o): ObjectiveInput => {
      const oPath = `${cPath}.objectives[${o}]`;
      if (!isObject(rawObjective)) {
        r.fail(oPath, 'oggetto atteso');
        return readObjective(new Reader(), {}, oPath);
      }
      const id = rawObjective.id;
      if (id !== undefined && id !== null && (typeof id !== 'string' || id.trim() === '')) r.fail(`${oPath}.id`, 'testo non vuoto atteso');
      const sharedId = typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
      const first = sharedId ? shared.get(sharedId) : undefined;
      if (sharedId && first) return readSharedOccurrence(r, rawObjective, oPath, c, sharedId, first);
      const objective = { ...readObjective(r, rawObjective, oPath), id: sharedId };
      if (sharedId) shared.set(sharedId, { objective, path: oPath, centre: c });
      return objective;
    });
    return { name, objectives };
  });

  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, plan: { body, year: year as number, centres } };
};

/** A later occurrence of a shared objective: its own code, the first occurrence's content. */
const readSharedOccurrence = (
  r: Reader,
  raw: Json,
  path: string,
  centre: number,
  id: string,
  first: { objective: ObjectiveInput; path: string; centre: number },
): ObjectiveInput => {
  if (first.centre === centre) r.fail(`${path}.id`, `obiettivo condiviso "${id}" già presente nello stesso centro (${first.path})`);
  // Read the repeated fields with a scratch reader: they are compared, not kept.
  const scratch = new Reader();
  const repeated = readObjective(scratch, { code: 'x', title: 'x', indicators: [{}], ...raw }, path);
  for (const field of SHARED_FIELDS) {
    if (raw[field] === undefined) continue;
    if (!sameJson(repeated[field], first.objective[field])) {
      r.fail(`${path}.${field}`, `diverso dall'obiettivo condiviso "${id}" definito in ${first.path} (ometterlo o ripeterlo uguale)`);
    }
  }
  const code = raw.code === undefined ? first.objective.code : r.requiredText(raw, 'code', path);
  return { ...first.objective, code };
};
