import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { brokenLimits, recountMismatches } from '../support/parallel.ts';
import { rowsOf } from '../../src/db/client.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { verifyExpenseLine, requestCorrection, decideCorrection } from '../../src/services/funds/review.ts';
import { addExpenseLine, submitReport } from '../../src/services/funds/reporting.ts';
import { assignLine, disburse, programLine } from '../../src/services/funds/programming.ts';
import { createAct } from '../../src/services/acts.ts';
import { cents } from '../../src/domain/money.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/domain/auth/actor.ts';

const DISTRICTS = ['D01', 'D02', 'D03'];
const officer: Actor = { kind: 'user', userId: 0, username: 'prova', role: 'region_officer', districts: [], body: null, centres: [] };

type Step =
  | { kind: 'import'; lines: { district: number; amount: number; recognised: number | null }[] }
  | { kind: 'verify'; pick: number; action: 'recognise_all' | 'recognise_part' | 'reject' | 'reopen'; share: number }
  | { kind: 'correct'; pick: number; amount: number; accept: boolean }
  | { kind: 'report'; district: number; amounts: number[] }
  /** an assignment to a district on one of the lines programmed for the sequence */
  | { kind: 'assign'; district: number; line: number; amount: number }
  | { kind: 'disburse'; district: number; amount: number };

/** A step, or a batch of steps fired at the same moment (on PostgreSQL their transactions overlap). */
type Op = Step | { kind: 'batch'; steps: Step[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    lines: fc.array(fc.record({ district: fc.nat(2), amount: fc.integer({ min: 1, max: 10_000_000 }), recognised: fc.option(fc.nat(100), { nil: null }) }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('verify' as const), pick: fc.nat(), action: fc.constantFrom('recognise_all' as const, 'recognise_part' as const, 'reject' as const, 'reopen' as const), share: fc.nat(100) }),
  fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 10_000_000 }), accept: fc.boolean() }),
  fc.record({ kind: fc.constant('report' as const), district: fc.nat(2), amounts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 3 }) }),
  // a line is € 100.000,00: a few assignments fit, more are refused
  fc.record({ kind: fc.constant('assign' as const), district: fc.nat(2), line: fc.nat(1), amount: fc.integer({ min: 1, max: 6_000_000 }) }),
  fc.record({ kind: fc.constant('disburse' as const), district: fc.nat(2), amount: fc.integer({ min: 1, max: 4_000_000 }) }),
);

const op: fc.Arbitrary<Op> = fc.oneof(step, step, fc.record({ kind: fc.constant('batch' as const), steps: fc.array(step, { minLength: 2, maxLength: 8 }) }));

const LINE_AMOUNT = 10_000_000;

