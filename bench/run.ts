/**
 * `npm run bench`: Regia's performance figures, measured in one run on each engine (PGlite in a
 * temporary folder, then PostgreSQL in a fresh database dropped at the end). Not a test: it
 * never fails on a missed target, it prints figures, ratios and the targets beside them.
 *
 * Environment:
 *   REGIA_BENCH_LINES       expense lines of the import-vs-COPY comparison (default 1,000,000)
 *   REGIA_BENCH_BIG_LINES   expense lines in the database at the large compliance point (default 6,000,000)
 *   REGIA_BENCH_QUICK=1     everything at 1/100 scale (lines and districts), for a smoke run
 *   REGIA_BENCH_PG_URL      PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 *   REGIA_BENCH_ENGINES     pglite,postgres (default both)
 *   REGIA_BENCH_JSON        write every figure as JSON to this file as well
 */
import { rmSync } from 'node:fs';
import { mkdir, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/db/client.ts';
import { serviceContext, type ServiceContext } from '../src/services/context.ts';
import { bootstrap, SYSTEM } from '../src/services/bootstrap.ts';
import { importExchange } from '../src/services/imports.ts';
import { readFolder } from '../src/exchange/read-folder.ts';
import { compliance } from '../src/services/funds/readouts.ts';
import { ALL_ITALY, writeExpenses, writeSetupFolder, type Shape, type SetupSummary } from './synthetic.ts';
import { BARE_TABLE, createBareTable, dropBareTable, openPglite, openPostgres, postgresReachable, rawCopy, schemaFloorCopy, PG_URL, type BenchEngine } from './engines.ts';
import { writeConverted } from './convert.ts';
import { HISTORY_TABLES, exportHistoryRows, historyFloorCopy } from './history-floor.ts';
import { EXPENSE_COPY_COLUMNS } from '../src/exchange/expense-scan.ts';
import { measureMemory, mb, type MemoryPeak } from './memory.ts';
import { benchPerformanceReport, benchPerformanceReportService, type ReportTimings, type ServiceReportTimings } from './performance-report.ts';
import { load, machine } from './machine.ts';
import { fmtInt, fmtMs, median, rate, timeIt } from './timing.ts';
import { table } from './table.ts';
import { benchThroughput } from './throughput.ts';

// ── configuration ───────────────────────────────────────────────────────────

const intEnv = (name: string, fallback: number) => {
  const v = process.env[name];
  if (!v) return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
};

const QUICK = process.env.REGIA_BENCH_QUICK === '1';
const DIV = QUICK ? 100 : 1;
const config = {
  quick: QUICK,
  shape: (QUICK ? { ...ALL_ITALY, districts: ALL_ITALY.districts / DIV } : ALL_ITALY) as Shape,
  smallLines: Math.max(1, Math.floor(60_000 / DIV)),
  importLines: Math.max(1, Math.floor(intEnv('REGIA_BENCH_LINES', 1_000_000) / DIV)),
  bigLines: Math.max(1, Math.floor(intEnv('REGIA_BENCH_BIG_LINES', 6_000_000) / DIV)),
  /** lines per import folder while filling up to the large point (the reader keeps each file's keys) */
  fillChunk: Math.max(1, Math.floor(1_000_000 / DIV)),
  complianceCalls: 20,
  reportRuns: 5,
  engines: (process.env.REGIA_BENCH_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim().toLowerCase()),
  fund: 'F01',
  annuality: 2022,
};

const TARGET = { importRatio: 2, complianceMs: 100, complianceRatio: 1.5, reportMs: 1000, historyMs: 10_000, historyFloorRatio: 2 };
const ADMIN_PASSWORD = 'bench-only-password-not-a-secret';

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);

// ── steps ───────────────────────────────────────────────────────────────────

interface ImportFigures {
  lines: number;
  bytes: number;
  ms: number;
  memory: MemoryPeak;
}

