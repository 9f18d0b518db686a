/**
 * The history section of `npm run bench` alone: the first import of the synthetic "all Italy"
 * folder through importExchange, timed, then its schema floor (bench/history-floor.ts), on
 * PostgreSQL (REGIA_BENCH_PG_URL) in a fresh database dropped at the end. `REGIA_BENCH_RUNS=N`
 * repeats it N times (a fresh database each time) and prints every figure and the medians.
 *
 *   node --import tsx bench/history.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.ts';
import { serviceContext } from '../src/services/context.ts';
import { bootstrap, SYSTEM } from '../src/services/bootstrap.ts';
import { importExchange } from '../src/services/imports.ts';
import { ALL_ITALY, writeSetupFolder } from './synthetic.ts';
import { openPostgres } from './engines.ts';
import { exportHistoryRows, historyFloorCopy } from './history-floor.ts';
import { load } from './machine.ts';
import { median } from './timing.ts';

const runs = Number(process.env.REGIA_BENCH_RUNS ?? '1');
const work = await mkdtemp(join(tmpdir(), 'regia-bench-history-'));
const imports: number[] = [];
const floors: number[] = [];
try {
  const dir = join(work, 'setup');
  await writeSetupFolder(dir, ALL_ITALY);
  for (let i = 0; i < runs; i++) {
    const engine = await openPostgres();
    try {
      const ctx = serviceContext(engine.database);
      await bootstrap(ctx, 'bench-only-password-not-a-secret');
      const [head] = rowsOf<{ v: number }>(await engine.database.db.execute(sql`select coalesce(max(seq), 0)::int as v from audit_entries`));
      const before = load();
      const start = performance.now();
      const result = await importExchange(ctx, SYSTEM, { kind: 'path', path: dir });
      const ms = performance.now() - start;
      if (!result.ok) throw new Error(`import refused:\n${result.errors.slice(0, 10).join('\n')}`);
      const rows = await exportHistoryRows(engine.database, head!.v);
      const floor = await historyFloorCopy(engine.database, rows);
      imports.push(ms);
      floors.push(floor);
      console.log(`run ${i + 1}: import ${(ms / 1000).toFixed(2)} s, floor ${(floor / 1000).toFixed(2)} s (${rows.rows} rows), ratio ${(ms / floor).toFixed(2)}×; load ${before} → ${load()}`);
    } finally {
      await engine.dispose();
    }
  }
  if (runs > 1) {
    const m = median(imports);
    const f = median(floors);
    console.log(`median: import ${(m / 1000).toFixed(2)} s, floor ${(f / 1000).toFixed(2)} s, ratio ${(m / f).toFixed(2)}×`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
