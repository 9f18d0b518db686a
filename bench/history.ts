/**
 * The history section of `npm run bench` alone: the first import of the synthetic "all Italy"
 * folder through importExchange, timed, then its schema floor (bench/history-floor.ts), on
 * PostgreSQL (REGIA_BENCH_PG_URL) in a fresh database dropped at the end. `REGIA_BENCH_RUNS=N`
 * repeats it N times (a fresh database each time) and prints every figure and the medians.
 *
 *   node --import tsx bench/history.ts
 */
import { readFileSync } from 'node:fs';
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

/**
 * CPU seconds (user + system) the server's processes for this database have used so far, read
 * from /proc: on a shared machine the CPU an import costs moves far less than its wall time.
 * null when the server is not on this host.
 */
const serverCpu = async (database: Parameters<typeof exportHistoryRows>[0]): Promise<number | null> => {
  const pids = rowsOf<{ pid: number }>(await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`));
  let ticks = 0;
  try {
    for (const { pid } of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
};
const cpuImports: number[] = [];
const cpuServer: number[] = [];
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
      const serverBefore = await serverCpu(engine.database);
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const result = await importExchange(ctx, SYSTEM, { kind: 'path', path: dir });
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      const serverAfter = await serverCpu(engine.database);
      const nodeS = (cpu.user + cpu.system) / 1e6;
      const serverS = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
      cpuImports.push(nodeS);
      if (serverS !== null) cpuServer.push(serverS);
      if (!result.ok) throw new Error(`import refused:\n${result.errors.slice(0, 10).join('\n')}`);
      const rows = await exportHistoryRows(engine.database, head!.v);
      const floor = await historyFloorCopy(engine.database, rows);
      imports.push(ms);
      floors.push(floor);
      console.log(`run ${i + 1}: import ${(ms / 1000).toFixed(2)} s, floor ${(floor / 1000).toFixed(2)} s (${rows.rows} rows), ratio ${(ms / floor).toFixed(2)}×; CPU: Node ${nodeS.toFixed(2)} s, server ${serverS === null ? '?' : serverS.toFixed(2)} s; load ${before} → ${load()}`);
    } finally {
      await engine.dispose();
    }
  }
  if (runs > 1) {
    const m = median(imports);
    const f = median(floors);
    console.log(
      `median: import ${(m / 1000).toFixed(2)} s, floor ${(f / 1000).toFixed(2)} s, ratio ${(m / f).toFixed(2)}×; CPU: Node ${median(cpuImports).toFixed(2)} s, server ${cpuServer.length ? median(cpuServer).toFixed(2) : '?'} s`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
