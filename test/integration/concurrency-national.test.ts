/**
 * The national fund steps and district reporting under requests that arrive at the same moment.
 * On PostgreSQL the pool has real connections, so the transactions overlap: each limit must still
 * hold, refusals must be the usual Italian 409/422, never a 500, and running totals must equal a
 * recount from the lines. (On PGlite the same requests are serialised; the test runs there too.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { atOnce, brokenLimits, recountMismatches, statusCounts, unexpected } from '../support/parallel.ts';
import { rowsOf } from '../../src/db/client.ts';
import { postFiles } from '../support/multipart.ts';

const REFUSED = [409, 422];
const DISTRICTS = ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08'];

describe(`national funds and reporting under concurrent requests (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let district: Session;
  let acts = 0;
  const act = async (type: string, date = '2023-06-01') => {
    const res = await region.send('POST', '/api/acts', { type, number: `${type}-${++acts}`, date, subject: `${type} di prova ${acts}` });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: number }).id;
  };
  const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query))[0]!;
  const detail = (res: { body: string }) => (JSON.parse(res.body) as { detail?: string }).detail ?? '';

  const totalsMismatches = (district: string) => recountMismatches(t.database, district);

  before(async () => {
    t = await testApp();
    for (const d of DISTRICTS) await aDistrict(t.database, d);
    region = await t.signIn('region_officer');
    district = await t.signIn('district_officer', DISTRICTS);
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
    const dm = await act('DM');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2023, allocated: 100_000_000, actId: dm })).statusCode, 200);
  });
  after(() => t.close());

  it('8 tranches of € 6.000,00 at once against an assignment of € 10.000,00: exactly one is paid', async () => {
    const dgr = await act('DGR');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'T1', description: 'tranche', amount: 1_000_000, actId: dgr })).statusCode, 200);
    const dd = await act('DD');
    const assigned = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/T1/assignments', { criterion: 'amounts', amounts: [{ district: 'D01', amount: 1_000_000 }], actId: dd });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const tranches = await Promise.all(Array.from({ length: 8 }, () => act('DD')));
    const answers = await atOnce(8, (i) => region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 600_000, paidOn: '2023-10-05', actId: tranches[i] }));
    assert.deepEqual(unexpected(answers, [200, ...REFUSED]), []);
    assert.equal(statusCounts(answers)[200], 1, JSON.stringify(statusCounts(answers)));
    for (const r of answers.filter((a) => a.statusCode !== 200)) assert.match(detail(r), /supera|eccede|oltre/i, r.body);
    const paid = await one<{ table: string; totals: string }>(
      sql`select (select coalesce(sum(amount), 0) from disbursements where district_code = 'D01') as table, (select disbursed from district_fund_totals where district_code = 'D01' and fund_code = 'FNPS' and annuality = 2023) as totals`,
    );
    assert.equal(Number(paid.table), 600_000);
    assert.equal(Number(paid.totals), 600_000);
    assert.deepEqual(await totalsMismatches('D01'), []);
  });

  it('6 assignments of € 3.000,00 at once on a line of € 5.000,00: exactly one is made', async () => {
    const dgr = await act('DGR');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'A1', description: 'assegnazioni', amount: 500_000, actId: dgr })).statusCode, 200);
    const dds = await Promise.all(Array.from({ length: 6 }, () => act('DD')));
    // different districts: only the line bounds them
    const answers = await atOnce(6, (i) =>
      region.send('POST', '/api/funds/FNPS/annualities/2023/lines/A1/assignments', { criterion: 'amounts', amounts: [{ district: DISTRICTS[i + 1], amount: 300_000 }], actId: dds[i] }),
    );
    assert.deepEqual(unexpected(answers, [200, ...REFUSED]), []);
    assert.equal(statusCounts(answers)[200], 1, JSON.stringify(statusCounts(answers)));
    const sum = await one<{ s: string }>(sql`select coalesce(sum(amount), 0) as s from assignments where line_code = 'A1'`);
    assert.equal(Number(sum.s), 300_000);
    for (const d of DISTRICTS) assert.deepEqual(await totalsMismatches(d), []);
  });

  it('8 programming lines of € 3.000,00 at once against an allocation of € 10.000,00: exactly three fit', async () => {
    const dm = await act('DM');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2024, allocated: 1_000_000, actId: dm })).statusCode, 200);
    const dgr = await act('DGR');
    const answers = await atOnce(8, (i) => region.send('POST', '/api/funds/FNPS/annualities/2024/lines', { code: `P${i}`, description: 'linea', amount: 300_000, actId: dgr }));
    assert.deepEqual(unexpected(answers, [200, ...REFUSED]), []);
    assert.equal(statusCounts(answers)[200], 3, JSON.stringify(statusCounts(answers)));
    for (const r of answers.filter((a) => a.statusCode !== 200)) assert.match(detail(r), /supera l'importo assegnato alla Regione/, r.body);
    const sum = await one<{ s: string }>(sql`select coalesce(sum(amount), 0) as s from intervention_lines where fund_code = 'FNPS' and annuality = 2024`);
    assert.equal(Number(sum.s), 900_000);
  });

  it('an amended decree and new lines at once never leave more programmed than allocated', async () => {
    const dm = await act('DM');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2025, allocated: 1_000_000, actId: dm })).statusCode, 200);
    const dgr = await act('DGR');
    const amended = await act('DM');
    const answers = await atOnce(7, (i) =>
      i === 3
        ? region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2025, allocated: 400_000, actId: amended })
        : region.send('POST', '/api/funds/FNPS/annualities/2025/lines', { code: `M${i}`, description: 'linea', amount: 200_000, actId: dgr }),
    );
    assert.deepEqual(unexpected(answers, [200, ...REFUSED]), []);
    const state = await one<{ allocated: string; programmed: string }>(
      sql`select (select allocated from fund_annualities where fund_code = 'FNPS' and annuality = 2025) as allocated, (select coalesce(sum(amount), 0) from intervention_lines where fund_code = 'FNPS' and annuality = 2025) as programmed`,
    );
    assert.ok(BigInt(state.programmed) <= BigInt(state.allocated), JSON.stringify(state));
  });

  it('8 first expense lines at once into a new report: all stored once, one report, never a 500', async () => {
    const answers = await atOnce(8, (i) =>
      district.send('POST', '/api/districts/D02/reports/2024/lines', { document: `FT-${i}`, fund: 'FNPS', annuality: 2023, area: 'A1', description: 'spesa', amount: 10_000 + i, paidOn: '2024-03-01' }),
    );
    assert.deepEqual(unexpected(answers, [201]), []);
    const stored = await one<{ reports: string; lines: string; documents: string }>(
      sql`select (select count(*) from expense_reports where district_code = 'D02' and expense_year = 2024) as reports,
        (select count(*) from expense_lines where district_code = 'D02') as lines, (select count(distinct document) from expense_lines where district_code = 'D02') as documents`,
    );
    assert.deepEqual([stored.reports, stored.lines, stored.documents].map(Number), [1, 8, 8]);
    // the same document at once: one stored, the others refused with a 409
    const twice = await atOnce(4, () => district.send('POST', '/api/districts/D03/reports/2024/lines', { document: 'DOPPIO', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 1, paidOn: '2024-03-01' }));
    assert.deepEqual(statusCounts(twice), { 201: 1, 409: 3 }, JSON.stringify(twice.map((r) => r.body)));
    assert.equal((await district.send('POST', '/api/districts/D02/reports/2024/submit')).statusCode, 200);
    assert.deepEqual(await totalsMismatches('D02'), []);
  });

  it('lines added while the report is submitted are either in the submitted report or refused', async () => {
    await district.send('POST', '/api/districts/D04/reports/2024/lines', { document: 'S-0', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 100, paidOn: '2024-03-01' });
    const answers = await atOnce(9, (i) =>
      i === 4
        ? district.send('POST', '/api/districts/D04/reports/2024/submit')
        : district.send('POST', '/api/districts/D04/reports/2024/lines', { document: `S-${i + 1}`, fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 100 + i, paidOn: '2024-03-01' }),
    );
    assert.deepEqual(unexpected(answers, [200, 201, ...REFUSED]), []);
    const left = await one<{ n: string }>(sql`select count(*) as n from expense_lines l join expense_reports r on r.id = l.report_id where r.status = 'submitted' and not l.submitted`);
    assert.equal(Number(left.n), 0);
    assert.deepEqual(await totalsMismatches('D04'), []);
  });

  it('verification and correction decisions at once on one report keep recognised ≤ reported and the totals right', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await district.send('POST', '/api/districts/D05/reports/2024/lines', { document: `V-${i}`, fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 100_000, paidOn: '2024-04-01' });
      ids.push((res.json() as { id: number }).id);
    }
    assert.equal((await district.send('POST', '/api/districts/D05/reports/2024/submit')).statusCode, 200);
    // each line gets a correction request, then every decision and verification arrives at once
    const requests: number[] = [];
    for (const id of ids.slice(0, 3)) {
      const res = await district.send('POST', `/api/expense-lines/${id}/corrections`, { amount: 50_000, reason: 'nota di credito' });
      assert.equal(res.statusCode, 201, res.body);
      requests.push((res.json() as { id: number }).id);
    }
    const verifications = ['recognise_all', 'recognise_part', 'reject'] as const;
    const body = (k: number) => {
      const action = verifications[k % 3]!;
      return action === 'recognise_part' ? { action, recognised: 70_000, reason: 'in parte' } : action === 'reject' ? { action, reason: 'non ammissibile' } : { action };
    };
    const answers = await atOnce(24, (k) =>
      k < 6
        ? region.send('POST', `/api/corrections/${requests[k % 3]}/decision`, { accept: true, note: 'accolta' })
        : k < 12
          ? district.send('POST', `/api/expense-lines/${ids[k % 6]}/corrections`, { amount: 40_000, reason: 'altra nota' })
          : region.send('POST', `/api/expense-lines/${ids[k % 6]}/verification`, body(k)),
    );
    assert.deepEqual(unexpected(answers, [200, 201, ...REFUSED]), []);
    const over = await one<{ n: string }>(sql`select count(*) as n from expense_lines where recognised > amount`);
    assert.equal(Number(over.n), 0);
    const decided = await one<{ accepted: string; pending: string }>(
      sql`select (select count(*) from correction_requests where status = 'accepted') as accepted, (select max(c) from (select count(*) as c from correction_requests where status = 'pending' group by expense_line_id) p) as pending`,
    );
    assert.equal(Number(decided.accepted), 3);
    assert.ok(decided.pending === null || Number(decided.pending) === 1, JSON.stringify(decided));
    const report = await one<{ reported: string; recognised: string }>(sql`select reported, recognised from district_fund_totals where district_code = 'D05'`);
    assert.ok(BigInt(report.recognised) <= BigInt(report.reported), JSON.stringify(report));
    assert.deepEqual(await totalsMismatches('D05'), []);
  });

  it('the same expense file uploaded four times at once is stored once; two disjoint files at once are both stored', async () => {
    const header = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
    const file = (code: string, docs: string[]) => `${header}\n${docs.map((d) => `${code};${d};FNPS;2023;A1;spesa;100,00;2024-05-02;`).join('\n')}\n`;
    const upload = (code: string, content: string) => postFiles(t, district, `/api/districts/${code}/reports/2024/upload`, 'file', { 'spese.csv': content });
    const same = file('D06', ['U-1', 'U-2', 'U-3']);
    const four = await atOnce(4, () => upload('D06', same));
    assert.deepEqual(statusCounts(four), { 200: 1, 422: 3 }, JSON.stringify(four.map((r) => r.body)));
    for (const r of four.filter((a) => a.statusCode === 422)) assert.match(r.body, /già registrato per il distretto/);
    const two = await Promise.all([upload('D07', file('D07', ['W-1', 'W-2'])), upload('D07', file('D07', ['W-3']))]);
    assert.deepEqual(two.map((r) => r.statusCode), [200, 200], JSON.stringify(two.map((r) => r.body)));
    const stored = await one<{ d06: string; d07: string; reports: string }>(
      sql`select (select count(*) from expense_lines where district_code = 'D06') as d06, (select count(*) from expense_lines where district_code = 'D07') as d07,
        (select count(*) from expense_reports where district_code in ('D06', 'D07')) as reports`,
    );
    assert.deepEqual([stored.d06, stored.d07, stored.reports].map(Number), [3, 3, 2]);
  });

  it('leaves no limit broken and no running total off a recount, anywhere', async () => {
    assert.deepEqual(await brokenLimits(t.database), []);
    assert.deepEqual(await recountMismatches(t.database), []);
  });
});
