import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';

interface ChapterYear {
  year: number;
  budget: number;
  reserved: number;
  assigned: number;
  available: number;
}
interface Chapter {
  id: number;
  code: string;
  fund: string;
  years: ChapterYear[];
}
interface Reservation {
  id: number;
  code: string;
  amount: number;
  assigned: number;
  available: number;
  assignments: { district: string; amount: number }[];
}

describe(`regional funds: budget chapters, reservations, implementing acts (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let district: Session;
  const clock = new Date('2025-07-15T09:00:00Z');
  let chapter: Chapter;
  let r1: Reservation;
  let r2: Reservation;
  const act = async (type: string, number: string, date: string) => {
    const res = await region.send('POST', '/api/acts', { type, number, date, subject: `${type} ${number}` });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: number }).id;
  };
  const detail = (res: { body: string }) => (JSON.parse(res.body) as { detail: string }).detail;

  before(async () => {
    t = await testApp({ now: () => clock });
    await aDistrict(t.database, 'D01');
    await aDistrict(t.database, 'D02');
    await aDistrict(t.database, 'D03');
    await aMunicipality(t.database, '058001', 'D01', 41_287);
    await aMunicipality(t.database, '058002', 'D02', 27_903);
    await aMunicipality(t.database, '058003', 'D03', 15_650);
    region = await t.signIn('region_officer');
    district = await t.signIn('district_officer', ['D01']);
    assert.equal((await region.send('POST', '/api/funds', { code: 'FSR', name: 'Fondo sociale regionale', source: 'regional', rule75: false })).statusCode, 201);
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
  });
  after(() => t.close());

  it('records a budget chapter of the three-year budget, citing the budget law', async () => {
    const law = await act('LEGGE', '23', '2024-12-30');
    const res = await region.send('POST', '/api/regional-funds/chapters', {
      code: 'H41924',
      description: 'Fondo sociale regionale: interventi dei distretti',
      fund: 'FSR',
      amounts: [
        { year: 2025, amount: 100_000_000, actId: law },
        { year: 2026, amount: 80_000_000, actId: law },
        { year: 2027, amount: 80_000_000, actId: law },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    chapter = res.json() as Chapter;
    assert.deepEqual(
      chapter.years.map((y) => [y.year, y.budget, y.available]),
      [
        [2025, 100_000_000, 100_000_000],
        [2026, 80_000_000, 80_000_000],
        [2027, 80_000_000, 80_000_000],
      ],
    );
    const list = (await district.get('/api/regional-funds/chapters')).json() as Chapter[];
    assert.deepEqual(list.map((c) => c.code), ['H41924']);
  });

  it('refuses a chapter financing a national fund, or a budget cited by a decree', async () => {
    const law = await act('LEGGE', '24', '2024-12-30');
    const national = await region.send('POST', '/api/regional-funds/chapters', { code: 'H41925', description: '', fund: 'FNPS', amounts: [{ year: 2025, amount: 1, actId: law }] });
    assert.equal(national.statusCode, 422);
    assert.match(detail(national), /fondo nazionale/);
    const dd = await act('DD', 'G00001', '2025-01-10');
    const wrongAct = await region.send('POST', '/api/regional-funds/chapters', { code: 'H41926', description: '', fund: 'FSR', amounts: [{ year: 2025, amount: 1, actId: dd }] });
    assert.equal(wrongAct.statusCode, 422);
  });

  it('reserves € 900.000,00 by DGR of finalisation and refuses a third reservation of € 150.000,00, naming the amounts', async () => {
    const dgr = await act('DGR', '120', '2025-03-04');
    const first = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2025, code: 'R1', description: 'Assistenza domiciliare', amount: 60_000_000, actId: dgr });
    assert.equal(first.statusCode, 201, first.body);
    r1 = first.json() as Reservation;
    const second = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2025, code: 'R2', description: 'Centri diurni', amount: 30_000_000, actId: dgr });
    assert.equal(second.statusCode, 201, second.body);
    r2 = second.json() as Reservation;

    const third = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2025, code: 'R3', description: 'Povertà', amount: 15_000_000, actId: dgr });
    assert.equal(third.statusCode, 409);
    assert.equal(
      detail(third),
      "L'importo della prenotazione (€ 150.000,00) sommato a € 900.000,00 già prenotati supera lo stanziamento del capitolo (€ 1.000.000,00) di € 50.000,00 (fondo FSR annualità 2025, capitolo H41924, prenotazione R3)",
    );
    const y2025 = ((await region.get(`/api/regional-funds/chapters/${chapter.id}`)).json() as Chapter).years.find((y) => y.year === 2025)!;
    assert.deepEqual([y2025.reserved, y2025.available], [90_000_000, 10_000_000]);

    const law = await act('LEGGE', '25', '2024-12-30');
    const notDgr = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2025, code: 'R4', description: '', amount: 1, actId: law });
    assert.equal(notDgr.statusCode, 422);
    const noBudget = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2028, code: 'R1', description: '', amount: 1, actId: dgr });
    assert.equal(noBudget.statusCode, 404);
    assert.match(detail(noBudget), /non ha stanziamento per l'anno 2028/);
  });

  it('previews and assigns € 300.000,00 by population among three districts, to the cent, visible in compliance', async () => {
    const preview = await region.send('POST', `/api/regional-funds/reservations/${r2.id}/assignments/preview`, { criterion: 'population', amount: 30_000_000 });
    assert.equal(preview.statusCode, 200, preview.body);
    // 41.287 + 27.903 + 15.650 = 84.840 inhabitants; the left-over cent goes to D01 (remainder ,51)
    assert.deepEqual(preview.json(), {
      shares: [
        { district: 'D01', amount: 14_599_364 },
        { district: 'D02', amount: 9_866_690 },
        { district: 'D03', amount: 5_533_946 },
      ],
      total: 30_000_000,
      reservation: 30_000_000,
      alreadyAssigned: 0,
      remaining: 0,
    });

    const dd = await act('DD', 'G05123', '2025-05-20');
    const res = await region.send('POST', `/api/regional-funds/reservations/${r2.id}/assignments`, { criterion: 'population', amount: 30_000_000, actId: dd });
    assert.equal(res.statusCode, 201, res.body);
    const reservation = res.json() as Reservation;
    assert.deepEqual([reservation.assigned, reservation.available], [30_000_000, 0]);
    assert.deepEqual(reservation.assignments.map((a) => [a.district, a.amount]), [
      ['D01', 14_599_364],
      ['D02', 9_866_690],
      ['D03', 5_533_946],
    ]);

    const c = (await region.get('/api/compliance/FSR/2025')).json() as { allocated: number; programmed: number; assigned: number; districts: { district: string; assigned: number; toDisburse: number }[] };
    assert.deepEqual([c.allocated, c.programmed, c.assigned], [100_000_000, 90_000_000, 30_000_000]);
    assert.deepEqual(c.districts.map((d) => [d.district, d.assigned, d.toDisburse]), [
      ['D01', 14_599_364, 14_599_364],
      ['D02', 9_866_690, 9_866_690],
      ['D03', 5_533_946, 5_533_946],
    ]);
    // the district sees its regional money like any other fund
    const own = (await district.get('/api/districts/D01/funds')).json() as { fund: string; annuality: number; assigned: number }[];
    assert.deepEqual(own.filter((f) => f.fund === 'FSR').map((f) => [f.annuality, f.assigned]), [[2025, 14_599_364]]);
  });

  it('refuses an implementing act beyond the reservation', async () => {
    const dd = await act('DD', 'G05200', '2025-06-01');
    const over = await region.send('POST', `/api/regional-funds/reservations/${r2.id}/assignments`, { criterion: 'amounts', amounts: [{ district: 'D02', amount: 1 }], actId: dd });
    assert.equal(over.statusCode, 409);
    assert.match(detail(over), /\(€ 0,01\) sommato a € 300\.000,00 già assegnati sulla prenotazione supera l'importo prenotato \(€ 300\.000,00\) di € 0,01/);
    const preview = (await region.send('POST', `/api/regional-funds/reservations/${r2.id}/assignments/preview`, { criterion: 'amounts', amounts: [{ district: 'D02', amount: 1 }] })).json() as { remaining: number };
    assert.equal(preview.remaining, -1);
    const manual = await region.send('POST', `/api/regional-funds/reservations/${r1.id}/assignments`, {
      criterion: 'manual_percent',
      amount: 10_000_000,
      percents: [
        { district: 'D01', percent: '33,33' },
        { district: 'D02', percent: '33,33' },
        { district: 'D03', percent: '33,34' },
      ],
      actId: dd,
    });
    assert.equal(manual.statusCode, 201, manual.body);
    assert.deepEqual((manual.json() as Reservation).assignments.map((a) => a.amount), [3_333_000, 3_333_000, 3_334_000]);
  });

  it('records the half-yearly statement of the chapter with the figures of the day', async () => {
    const res = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/statements`, { year: 2025, semester: 1, asOf: '2025-06-30', communication: 'Cabina di regia, nota prot. 612345 del 10/07/2025' });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json() as { budget: number; reserved: number; assigned: number; available: number; asOf: string; recordedBy: string };
    // budget 1.000.000,00; reserved 600.000,00 + 300.000,00; assigned 300.000,00 (R2) + 100.000,00 (R1)
    assert.deepEqual([s.budget, s.reserved, s.assigned, s.available, s.asOf], [100_000_000, 90_000_000, 40_000_000, 10_000_000, '2025-06-30']);
    const again = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/statements`, { year: 2025, semester: 1, communication: 'bis' });
    assert.equal(again.statusCode, 409);
    const early = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/statements`, { year: 2025, semester: 2, asOf: '2025-06-30', communication: 'x' });
    assert.equal(early.statusCode, 422);
    const noReference = await region.send('POST', `/api/regional-funds/chapters/${chapter.id}/statements`, { year: 2025, semester: 2, asOf: '2025-12-31' });
    assert.equal(noReference.statusCode, 422);
    const list = (await district.get(`/api/regional-funds/chapters/${chapter.id}/statements`)).json() as { semester: number; available: number }[];
    assert.deepEqual(list.map((x) => [x.semester, x.available]), [[1, 10_000_000]]);
  });

  it('refuses to lower the budget below the reservations, or a reservation below its assignments', async () => {
    const variation = await act('DGR', '400', '2025-07-01');
    const low = await region.send('PUT', `/api/regional-funds/chapters/${chapter.id}/amounts/2025`, { amount: 85_000_000, actId: variation });
    assert.equal(low.statusCode, 409);
    assert.equal(detail(low), 'Lo stanziamento del capitolo (€ 850.000,00) non può essere inferiore a € 900.000,00 già prenotati: mancano € 50.000,00 (fondo FSR annualità 2025, capitolo H41924)');
    const ok = await region.send('PUT', `/api/regional-funds/chapters/${chapter.id}/amounts/2025`, { amount: 95_000_000, actId: variation });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(((await region.get('/api/compliance/FSR/2025')).json() as { allocated: number }).allocated, 95_000_000);

    const lowReservation = await region.send('PUT', `/api/regional-funds/reservations/${r2.id}`, { amount: 29_999_999, actId: variation });
    assert.equal(lowReservation.statusCode, 409);
    assert.match(detail(lowReservation), /L'importo prenotato \(€ 299\.999,99\) non può essere inferiore a € 300\.000,00 già assegnati/);
    const highReservation = await region.send('PUT', `/api/regional-funds/reservations/${r1.id}`, { amount: 65_000_001, actId: variation });
    assert.equal(highReservation.statusCode, 409);
    assert.match(detail(highReservation), /supera lo stanziamento del capitolo \(€ 950\.000,00\) di € 0,01/);
    const amended = await region.send('PUT', `/api/regional-funds/reservations/${r1.id}`, { amount: 65_000_000, actId: variation });
    assert.equal(amended.statusCode, 200, amended.body);
    const list = (await region.get(`/api/regional-funds/reservations?chapter=${chapter.id}&year=2025`)).json() as Reservation[];
    assert.deepEqual(list.map((r) => [r.code, r.amount, r.assigned]), [
      ['R1', 65_000_000, 10_000_000],
      ['R2', 30_000_000, 30_000_000],
    ]);
  });

  it('answers 403 to a district officer on every write, and 404 for a missing reservation', async () => {
    const dd = await act('DD', 'G09999', '2025-07-10');
    const writes: [string, string, unknown][] = [
      ['POST', '/api/regional-funds/chapters', { code: 'X1', description: '', fund: 'FSR', amounts: [] }],
      ['PUT', `/api/regional-funds/chapters/${chapter.id}/amounts/2025`, { amount: 1, actId: dd }],
      ['POST', `/api/regional-funds/chapters/${chapter.id}/reservations`, { year: 2025, code: 'R9', description: '', amount: 1, actId: dd }],
      ['PUT', `/api/regional-funds/reservations/${r1.id}`, { amount: 1, actId: dd }],
      ['POST', `/api/regional-funds/reservations/${r1.id}/assignments`, { criterion: 'amounts', amounts: [{ district: 'D01', amount: 1 }], actId: dd }],
      ['POST', `/api/regional-funds/chapters/${chapter.id}/statements`, { year: 2025, semester: 2, communication: 'x' }],
    ];
    for (const [method, url, body] of writes) {
      const res = await district.send(method as 'POST', url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
    }
    const view = (await district.get(`/api/regional-funds/reservations/${r2.id}`)).json() as Reservation;
    assert.deepEqual(view.assignments.map((a) => a.district), ['D01']);
    assert.equal(view.assigned, 30_000_000);
    assert.equal((await region.get('/api/regional-funds/reservations/9999')).statusCode, 404);
    assert.equal((await region.send('POST', '/api/regional-funds/reservations/9999/assignments/preview', { criterion: 'population', amount: 1 })).statusCode, 404);
  });
});
