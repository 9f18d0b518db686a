/**
 * The stored plan as EXCHANGE.md "Performance plan JSON" and as the domain's PlanInput, and the
 * importer's choice for shared objectives printed twice with different wording.
 */
import type { ActivityInput, IndicatorInput, ObjectiveInput, PlanInput, RevisionInput } from '../../domain/performance/plan.ts';
import { DEFAULT_SCORING, type ScoringSettings } from '../../domain/performance/scoring.ts';
import type { CalendarDate } from '../../domain/dates.ts';
import type { ObjectiveRecord, PlanRecord, RevisionRow } from '../../db/repositories/performance.ts';

/** Fields a later occurrence of a shared objective takes from the first one (plan.ts SHARED_FIELDS). */
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

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Seed 2 prints the shared objective "Consolidare … A.D.I." twice with small differences of
 * wording (reference-data/performance/README.md, ambiguity 9); the domain refuses differing
 * repetitions. The importer keeps the first occurrence's text, as that README proposes: a later
 * occurrence keeps only its id and its own code, and every field it wrote differently is
 * named in the notes returned to the user.
 */
export const keepFirstSharedOccurrence = (json: unknown): { json: unknown; notes: string[] } => {
  if (!isObject(json) || !Array.isArray(json.centres)) return { json, notes: [] };
  const seen = new Map<string, { raw: Json; path: string }>();
  const notes: string[] = [];
  const centres = json.centres.map((centre, c) => {
    if (!isObject(centre) || !Array.isArray(centre.objectives)) return centre;
    const objectives = centre.objectives.map((objective, o) => {
      if (!isObject(objective) || typeof objective.id !== 'string' || objective.id.trim() === '') return objective;
      const key = objective.id.trim();
      const path = `centres[${c}].objectives[${o}]`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { raw: objective, path });
        return objective;
      }
      const differing = SHARED_FIELDS.filter((f) => objective[f] !== undefined && JSON.stringify(objective[f]) !== JSON.stringify(first.raw[f]));
      if (differing.length > 0) notes.push(`${path}: obiettivo condiviso "${key}": per ${differing.join(', ')} si tiene il testo di ${first.path}`);
      const reduced: Json = { id: objective.id };
      if (objective.code !== undefined) reduced.code = objective.code;
      return reduced;
    });
    return { ...centre, objectives };
  });
  return { json: { ...json, centres }, notes };
};

/** The latest revision, its act's date and its effective date apart (a plan imported revised has the act's date only). */
export const revisionInput = (r: RevisionRow): RevisionInput => {
  const actDate = (r.actDate ?? r.date) as CalendarDate;
  return { kind: r.kind, act: r.actLabel, date: actDate, ...(r.date !== actDate ? { effective: r.date as CalendarDate } : {}) };
};

const revisionOf = (o: ObjectiveRecord): RevisionInput | null => {
  const last = o.revisions.at(-1);
  return last ? revisionInput(last) : null;
};

const sharedKeyOf = (o: ObjectiveRecord, memberships: number): string | null => o.sharedKey ?? (memberships > 1 ? `obiettivo-${o.id}` : null);

/** The stored plan as the domain reads it (scoring, report): shared content repeated in every occurrence. */
export const toPlanInput = (record: PlanRecord): PlanInput => {
  const memberships = new Map<number, number>();
  for (const c of record.centres) for (const oc of c.occurrences) memberships.set(oc.objective.id, (memberships.get(oc.objective.id) ?? 0) + 1);
  return {
    body: record.plan.body,
    year: record.plan.year,
    centres: record.centres.map((c) => ({
      name: c.name,
      objectives: c.occurrences.map(({ code, objective: o }): ObjectiveInput => ({
        id: sharedKeyOf(o, memberships.get(o.id) ?? 1),
        code,
        title: o.title,
        strategicArea: o.strategicArea,
        operationalObjective: o.operationalObjective,
        pegProject: o.pegProject,
        services: o.services,
        endUsers: o.endUsers,
        networks: o.networks,
        description: o.description,
        revision: revisionOf(o),
        activities: o.activities.map((a): ActivityInput => ({ description: a.description, planned: a.planned, actual: a.actual })),
        indicators: o.indicators.map((i): IndicatorInput => ({ name: i.name, description: i.description, unit: i.unit, target: i.target, actual: i.actual, weight: i.weight })),
        report: o.report,
      })),
    })),
  };
};

export interface PlanSettings {
  scoring: ScoringSettings;
  period: { from: number; to: number };
}

export const settingsOf = (record: PlanRecord): ScoringSettings => {
  const s = record.plan.scoring as Partial<ScoringSettings> | null;
  return {
    achievedThreshold: typeof s?.achievedThreshold === 'number' ? s.achievedThreshold : DEFAULT_SCORING.achievedThreshold,
    partiallyThreshold: typeof s?.partiallyThreshold === 'number' ? s.partiallyThreshold : DEFAULT_SCORING.partiallyThreshold,
  };
};

/**
 * EXCHANGE.md "Performance plan JSON". A shared objective is written in full at its first
 * occurrence and as `{ id, code }` afterwards. Beyond the format (EXCHANGE.md: anything not
 * listed is free): `period` (the three-year plan) and `scoring` (the plan's thresholds), so that
 * importing the export gives the same scores.
 */
export const toPlanJson = (record: PlanRecord) => {
  const input = toPlanInput(record);
  const written = new Set<string>();
  return {
    body: input.body,
    year: input.year,
    period: { from: record.plan.periodFrom, to: record.plan.periodTo },
    scoring: settingsOf(record),
    centres: input.centres.map((c) => ({
      name: c.name,
      objectives: c.objectives.map((o) => {
        if (o.id !== null && written.has(o.id)) return { id: o.id, code: o.code };
        if (o.id !== null) written.add(o.id);
        return {
          ...(o.id !== null ? { id: o.id } : {}),
          code: o.code,
          title: o.title,
          strategicArea: o.strategicArea,
          operationalObjective: o.operationalObjective,
          pegProject: o.pegProject,
          services: o.services,
          endUsers: o.endUsers,
          networks: o.networks,
          description: o.description,
          // EXCHANGE.md: a revision is its act and the act's date; the effective date stays in Regia
          ...(o.revision ? { revision: { kind: o.revision.kind, act: o.revision.act, date: o.revision.date } } : {}),
          activities: o.activities,
          indicators: o.indicators,
          report: o.report,
        };
      }),
    })),
  };
};

export type PlanJson = ReturnType<typeof toPlanJson>;
