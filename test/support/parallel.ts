/**
 * Fires requests at the same moment, for concurrency tests. Each call starts before any is
 * awaited, so on PostgreSQL (a pool of real connections) their transactions truly overlap.
 */
import type { LightMyRequestResponse } from 'fastify';

/** Starts `n` calls of `fn` at once and waits for all of them, in order of `i`. */
export const atOnce = <T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

/** How many answers had each status code, e.g. `{ 200: 1, 409: 7 }`. */
export const statusCounts = (responses: readonly LightMyRequestResponse[]): Record<number, number> => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
  return counts;
};

/** The bodies of answers outside the expected codes, to show in a failed assertion. */
export const unexpected = (responses: readonly LightMyRequestResponse[], expected: readonly number[]): string[] =>
  responses.filter((r) => !expected.includes(r.statusCode)).map((r) => `${r.statusCode} ${r.body}`);