describe(`running totals (${testEngine})`, () => {
  let t: TestApp;
  let counter = 0;
  let year = 2000;
  let sequence = 0;
  const newAct = async (type: 'DD' | 'DGR') => (await createAct(t.ctx, SYSTEM, { type, number: `PROP-${++counter}`, date: '2022-06-01' })).id;
  before(async () => {
    t = await testApp();
    for (const d of DISTRICTS) await aDistrict(t.database, d);
    const dir = mkdtempSync(join(tmpdir(), 'regia-prop-'));
    writeFileSync(join(dir, 'fondi.csv'), 'codice;nome;fonte;regola_75\nFNPS;Fondo;nazionale;si\n');
    writeFileSync(join(dir, 'annualita.csv'), 'fondo;annualita;importo;atto_tipo;atto_numero;atto_data\nFNPS;2022;100000000;DM;1;2022-01-10\n');
    const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
    assert.ok(r.ok);
  });
  after(() => t.close());

  const submittedIds = async () =>
    rowsOf<{ id: number | string }>(await t.database.db.execute(sql`select id from expense_lines where submitted order by id`)).map((r) => Number(r.id));

  const run = async (o: Op): Promise<void> => {
    if (o.kind === 'batch') {
      await Promise.all(o.steps.map(run));
      return;
    }
    try {
      if (o.kind === 'assign') {
        const amounts = [{ district: DISTRICTS[o.district]!, amount: cents(o.amount) }];
        await assignLine(t.ctx, SYSTEM, 'FNPS', 2022, `S${sequence}-${o.line}`, { criterion: 'amounts', amounts, actId: await newAct('DD') });
      } else if (o.kind === 'disburse') {
        await disburse(t.ctx, SYSTEM, 'FNPS', 2022, { district: DISTRICTS[o.district]!, amount: cents(o.amount), paidOn: '2022-09-01', actId: await newAct('DD') });
      } else if (o.kind === 'import') {
        const dir = mkdtempSync(join(tmpdir(), 'regia-prop-'));
        const rows = o.lines.map((l) => {
          const recognised = l.recognised === null ? '' : String(Math.floor((l.amount * l.recognised) / 100) / 100);
          return `${DISTRICTS[l.district]};DOC-${++counter};FNPS;2022;A1;prova;${l.amount / 100};2023-01-01;${recognised}`;
        });
        writeFileSync(join(dir, 'spese.csv'), `distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\n${rows.join('\n')}\n`);
        const r = await importExchange(t.ctx, SYSTEM, { kind: 'path', path: dir });
        assert.ok(r.ok, JSON.stringify(r));
      } else if (o.kind === 'verify' || o.kind === 'correct') {
        const ids = await submittedIds();
        if (ids.length === 0) return;
        const id = ids[o.pick % ids.length]!;
        if (o.kind === 'verify') {
          const [line] = rowsOf<{ amount: string }>(await t.database.db.execute(sql`select amount from expense_lines where id = ${id}`));
          const part = (BigInt(line!.amount) * BigInt(o.share)) / 100n;
          const input = o.action === 'recognise_part' ? { action: o.action, recognised: cents(part) } : o.action === 'reject' ? { action: o.action, reason: 'non ammissibile' } : { action: o.action };
          await verifyExpenseLine(t.ctx, officer, id, input);
        } else {
          const req = await requestCorrection(t.ctx, SYSTEM, id, { amount: cents(o.amount), reason: 'rettifica di prova' });
          await decideCorrection(t.ctx, officer, req.id, { accept: o.accept, note: 'deciso' });
        }
      } else {
        const district = DISTRICTS[o.district]!;
        const y = ++year;
        for (const amount of o.amounts) {
          await addExpenseLine(t.ctx, SYSTEM, district, y, { document: `R-${++counter}`, fund: 'FNPS', annuality: 2022, area: 'B2', description: 'bozza', amount: cents(amount), paidOn: `${y}-05-05` });
        }
        await submitReport(t.ctx, SYSTEM, district, y);
      }
    } catch (e) {
      // refusals by the rules (e.g. reopening a pending line) are part of the game; nothing else is
      if (!(e instanceof DomainError)) throw e;
    }
  };

  it('equal a recount from the lines after any sequence of imports, verifications, corrections, reports, assignments and disbursements, one at a time or at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        // two fresh lines for the sequence's assignments
        sequence++;
        const dgr = await newAct('DGR');
        for (const line of [0, 1]) await programLine(t.ctx, SYSTEM, 'FNPS', 2022, { code: `S${sequence}-${line}`, description: 'linea', amount: cents(LINE_AMOUNT), actId: dgr });
        for (const o of ops) await run(o);
        const recount = rowsOf<{ k: string }>(
          await t.database.db.execute(
            sql`select district_code || '/' || sum(amount) || '/' || coalesce(sum(recognised), 0) || '/' || count(*) as k from expense_lines where submitted group by district_code, fund_code, annuality order by 1`,
          ),
        ).map((r) => r.k);
        const totals = rowsOf<{ k: string }>(
          await t.database.db.execute(sql`select district_code || '/' || reported || '/' || recognised || '/' || expense_lines as k from district_fund_totals where expense_lines > 0 order by 1`),
        ).map((r) => r.k);
        assert.deepEqual(totals, recount);
        const negative = rowsOf<{ n: string }>(await t.database.db.execute(sql`select count(*) as n from district_fund_totals where reported < 0 or recognised < 0 or recognised > reported`));
        assert.equal(Number(negative[0]!.n), 0);
        // assigned and disbursed too, and every limit holds in the stored rows
        assert.deepEqual(await recountMismatches(t.database), []);
        assert.deepEqual(await brokenLimits(t.database), []);
      }),
      { numRuns: 15 },
    );
    // the sequences did reach the database: lines of every origin, verified and corrected
    const [stats] = rowsOf<{ lines: string; drafts: string; verified: string; corrected: string; assignments: string; disbursements: string; full: string }>(
      await t.database.db.execute(sql`select (select count(*) from expense_lines) as lines, (select count(*) from expense_lines where report_id is not null) as drafts,
        (select count(*) from expense_lines where recognised is not null) as verified, (select count(*) from correction_requests where status = 'accepted') as corrected,
        (select count(*) from assignments) as assignments, (select count(*) from disbursements) as disbursements,
        (select count(*) from intervention_lines l where (select sum(amount) from assignments s where s.line_code = l.code) > ${LINE_AMOUNT / 2}) as full`),
    );
    assert.ok(Number(stats!.lines) > 20 && Number(stats!.drafts) > 0 && Number(stats!.verified) > 0 && Number(stats!.corrected) > 0, JSON.stringify(stats));
    // money reached the districts, and some lines came near their limit
    assert.ok(Number(stats!.assignments) > 5 && Number(stats!.disbursements) > 0 && Number(stats!.full) > 0, JSON.stringify(stats));
  });
});
