/**
 * Least privilege for the performance roles (issue #10, point 2): a consortium's manager, its
 * evaluator and its area managers see and change only their own body's plans. Another body's
 * plan answers exactly as a missing one on every plan route, so an id tells nothing; creating or
 * importing a plan for another body is refused. And a district officer asking to correct another
 * district's expense line gets the answer of a missing line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { PASSWORD, testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { can, type Permission, type Role } from '../../src/domain/auth/roles.ts';

const seed2 = JSON.parse(readFileSync('reference-data/performance/inrete-2024.json', 'utf8')) as { body: string; year: number };
const BODY_A = seed2.body; // Consorzio IN.RE.TE.
const BODY_B = 'Consorzio Valle del Sacco';
const MISSING = 999_999;

interface PlanView {
  id: number;
  centres: { id: number; objectives: { id: number; activities: { id: number }[]; indicators: { id: number }[] }[] }[];
}

/** A problem answer with the ids taken out, so that "plan 3" and "plan 999999" read the same. */
const answer = (res: LightMyRequestResponse) => {
  const problem = res.headers['content-type']?.toString().includes('json') ? (res.json() as { code?: string; detail?: string }) : {};
  return { status: res.statusCode, code: problem.code, detail: problem.detail?.replace(/\d+/g, 'N') };
};

const multipart = (name: string, content: Buffer) => {
  const boundary = '----regia-bodies';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
};

