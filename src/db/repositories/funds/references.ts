/**
 * Reads the fund steps make of records other use cases own: the act a step cites and the
 * districts money goes to. Read only; their writers are services/acts.ts and registry.ts.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { acts, districts } from '../../schema/index.ts';

export type ActRow = typeof acts.$inferSelect;
export type DistrictRow = typeof districts.$inferSelect;

export const findAct = async (ex: Executor, id: number): Promise<ActRow | undefined> => (await ex.select().from(acts).where(eq(acts.id, id)))[0];

export const findDistrict = async (ex: Executor, code: string): Promise<DistrictRow | undefined> => (await ex.select().from(districts).where(eq(districts.code, code)))[0];

export const districtCodes = async (ex: Executor): Promise<Set<string>> => new Set((await ex.select({ code: districts.code }).from(districts)).map((d) => d.code));