interface ComplianceFigures {
  linesInDatabase: number;
  linesInFundAnnuality: number;
  calls: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** the same sums by scanning expense_lines (what a read-out without running totals would cost) */
  scanMedianMs: number;
  scanMatches: boolean;
}

interface EngineFigures {
  engine: string;
  version: string;
  where: string;
  /** the history import (registry and money), and its schema floor: the rows it stored COPYed into empty copies of their tables */
  setup: SetupSummary & { ms: number; floorMs: number; floorRows: number };
  smallImport: ImportFigures;
  copy: ImportFigures;
  /** the converted rows into a table shaped like expense_lines, indexes built after: the schema's floor */
  floor: { ms: number };
  import: ImportFigures;
  fill: { lines: number; ms: number; chunks: { lines: number; ms: number }[] };
  complianceSmall: ComplianceFigures;
  complianceBig: ComplianceFigures;
  totalLines: number;
  totalsConsistent: boolean;
  /** the performance report through src/services/performance/ (PGlite only) */
  reportService?: ServiceReportTimings;
  loadBefore: string;
  loadAfter: string;
  ms: number;
}

const importFolder = async (ctx: ServiceContext, folder: string) => {
  const result = await importExchange(ctx, SYSTEM, { kind: 'path', path: folder });
  if (!result.ok) throw new Error(`import of ${folder} rejected:\n${result.errors.slice(0, 10).join('\n')}`);
  return result;
};

/** Writes a folder with one synthetic spese.csv and imports it through importExchange, timed. */
const importExpenses = async (ctx: ServiceContext, work: string, name: string, from: number, count: number): Promise<ImportFigures> => {
  const folder = join(work, name);
  await mkdir(folder, { recursive: true });
  const bytes = await writeExpenses(join(folder, 'spese.csv'), { from, count }, config.shape);
  const { result, memory } = await measureMemory(() => timeIt(() => importFolder(ctx, folder)));
  const added = result.result.counts.spese?.added ?? 0;
  if (added !== count) throw new Error(`${name}: ${added} expense lines stored, ${count} expected`);
  await rm(folder, { recursive: true, force: true });
  return { lines: count, bytes, ms: result.ms, memory };
};

const scalar = async (database: Database, query: ReturnType<typeof sql>) => Number(rowsOf<{ v: string | number | null }>(await database.db.execute(query))[0]?.v ?? 0);

const measureCompliance = async (ctx: ServiceContext, linesInDatabase: number): Promise<ComplianceFigures> => {
  const { fund, annuality } = config;
  for (let i = 0; i < 3; i++) await compliance(ctx, SYSTEM, fund, annuality); // warm-up
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof compliance>> | undefined;
  for (let i = 0; i < config.complianceCalls; i++) {
    const t = await timeIt(() => compliance(ctx, SYSTEM, fund, annuality));
    times.push(t.ms);
    last = t.result;
  }
  const linesInFundAnnuality = await scalar(ctx.database, sql`select coalesce(sum(expense_lines), 0) as v from district_fund_totals where fund_code = ${fund} and annuality = ${annuality}`);
  // informational: the same reported total by scanning the lines
  const scanTimes: number[] = [];
  let scanned = -1;
  for (let i = 0; i < 5; i++) {
    const t = await timeIt(() => scalar(ctx.database, sql`select coalesce(sum(amount), 0) as v from (select district_code, sum(amount) as amount from expense_lines where fund_code = ${fund} and annuality = ${annuality} group by district_code) s`));
    scanTimes.push(t.ms);
    scanned = t.result;
  }
  return {
    linesInDatabase,
    linesInFundAnnuality,
    calls: times.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    scanMedianMs: median(scanTimes),
    scanMatches: last !== undefined && Number(last.reported) === scanned,
  };
};

/** The comparison file, written once and used by every engine (deterministic anyway). */
interface SharedFile {
  dir: string;
  file: string;
  bytes: number;
  /** the same rows converted (cents, ISO dates), no header: for the schema floor */
  converted: string;
}

