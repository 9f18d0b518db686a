/** Seed 2 as demo data: the 2024 performance plan of Consorzio IN.RE.TE. (reference-data/performance/). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceContext } from '../context.ts';
import { SYSTEM } from '../bootstrap.ts';
import { findPlanByBodyYear } from '../../db/repositories/performance.ts';
import { importPlan } from './import.ts';

export const INRETE_2024 = resolve(dirname(fileURLToPath(import.meta.url)), '../../../reference-data/performance/inrete-2024.json');

/** Idempotent: a plan for the same body and year is left as it is (it may have been worked on since). */
export const loadPerformanceDemo = async (ctx: ServiceContext): Promise<string[]> => {
  const json = JSON.parse(readFileSync(INRETE_2024, 'utf8')) as { body: string; year: number };
  const existing = await findPlanByBodyYear(ctx.database.db, json.body, json.year);
  if (existing) return [`Piano della performance ${json.body} ${json.year}: già presente (id ${existing.id})`];
  const { id, counts } = await importPlan(ctx, SYSTEM, json);
  return [`Piano della performance ${json.body} ${json.year}: importato (id ${id}, ${counts.centres} centri, ${counts.objectiveOccurrences} obiettivi)`];
};
