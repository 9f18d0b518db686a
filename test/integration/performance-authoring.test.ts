import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';

interface Scores {
  plan: string;
  year: number;
  overall: number | null;
  centres: { name: string; score: number | null; objectives: { code: string; title: string; score: number | null; status: string }[] }[];
}

interface PlanView {
  id: number;
  body: string;
  year: number;
  period: { from: number; to: number };
  status: string;
  scoring: { achievedThreshold: number; partiallyThreshold: number };
  centres: {
    id: number;
    name: string;
    objectives: {
      id: number;
      code: string;
      title: string;
      strategicArea: string;
      pegProject: string;
      networks: string;
      status: string;
      score: number | null;
      activities: { id: number; description: string; planned: string; actual: string }[];
      indicators: { id: number; name: string; unit: string; target: string; actual: string; weight: number }[];
    }[];
  }[];
}

const objectiveFields = (code: string, title: string) => ({
  code,
  title,
  strategicArea: 'Area strategica 1 - Inclusione',
  operationalObjective: 'Rafforzare la presa in carico',
  pegProject: 'PEG 12.04',
  services: 'Segretariato sociale',
  endUsers: 'Famiglie residenti',
  networks: 'Comuni soci, ASL',
  description: 'Descrizione dell’obiettivo',
});

describe(`performance plan written in the application (${testEngine})`, () => {
  let t: TestApp;
  let manager: Session;
  let area: Session;
  let evaluator: Session;
  let planId: number;
  let objectiveId: number;
  let secondObjectiveId: number;
  const base = () => `/api/performance/plans/${planId}`;
  const plan = async (id = planId) => (await manager.get(`/api/performance/plans/${id}`)).json() as PlanView;
  const scoresOf = async (id = planId) => (await manager.get(`/api/performance/plans/${id}/scores`)).json() as Scores;

  before(async () => {
    t = await testApp();
    manager = await t.signIn('consortium_manager', [], undefined, { body: 'Consorzio InRete', centres: [] });
    area = await t.signIn('area_manager', [], undefined, { body: 'Consorzio InRete', centres: ['Area Amministrativa', 'Area Minori e Famiglie'] });
    evaluator = await t.signIn('evaluator', [], undefined, { body: 'Consorzio InRete', centres: [] });
  });
  after(() => t.close());

  it('creates an empty draft plan, once per body and year', async () => {
    const res = await manager.send('POST', '/api/performance/plans/new', { body: 'Consorzio InRete', year: 2025, periodFrom: 2025, periodTo: 2027 });
    assert.equal(res.statusCode, 201, res.body);
    planId = (res.json() as { id: number }).id;
    const p = await plan();
    assert.deepEqual({ body: p.body, year: p.year, period: p.period, status: p.status, centres: p.centres }, { body: 'Consorzio InRete', year: 2025, period: { from: 2025, to: 2027 }, status: 'draft', centres: [] });
    assert.deepEqual(p.scoring, { achievedThreshold: 0.9, partiallyThreshold: 0.5 });
    const again = await manager.send('POST', '/api/performance/plans/new', { body: 'Consorzio InRete', year: 2025, periodFrom: 2024, periodTo: 2026 });
    assert.equal(again.statusCode, 409);
    assert.match((again.json() as { detail: string }).detail, /Esiste già/);
    const badPeriod = await manager.send('POST', '/api/performance/plans/new', { body: 'Consorzio InRete', year: 2028, periodFrom: 2025, periodTo: 2027 });
    assert.equal(badPeriod.statusCode, 422);
    assert.match((badPeriod.json() as { detail: string }).detail, /Triennio non valido/);
    assert.equal((await manager.send('POST', '/api/performance/plans/new', { body: '  ', year: 2025, periodFrom: 2025, periodTo: 2027 })).statusCode, 422);
  });

  it('adds centres, objectives with every field, activities and indicators', async () => {
    const c1 = await manager.send('POST', `${base()}/centres`, { name: 'Area Amministrativa' });
    assert.equal(c1.statusCode, 201, c1.body);
    const c2 = await manager.send('POST', `${base()}/centres`, { name: 'Area Minori e Famiglie' });
    assert.equal(c2.statusCode, 201, c2.body);
    assert.equal((await manager.send('POST', `${base()}/centres`, { name: 'area amministrativa' })).statusCode, 409, 'a centre once per plan');
    const [centre1, centre2] = [(c1.json() as { id: number }).id, (c2.json() as { id: number }).id];

    const o1 = await manager.send('POST', `${base()}/centres/${centre1}/objectives`, objectiveFields('1', 'Digitalizzare il protocollo'));
    assert.equal(o1.statusCode, 201, o1.body);
    objectiveId = (o1.json() as { id: number }).id;
    // the code is not unique: seed 2 has two "Obiettivo 1" in one area
    const o2 = await manager.send('POST', `${base()}/centres/${centre1}/objectives`, objectiveFields('1', 'Formare il personale'));
    assert.equal(o2.statusCode, 201, o2.body);
    const o3 = await manager.send('POST', `${base()}/centres/${centre2}/objectives`, objectiveFields('2.1', 'Consolidare l’affido'));
    assert.equal(o3.statusCode, 201, o3.body);
    secondObjectiveId = (o3.json() as { id: number }).id;
    assert.equal((await manager.send('POST', `${base()}/centres/${centre1}/objectives`, { code: '3', title: ' ' })).statusCode, 422);
    assert.equal((await manager.send('POST', `${base()}/centres/999999/objectives`, objectiveFields('3', 'x'))).statusCode, 404);

    const activity = await manager.send('POST', `${base()}/objectives/${objectiveId}/activities`, { description: 'Avvio del nuovo protocollo', planned: 'Marzo' });
    assert.equal(activity.statusCode, 201, activity.body);
    assert.equal((await manager.send('POST', `${base()}/objectives/${objectiveId}/activities`, { description: 'Verifica', planned: 'mensile' })).statusCode, 201);
    assert.equal((await manager.send('POST', `${base()}/objectives/${objectiveId}/activities`, { description: '' })).statusCode, 422);

    const add = (id: number, body: Record<string, unknown>) => manager.send('POST', `${base()}/objectives/${id}/indicators`, body);
    assert.equal((await add(objectiveId, { name: 'Pratiche digitalizzate', description: 'Numero di pratiche', unit: 'n.', target: '2' })).statusCode, 201);
    assert.equal((await add(objectiveId, { name: 'Protocollo attivo', description: '', unit: 'si/no', target: 'si' })).statusCode, 201);
    const o2Id = (o2.json() as { id: number }).id;
    assert.equal((await add(o2Id, { name: 'Ore di formazione', unit: 'n.', target: '1.200', weight: 2 })).statusCode, 201, 'Italian thousands');
    assert.equal((await add(secondObjectiveId, { name: 'Affidi', unit: '%', target: '80%' })).statusCode, 201);
    for (const target of ['-3', 'forse', '', 'si parzialmente']) {
      const refused = await add(objectiveId, { name: 'x', target });
      assert.equal(refused.statusCode, 422, `target "${target}"`);
      assert.match((refused.json() as { detail: string }).detail, /[Vv]alore atteso/);
    }
    assert.equal((await add(objectiveId, { name: 'x', target: '1', weight: 0 })).statusCode, 400, 'a weight above zero');
    assert.equal((await add(999999, { name: 'x', target: '1' })).statusCode, 404);

    const p = await plan();
    assert.deepEqual(p.centres.map((c) => [c.name, c.objectives.map((o) => o.code)]), [
      ['Area Amministrativa', ['1', '1']],
      ['Area Minori e Famiglie', ['2.1']],
    ]);
    const first = p.centres[0]!.objectives[0]!;
    assert.deepEqual([first.title, first.strategicArea, first.pegProject, first.networks], ['Digitalizzare il protocollo', 'Area strategica 1 - Inclusione', 'PEG 12.04', 'Comuni soci, ASL']);
    assert.deepEqual(first.activities.map((a) => [a.description, a.planned, a.actual]), [
      ['Avvio del nuovo protocollo', 'Marzo', ''],
      ['Verifica', 'mensile', ''],
    ]);
    assert.deepEqual(first.indicators.map((i) => [i.name, i.unit, i.target, i.weight]), [
      ['Pratiche digitalizzate', 'n.', '2', 1],
      ['Protocollo attivo', 'si/no', 'si', 1],
    ]);
    assert.equal(p.centres[0]!.objectives[1]!.indicators[0]!.weight, 2);
  });

  it('scores the actuals as DOMAIN.md says, and follows the thresholds', async () => {
    const p = await plan();
    const first = p.centres[0]!.objectives[0]!;
    const [count, yes] = first.indicators;
    assert.equal((await area.send('PUT', `${base()}/indicators/${count!.id}/actual`, { actual: '1' })).statusCode, 200);
    assert.equal((await area.send('PUT', `${base()}/indicators/${yes!.id}/actual`, { actual: 'si' })).statusCode, 200);
    assert.equal((await area.send('PUT', `${base()}/activities/${first.activities[0]!.id}/actual`, { actual: 'Aprile' })).statusCode, 200);
    const o2 = p.centres[0]!.objectives[1]!;
    assert.equal((await area.send('PUT', `${base()}/indicators/${o2.indicators[0]!.id}/actual`, { actual: '300' })).statusCode, 200);
    const o3 = p.centres[1]!.objectives[0]!;
    assert.equal((await area.send('PUT', `${base()}/indicators/${o3.indicators[0]!.id}/actual`, { actual: '80%' })).statusCode, 200);

    let s = await scoresOf();
    // (min(1/2, 1) + 1) / 2
    assert.deepEqual(s.centres[0]!.objectives[0], { code: '1', title: 'Digitalizzare il protocollo', score: 0.75, status: 'partially_achieved' });
    assert.deepEqual(s.centres[0]!.objectives[1], { code: '1', title: 'Formare il personale', score: 0.25, status: 'not_achieved' });
    assert.deepEqual(s.centres[1]!.objectives[0], { code: '2.1', title: 'Consolidare l’affido', score: 1, status: 'achieved' });
    assert.equal(s.centres[0]!.score, 0.5);
    assert.equal(s.overall, 0.6667);

    const bad = await manager.send('PUT', `${base()}/scoring`, { achievedThreshold: 0.4, partiallyThreshold: 0.7 });
    assert.equal(bad.statusCode, 422);
    assert.match((bad.json() as { detail: string }).detail, /Soglie non valide/);
    assert.equal((await manager.send('PUT', `${base()}/scoring`, { achievedThreshold: 1.5, partiallyThreshold: 0.5 })).statusCode, 422);

    const res = await manager.send('PUT', `${base()}/scoring`, { achievedThreshold: 0.7, partiallyThreshold: 0.4 });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { scores: Scores }).scores.centres[0]!.objectives[0]!.status, 'achieved');
    s = await scoresOf();
    assert.equal(s.centres[0]!.objectives[0]!.status, 'achieved');
    assert.equal(s.centres[0]!.objectives[1]!.status, 'not_achieved');
    assert.deepEqual((await plan()).scoring, { achievedThreshold: 0.7, partiallyThreshold: 0.4 });
  });

  it('audits every write with before and after', async () => {
    const auditor = await t.signIn('auditor');
    const log = (await auditor.get('/api/audit?pageSize=100')).json() as { items: { action: string; entityId: string; before: unknown; after: Record<string, unknown> }[] };
    const actions = new Set(log.items.map((e) => e.action));
    for (const a of ['performance.plan.create', 'performance.centre.create', 'performance.objective.create', 'performance.activity.create', 'performance.indicator.create', 'performance.plan.scoring']) {
      assert.ok(actions.has(a), `${a} in ${[...actions].join(', ')}`);
    }
    const scoring = log.items.find((e) => e.action === 'performance.plan.scoring')!;
    assert.deepEqual(scoring.before, { scoring: { achievedThreshold: 0.9, partiallyThreshold: 0.5 } });
    assert.deepEqual(scoring.after, { scoring: { achievedThreshold: 0.7, partiallyThreshold: 0.4 } });
  });

  it('lets only the manager write the plan', async () => {
    for (const s of [area, evaluator]) {
      assert.equal((await s.send('POST', '/api/performance/plans/new', { body: 'Altro ente', year: 2025, periodFrom: 2025, periodTo: 2027 })).statusCode, 403);
      assert.equal((await s.send('POST', `${base()}/centres`, { name: 'Area X' })).statusCode, 403);
      assert.equal((await s.send('POST', `${base()}/centres/1/objectives`, objectiveFields('9', 'x'))).statusCode, 403);
      assert.equal((await s.send('POST', `${base()}/objectives/${objectiveId}/activities`, { description: 'x', planned: 'Marzo' })).statusCode, 403);
      assert.equal((await s.send('POST', `${base()}/objectives/${objectiveId}/indicators`, { name: 'x', target: '1' })).statusCode, 403);
      assert.equal((await s.send('PUT', `${base()}/scoring`, { achievedThreshold: 0.8, partiallyThreshold: 0.5 })).statusCode, 403);
    }
    assert.equal((await manager.send('POST', '/api/performance/plans/999999/centres', { name: 'Area X' })).statusCode, 404);
  });

  it('re-imports its exported JSON with identical scores', async () => {
    const original = await scoresOf();
    const json = await manager.get(`${base()}/export.json`);
    assert.equal(json.statusCode, 200);
    const exported = JSON.parse(json.body) as { period: unknown; scoring: unknown };
    assert.deepEqual(exported.period, { from: 2025, to: 2027 });
    assert.deepEqual(exported.scoring, { achievedThreshold: 0.7, partiallyThreshold: 0.4 });
    const imported = await manager.send('POST', '/api/performance/plans', exported);
    assert.equal(imported.statusCode, 201, imported.body);
    const strip = (s: Scores) => ({ ...s, plan: '' });
    assert.deepEqual(strip(await scoresOf((imported.json() as { id: number }).id)), strip(original));
  });

  it('refuses every write once the evaluator validates the plan', async () => {
    const res = await evaluator.send('POST', `${base()}/validation`, { comment: 'Verificato.' });
    assert.equal(res.statusCode, 200, res.body);
    const p = await plan();
    const centreId = p.centres[0]!.id;
    const writes = [
      () => manager.send('POST', `${base()}/centres`, { name: 'Area Nuova' }),
      () => manager.send('POST', `${base()}/centres/${centreId}/objectives`, objectiveFields('9', 'Nuovo')),
      () => manager.send('POST', `${base()}/objectives/${objectiveId}/activities`, { description: 'Nuova', planned: 'Maggio' }),
      () => manager.send('POST', `${base()}/objectives/${objectiveId}/indicators`, { name: 'Nuovo', target: 'no' }),
      () => manager.send('PUT', `${base()}/scoring`, { achievedThreshold: 0.9, partiallyThreshold: 0.5 }),
    ];
    for (const write of writes) {
      const r = await write();
      assert.equal(r.statusCode, 409, r.body);
      assert.match((r.json() as { detail: string }).detail, /validato/);
    }
    const after = await plan();
    assert.equal(after.centres.length, 2);
    assert.deepEqual(after.scoring, { achievedThreshold: 0.7, partiallyThreshold: 0.4 });
    assert.equal(after.centres[0]!.objectives[0]!.indicators.length, 2);
  });
});