const runEngine = async (engine: BenchEngine, shared: SharedFile): Promise<EngineFigures> => {
  const t0 = Date.now();
  const ctx = serviceContext(engine.database);
  const work = await mkdtemp(join(tmpdir(), 'regia-bench-files-'));
  try {
    const loadBefore = load();
    await bootstrap(ctx, ADMIN_PASSWORD);
    const version = await engine.version();
    log(`${engine.label}: ${version}, ${engine.where}; load average ${loadBefore}`);

    // 0. the performance report through the service, reading the plan from the database (PGlite)
    let reportService: ServiceReportTimings | undefined;
    if (engine.database.engine === 'pglite') {
      reportService = await benchPerformanceReportService(ctx, config.reportRuns);
      log(`${engine.label}: performance report via services: importPlan ${fmtMs(reportService.importMs)}, reportDocx ${fmtMs(reportService.docxMs)}, reportPdf ${fmtMs(reportService.pdfMs)}`);
    }

    // 1. registry and money of "all Italy" (synthetic)
    const setupDir = join(work, 'setup');
    const summary = await writeSetupFolder(setupDir, config.shape);
    log(`${engine.label}: setup import (${summary.districts} districts, ${summary.municipalities} municipalities, ${summary.annualities} annualities, ${summary.lines} lines, ${fmtInt(summary.assignments)} assignments, ${fmtInt(summary.disbursements)} disbursements)…`);
    const auditFrom = await scalar(engine.database, sql`select coalesce(max(seq), 0) as v from audit_entries`);
    const setup = await timeIt(() => importFolder(ctx, setupDir));
    log(`${engine.label}: history imported in ${fmtMs(setup.ms)}; its schema floor…`);
    const historyRows = await exportHistoryRows(engine.database, auditFrom);
    const historyFloorMs = await historyFloorCopy(engine.database, historyRows);
    log(`${engine.label}: history schema floor ${fmtMs(historyFloorMs)} (${fmtInt(historyRows.rows)} rows); import / floor ${(setup.ms / historyFloorMs).toFixed(2)}×`);

    // 2. the small point: 60,000 lines, then the compliance read-out
    const { smallLines, importLines, bigLines } = config;
    const smallImport = await importExpenses(ctx, work, 'small', 0, smallLines);
    log(`${engine.label}: ${fmtInt(smallLines)} lines imported in ${fmtMs(smallImport.ms)}`);
    const complianceSmall = await measureCompliance(ctx, smallLines);
    log(`${engine.label}: compliance at ${fmtInt(smallLines)} lines: median ${fmtMs(complianceSmall.medianMs)}`);

    // 3. import vs raw COPY of the same file
    const { dir: cmpDir, file: cmpFile, bytes } = shared;
    log(`${engine.label}: raw COPY of ${fmtInt(importLines)} lines (${mb(bytes)})…`);
    await createBareTable(engine.database);
    const copyRun = await measureMemory(() => timeIt(() => rawCopy(engine.database, cmpFile)));
    const copied = await scalar(engine.database, sql.raw(`select count(*) as v from ${BARE_TABLE}`));
    if (copied !== importLines) throw new Error(`raw COPY stored ${copied} rows, ${importLines} expected`);
    await dropBareTable(engine.database);
    const copy: ImportFigures = { lines: importLines, bytes, ms: copyRun.result.ms, memory: copyRun.memory };
    log(`${engine.label}: raw COPY ${fmtMs(copy.ms)} (${rate(importLines, copy.ms)}); schema floor…`);
    const floorRun = await timeIt(() => schemaFloorCopy(engine.database, shared.converted, EXPENSE_COPY_COLUMNS));
    if (floorRun.result !== importLines) throw new Error(`schema floor stored ${floorRun.result} rows, ${importLines} expected`);
    const floor = { ms: floorRun.ms };
    log(`${engine.label}: schema floor ${fmtMs(floor.ms)} (${(floor.ms / copy.ms).toFixed(2)}× the raw COPY); importExchange…`);
    const imp = await measureMemory(() => timeIt(() => importFolder(ctx, cmpDir)));
    const added = imp.result.result.counts.spese?.added ?? 0;
    if (added !== importLines) throw new Error(`import stored ${added} lines, ${importLines} expected`);
    const importFig: ImportFigures = { lines: importLines, bytes, ms: imp.result.ms, memory: imp.memory };
    log(`${engine.label}: importExchange ${fmtMs(importFig.ms)} (${rate(importLines, importFig.ms)}), ratio ${(importFig.ms / copy.ms).toFixed(2)}× the raw COPY, ${(importFig.ms / floor.ms).toFixed(2)}× the schema floor`);

    // 4. fill up to the large point through the same import path, in folders of ≤ fillChunk lines
    let total = smallLines + importLines;
    const fill = { lines: 0, ms: 0, chunks: [] as { lines: number; ms: number }[] };
    let part = 0;
    while (total < bigLines) {
      const count = Math.min(config.fillChunk, bigLines - total);
      const f = await importExpenses(ctx, work, `fill-${part++}`, total, count);
      total += count;
      fill.lines += count;
      fill.ms += f.ms;
      fill.chunks.push({ lines: count, ms: f.ms });
      log(`${engine.label}: fill ${fmtInt(count)} lines in ${fmtMs(f.ms)} (${rate(count, f.ms)}), ${fmtInt(total)} in the database`);
    }
    if (total > bigLines) log(`${engine.label}: note: already ${fmtInt(total)} lines before the large point of ${fmtInt(bigLines)}`);

    // 5. the large point
    const complianceBig = await measureCompliance(ctx, total);
    log(`${engine.label}: compliance at ${fmtInt(total)} lines: median ${fmtMs(complianceBig.medianMs)}`);

    const stored = await scalar(engine.database, sql`select count(*) as v from expense_lines`);
    const counted = await scalar(engine.database, sql`select coalesce(sum(expense_lines), 0) as v from district_fund_totals`);
    return {
      engine: engine.label,
      version,
      where: engine.where,
      setup: { ...summary, ms: setup.ms, floorMs: historyFloorMs, floorRows: historyRows.rows },
      smallImport,
      copy,
      floor,
      import: importFig,
      fill,
      complianceSmall,
      complianceBig,
      totalLines: stored,
      totalsConsistent: stored === total && counted === total,
      reportService,
      loadBefore,
      loadAfter: load(),
      ms: Date.now() - t0,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};

// ── report ──────────────────────────────────────────────────────────────────

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

const engineTable = (f: EngineFigures): string => {
  const pg = f.engine === 'PostgreSQL';
  const ratio = f.import.ms / f.copy.ms;
  const cRatio = f.complianceBig.medianMs / f.complianceSmall.medianMs;
  const fullScale = f.complianceBig.linesInDatabase >= 6_000_000;
  const mem = (m: MemoryPeak) =>
    `RSS ${mb(m.rssBefore)} → peak ${mb(m.rssPeak)} (kernel high-water ${mb(m.rssHighWater)}); JS heap ${mb(m.heapBefore)} → peak ${mb(m.heapPeak)}`;
  const fillRate = f.fill.lines ? rate(f.fill.lines, f.fill.ms) : '—';
  const firstLast = f.fill.chunks.length > 1 ? ` (first folder ${rate(f.fill.chunks[0]!.lines, f.fill.chunks[0]!.ms)}, last ${rate(f.fill.chunks.at(-1)!.lines, f.fill.chunks.at(-1)!.ms)})` : '';
  const rows: string[][] = [
    [
      'history import (registry + money, importExchange)',
      fmtMs(f.setup.ms),
      `${f.setup.districts} districts, ${fmtInt(f.setup.municipalities)} municipalities, ${f.setup.funds} funds, ${f.setup.annualities} annualities, ${f.setup.lines} lines, ${fmtInt(f.setup.assignments)} assignments, ${fmtInt(f.setup.disbursements)} disbursements; target ≤ ${TARGET.historyMs / 1000} s on PostgreSQL`,
      pg ? verdict(f.setup.ms <= TARGET.historyMs) : 'n/a (target is for PostgreSQL)',
    ],
    ['  history schema floor: the rows it stored COPYed into empty copies of their tables, indexes built and foreign keys validated after', fmtMs(f.setup.floorMs), `${fmtInt(f.setup.floorRows)} rows in ${HISTORY_TABLES.length} tables, audit entries included`, '—'],
    ['  ratio history import / its schema floor', `${(f.setup.ms / f.setup.floorMs).toFixed(2)}×`, `target ≤ ${TARGET.historyFloorRatio}× on PostgreSQL`, pg ? verdict(f.setup.ms / f.setup.floorMs <= TARGET.historyFloorRatio) : 'n/a (target is for PostgreSQL)'],
    [`raw COPY, ${fmtInt(f.copy.lines)} lines (${mb(f.copy.bytes)}) into a bare table`, fmtMs(f.copy.ms), rate(f.copy.lines, f.copy.ms), '—'],
    [`importExchange, same ${fmtInt(f.import.lines)} lines`, fmtMs(f.import.ms), rate(f.import.lines, f.import.ms), '—'],
    ['ratio import / COPY', `${ratio.toFixed(2)}×`, `target ≤ ${TARGET.importRatio}× on PostgreSQL`, pg ? verdict(ratio <= TARGET.importRatio) : 'n/a (target is for PostgreSQL)'],
    ['  schema floor: the converted rows COPYed into a table like expense_lines, its 3 indexes built after', fmtMs(f.floor.ms), `${(f.floor.ms / f.copy.ms).toFixed(2)}× the raw COPY: the database work alone, no reading or checking`, '—'],
    ['  ratio import / schema floor', `${(f.import.ms / f.floor.ms).toFixed(2)}×`, 'the cost of reading and checking the CSV, the totals and the receipt', '—'],
    [`compliance ${config.fund} ${config.annuality}, ${fmtInt(f.complianceSmall.linesInDatabase)} lines in DB (${fmtInt(f.complianceSmall.linesInFundAnnuality)} of it)`, fmtMs(f.complianceSmall.medianMs), `median of ${f.complianceSmall.calls} (min ${fmtMs(f.complianceSmall.minMs)}, max ${fmtMs(f.complianceSmall.maxMs)})`, '—'],
    [`compliance ${config.fund} ${config.annuality}, ${fmtInt(f.complianceBig.linesInDatabase)} lines in DB (${fmtInt(f.complianceBig.linesInFundAnnuality)} of it)`, fmtMs(f.complianceBig.medianMs), `median of ${f.complianceBig.calls} (min ${fmtMs(f.complianceBig.minMs)}, max ${fmtMs(f.complianceBig.maxMs)}); target ≤ ${TARGET.complianceMs} ms on PostgreSQL at 6,000,000`, pg ? (fullScale ? verdict(f.complianceBig.medianMs <= TARGET.complianceMs) : `${verdict(f.complianceBig.medianMs <= TARGET.complianceMs)} (below full scale)`) : 'n/a (target is for PostgreSQL)'],
    ['ratio compliance large / small', `${cRatio.toFixed(2)}×`, `target ≤ ${TARGET.complianceRatio}`, verdict(cRatio <= TARGET.complianceRatio)],
    ['  for contrast: the same sums by scanning expense_lines', `${fmtMs(f.complianceSmall.scanMedianMs)} → ${fmtMs(f.complianceBig.scanMedianMs)}`, `median of 5 at each size; equals the read-out: ${f.complianceSmall.scanMatches && f.complianceBig.scanMatches ? 'yes' : 'NO'}`, 'not used by the read-out'],
    [`memory, importExchange of ${fmtInt(f.smallImport.lines)} lines`, mb(Math.max(f.smallImport.memory.rssPeak, f.smallImport.memory.rssHighWater ?? 0)), mem(f.smallImport.memory), '—'],
    [`memory, importExchange of ${fmtInt(f.import.lines)} lines (${mb(f.import.bytes)} file)`, mb(Math.max(f.import.memory.rssPeak, f.import.memory.rssHighWater ?? 0)), mem(f.import.memory), '—'],
    [`memory, raw COPY of ${fmtInt(f.copy.lines)} lines`, mb(Math.max(f.copy.memory.rssPeak, f.copy.memory.rssHighWater ?? 0)), mem(f.copy.memory), '—'],
    [`fill to the large point through importExchange (${f.fill.chunks.length} folders)`, f.fill.lines ? fmtMs(f.fill.ms) : '—', `${fmtInt(f.fill.lines)} lines, ${fillRate}${firstLast}`, '—'],
    ...(f.reportService
      ? [
          ['performance report via src/services/performance/: reportDocx (reads the plan from the DB)', fmtMs(f.reportService.docxMs), `median of ${f.reportService.runs}; importPlan took ${fmtMs(f.reportService.importMs)}`, `≤ ${TARGET.reportMs} ms: ${verdict(f.reportService.docxMs <= TARGET.reportMs)}`],
          ['performance report via src/services/performance/: reportPdf', fmtMs(f.reportService.pdfMs), `median of ${f.reportService.runs}`, `≤ ${TARGET.reportMs} ms: ${verdict(f.reportService.pdfMs <= TARGET.reportMs)}`],
        ]
      : []),
    ['expense lines stored / running totals consistent', fmtInt(f.totalLines), f.totalsConsistent ? 'count(*) = Σ district_fund_totals.expense_lines = lines imported' : 'INCONSISTENT', '—'],
  ];
  const memNote = pg ? '\n   memory rows: the Node process only (the PostgreSQL server is a separate process, not measured)' : '\n   memory rows: the Node process, which includes PGlite\'s WebAssembly PostgreSQL';
  return `\n== ${f.engine}: ${f.version} — ${f.where}; engine total ${fmtMs(f.ms)}; load average ${f.loadBefore} before, ${f.loadAfter} after${memNote}\n${table(['measure', 'value', 'detail', 'target'], rows)}`;
};

const reportTable = (r: ReportTimings) =>
  `\n== Performance report (engine-independent): synthetic plan ${r.centres} centres × ${r.objectives / r.centres} objectives, ${r.activities} activities, ${r.indicators} indicators; median of ${r.runs} runs after a warm-up\n` +
  `   timed: ${r.source}\n` +
  table(
    ['step', 'median', 'target', 'verdict'],
    [
      ['scorePlan', fmtMs(r.scorePlanMs), `≤ ${TARGET.reportMs} ms`, verdict(r.scorePlanMs <= TARGET.reportMs)],
      ['buildPerformanceReportModel', fmtMs(r.modelMs), '—', '—'],
      [`performanceReportDocx (${fmtInt(r.docxBytes / 1024)} KiB)`, fmtMs(r.docxMs), `≤ ${TARGET.reportMs} ms`, verdict(r.docxMs <= TARGET.reportMs)],
      [`performanceReportPdf (${fmtInt(r.pdfBytes / 1024)} KiB)`, fmtMs(r.pdfMs), `≤ ${TARGET.reportMs} ms`, verdict(r.pdfMs <= TARGET.reportMs)],
    ],
  );

// ── main ────────────────────────────────────────────────────────────────────

const main = async () => {
  const m = machine();
  console.log('Regia benchmark — figures on SYNTHETIC data (no real district, fund or expense): ratios are measured in the same run on the same engine.');
  console.log(`date ${new Date().toISOString()}; load average (1/5/15 min) ${load()}; machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, ${m.os}; Node ${m.node}; @electric-sql/pglite ${m.pglite}, pg ${m.pg}, pg-copy-streams ${m.pgCopyStreams}, drizzle-orm ${m.drizzle}`);
  console.log(
    `scale${config.quick ? ' (REGIA_BENCH_QUICK=1: 1/100)' : ''}: ${config.shape.districts} districts, ${config.shape.funds} funds × ${config.shape.years.length} annualities; ` +
      `compliance at ${fmtInt(config.smallLines)} and ${fmtInt(config.bigLines)} expense lines; import vs COPY of ${fmtInt(config.importLines)} lines`,
  );
  if (config.smallLines + config.importLines > config.bigLines) console.log(`note: the large point cannot be below ${fmtInt(config.smallLines + config.importLines)} lines (small point + comparison)`);
  // read throughput (bench/throughput.ts); REGIA_BENCH_ONLY=throughput runs only that section
  const throughput = () => benchThroughput({ quick: config.quick, engines: config.engines, importLines: config.importLines, log });
  if (process.env.REGIA_BENCH_ONLY === 'throughput') return void (await throughput());

  const results: { machine: typeof m; config: typeof config; engines: EngineFigures[]; skipped: string[]; report?: ReportTimings; reader?: ImportFigures } = {
    machine: m,
    config,
    engines: [],
    skipped: [],
  };

  const sharedDir = await mkdtemp(join(tmpdir(), 'regia-bench-compare-'));
  process.once('exit', () => rmSync(sharedDir, { recursive: true, force: true }));
  const shared: SharedFile = { dir: sharedDir, file: join(sharedDir, 'spese.csv'), bytes: 0, converted: join(sharedDir, 'converted', 'spese-cents.csv') };
  const gen = await timeIt(() => writeExpenses(shared.file, { from: config.smallLines, count: config.importLines }, config.shape));
  shared.bytes = gen.result;
  log(`generated the comparison spese.csv: ${fmtInt(config.importLines)} synthetic lines, ${mb(shared.bytes)}, in ${fmtMs(gen.ms)} (streamed)`);
  // outside the import's folder: a file there with another name would be an error
  await mkdir(join(sharedDir, 'converted'));
  const converted = await writeConverted(shared.file, shared.converted);
  if (converted !== config.importLines) throw new Error(`conversion: ${converted} lines, ${config.importLines} expected`);
  // the reader alone (no database): how much of an import is parsing and checking the CSV in JS
  let readLines = 0;
  const reader = await measureMemory(() =>
    timeIt(() =>
      readFolder(sharedDir, {
        onExpenseBatch: (batch) => {
          readLines += batch.length;
        },
      }),
    ),
  );
  if (reader.result.result.errors.length || readLines !== config.importLines) throw new Error(`reader: ${readLines} lines, errors ${reader.result.result.errors.slice(0, 3).join('; ')}`);
  results.reader = { lines: readLines, bytes: shared.bytes, ms: reader.result.ms, memory: reader.memory };
  log(`reader alone (readFolder, no database): ${fmtMs(reader.result.ms)} (${rate(readLines, reader.result.ms)}); heap ${mb(reader.memory.heapBefore)} → peak ${mb(reader.memory.heapPeak)}`);

  log('performance report…');
  results.report = await benchPerformanceReport(config.reportRuns);
  console.log(reportTable(results.report));

  if (config.engines.includes('pglite')) {
    const engine = await openPglite();
    try {
      const f = await runEngine(engine, shared);
      results.engines.push(f);
      console.log(engineTable(f));
    } finally {
      await engine.dispose();
    }
  }
  if (config.engines.includes('postgres')) {
    const reach = await postgresReachable();
    if (!reach.ok) {
      const why = `PostgreSQL part skipped: ${PG_URL.replace(/\/\/[^@]*@/, '//…@')} unreachable (${reach.reason}). Set REGIA_BENCH_PG_URL to a server where this role may CREATE DATABASE.`;
      results.skipped.push(why);
      console.log(`\n== ${why}`);
    } else {
      const engine = await openPostgres();
      try {
        const f = await runEngine(engine, shared);
        results.engines.push(f);
        console.log(engineTable(f));
      } finally {
        await engine.dispose();
      }
    }
  }

  await rm(sharedDir, { recursive: true, force: true });
  if (results.reader) {
    const r = results.reader;
    console.log(
      `\n== Reader alone (engine-independent): readFolder over the same ${fmtInt(r.lines)}-line spese.csv (${mb(r.bytes)}), batches discarded: ` +
        `${fmtMs(r.ms)}, ${rate(r.lines, r.ms)}; JS heap ${mb(r.memory.heapBefore)} → peak ${mb(r.memory.heapPeak)}, RSS peak ${mb(Math.max(r.memory.rssPeak, r.memory.rssHighWater ?? 0))}`,
    );
    for (const e of results.engines) {
      console.log(`   ${e.engine}: the reader is ${((100 * r.ms) / e.import.ms).toFixed(0)}% of the import's ${fmtMs(e.import.ms)}; the raw COPY takes ${fmtMs(e.copy.ms)}`);
    }
  }
  if (results.engines.length > 1) {
    console.log('\n== Summary');
    console.log(
      table(
        ['', ...results.engines.map((e) => e.engine)],
        [
          ['history import (target ≤ 10 s on PostgreSQL)', ...results.engines.map((e) => fmtMs(e.setup.ms))],
          ['history import / its schema floor (target ≤ 2× on PostgreSQL)', ...results.engines.map((e) => `${(e.setup.ms / e.setup.floorMs).toFixed(2)}×`)],
          ['import rows/s', ...results.engines.map((e) => rate(e.import.lines, e.import.ms))],
          ['raw COPY rows/s', ...results.engines.map((e) => rate(e.copy.lines, e.copy.ms))],
          ['import / COPY (target ≤ 2× on PostgreSQL)', ...results.engines.map((e) => `${(e.import.ms / e.copy.ms).toFixed(2)}×`)],
          ['schema floor / COPY', ...results.engines.map((e) => `${(e.floor.ms / e.copy.ms).toFixed(2)}×`)],
          ['import / schema floor', ...results.engines.map((e) => `${(e.import.ms / e.floor.ms).toFixed(2)}×`)],
          [`compliance median, ${fmtInt(config.smallLines)} lines`, ...results.engines.map((e) => fmtMs(e.complianceSmall.medianMs))],
          [`compliance median, ${fmtInt(config.bigLines)} lines (target ≤ 100 ms on PostgreSQL)`, ...results.engines.map((e) => fmtMs(e.complianceBig.medianMs))],
          ['compliance large / small (target ≤ 1.5)', ...results.engines.map((e) => `${(e.complianceBig.medianMs / e.complianceSmall.medianMs).toFixed(2)}×`)],
          ['import peak RSS / heap', ...results.engines.map((e) => `${mb(Math.max(e.import.memory.rssPeak, e.import.memory.rssHighWater ?? 0))} / ${mb(e.import.memory.heapPeak)}`)],
        ],
      ),
    );
  }
  await throughput();
  if (process.env.REGIA_BENCH_JSON) {
    await writeFile(process.env.REGIA_BENCH_JSON, JSON.stringify(results, null, 2));
    log(`figures written to ${process.env.REGIA_BENCH_JSON}`);
  }
  log('done');
};

main().catch((e: unknown) => {
  // temporary folders are under $TMPDIR/regia-bench-*; the PostgreSQL database is dropped by dispose()
  console.error(e);
  process.exitCode = 1;
});
