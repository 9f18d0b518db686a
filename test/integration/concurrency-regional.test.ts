/**
 * Regional funds under concurrent requests (issue #9): requests fired at once over HTTP, which on
 * PostgreSQL run on up to ten real connections of the pool. Every limit of DOMAIN.md "Regional
 * funds" holds — Σ reservations ≤ the chapter's yearly amount, Σ implementing acts ≤ the
 * reservation — and the refused requests answer the usual Italian 409, never a 500. On PGlite the
 * same requests are serialised by its one connection; the test runs there too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { testApp, type Session, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';
import { rowsOf } from '../../src/db/client.ts';
import { lockLimits } from '../../src/db/locks.ts';

interface Chapter {
  id: number;
  years: { year: number; budget: number; reserved: number }[];
}
interface Reservation {
  id: number;
  amount: number;
  assigned: number;
}

const N = 8;
const EURO = 100;

/** Every answer, by status: what was accepted and what was refused. */
const statuses = (answers: LightMyRequestResponse[]) => {
  const by = new Map<number, number>();
  for (const a of answers) by.set(a.statusCode, (by.get(a.statusCode) ?? 0) + 1);
  return Object.fromEntries([...by].sort(([a], [b]) => a - b));
};
const detail = (res: LightMyRequestResponse) => (JSON.parse(res.body) as { detail: string }).detail;

