/**
 * Peak memory of a step. PGlite runs PostgreSQL (WebAssembly) on the main thread: a long
 * statement blocks the event loop, so process RSS is sampled every 50 ms from a worker thread
 * (RSS is process-wide) and cross-checked with the kernel's high-water mark (VmHWM, reset
 * through /proc/self/clear_refs where allowed). The JS heap (`heapUsed`) belongs to the main
 * thread and only grows while JS runs there: it is sampled every 50 ms on the main thread.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let peak = process.memoryUsage.rss();
const timer = setInterval(() => { const v = process.memoryUsage.rss(); if (v > peak) peak = v; }, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); const v = process.memoryUsage.rss(); if (v > peak) peak = v; parentPort.postMessage(peak); });
`;

export interface MemoryPeak {
  /** RSS before the step, bytes */
  rssBefore: number;
  /** highest RSS sampled every 50 ms from a worker thread */
  rssPeak: number;
  /** kernel high-water mark (VmHWM) since the reset, when it could be reset; null otherwise */
  rssHighWater: number | null;
  heapBefore: number;
  heapPeak: number;
}

const vmHwm = (): number | null => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};

/** "5" resets VmHWM to the current RSS (Linux ≥ 4.0); false when not permitted. */
const resetHighWater = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};

export const measureMemory = async <T>(run: () => Promise<T>, everyMs = 50): Promise<{ result: T; memory: MemoryPeak }> => {
  const worker = new Worker(WORKER, { eval: true, workerData: { everyMs } });
  await new Promise((resolve) => setTimeout(resolve, everyMs)); // let the worker start sampling
  const canReset = resetHighWater();
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const heapTimer = setInterval(() => {
    const h = process.memoryUsage().heapUsed;
    if (h > heapPeak) heapPeak = h;
  }, everyMs);
  try {
    const result = await run();
    const h = process.memoryUsage().heapUsed;
    if (h > heapPeak) heapPeak = h;
    clearInterval(heapTimer);
    const rssPeak = await new Promise<number>((resolve) => {
      worker.once('message', (v: number) => resolve(v));
      worker.postMessage('stop');
    });
    return { result, memory: { rssBefore, rssPeak, rssHighWater: canReset ? vmHwm() : null, heapBefore, heapPeak } };
  } finally {
    clearInterval(heapTimer);
    await worker.terminate();
  }
};

export const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
