/**
 * Implementing acts (DD) on a reservation: ordinary `assignments` rows, with fund = the regional
 * fund, annuality = the budget year and line = the reservation's code.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { assignments, districts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Cents } from '../../../domain/money.ts';
import type { LineKey } from './regional-sums.ts';

/** The assignments of a reservation's line, by district; only those of `onlyDistricts` when given. */
export const assignmentRowsOf = (ex: Executor, line: LineKey, onlyDistricts?: readonly string[]) =>
  ex
    .select({ district: assignments.districtCode, amount: assignments.amount, actId: assignments.actId, actNumber: assignments.actNumber })
    .from(assignments)
    .where(
      and(
        eq(assignments.fundCode, line.fund),
        eq(assignments.annuality, line.year),
        eq(assignments.lineCode, line.code),
        onlyDistricts ? inArray(assignments.districtCode, [...onlyDistricts]) : undefined,
      ),
    )
    .orderBy(asc(assignments.districtCode), asc(assignments.id));

/** The codes of every registered district. */
export const districtCodes = async (ex: Executor): Promise<Set<string>> => new Set((await ex.select({ code: districts.code }).from(districts)).map((d) => d.code));

/** Whether the district already has an assignment on the line by the act numbered so. */
export const assignmentTaken = async (ex: Executor, line: LineKey, district: string, actNumber: string): Promise<boolean> =>
  (
    await ex
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.fundCode, line.fund), eq(assignments.annuality, line.year), eq(assignments.lineCode, line.code), eq(assignments.districtCode, district), eq(assignments.actNumber, actNumber)))
  ).length > 0;

export const insertAssignment = async (ex: Executor, line: LineKey, values: { district: string; actId: number; actNumber: string; amount: Cents }): Promise<void> => {
  await ex.insert(assignments).values({ fundCode: line.fund, annuality: line.year, lineCode: line.code, districtCode: values.district, actId: values.actId, actNumber: values.actNumber, amount: values.amount });
};
