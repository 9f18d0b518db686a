import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { PASSWORD, testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { addUser } from '../../src/services/users.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';

const seed2 = JSON.parse(readFileSync('reference-data/performance/inrete-2024.json', 'utf8')) as unknown;
const expectedCounts = JSON.parse(readFileSync('reference-data/performance/counts.json', 'utf8')) as Record<string, number>;

interface Scores {
  plan: string;
  year: number;
  overall: number | null;
  centres: { name: string; score: number | null; objectives: { code: string; title: string; score: number | null; status: string }[] }[];
}

interface PlanView {
  id: number;
  status: string;
  centres: {
    name: string;
    score: number | null;
    progress: { objectives: number; scored: number; suspended: number };
    objectives: {
      id: number;
      sharedKey: string | null;
      code: string;
      title: string;
      version: number;
      status: string;
      score: number | null;
      report: string;
      activities: { id: number; actual: string }[];
      indicators: { id: number; name: string; target: string; actual: string }[];
      revisions: { version: number; kind: string; actId: number | null; act: string; actDate: string; date: string; snapshot: unknown }[];
    }[];
  }[];
}

const objectiveScore = (s: Scores, centre: string, code: string) => s.centres.find((c) => c.name === centre)!.objectives.filter((o) => o.code === code);

const multipart = (name: string, content: Buffer) => {
  const boundary = '----regia-performance';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
};

/** The visible text of a DOCX body: every w:t run joined, entities decoded. */
const docxText = (docx: Buffer) => {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
};

describe(`performance cycle (${testEngine})`, () => {
  let t: TestApp;
  let manager: Session;
  let area: Session;
  let evaluator: Session;
  let planId: number;
  const plan = async (id = planId) => (await manager.get(`/api/performance/plans/${id}`)).json() as PlanView;
  const scoresOf = async (id = planId) => (await manager.get(`/api/performance/plans/${id}/scores`)).json() as Scores;
  const find = (p: PlanView, centre: string, code: string, nth = 0) => p.centres.find((c) => c.name === centre)!.objectives.filter((o) => o.code === code)[nth]!;

  before(async () => {
    t = await testApp();
    manager = await t.signIn('consortium_manager', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: [] });
    area = await t.signIn('area_manager', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: ['Area Amministrativa'] });
    evaluator = await t.signIn('evaluator', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: [] });
    const res = await manager.send('POST', '/api/performance/plans', seed2);
    assert.equal(res.statusCode, 201, res.body);
    planId = (res.json() as { id: number }).id;
  });
  after(() => t.close());

  it('imports the seed-2 plan with the counts of the source document', async () => {
    const p = await plan();
    const occurrences = p.centres.flatMap((c) => c.objectives);
    const distinct = new Map(occurrences.map((o) => [o.id, o]));
    const counts = {
      centres: p.centres.length,
      objectiveOccurrences: occurrences.length,
      distinctObjectives: distinct.size,
      activities: occurrences.reduce((s, o) => s + o.activities.length, 0),
      indicators: occurrences.reduce((s, o) => s + o.indicators.length, 0),
      revisions: [...distinct.values()].filter((o) => o.revisions.length > 0).length,
      suspended: [...distinct.values()].filter((o) => o.status === 'suspended').length,
    };
    assert.deepEqual(counts, expectedCounts);
    const listed = ((await manager.get('/api/performance/plans')).json() as { items?: { id: number; centres: number; objectives: number }[] } | { id: number; centres: number; objectives: number }[]);
    const rows = Array.isArray(listed) ? listed : (listed.items ?? []);
    const row = rows.find((r) => r.id === planId)!;
    assert.deepEqual([row.centres, row.objectives], [expectedCounts.centres, expectedCounts.distinctObjectives], 'the plans list counts this plan, not another table');
    const shared = occurrences.filter((o) => o.sharedKey === 'consolidare-adi');
    assert.deepEqual(shared.map((o) => o.code), ['2.2', '2.1'], 'one objective, numbered by each centre');
    assert.equal(shared[0]!.id, shared[1]!.id);
  });

  it('refuses an invalid plan listing every problem with its path', async () => {
    const res = await manager.send('POST', '/api/performance/plans', { body: 'Consorzio IN.RE.TE.', year: 1990, centres: [{ name: 'Area', objectives: [{ code: '1' }] }] });
    assert.equal(res.statusCode, 422);
    const problem = res.json() as { errors: string[] };
    assert.ok(problem.errors.includes('year: anno non valido (intero tra 2000 e 2100)'), problem.errors.join('\n'));
    assert.ok(problem.errors.some((e) => e.startsWith('centres[0].objectives[0].title:')), problem.errors.join('\n'));
  });

  it('scores seed 2 as DOMAIN.md works it out', async () => {
    const s = await scoresOf();
    assert.equal(s.plan, String(planId));
    assert.equal(s.year, 2024);
    assert.deepEqual(Object.keys(s), ['plan', 'year', 'overall', 'centres']);
    assert.deepEqual(Object.keys(s.centres[0]!.objectives[0]!), ['code', 'title', 'score', 'status']);
    const [a22] = objectiveScore(s, 'Area Amministrativa', '2.2');
    assert.equal(a22!.score, 0.6667);
    assert.equal(a22!.status, 'partially_achieved');
    const [a21] = objectiveScore(s, 'Area Amministrativa', '2.1');
    assert.equal(a21!.score, 1);
    assert.equal(a21!.status, 'achieved');
    const [a23] = objectiveScore(s, 'Area Amministrativa', '2.3');
    assert.equal(a23!.score, null);
    assert.equal(a23!.status, 'suspended');
    const [m1] = objectiveScore(s, 'Area Minori e Famiglie - Adulti', '1');
    assert.equal(m1!.score, 0.6667);
    const p = await plan();
    const amministrativa = p.centres.find((c) => c.name === 'Area Amministrativa')!;
    assert.deepEqual({ ...amministrativa.progress }, { ...amministrativa.progress, objectives: 3, scored: 2, suspended: 1 });
    assert.equal(amministrativa.score, 0.8333);
  });

  it('writes the Relazione sulla Performance with every objective and the tables of seed 2', async () => {
    const res = await manager.get(`/api/performance/plans/${planId}/report.docx`);
    assert.equal(res.statusCode, 200);
    const text = docxText(res.rawPayload);
    for (const c of (await plan()).centres) {
      for (const o of c.objectives) {
        assert.ok(text.includes(`Obiettivo ${o.code}`), `code ${o.code}`);
        assert.ok(text.includes(o.title), `title of ${c.name} ${o.code}`);
      }
    }
    for (const header of ['Attività', 'Tempi', 'Consuntivo', 'Indicatore', 'Valore atteso', 'Valore consuntivo']) assert.ok(text.includes(header), header);
    assert.ok(text.includes('Relazione provvisoria: i punteggi non sono ancora stati validati dal valutatore.'));
    const pdf = await manager.get(`/api/performance/plans/${planId}/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('round-trips the plan through JSON and XLSX with identical scores', async () => {
    const original = await scoresOf();
    const strip = (s: Scores) => ({ ...s, plan: '' });
    const json = await manager.get(`/api/performance/plans/${planId}/export.json`);
    assert.equal(json.statusCode, 200);
    const fromJson = await manager.send('POST', '/api/performance/plans', JSON.parse(json.body));
    assert.equal(fromJson.statusCode, 201, fromJson.body);
    assert.deepEqual((fromJson.json() as { notes: string[] }).notes, [], 'the export writes a shared objective once');
    assert.deepEqual(strip(await scoresOf((fromJson.json() as { id: number }).id)), strip(original));

    const xlsx = await manager.get(`/api/performance/plans/${planId}/export.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const upload = multipart('piano.xlsx', xlsx.rawPayload);
    const fromXlsx = await t.app.inject({
      method: 'POST',
      url: '/api/performance/plans/import-xlsx',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, ...upload.headers },
      payload: upload.payload,
    });
    assert.equal(fromXlsx.statusCode, 201, fromXlsx.body);
    const xlsxId = (fromXlsx.json() as { id: number }).id;
    assert.deepEqual(strip(await scoresOf(xlsxId)), strip(original));
    const again = (await manager.get(`/api/performance/plans/${xlsxId}/export.json`)).json() as Record<string, unknown>;
    assert.deepEqual(again, JSON.parse(json.body), 'the workbook keeps every field as written');
  });

  it('keeps roles apart on performance routes', async () => {
    await aDistrict(t.database, 'D01');
    for (const role of ['district_officer', 'region_officer'] as const) {
      const s = await t.signIn(role, role === 'district_officer' ? ['D01'] : []);
      assert.equal((await s.get('/api/performance/plans')).statusCode, 403, role);
      assert.equal((await s.get(`/api/performance/plans/${planId}/scores`)).statusCode, 403, role);
      assert.equal((await s.send('POST', '/api/performance/plans', seed2)).statusCode, 403, role);
    }
    const indicator = find(await plan(), 'Area Amministrativa', '2.2').indicators[1]!;
    assert.equal((await evaluator.send('PUT', `/api/performance/plans/${planId}/indicators/${indicator.id}/actual`, { actual: '20' })).statusCode, 403);
    assert.equal((await area.send('POST', `/api/performance/plans/${planId}/validation`, { comment: 'no' })).statusCode, 403);
    assert.equal((await area.send('POST', '/api/performance/plans', seed2)).statusCode, 403);
    assert.equal((await manager.get('/api/performance/plans/999999')).statusCode, 404);
  });

  it('lets an area manager record actuals and the year-end report, and the score follows', async () => {
    const before = find(await plan(), 'Area Amministrativa', '2.2');
    const incontri = before.indicators.find((i) => i.target === '20')!;
    assert.equal(incontri.actual, '10');
    const res = await area.send('PUT', `/api/performance/plans/${planId}/indicators/${incontri.id}/actual`, { actual: '20' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((res.json() as { objective: unknown }).objective, { objectiveId: before.id, score: 0.8333, status: 'partially_achieved' });
    const [a22] = objectiveScore(await scoresOf(), 'Area Amministrativa', '2.2');
    assert.equal(a22!.score, 0.8333);
    assert.equal((await area.send('PUT', `/api/performance/plans/${planId}/indicators/${incontri.id}/actual`, { actual: 'forse' })).statusCode, 422);
    const activity = before.activities[0]!;
    assert.equal((await area.send('PUT', `/api/performance/plans/${planId}/activities/${activity.id}/actual`, { actual: 'Rinvio al 2025' })).statusCode, 200);
    assert.equal((await area.send('PUT', `/api/performance/plans/${planId}/objectives/${before.id}/report`, { report: 'Report al 31/12/2024: svolto.' })).statusCode, 200);
    const after = find(await plan(), 'Area Amministrativa', '2.2');
    assert.equal(after.activities[0]!.actual, 'Rinvio al 2025');
    assert.equal(after.report, 'Report al 31/12/2024: svolto.');
  });

  it('keeps an area manager to the objectives of its own centres in its own body’s plans', async () => {
    const other = find(await plan(), 'Area Finanziaria', '2.2');
    const indicator = other.indicators[0]!;
    const writes = (s: Session) => [
      s.send('PUT', `/api/performance/plans/${planId}/indicators/${indicator.id}/actual`, { actual: '1' }),
      s.send('PUT', `/api/performance/plans/${planId}/activities/${other.activities[0]!.id}/actual`, { actual: 'Marzo' }),
      s.send('PUT', `/api/performance/plans/${planId}/objectives/${other.id}/report`, { report: 'Non mio.' }),
    ];
    for (const res of await Promise.all(writes(area))) {
      assert.equal(res.statusCode, 403, res.body);
      assert.match((res.json() as { detail: string }).detail, /non è di un centro di responsabilità assegnato/);
    }
    // The same centre name in another consortium is another centre.
    const elsewhere = await t.signIn('area_manager', [], undefined, { body: 'Consorzio Valle del Sacco', centres: ['Area Amministrativa', 'Area Finanziaria'] });
    const own = find(await plan(), 'Area Amministrativa', '2.2');
    const res = await elsewhere.send('PUT', `/api/performance/plans/${planId}/objectives/${own.id}/report`, { report: 'Non mio.' });
    // another body's plan is not even seen: the same answer as a missing plan
    assert.equal(res.statusCode, 404, res.body);
    assert.equal((res.json() as { code: string }).code, 'performance.plan_not_found');
    const untouched = find(await plan(), 'Area Finanziaria', '2.2');
    assert.deepEqual([untouched.indicators[0]!.actual, untouched.activities[0]!.actual, untouched.report], [indicator.actual, other.activities[0]!.actual, other.report]);
    // The manager reports on any centre.
    assert.equal((await manager.send('PUT', `/api/performance/plans/${planId}/objectives/${other.id}/report`, { report: other.report })).statusCode, 200);
  });

  it('refuses an area manager without its body or a centre, in Italian', async () => {
    const add = (extra: { body?: string; centres?: string[] }) => addUser(t.ctx, SYSTEM, { username: 'area-senza-ambito', password: PASSWORD, role: 'area_manager', ...extra });
    await assert.rejects(add({ body: 'Consorzio IN.RE.TE.' }), /almeno un centro di responsabilità/);
    await assert.rejects(add({ centres: ['Area Amministrativa'] }), /l’ente per cui lavora/);
    await assert.rejects(addUser(t.ctx, SYSTEM, { username: 'direttore-con-centro', password: PASSWORD, role: 'consortium_manager', centres: ['Area Amministrativa'] }), /Solo il ruolo area_manager/);
  });

  it('suspends an objective by a board resolution and keeps the earlier version', async () => {
    const target = find(await plan(), 'Area Finanziaria', '2.2');
    assert.equal(target.status, 'achieved');
    const dgr = await manager.send('POST', '/api/acts', { type: 'DGR', number: '7', date: '2024-10-01' });
    const refused = await manager.send('POST', `/api/performance/plans/${planId}/objectives/${target.id}/revisions`, { kind: 'suspended', actId: (dgr.json() as { id: number }).id });
    assert.equal(refused.statusCode, 422, 'only a CDA act revises an objective');
    const cda = await manager.send('POST', '/api/acts', { type: 'CDA', number: '61', date: '2024-11-20', subject: 'Revisione obiettivi' });
    assert.equal(cda.statusCode, 201, cda.body);
    const actId = (cda.json() as { id: number }).id;
    const updated = await manager.send('POST', `/api/performance/plans/${planId}/objectives/${target.id}/revisions`, { kind: 'updated', actId, changes: { title: 'Titolo aggiornato' } });
    assert.equal(updated.statusCode, 201, updated.body);
    // adopted on 20/11, the suspension runs from 01/12
    const suspended = await manager.send('POST', `/api/performance/plans/${planId}/objectives/${target.id}/revisions`, { kind: 'suspended', actId, date: '2024-12-01' });
    assert.equal(suspended.statusCode, 201, suspended.body);
    assert.equal((await area.send('POST', `/api/performance/plans/${planId}/objectives/${target.id}/revisions`, { kind: 'suspended', actId })).statusCode, 403);
    const after = find(await plan(), 'Area Finanziaria', '2.2');
    assert.equal(after.status, 'suspended');
    assert.equal(after.score, null);
    assert.equal(after.title, 'Titolo aggiornato');
    assert.equal(after.version, 3);
    assert.deepEqual(after.revisions.map((r) => [r.version, r.kind, r.actId, r.act]), [
      [2, 'updated', actId, 'Deliberazione CdA n. 61'],
      [3, 'suspended', actId, 'Deliberazione CdA n. 61'],
    ]);
    assert.deepEqual(after.revisions.map((r) => [r.actDate, r.date]), [
      ['2024-11-20', '2024-11-20'],
      ['2024-11-20', '2024-12-01'],
    ], 'the act’s own date, and when each revision takes effect');
    const report = docxText((await manager.get(`/api/performance/plans/${planId}/report.docx`)).rawPayload);
    assert.ok(report.includes('Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 61 del 20/11/2024'), 'the report dates the act by the act');
    assert.ok(!report.includes('Deliberazione CdA n. 61 del 01/12/2024'));
    assert.equal((after.revisions[0]!.snapshot as { title: string }).title, target.title, 'the first version is kept');
    assert.equal((after.revisions[1]!.snapshot as { title: string; suspended: boolean }).title, 'Titolo aggiornato');
    const [fin22] = objectiveScore(await scoresOf(), 'Area Finanziaria', '2.2');
    assert.deepEqual({ score: fin22!.score, status: fin22!.status }, { score: null, status: 'suspended' });
  });

  it('freezes the plan once the evaluator validates the scores', async () => {
    const p = await plan();
    const a22 = find(p, 'Area Amministrativa', '2.2');
    const res = await evaluator.send('POST', `/api/performance/plans/${planId}/validation`, {
      comment: 'Punteggi verificati.',
      objectives: [{ objectiveId: a22.id, comment: 'Formazione svolta in parte.' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const validated = res.json() as { status: string; scores: Scores };
    assert.equal(validated.status, 'validated');
    assert.deepEqual(validated.scores, await scoresOf());
    const after = (await manager.get(`/api/performance/plans/${planId}`)).json() as PlanView & { validation: { comment: string } };
    assert.equal(after.status, 'validated');
    assert.equal(after.validation.comment, 'Punteggi verificati.');
    const indicator = a22.indicators[0]!;
    const actual = await area.send('PUT', `/api/performance/plans/${planId}/indicators/${indicator.id}/actual`, { actual: 'no' });
    assert.equal(actual.statusCode, 409);
    assert.match((actual.json() as { detail: string }).detail, /validato/);
    assert.equal((await area.send('PUT', `/api/performance/plans/${planId}/objectives/${a22.id}/report`, { report: 'x' })).statusCode, 409);
    assert.equal((await area.send('PUT', `/api/performance/plans/${planId}/activities/${a22.activities[0]!.id}/actual`, { actual: 'x' })).statusCode, 409);
    const cda = await manager.send('POST', '/api/acts', { type: 'CDA', number: '70', date: '2024-12-20' });
    assert.equal((await manager.send('POST', `/api/performance/plans/${planId}/objectives/${a22.id}/revisions`, { kind: 'suspended', actId: (cda.json() as { id: number }).id })).statusCode, 409);
    assert.equal((await evaluator.send('POST', `/api/performance/plans/${planId}/validation`, {})).statusCode, 409);
    // The Relazione now names the validation and carries the comments.
    const text = docxText((await manager.get(`/api/performance/plans/${planId}/report.docx`)).rawPayload);
    assert.match(text, /Punteggi validati il \d{2}\/\d{2}\/\d{4} da evaluator\d+\.Punteggi verificati\./);
    assert.ok(text.includes('Valutazione del valutatoreFormazione svolta in parte.'), 'the objective’s comment under its heading');
    assert.equal(text.includes('Relazione provvisoria'), false);
  });
});
