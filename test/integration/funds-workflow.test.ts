import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict, aMunicipality } from '../support/fixtures.ts';
import { rowsOf } from '../../src/db/client.ts';

const multipart = (name: string, content: string) => {
  const boundary = '----regia-test';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  };
};

describe(`national fund life cycle and district reporting (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let district: Session;
  let clock = new Date('2024-03-10T10:00:00Z');
  const act = async (type: string, number: string, date: string) => ((await region.send('POST', '/api/acts', { type, number, date, subject: `${type} ${number}` })).json() as { id: number }).id;

  before(async () => {
    t = await testApp({ now: () => clock });
    await aDistrict(t.database, 'D01');
    await aDistrict(t.database, 'D02');
    await aDistrict(t.database, 'D03');
    await aMunicipality(t.database, '058001', 'D01', 50_000);
    await aMunicipality(t.database, '058002', 'D02', 30_000);
    await aMunicipality(t.database, '058003', 'D03', 20_000);
    region = await t.signIn('region_officer');
    district = await t.signIn('district_officer', ['D01']);
    assert.equal((await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true })).statusCode, 201);
  });
  after(() => t.close());

  it('records the decree, programmes lines up to the allocation and refuses more', async () => {
    const dm = await act('DM', '15', '2023-06-01');
    const res = await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2023, allocated: 100_000_000, actId: dm });
    assert.equal(res.statusCode, 200, res.body);
    const dgr = await act('DGR', '700', '2023-07-01');
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'L1', description: 'Domiciliarità', amount: 60_000_000, actId: dgr })).statusCode, 200);
    const over = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'L2', description: 'Famiglie', amount: 40_000_001, actId: dgr });
    assert.equal(over.statusCode, 409);
    assert.match((over.json() as { detail: string }).detail, /supera l'importo assegnato alla Regione/);
    const detail = (await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'L2', description: 'Famiglie', amount: 40_000_000, actId: dgr })).json() as { programmed: number };
    assert.equal(detail.programmed, 100_000_000);
    const wrongAct = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'L3', description: 'x', amount: 1, actId: dm });
    assert.equal(wrongAct.statusCode, 422);
  });

  it('assigns a line by population with a preview that adds up to the cent', async () => {
    const preview = (await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/L1/assignments/preview', { criterion: 'population', amount: 60_000_001 })).json() as { shares: { district: string; amount: number }[]; total: number };
    assert.equal(preview.total, 60_000_001);
    const dd = await act('DD', 'G00100', '2023-09-01');
    const over = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/L1/assignments', { criterion: 'population', amount: 60_000_001, actId: dd });
    assert.equal(over.statusCode, 409);
    const ok = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/L1/assignments', { criterion: 'population', amount: 60_000_000, actId: dd });
    assert.equal(ok.statusCode, 200, ok.body);
    const c = (await region.get('/api/compliance/FNPS/2023')).json() as { districts: { district: string; assigned: number }[] };
    assert.deepEqual(c.districts.map((d) => d.assigned), [30_000_000, 18_000_000, 12_000_000]);
  });

  it('disburses up to the assignment, names what blocks a tranche before it blocks, and refuses it', async () => {
    const dd = await act('DD', 'G00200', '2023-10-01');
    const over = await region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 30_000_001, paidOn: '2023-10-05', actId: dd });
    assert.equal(over.statusCode, 409);
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 20_000_000, paidOn: '2023-10-05', actId: dd })).statusCode, 200);
    // 2025 tranches wait on 75% of the 2023 assignment being recognised (art. 89 default rule)
    const dm = await act('DM', '20', '2025-05-01');
    await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2025, allocated: 10_000_000, actId: dm });
    const dgr = await act('DGR', '800', '2025-06-01');
    await region.send('POST', '/api/funds/FNPS/annualities/2025/lines', { code: 'L1', description: 'x', amount: 10_000_000, actId: dgr });
    const dd2 = await act('DD', 'G00300', '2025-07-01');
    await region.send('POST', '/api/funds/FNPS/annualities/2025/lines/L1/assignments', { criterion: 'amounts', amounts: [{ district: 'D01', amount: 5_000_000 }], actId: dd2 });
    const check = (await region.get('/api/funds/FNPS/annualities/2025/disbursements/check?district=D01')).json() as { allowed: boolean; reason: string; missing: number };
    assert.equal(check.allowed, false);
    assert.equal(check.missing, 22_500_000);
    assert.match(check.reason, /annualità 2023/);
    const dd3 = await act('DD', 'G00400', '2025-08-01');
    const blocked = await region.send('POST', '/api/funds/FNPS/annualities/2025/disbursements', { district: 'D01', amount: 1_000_000, paidOn: '2025-08-05', actId: dd3 });
    assert.equal(blocked.statusCode, 409);
    assert.match((blocked.json() as { detail: string }).detail, /mancano € 225\.000,00/);
  });

  it('changes the gating rule of an annuality by an act, with the earlier rule in the audit trail', async () => {
    const before = (await region.get('/api/funds/FNPS/annualities/2025')).json() as { gating: { kind: string; lag: number }; gatingAct: unknown };
    assert.deepEqual([before.gating.kind, before.gating.lag, before.gatingAct], ['recognised_share_of_earlier_annuality', 2, null]);
    const dgr = await act('DGR', '850', '2025-08-20');
    const bad = await region.send('PUT', '/api/funds/FNPS/annualities/2025/gating', { rule: { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: 0, den: 4 } }, actId: dgr });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.match((bad.json() as { detail: string }).detail, /Soglia non valida/);
    assert.equal((await district.send('PUT', '/api/funds/FNPS/annualities/2025/gating', { rule: { kind: 'none' }, actId: dgr })).statusCode, 403);

    // a third instead of three quarters: D01 still misses 10,000,000 − 0 recognised
    const res = await region.send('PUT', '/api/funds/FNPS/annualities/2025/gating', { rule: { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: 1, den: 3 } }, actId: dgr });
    assert.equal(res.statusCode, 200, res.body);
    const after = res.json() as { gating: { threshold: { num: string; den: string } }; gatingAct: { id: number; number: string } };
    assert.deepEqual(after.gating.threshold, { num: '1', den: '3' });
    assert.deepEqual([after.gatingAct.id, after.gatingAct.number], [dgr, '850']);
    const check = (await region.get('/api/funds/FNPS/annualities/2025/disbursements/check?district=D01')).json() as { allowed: boolean; missing: number };
    assert.deepEqual([check.allowed, check.missing], [false, 10_000_000]);
    const [audit] = rowsOf<{ before: unknown; after: { threshold: { num: string } } }>(
      await t.database.db.execute(sql`select before, after from audit_entries where action = 'fund_annuality.gating' order by seq desc limit 1`),
    );
    assert.equal(audit!.before, null);
    assert.equal(audit!.after.threshold.num, '1');

    // no condition at all: the tranche may go
    await region.send('PUT', '/api/funds/FNPS/annualities/2025/gating', { rule: { kind: 'none' }, actId: dgr });
    assert.equal(((await region.get('/api/funds/FNPS/annualities/2025/disbursements/check?district=D01')).json() as { allowed: boolean }).allowed, true);
    // back to the art. 89 rule for the tests that follow
    await region.send('PUT', '/api/funds/FNPS/annualities/2025/gating', { rule: { kind: 'recognised_share_of_earlier_annuality', lag: 2, threshold: { num: 3, den: 4 } }, actId: dgr });
  });

  it('keeps the district report as a draft, takes an upload with a receipt, and counts it only once submitted', async () => {
    const line = await district.send('POST', '/api/districts/D01/reports/2023/lines', { document: 'FT-1', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'Assistenza domiciliare', amount: 10_000_000, paidOn: '2023-11-02' });
    assert.equal(line.statusCode, 201, line.body);
    const wrongYear = await district.send('POST', '/api/districts/D01/reports/2023/lines', { document: 'FT-2', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 100, paidOn: '2024-01-02' });
    assert.equal(wrongYear.statusCode, 422);
    const bad = multipart('spese.csv', 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD01;FT-3;FNPS;2023;A2;Contributi;1.000,5x;2023-12-01;\nD02;FT-4;FNPS;2023;A2;Altro;100;2023-12-01;\n');
    const rejected = await t.app.inject({ method: 'POST', url: '/api/districts/D01/reports/2023/upload', headers: { cookie: district.cookie, 'x-csrf-token': district.csrfToken, ...bad.headers }, payload: bad.payload });
    assert.equal(rejected.statusCode, 422);
    const errors = (rejected.json() as { errors: string[] }).errors;
    assert.ok(errors.some((e) => e.startsWith('spese.csv:2: importo:')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('spese.csv:3: distretto:')), errors.join('\n'));
    // 1,500 lines of another district: the first 1,000 errors in full, then the count of the rest
    const many = multipart('spese.csv', 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\n' + Array.from({ length: 1500 }, (_, i) => `D02;X-${i};FNPS;2023;A2;Altro;100;2023-12-01;\n`).join(''));
    const tooMany = await t.app.inject({ method: 'POST', url: '/api/districts/D01/reports/2023/upload', headers: { cookie: district.cookie, 'x-csrf-token': district.csrfToken, ...many.headers }, payload: many.payload });
    assert.equal(tooMany.statusCode, 422);
    const cut = tooMany.json() as { title?: string; detail?: string; errors: string[] };
    assert.equal(cut.errors.length, 1001);
    assert.equal(cut.errors[1000], '… in tutto 1500 errori (elencati i primi 1000)');
    assert.match(JSON.stringify(cut), /File non caricato: 1\.500 errori, nessuna spesa salvata/);
    const good = multipart('spese.csv', 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\nD01;FT-3;FNPS;2023;A2;Contributi;€ 50.000,00;01/12/2023;\n');
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/districts/D01/reports/2023/upload', headers: { cookie: district.cookie, 'x-csrf-token': district.csrfToken, ...good.headers }, payload: good.payload });
    assert.equal(uploaded.statusCode, 200, uploaded.body);
    const receipt = uploaded.json() as { id: number; stored: number; amount: number; files: { sha256: string }[] };
    assert.equal(receipt.stored, 1);
    assert.equal(receipt.amount, 5_000_000);
    assert.match(receipt.files[0]!.sha256, /^[0-9a-f]{64}$/);
    const download = await district.get(`/api/receipts/${receipt.id}?download=true`);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), new RegExp(`ricevuta-${receipt.id}\\.json`));
    assert.equal((download.json() as { id: number }).id, receipt.id, 'the receipt as stored, once encoded');
    const draft = (await district.get('/api/districts/D01/reports/2023')).json() as { status: string; total: number; deadlineStatus: { status: string; daysLeft: number } };
    assert.equal(draft.status, 'draft');
    assert.equal(draft.total, 15_000_000);
    assert.deepEqual(draft.deadlineStatus, { status: 'open', deadline: '2024-03-31', daysLeft: 21 });
    assert.equal(((await region.get('/api/compliance/FNPS/2023')).json() as { reported: number }).reported, 0);
    const submitted = (await district.send('POST', '/api/districts/D01/reports/2023/submit')).json() as { status: string; late: boolean };
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.late, false);
    assert.equal(((await region.get('/api/compliance/FNPS/2023')).json() as { reported: number }).reported, 15_000_000);
    const again = await district.send('POST', '/api/districts/D01/reports/2023/lines', { document: 'FT-9', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 100, paidOn: '2023-12-02' });
    assert.equal(again.statusCode, 409);
  });

  it('records a report submitted after 31 March as late, with the days late', async () => {
    clock = new Date('2025-04-03T09:00:00Z');
    // sessions last hours, not a year: sign in again on the later day
    region = await t.signIn('region_officer');
    district = await t.signIn('district_officer', ['D01']);
    await district.send('POST', '/api/districts/D01/reports/2024/lines', { document: 'FT-24', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 1_000_000, paidOn: '2024-06-02' });
    const r = (await district.send('POST', '/api/districts/D01/reports/2024/submit')).json() as { late: boolean; daysLate: number };
    assert.equal(r.late, true);
    assert.equal(r.daysLate, 3);
  });

  it('keeps a district officer out of other districts', async () => {
    assert.equal((await district.get('/api/districts/D02/funds')).statusCode, 403);
    assert.equal((await district.get('/api/districts/D02/reports/2023')).statusCode, 403);
    assert.equal((await district.send('POST', '/api/districts/D02/reports/2023/lines', { document: 'X', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 1, paidOn: '2023-05-01' })).statusCode, 403);
    assert.equal((await district.get('/api/funds/FNPS/annualities/2025/disbursements/check?district=D02')).statusCode, 403);
    assert.equal((await district.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 1, paidOn: '2023-10-05', actId: 1 })).statusCode, 403);
    const mine = (await district.get('/api/districts/D01/funds')).json() as { fund: string; annuality: number; disbursed: number }[];
    assert.deepEqual(mine.map((m) => [m.fund, m.annuality, m.disbursed]), [['FNPS', 2023, 20_000_000], ['FNPS', 2025, 0]]);
  });

  it('verifies lines and corrects a submitted figure only through a request the Region decides', async () => {
    const lines = (await region.get('/api/funds/FNPS/annualities/2023/expense-lines?district=D01&status=pending')).json() as { items: { id: number; document: string; amount: number }[] };
    const ft1 = lines.items.find((l) => l.document === 'FT-1')!;
    const ft3 = lines.items.find((l) => l.document === 'FT-3')!;
    assert.equal((await region.send('POST', `/api/expense-lines/${ft1.id}/verification`, { action: 'recognise_all' })).statusCode, 200);
    const part = await region.send('POST', `/api/expense-lines/${ft3.id}/verification`, { action: 'recognise_part', recognised: 6_000_000 });
    assert.equal(part.statusCode, 409, 'more than reported is refused');
    assert.equal((await region.send('POST', `/api/expense-lines/${ft3.id}/verification`, { action: 'recognise_part', recognised: 4_000_000, reason: 'fattura parziale' })).statusCode, 200);
    assert.equal((await region.send('POST', `/api/expense-lines/${ft3.id}/verification`, { action: 'reject', reason: '' })).statusCode, 400);
    let c = (await region.get('/api/compliance/FNPS/2023')).json() as { recognised: number; reported: number };
    assert.equal(c.recognised, 14_000_000);
    // the district's report says where each line stands, as the server worked it out: the page does not
    const report = (await district.get('/api/districts/D01/reports/2023?pageSize=200')).json() as { lines: { items: { document: string; verification: string }[] } };
    const stateOf = (document: string) => report.lines.items.find((l) => l.document === document)?.verification;
    assert.deepEqual([stateOf('FT-1'), stateOf('FT-3')], ['recognised', 'partially_recognised']);

    assert.equal((await district.send('POST', `/api/expense-lines/${ft1.id}/verification`, { action: 'recognise_all' })).statusCode, 403);
    const request = await district.send('POST', `/api/expense-lines/${ft1.id}/corrections`, { amount: 9_000_000, reason: 'nota di credito del fornitore' });
    assert.equal(request.statusCode, 201, request.body);
    const id = (request.json() as { id: number }).id;
    // the proposed amount is integer cents like every amount, not the stored text
    assert.deepEqual((request.json() as { proposed: unknown }).proposed, { amount: 9_000_000 });
    assert.equal((await district.send('POST', `/api/expense-lines/${ft1.id}/corrections`, { amount: 8_000_000, reason: 'altra' })).statusCode, 409);
    assert.equal((await district.send('POST', `/api/corrections/${id}/decision`, { accept: true })).statusCode, 403);
    const decided = await region.send('POST', `/api/corrections/${id}/decision`, { accept: true, note: 'verificata la nota di credito' });
    assert.equal(decided.statusCode, 200, decided.body);
    // once decided the request still reads as the officer names it: the document, its fund and annuality, old → new
    const listed = (await region.get('/api/corrections?status=accepted')).json() as { items: { id: number; line: unknown; before: unknown; proposed: unknown }[] };
    const shown = listed.items.find((x) => x.id === id)!;
    assert.deepEqual([shown.line, shown.before, shown.proposed], [{ document: 'FT-1', fund: 'FNPS', annuality: 2023 }, { amount: 10_000_000 }, { amount: 9_000_000 }]);
    c = (await region.get('/api/compliance/FNPS/2023')).json() as { recognised: number; reported: number };
    assert.equal(c.reported, 16_000_000 - 1_000_000, "FT-1, FT-3 and FT-24, with FT-1 down by € 10.000");
    assert.equal(c.recognised, 4_000_000, 'the corrected line goes back to verification');
    const auditor = await t.signIn('auditor');
    const log = (await auditor.get(`/api/audit?entityType=expense_line&entityId=${ft1.id}&action=expense_line.correct`)).json() as { items: { before: { amount: number }; after: { amount: number } }[] };
    assert.equal(log.items[0]!.before.amount, 10_000_000);
    assert.equal(log.items[0]!.after.amount, 9_000_000);
  });

  it('keeps running totals equal to a recount from the lines', async () => {
    const recount = rowsOf<{ district_code: string; fund_code: string; annuality: number; reported: string; recognised: string }>(
      await t.database.db.execute(sql`select district_code, fund_code, annuality, sum(amount) as reported, coalesce(sum(recognised), 0) as recognised from expense_lines where submitted group by 1, 2, 3`),
    );
    const totals = rowsOf<{ district_code: string; fund_code: string; annuality: number; reported: string; recognised: string }>(
      await t.database.db.execute(sql`select district_code, fund_code, annuality, reported, recognised from district_fund_totals where reported <> 0 or recognised <> 0`),
    );
    const key = (r: { district_code: string; fund_code: string; annuality: number; reported: string; recognised: string }) => `${r.district_code}/${r.fund_code}/${r.annuality}/${BigInt(r.reported)}/${BigInt(r.recognised)}`;
    assert.deepEqual(totals.map(key).sort(), recount.map(key).sort());
  });
});
