/** Wall-clock timing helpers (performance.now, milliseconds). */
import { performance } from 'node:perf_hooks';

export const timeIt = async <T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
};

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const rate = (rows: number, ms: number) => `${fmtInt((rows * 1000) / ms)} rows/s`;