/** Settles within `ms`, or says it is still waiting. */
const within = <T>(p: Promise<T>, ms: number): Promise<T | 'waiting'> =>
  Promise.race([p, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);

describe(`regional funds under concurrent requests (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let serial = 0;
  const act = async (type: string, date = '2025-03-04') => {
    const res = await region.send('POST', '/api/acts', { type, number: `${type}-${++serial}`, date, subject: `${type} ${serial}` });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: number }).id;
  };
  /** A regional fund of its own for each test: what one test leaves does not bound another. */
  const aFund = async () => {
    const code = `FR${++serial}`;
    const res = await region.send('POST', '/api/funds', { code, name: `Fondo regionale ${code}`, source: 'regional', rule75: false });
    assert.equal(res.statusCode, 201, res.body);
    return code;
  };
  const one = async <T>(sql_: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(sql_))[0]!;
  const chapter = async (fund: string, amounts: Record<number, number>) => {
    const law = await act('LEGGE', '2024-12-30');
    const res = await region.send('POST', '/api/regional-funds/chapters', {
      code: `C${++serial}`,
      description: 'capitolo',
      fund,
      amounts: Object.entries(amounts).map(([year, amount]) => ({ year: Number(year), amount, actId: law })),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Chapter;
  };
  const reservation = async (chapterId: number, amount: number, year = 2025) => {
    const res = await region.send('POST', `/api/regional-funds/chapters/${chapterId}/reservations`, { year, code: `R${++serial}`, description: 'prenotazione', amount, actId: await act('DGR') });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Reservation;
  };
  /** Σ reservations of a chapter-year as stored. */
  const reservedIn = async (chapterId: number, year: number) =>
    Number(
      (
        await one<{ s: string }>(
          sql`select coalesce(sum(il.amount), 0) as s from budget_reservations r join intervention_lines il on il.id = r.line_id where r.chapter_id = ${chapterId} and il.annuality = ${year}`,
        )
      ).s,
    );
  const budgetOf = async (chapterId: number, year: number) =>
    Number((await one<{ amount: string }>(sql`select amount from budget_chapter_amounts where chapter_id = ${chapterId} and year = ${year}`)).amount);
  /** Σ implementing acts on a reservation as stored, and its amount. */
  const reservationIn = async (id: number) => {
    const r = await one<{ amount: string; assigned: string }>(sql`
      select il.amount, (select coalesce(sum(a.amount), 0) from assignments a where a.fund_code = il.fund_code and a.annuality = il.annuality and a.line_code = il.code) as assigned
      from budget_reservations r join intervention_lines il on il.id = r.line_id where r.id = ${id}`);
    return { amount: Number(r.amount), assigned: Number(r.assigned) };
  };
  /** Running totals that differ from a recount of the assignments. */
  const totalsOffRecount = async () =>
    rowsOf<{ district_code: string }>(
      await t.database.db.execute(sql`
        select coalesce(t.district_code, a.district_code) as district_code from district_fund_totals t
        full join (select district_code, fund_code, annuality, sum(amount) as s from assignments group by 1, 2, 3) a
          on a.district_code = t.district_code and a.fund_code = t.fund_code and a.annuality = t.annuality
        where coalesce(t.assigned, 0) <> coalesce(a.s, 0)`),
    );
  const assign = async (reservationId: number, district: string, amount: number, actId: number) =>
    region.send('POST', `/api/regional-funds/reservations/${reservationId}/assignments`, { criterion: 'amounts', amounts: [{ district, amount }], actId });

  before(async () => {
    t = await testApp();
    for (const [i, d] of ['D01', 'D02', 'D03'].entries()) {
      await aDistrict(t.database, d);
      await aMunicipality(t.database, `05800${i + 1}`, d, 10_000 * (i + 1));
    }
    region = await t.signIn('region_officer');
  });
  after(() => t.close());

  it(`${N} reservations of € 3.000,00 at once on a chapter of € 10.000,00: three accepted, the rest refused with 409`, async () => {
    const fund = await aFund();
    const c = await chapter(fund, { 2025: 10_000 * EURO });
    const dgrs = await Promise.all(Array.from({ length: N }, () => act('DGR')));
    const answers = await Promise.all(
      dgrs.map((actId, i) => region.send('POST', `/api/regional-funds/chapters/${c.id}/reservations`, { year: 2025, code: `RN${i}`, description: 'x', amount: 3_000 * EURO, actId })),
    );
    assert.deepEqual(statuses(answers), { 201: 3, 409: N - 3 }, answers.map((a) => a.body).join('\n'));
    for (const a of answers.filter((x) => x.statusCode === 409)) assert.match(detail(a), /già prenotati supera lo stanziamento del capitolo \(€ 10\.000,00\)/);
    assert.equal(await reservedIn(c.id, 2025), 9_000 * EURO);
  });

  it(`${N} implementing acts of € 3.000,00 at once on a reservation of € 10.000,00: three accepted, the rest refused with 409`, async () => {
    const fund = await aFund();
    const c = await chapter(fund, { 2025: 10_000 * EURO });
    const r = await reservation(c.id, 10_000 * EURO);
    const dds = await Promise.all(Array.from({ length: N }, () => act('DD', '2025-05-20')));
    const answers = await Promise.all(dds.map((dd, i) => assign(r.id, ['D01', 'D02', 'D03'][i % 3]!, 3_000 * EURO, dd)));
    assert.deepEqual(statuses(answers), { 201: 3, 409: N - 3 }, answers.map((a) => a.body).join('\n'));
    for (const a of answers.filter((x) => x.statusCode === 409)) assert.match(detail(a), /già assegnati sulla prenotazione supera l'importo prenotato \(€ 10\.000,00\)/);
    assert.deepEqual(await reservationIn(r.id), { amount: 10_000 * EURO, assigned: 9_000 * EURO });
    assert.deepEqual(await totalsOffRecount(), []);
  });

  it('an amending DGR lowering a reservation while implementing acts arrive: Σ assigned never exceeds the reservation', async () => {
    const fund = await aFund();
    for (let round = 0; round < 3; round++) {
      const c = await chapter(fund, { 2025: 10_000 * EURO });
      const r = await reservation(c.id, 10_000 * EURO);
      const dds = await Promise.all(Array.from({ length: 6 }, () => act('DD', '2025-05-20')));
      const amending = await act('DGR');
      const acts = dds.map((dd, i) => assign(r.id, ['D01', 'D02', 'D03'][i % 3]!, 2_000 * EURO, dd));
      // the amendment goes in the middle of the implementing acts
      const answers = await Promise.all([...acts.slice(0, 3), region.send('PUT', `/api/regional-funds/reservations/${r.id}`, { amount: 5_000 * EURO, actId: amending }), ...acts.slice(3)]);
      for (const a of answers) assert.ok(a.statusCode === 200 || a.statusCode === 201 || a.statusCode === 409, `${a.statusCode} ${a.body}`);
      const stored = await reservationIn(r.id);
      assert.ok(stored.assigned <= stored.amount, `assigned ${stored.assigned} > reservation ${stored.amount}`);
      const amendment = answers[3]!;
      const accepted = answers.filter((a) => a.statusCode === 201).length;
      assert.equal(stored.assigned, accepted * 2_000 * EURO);
      if (amendment.statusCode === 200) assert.equal(stored.amount, 5_000 * EURO);
      else assert.match(detail(amendment), /non può essere inferiore a/);
      assert.deepEqual(await totalsOffRecount(), []);
    }
  });

  it("a budget variation lowering a chapter-year while reservations arrive: Σ reserved never exceeds the chapter's amount", async () => {
    const fund = await aFund();
    for (let round = 0; round < 3; round++) {
      const c = await chapter(fund, { 2025: 10_000 * EURO });
      const dgrs = await Promise.all(Array.from({ length: 6 }, () => act('DGR')));
      const variation = await act('DGR');
      const creating = dgrs.map((actId, i) => region.send('POST', `/api/regional-funds/chapters/${c.id}/reservations`, { year: 2025, code: `RV${round}-${i}`, description: 'x', amount: 2_000 * EURO, actId }));
      const answers = await Promise.all([...creating.slice(0, 3), region.send('PUT', `/api/regional-funds/chapters/${c.id}/amounts/2025`, { amount: 5_000 * EURO, actId: variation }), ...creating.slice(3)]);
      for (const a of answers) assert.ok(a.statusCode === 200 || a.statusCode === 201 || a.statusCode === 409, `${a.statusCode} ${a.body}`);
      const [reserved, budget] = [await reservedIn(c.id, 2025), await budgetOf(c.id, 2025)];
      assert.ok(reserved <= budget, `reserved ${reserved} > budget ${budget}`);
      assert.equal(reserved, answers.filter((a) => a.statusCode === 201).length * 2_000 * EURO);
    }
  });

  it("budget variations of several chapters of one fund at once: the fund annuality's allocation stays Σ of the chapters", async () => {
    const fund = await aFund();
    const chapters = [];
    for (let i = 0; i < 6; i++) chapters.push(await chapter(fund, { 2026: 1_000 * EURO }));
    const variations = await Promise.all(chapters.map(() => act('DGR')));
    const answers = await Promise.all(chapters.map((c, i) => region.send('PUT', `/api/regional-funds/chapters/${c.id}/amounts/2026`, { amount: (2_000 + i) * EURO, actId: variations[i] })));
    assert.deepEqual(statuses(answers), { 200: 6 }, answers.map((a) => a.body).join('\n'));
    const { allocated } = await one<{ allocated: string }>(sql`select allocated from fund_annualities where fund_code = ${fund} and annuality = 2026`);
    assert.equal(Number(allocated), (2_000 + 2_001 + 2_002 + 2_003 + 2_004 + 2_005) * EURO);
  });

  it("new chapters of one fund created at once: all stored, and the new fund annuality's allocation is Σ of them", async () => {
    const fund = await aFund();
    const law = await act('LEGGE', '2024-12-30');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        region.send('POST', '/api/regional-funds/chapters', { code: `NEW${i}`, description: 'x', fund, amounts: [{ year: 2027, amount: (100 + i) * EURO, actId: law }] }),
      ),
    );
    assert.deepEqual(statuses(answers), { 201: 6 }, answers.map((a) => a.body).join('\n'));
    const { allocated } = await one<{ allocated: string }>(sql`select allocated from fund_annualities where fund_code = ${fund} and annuality = 2027`);
    assert.equal(Number(allocated), (100 + 101 + 102 + 103 + 104 + 105) * EURO);
  });

  it('two reservations with one code on two chapters of the fund at once: one stored, the other refused with 409', async () => {
    const fund = await aFund();
    const [a, b] = [await chapter(fund, { 2025: 1_000 * EURO }), await chapter(fund, { 2025: 1_000 * EURO })];
    const [x, y] = [await act('DGR'), await act('DGR')];
    const answers = await Promise.all([
      region.send('POST', `/api/regional-funds/chapters/${a!.id}/reservations`, { year: 2025, code: 'SAME', description: 'x', amount: 100 * EURO, actId: x }),
      region.send('POST', `/api/regional-funds/chapters/${b!.id}/reservations`, { year: 2025, code: 'SAME', description: 'y', amount: 100 * EURO, actId: y }),
    ]);
    assert.deepEqual(statuses(answers), { 201: 1, 409: 1 }, answers.map((r) => r.body).join('\n'));
    assert.equal(detail(answers.find((r) => r.statusCode === 409)!), `Il codice SAME è già usato per il fondo ${fund} 2025`);
  });

  it('implementing acts on reservations of several chapters of one fund-year, to the same districts, at once: running totals equal a recount', async () => {
    const fund = await aFund();
    // One reservation per chapter: nothing but the districts' running totals is shared, and no
    // limit lock keeps the acts apart; the totals must still be a recount (totals.ts locks the rows first).
    const rs = [];
    for (let i = 0; i < 6; i++) rs.push(await reservation((await chapter(fund, { 2025: 1_000 * EURO })).id, 1_000 * EURO));
    const dds = await Promise.all(rs.map(() => act('DD', '2025-05-20')));
    const answers = await Promise.all(rs.map((r, i) => region.send('POST', `/api/regional-funds/reservations/${r.id}/assignments`, { criterion: 'population', amount: (500 + i) * EURO, actId: dds[i] })));
    assert.deepEqual(statuses(answers), { 201: 6 }, answers.map((a) => a.body).join('\n'));
    assert.deepEqual(await totalsOffRecount(), []);
  });

  it('one half-yearly statement sent several times at once: recorded once, the others refused with 409', async () => {
    const fund = await aFund();
    const c = await chapter(fund, { 2025: 1_000 * EURO });
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => region.send('POST', `/api/regional-funds/chapters/${c.id}/statements`, { year: 2025, semester: 1, asOf: '2025-06-30', communication: `nota ${i}` })),
    );
    assert.deepEqual(statuses(answers), { 201: 1, 409: 3 }, answers.map((a) => a.body).join('\n'));
    for (const a of answers.filter((x) => x.statusCode === 409)) assert.match(detail(a), /Il prospetto del 1° semestre 2025 del capitolo .* è già registrato/);
  });

  it(
    'a write waits only for the limit it touches: an implementing act on another reservation, or a reservation on another chapter, goes ahead',
    { skip: testEngine === 'pglite' ? 'PGlite has one connection: a transaction held open stops every other' : false },
    async () => {
      const fund = await aFund();
      const [c1, c2] = [await chapter(fund, { 2025: 10_000 * EURO }), await chapter(fund, { 2025: 10_000 * EURO })];
      const [a, b] = [await reservation(c1.id, 1_000 * EURO), await reservation(c1.id, 1_000 * EURO)];
      const [dd1, dd2, dgr] = [await act('DD', '2025-05-20'), await act('DD', '2025-05-20'), await act('DGR')];
      // Another transaction holds what a write on reservation a and on chapter c1 holds, and stays open.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = t.database.db.transaction(async (tx) => {
        await lockLimits(tx, [{ limit: 'reservation', reservationId: a.id }, { limit: 'chapter', chapterId: c1.id }]);
        locked();
        await held;
      });
      await isLocked;
      try {
        assert.equal((await within(assign(b.id, 'D01', 100 * EURO, dd1), 5_000)) !== 'waiting', true, 'an act on another reservation of the chapter waited');
        const other = await within(region.send('POST', `/api/regional-funds/chapters/${c2.id}/reservations`, { year: 2025, code: 'ELSEWHERE', description: 'x', amount: 100 * EURO, actId: dgr }), 5_000);
        assert.notEqual(other, 'waiting', 'a reservation on another chapter waited');
        assert.equal((other as LightMyRequestResponse).statusCode, 201);
        const same = assign(a.id, 'D01', 100 * EURO, dd2);
        assert.equal(await within(same, 500), 'waiting', 'an act on the locked reservation did not wait for its lock');
        release();
        assert.equal((await same).statusCode, 201);
      } finally {
        release();
        await holder;
      }
    },
  );
});