describe(`performance roles act for their own body only (${testEngine})`, () => {
  let t: TestApp;
  let admin: Session;
  let managerA: Session;
  let evaluatorA: Session;
  let areaA: Session;
  /** Users of body B, and a manager with no body: none of them acts for body A. */
  const outsiders = new Map<string, Session & { role: Role }>();
  let planA: PlanView;
  let planB: number;
  let cdaAct: number;
  let workbookA: Buffer;

  before(async () => {
    t = await testApp();
    admin = await t.signIn('admin');
    managerA = await t.signIn('consortium_manager', [], undefined, { body: BODY_A, centres: [] });
    evaluatorA = await t.signIn('evaluator', [], undefined, { body: BODY_A, centres: [] });
    areaA = await t.signIn('area_manager', [], undefined, { body: BODY_A, centres: ['Area Amministrativa'] });
    // body B written as people type it: case and spacing aside, it is the same body
    outsiders.set('manager of B', { role: 'consortium_manager', ...(await t.signIn('consortium_manager', [], undefined, { body: ' consorzio valle  del sacco ', centres: [] })) });
    outsiders.set('evaluator of B', { role: 'evaluator', ...(await t.signIn('evaluator', [], undefined, { body: BODY_B, centres: [] })) });
    outsiders.set('area manager of B', { role: 'area_manager', ...(await t.signIn('area_manager', [], undefined, { body: BODY_B, centres: ['Area Amministrativa', 'Area Finanziaria'] })) });
    await addUser(t.ctx, SYSTEM, { username: 'direttore-senza-ente', password: PASSWORD, role: 'consortium_manager' });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'direttore-senza-ente', password: PASSWORD } });
    const cookie = `regia_session=${login.cookies.find((c) => c.name === 'regia_session')!.value}`;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    outsiders.set('manager with no body', {
      role: 'consortium_manager',
      cookie,
      csrfToken: csrf,
      get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
      send: (method, url, body) => t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(body === undefined ? {} : { payload: body as object }) }),
    });

    const imported = await managerA.send('POST', '/api/performance/plans', seed2);
    assert.equal(imported.statusCode, 201, imported.body);
    planA = (await managerA.get(`/api/performance/plans/${(imported.json() as { id: number }).id}`)).json() as PlanView;
    workbookA = (await managerA.get(`/api/performance/plans/${planA.id}/export.xlsx`)).rawPayload;
    const created = await outsiders.get('manager of B')!.send('POST', '/api/performance/plans/new', { body: BODY_B, year: 2024, periodFrom: 2024, periodTo: 2026 });
    assert.equal(created.statusCode, 201, created.body);
    planB = (created.json() as { id: number }).id;
    cdaAct = ((await managerA.send('POST', '/api/acts', { type: 'CDA', number: '77', date: '2024-10-01', subject: 'Revisione obiettivi' })).json() as { id: number }).id;
  });
  after(() => t.close());

  /** Every route of one plan, with ids of plan A's records and a body the route accepts. */
  const planRoutes = () => {
    const centre = planA.centres[0]!;
    const objective = centre.objectives[0]!;
    const ids = { centreId: centre.id, objectiveId: objective.id, activityId: objective.activities[0]!.id, indicatorId: objective.indicators[0]!.id };
    const bodies: Record<string, unknown> = {
      'PUT /api/performance/plans/:id/indicators/:indicatorId/actual': { actual: '1' },
      'PUT /api/performance/plans/:id/activities/:activityId/actual': { actual: 'Marzo' },
      'PUT /api/performance/plans/:id/objectives/:objectiveId/report': { report: 'Relazione.' },
      'POST /api/performance/plans/:id/objectives/:objectiveId/revisions': { kind: 'updated', actId: cdaAct, changes: { description: 'Rivista.' } },
      'POST /api/performance/plans/:id/centres': { name: 'Area nuova' },
      'POST /api/performance/plans/:id/centres/:centreId/objectives': { code: '9', title: 'Obiettivo nuovo' },
      'POST /api/performance/plans/:id/objectives/:objectiveId/activities': { description: 'Attività nuova', planned: 'Marzo' },
      'POST /api/performance/plans/:id/objectives/:objectiveId/indicators': { name: 'Indicatore nuovo', target: '10' },
      'PUT /api/performance/plans/:id/scoring': { achievedThreshold: 0.9, partiallyThreshold: 0.5 },
      'POST /api/performance/plans/:id/validation': { comment: 'Verificato.' },
    };
    const routes = t.app.routeCatalog
      .filter((r) => r.url.startsWith('/api/performance/plans/:id'))
      .map((r) => {
        const key = `${r.method} ${r.url}`;
        if (r.method !== 'GET') assert.ok(key in bodies, `${key}: a plan route this walk does not know; give it a body here`);
        const url = (plan: number) => r.url.replace(':id', String(plan)).replace(/:(\w+)/g, (_, name: string) => String(ids[name as keyof typeof ids]));
        return { key, method: r.method as 'GET' | 'POST' | 'PUT', access: r.access, url, body: bodies[key] };
      });
    // validation freezes the plan: last
    return routes.sort((a, b) => Number(a.key.endsWith('/validation')) - Number(b.key.endsWith('/validation')));
  };
  const call = (s: Session, r: ReturnType<typeof planRoutes>[number], plan: number) => (r.method === 'GET' ? s.get(r.url(plan)) : s.send(r.method, r.url(plan), r.body));

  it('walks every plan route: another body’s plan answers exactly as a missing plan, its own body works on it', async () => {
    const routes = planRoutes();
    assert.ok(routes.length >= 16, `only ${routes.length} plan routes`);
    for (const [who, s] of outsiders) {
      for (const r of routes) {
        const onMissing = answer(await call(s, r, MISSING));
        const onOther = answer(await call(s, r, planA.id));
        assert.deepEqual(onOther, onMissing, `${who} ${r.key}: another body's plan must answer as a missing one`);
        // what the role may do answers "plan not found"; what it may not, 403 for any plan
        const expected = can(s.role, r.access as Permission) ? { status: 404, code: 'performance.plan_not_found' } : { status: 403, code: 'auth.forbidden' };
        assert.deepEqual({ status: onOther.status, code: onOther.code }, expected, `${who} ${r.key}`);
      }
    }
    // nothing written: plan A is as imported, still a draft
    const after = (await managerA.get(`/api/performance/plans/${planA.id}`)).json() as PlanView & { status: string; centres: unknown[] };
    assert.equal(after.status, 'draft');
    assert.equal(after.centres.length, planA.centres.length);

    // and the plan's own body works on every route: its manager writes, its evaluator validates
    for (const r of routes) {
      const s = r.access === 'performance.evaluate' ? evaluatorA : managerA;
      const res = await call(s, r, planA.id);
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${r.key}: ${res.statusCode} ${res.body}`);
      if (r.method === 'GET') assert.equal((await call(evaluatorA, r, planA.id)).statusCode, 200, `evaluator ${r.key}`);
    }
    assert.equal((await areaA.get(`/api/performance/plans/${planA.id}`)).statusCode, 200);
    assert.equal((await outsiders.get('area manager of B')!.get(`/api/performance/plans/${planB}`)).statusCode, 200);
  });

  it('lists to each user only the plans of its body; administrators and auditors see all', async () => {
    const bodies = async (s: Session) => ((await s.get('/api/performance/plans')).json() as { body: string }[]).map((p) => p.body).sort();
    assert.deepEqual(await bodies(managerA), [BODY_A]);
    assert.deepEqual(await bodies(evaluatorA), [BODY_A]);
    assert.deepEqual(await bodies(areaA), [BODY_A]);
    for (const who of ['manager of B', 'evaluator of B', 'area manager of B']) assert.deepEqual(await bodies(outsiders.get(who)!), [BODY_B], who);
    assert.deepEqual(await bodies(outsiders.get('manager with no body')!), []);
    assert.deepEqual(await bodies(admin), [BODY_A, BODY_B].sort());
    assert.deepEqual(await bodies(await t.signIn('auditor')), [BODY_A, BODY_B].sort());
  });

  it('refuses to create or import a plan for another body, before telling whether it exists', async () => {
    const refused = (res: LightMyRequestResponse, who: string) => {
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
      assert.equal((res.json() as { code: string }).code, 'auth.body_forbidden', who);
    };
    for (const who of ['manager of B', 'manager with no body']) {
      const s = outsiders.get(who)!;
      // body A's 2024 plan exists: the answer must not say so (409 with its id)
      refused(await s.send('POST', '/api/performance/plans/new', { body: BODY_A, year: 2024, periodFrom: 2024, periodTo: 2026 }), who);
      refused(await s.send('POST', '/api/performance/plans/new', { body: 'CONSORZIO IN.RE.TE.', year: 2030, periodFrom: 2030, periodTo: 2032 }), who);
      refused(await s.send('POST', '/api/performance/plans', { ...seed2, year: 2031 }), who);
      const upload = multipart('piano.xlsx', workbookA);
      refused(await t.app.inject({ method: 'POST', url: '/api/performance/plans/import-xlsx', headers: { ...upload.headers, cookie: s.cookie, 'x-csrf-token': s.csrfToken }, payload: upload.payload }), who);
    }
    assert.match(
      ((await outsiders.get('manager of B')!.send('POST', '/api/performance/plans/new', { body: BODY_A, year: 2030, periodFrom: 2030, periodTo: 2032 })).json() as { detail: string }).detail,
      /^Operazione non consentita: si lavora per consorzio valle +del sacco, non per Consorzio IN\.RE\.TE\.$/,
    );
    assert.equal(((await admin.get('/api/performance/plans')).json() as unknown[]).length, 2, 'nothing created');
    // the manager's own body, however it is typed, and the administrator for any body
    assert.equal((await managerA.send('POST', '/api/performance/plans/new', { body: 'consorzio  IN.RE.TE.', year: 2025, periodFrom: 2025, periodTo: 2027 })).statusCode, 201);
    assert.equal((await admin.send('POST', '/api/performance/plans/new', { body: 'Consorzio Terzo', year: 2025, periodFrom: 2025, periodTo: 2027 })).statusCode, 201);
  });
});

describe(`a correction request tells nothing of other districts' lines (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let officerD01: Session;
  let officerD02: Session;
  let submitted: number;
  let draft: number;

  before(async () => {
    t = await testApp({ now: () => new Date('2024-03-10T10:00:00Z') });
    await aDistrict(t.database, 'D01');
    await aDistrict(t.database, 'D02');
    region = await t.signIn('region_officer');
    officerD01 = await t.signIn('district_officer', ['D01']);
    officerD02 = await t.signIn('district_officer', ['D02']);
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
    const dm = ((await region.send('POST', '/api/acts', { type: 'DM', number: '15', date: '2023-06-01', subject: 'Riparto FNPS' })).json() as { id: number }).id;
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2023, allocated: 100_000_000, actId: dm })).statusCode, 200);
    const line = (document: string, year: number) =>
      officerD01.send('POST', `/api/districts/D01/reports/${year}/lines`, { document, fund: 'FNPS', annuality: 2023, area: 'A1', description: 'Servizio', amount: 1_000_000, paidOn: `${year}-05-01` });
    const first = await line('FT-1', 2023);
    assert.equal(first.statusCode, 201, first.body);
    submitted = (first.json() as { id: number }).id;
    assert.equal((await officerD01.send('POST', '/api/districts/D01/reports/2023/submit')).statusCode, 200);
    draft = ((await line('FT-2', 2024)).json() as { id: number }).id;
  });
  after(() => t.close());

  it('answers another district’s line, submitted or draft, as a missing line (404 expense.not_found)', async () => {
    const ask = (id: number) => officerD02.send('POST', `/api/expense-lines/${id}/corrections`, { amount: 900_000, reason: 'nota di credito' });
    const onMissing = answer(await ask(MISSING));
    assert.deepEqual(onMissing, { status: 404, code: 'expense.not_found', detail: 'Spesa N non trovata' });
    assert.deepEqual(answer(await ask(submitted)), onMissing, 'a submitted line of D01');
    assert.deepEqual(answer(await ask(draft)), onMissing, 'a draft line of D01');
    // nothing requested, and the line's own district still asks
    assert.equal(((await region.get('/api/corrections')).json() as { total: number }).total, 0);
    assert.equal((await officerD01.send('POST', `/api/expense-lines/${submitted}/corrections`, { amount: 900_000, reason: 'nota di credito' })).statusCode, 201);
  });
});
