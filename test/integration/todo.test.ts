/**
 * "What needs me now" (issue #11, the home page) for each role, from real data on both engines:
 * the Region's reports to verify, late districts, corrections to decide and blocked tranches; a
 * district's report due, then late, and its open request; a manager's objectives to report; an
 * evaluator's plan to validate. Nobody sees another's items.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';

interface Item { kind: string; [k: string]: unknown }
const seed2 = JSON.parse(readFileSync('reference-data/performance/inrete-2024.json', 'utf8')) as unknown;

describe(`what needs me now (${testEngine})`, () => {
  let t: TestApp;
  let clock = new Date('2025-03-10T10:00:00Z');
  let region: Session;
  let d1: Session;
  let d2: Session;
  let auditor: Session;
  const todo = async (s: Session) => {
    const res = await s.get('/api/todo');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { today: string; items: Item[] };
  };
  const kinds = async (s: Session) => (await todo(s)).items.map((i) => i.kind);

  before(async () => {
    t = await testApp({ now: () => clock });
    for (const [code, istat] of [['D01', '058001'], ['D02', '058002']] as const) {
      await aDistrict(t.database, code);
      await aMunicipality(t.database, istat, code, 10_000);
    }
    region = await t.signIn('region_officer');
    d1 = await t.signIn('district_officer', ['D01']);
    d2 = await t.signIn('district_officer', ['D02']);
    auditor = await t.signIn('auditor');
    const act = async (type: string, number: string) => ((await region.send('POST', '/api/acts', { type, number, date: '2023-01-10', subject: `${type} ${number}` })).json() as { id: number }).id;
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
    for (const annuality of [2023, 2024]) {
      const dm = await act('DM', `${annuality}`);
      assert.equal((await region.send('POST', '/api/funds/FNPS/annualities', { annuality, allocated: 1_000_000, actId: dm })).statusCode, 200);
      assert.equal((await region.send('POST', `/api/funds/FNPS/annualities/${annuality}/lines`, { code: 'L1', description: 'x', amount: 1_000_000, actId: await act('DGR', `${annuality}`) })).statusCode, 200);
      const assigned = await region.send('POST', `/api/funds/FNPS/annualities/${annuality}/lines/L1/assignments`, { criterion: 'population', amount: 1_000_000, actId: await act('DD', `A${annuality}`) });
      assert.equal(assigned.statusCode, 200, assigned.body);
    }
  });
  after(() => t.close());

  it('tells each district its report of last year is due by 31 March, with the days left; the Region sees the tranche blocked', async () => {
    const mine = await todo(d1);
    assert.equal(mine.today, '2025-03-10');
    assert.deepEqual(mine.items, [{ kind: 'report_due', district: 'D01', expenseYear: 2024, deadline: '2025-03-31', daysLeft: 21 }]);
    assert.deepEqual((await todo(d2)).items.map((i) => i.district), ['D02'], 'only its own district');
    // the 2025 tranche is gated by annuality 2023: nothing recognised, 75% of € 10.000,00 missing
    assert.deepEqual((await todo(region)).items, [{ kind: 'tranche', fund: 'FNPS', year: 2025, gatingAnnuality: 2023, eligible: false, missingToThreshold: 750_000 }]);
    assert.deepEqual(await kinds(auditor), [], 'an auditor has nothing to do here');
  });

  it('a submitted report leaves the district’s list and waits in the Region’s, until every line is verified', async () => {
    assert.equal((await d1.send('POST', '/api/districts/D01/reports/2024/lines', { document: 'FT-1', fund: 'FNPS', annuality: 2024, area: 'A1', description: 'x', amount: 200_000, paidOn: '2024-05-02' })).statusCode, 201);
    assert.equal((await d1.send('POST', '/api/districts/D01/reports/2024/submit')).statusCode, 200);
    assert.deepEqual(await kinds(d1), []);
    const verify = (await todo(region)).items.find((i) => i.kind === 'reports_to_verify');
    assert.deepEqual(verify, { kind: 'reports_to_verify', reports: 1, lines: 1 });

    const lines = (await region.get('/api/funds/FNPS/annualities/2024/expense-lines?district=D01&status=pending')).json() as { items: { id: number }[] };
    assert.equal((await region.send('POST', `/api/expense-lines/${lines.items[0]!.id}/verification`, { action: 'recognise_all' })).statusCode, 200);
    assert.ok(!(await kinds(region)).includes('reports_to_verify'));

    const request = await d1.send('POST', `/api/expense-lines/${lines.items[0]!.id}/corrections`, { amount: 150_000, reason: 'nota di credito' });
    assert.equal(request.statusCode, 201, request.body);
    assert.deepEqual((await todo(d1)).items, [{ kind: 'corrections_pending', requests: 1, mine: true }]);
    assert.deepEqual((await todo(d2)).items.map((i) => i.kind), ['report_due'], 'another district’s request is not D02’s');
    assert.deepEqual((await todo(region)).items.find((i) => i.kind === 'corrections_pending'), { kind: 'corrections_pending', requests: 1, mine: false });
  });

  it('after 31 March a missing report is late, first in the list, for the district and for the Region', async () => {
    clock = new Date('2025-04-02T08:00:00Z');
    // weeks later: the sessions of March have expired, sign in again
    d2 = await t.signIn('district_officer', ['D02']);
    region = await t.signIn('region_officer');
    assert.deepEqual((await todo(d2)).items, [{ kind: 'report_late', district: 'D02', expenseYear: 2024, deadline: '2025-03-31', daysLate: 2 }]);
    const items = (await todo(region)).items;
    assert.deepEqual(items[0], { kind: 'reports_late', expenseYear: 2024, districts: ['D02'] });
  });

  it('a manager sees the objectives of open plans still to report, an area manager only its centres’, an evaluator the plans to validate', async () => {
    const body = { body: 'Consorzio IN.RE.TE.', centres: [] };
    const manager = await t.signIn('consortium_manager', [], undefined, body);
    const area = await t.signIn('area_manager', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: ['Area Amministrativa'] });
    const otherArea = await t.signIn('area_manager', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: ['Area Finanziaria'] });
    const evaluator = await t.signIn('evaluator', [], undefined, body);
    const stranger = await t.signIn('evaluator', [], undefined, { body: 'Altro consorzio', centres: [] });
    assert.equal((await manager.send('POST', '/api/performance/plans', seed2)).statusCode, 201);
    const created = await manager.send('POST', '/api/performance/plans/new', { body: 'Consorzio IN.RE.TE.', year: 2025, periodFrom: 2025, periodTo: 2027 });
    assert.equal(created.statusCode, 201, created.body);
    const planId = (created.json() as { id: number }).id;
    const centre = (await manager.send('POST', `/api/performance/plans/${planId}/centres`, { name: 'Area Amministrativa' })).json() as { id: number };
    const objective = await manager.send('POST', `/api/performance/plans/${planId}/centres/${centre.id}/objectives`, { code: '1', title: 'Digitalizzare il protocollo' });
    assert.equal(objective.statusCode, 201, objective.body);
    const objectiveId = (objective.json() as { id: number }).id;
    assert.equal((await manager.send('POST', `/api/performance/plans/${planId}/objectives/${objectiveId}/indicators`, { name: 'Pratiche', unit: 'n.', target: '2' })).statusCode, 201);

    const toReport = (items: Item[]) => items.filter((i) => i.kind === 'objectives_to_report' && i.year === 2025);
    assert.deepEqual(toReport((await todo(area)).items), [{ kind: 'objectives_to_report', planId, body: 'Consorzio IN.RE.TE.', year: 2025, objectives: 1 }]);
    assert.deepEqual(toReport((await todo(manager)).items).map((i) => i.objectives), [1]);
    assert.deepEqual(toReport((await todo(otherArea)).items), [], 'not a centre of this area manager');
    const validate = (await todo(evaluator)).items;
    assert.ok(validate.some((i) => i.kind === 'plan_to_validate' && i.year === 2024), JSON.stringify(validate));
    assert.ok(!validate.some((i) => i.kind === 'plan_to_validate' && i.year === 2025), 'a year not ended yet is not validated');
    assert.deepEqual(await kinds(stranger), [], 'another body’s plans are not its work');
  });

  it('answers only a signed-in user', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/todo' })).statusCode, 401);
  });
});
