import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { rowsOf } from '../../src/db/client.ts';
import { strFromU8, unzipSync } from 'fflate';
import { pdfText } from '../support/pdf-text.ts';

type Line = { id: number; document: string; acknowledgedActId: number | null };
type Compliance = { assigned: number; districts: { district: string; assigned: number; disbursed: number; recognised: number; residual: number }[] };

describe(`closing the cycle: acknowledgement, redetermination, receivables (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let district: Session;
  const clock = new Date('2024-03-10T10:00:00Z');
  const act = async (type: string, number: string, date: string) => ((await region.send('POST', '/api/acts', { type, number, date, subject: `${type} ${number}` })).json() as { id: number }).id;
  const detail = (res: { json: () => unknown }) => (res.json() as { detail: string }).detail;
  const lines = async () => ((await district.get('/api/districts/D01/reports/2023')).json() as { lines: { items: Line[] } }).lines.items;
  const compliance = async (annuality = 2023) => (await region.get(`/api/compliance/FNPS/${annuality}`)).json() as Compliance;
  const row = (c: Compliance, d: string) => c.districts.find((x) => x.district === d)!;

  before(async () => {
    t = await testApp({ now: () => clock });
    for (const d of ['D01', 'D02', 'D03']) await aDistrict(t.database, d);
    region = await t.signIn('region_officer');
    district = await t.signIn('district_officer', ['D01']);
    await region.send('POST', '/api/funds', { code: 'FNPS', name: 'Fondo nazionale politiche sociali', source: 'national', rule75: true });
    for (const [y, dm] of [[2023, '15'], [2024, '16']] as const) {
      await region.send('POST', '/api/funds/FNPS/annualities', { annuality: y, allocated: 100_000_000, actId: await act('DM', dm, `${y}-01-10`) });
      await region.send('POST', `/api/funds/FNPS/annualities/${y}/lines`, { code: 'L1', description: 'Domiciliarità', amount: 100_000_000, actId: await act('DGR', `7${y}`, `${y}-01-20`) });
    }
    const dd = await act('DD', 'G00100', '2023-02-01');
    const assigned = await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/L1/assignments', { criterion: 'amounts', amounts: [{ district: 'D01', amount: 10_000_000 }, { district: 'D02', amount: 5_000_000 }], actId: dd });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal((await region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 10_000_000, paidOn: '2023-03-01', actId: await act('DD', 'G00200', '2023-03-01') })).statusCode, 200);
    for (const [doc, amount] of [['FT-1', 7_000_000], ['FT-2', 1_000_000]] as const) {
      const r = await district.send('POST', '/api/districts/D01/reports/2023/lines', { document: doc, fund: 'FNPS', annuality: 2023, area: 'A1', description: 'Assistenza', amount, paidOn: '2023-11-02' });
      assert.equal(r.statusCode, 201, r.body);
    }
    assert.equal((await district.send('POST', '/api/districts/D01/reports/2023/submit')).statusCode, 200);
  });
  after(() => t.close());

  it('refuses the acknowledgement while lines are pending, naming how many, and to a district officer', async () => {
    const [ft1] = await lines();
    await region.send('POST', `/api/expense-lines/${ft1!.id}/verification`, { action: 'recognise_part', recognised: 6_000_000, reason: 'fattura parziale' });
    const body = { district: 'D01', act: { number: 'G01000', date: '2024-03-10' } };
    const pending = await region.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', body);
    assert.equal(pending.statusCode, 409);
    assert.match(detail(pending), /1 spesa su 2 è ancora da verificare/);
    assert.equal((await district.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', body)).statusCode, 403);
    const acts = (await region.get('/api/acts?q=G01000')).json() as { total: number };
    assert.equal(acts.total, 0, 'nothing registered by a refused acknowledgement');
  });

  it('acknowledges a verified report with a DD registered at adoption; the district sees it line by line', async () => {
    const ft2 = (await lines()).find((l) => l.document === 'FT-2')!;
    await region.send('POST', `/api/expense-lines/${ft2.id}/verification`, { action: 'reject', reason: 'spesa non ammissibile' });
    const res = await region.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', { district: 'D01', act: { number: 'G01000', date: '2024-03-10' } });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json() as { id: number; act: { id: number; type: string; number: string }; lines: number; reported: number; recognised: number; residual: number; unspent: number };
    assert.deepEqual([a.act.type, a.act.number, a.lines, a.reported, a.recognised, a.residual, a.unspent], ['DD', 'G01000', 2, 8_000_000, 6_000_000, 4_000_000, 4_000_000]);
    assert.deepEqual((await lines()).map((l) => l.acknowledgedActId), [a.act.id, a.act.id]);
    const seen = (await district.get('/api/funds/FNPS/annualities/2023/acknowledgements?district=D01')).json() as { id: number }[];
    assert.deepEqual(seen.map((s) => s.id), [a.id]);
    assert.equal((await district.get('/api/funds/FNPS/annualities/2023/acknowledgements?district=D02')).statusCode, 403);
    const again = await region.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', { district: 'D01', act: { number: 'G01001', date: '2024-03-10' } });
    assert.equal(again.statusCode, 409);

    // the act as DOCX, read back: its title and the table of sums; and the PDF draft
    const docx = await district.get(`/api/acknowledgements/${a.id}/act.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(docx.headers['content-disposition'] as string, /presa-d-atto-D01-FNPS-2023-G01000\.docx/);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    assert.ok(xml.includes('DETERMINAZIONE N. G01000 del 10/03/2024'));
    const cells = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]));
    assert.deepEqual(cells[1], ['FNPS', '2023', '€ 100.000,00', '€ 100.000,00', '€ 80.000,00', '€ 60.000,00', '€ 40.000,00']);
    const pdf = await region.get(`/api/acknowledgements/${a.id}/act.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match((await pdfText(pdf.rawPayload)).join('\n'), /VISTI[\s\S]*CONSIDERATO[\s\S]*DETERMINA/);
    const other = await t.signIn('district_officer', ['D02']);
    assert.equal((await other.get(`/api/acknowledgements/${a.id}/act.docx`)).statusCode, 404);
  });

  it('a reopened verification clears the line acknowledgement and needs a new act', async () => {
    const [ft1, ft2] = await lines();
    const first = ft1!.acknowledgedActId;
    const changed = await region.send('POST', `/api/expense-lines/${ft2!.id}/verification`, { action: 'recognise_all' });
    assert.equal(changed.statusCode, 409, 'an acknowledged line changes only once reopened');
    assert.equal((await region.send('POST', `/api/expense-lines/${ft2!.id}/verification`, { action: 'reopen' })).statusCode, 200);
    assert.deepEqual((await lines()).map((l) => l.acknowledgedActId), [first, null]);
    const pending = await region.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', { district: 'D01', act: { number: 'G01002', date: '2024-03-10' } });
    assert.match(detail(pending), /1 spesa su 2/);
    const early = await region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', { from: 'D01', amount: 100, to: [{ district: 'D02', amount: 100 }], settlement: 'receivable', act: { number: 'G01900', date: '2024-03-10' } });
    assert.equal(early.statusCode, 409);
    assert.match(detail(early), /ancora 1 spesa da verificare/);
    await region.send('POST', `/api/expense-lines/${ft2!.id}/verification`, { action: 'reject', reason: 'spesa non ammissibile' });
    const second = await region.send('POST', '/api/funds/FNPS/annualities/2023/acknowledgements', { district: 'D01', act: { number: 'G01002', date: '2024-03-10' } });
    assert.equal(second.statusCode, 201, second.body);
    const id = (second.json() as { act: { id: number } }).act.id;
    assert.notEqual(id, first);
    assert.deepEqual((await lines()).map((l) => l.acknowledgedActId), [first, id]);
  });

  it('refuses a bad redetermination with the sums named, changing nothing', async () => {
    const before = await compliance();
    const body = (amount: number, to: unknown[]) => ({ from: 'D01', amount, to, settlement: 'offset', act: { number: 'G02000', date: '2024-03-10' } });
    const over = await region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', body(4_000_001, [{ district: 'D02', amount: 4_000_001 }]));
    assert.equal(over.statusCode, 409);
    assert.match(detail(over), /€ 40\.000,01.*non spesa.*€ 40\.000,00/);
    const unbalanced = await region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', body(4_000_000, [{ district: 'D02', amount: 3_000_000 }]));
    assert.ok(unbalanced.statusCode >= 400 && unbalanced.statusCode < 500);
    assert.match(detail(unbalanced), /€ 30\.000,00 invece di € 40\.000,00/);
    assert.equal((await district.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', body(1, [{ district: 'D02', amount: 1 }]))).statusCode, 403);
    assert.deepEqual(await compliance(), before);
    assert.equal(((await region.get('/api/acts?q=G02000')).json() as { total: number }).total, 0);
  });

  it('redetermines the residual to a district and a regional intervention, conserving the total, and offsets the excess on the next tranche', async () => {
    const before = await compliance();
    const res = await region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', {
      from: 'D01',
      amount: 4_000_000,
      to: [{ district: 'D02', amount: 3_000_000 }, { intervention: 'Pronto intervento sociale regionale', amount: 1_000_000 }],
      settlement: 'offset',
      act: { number: 'G02000', date: '2024-03-10' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as { assigned: number; excess: number; to: unknown[]; regional: unknown[]; receivableId: number };
    assert.deepEqual([r.assigned, r.excess, r.to, r.regional], [6_000_000, 4_000_000, [{ district: 'D02', amount: 3_000_000 }], [{ intervention: 'Pronto intervento sociale regionale', amount: 1_000_000 }]]);
    const c = await compliance();
    assert.equal(c.assigned + 1_000_000, before.assigned, 'Σ assigned + regional interventions conserved');
    assert.deepEqual([row(c, 'D01').assigned, row(c, 'D02').assigned], [6_000_000, 8_000_000]);
    assert.equal(row(c, 'D01').residual, 4_000_000, 'the district holds the excess until it is recovered');

    // the next tranche of the same fund, 2024: € 50.000,00
    await region.send('POST', '/api/funds/FNPS/annualities/2024/lines/L1/assignments', { criterion: 'amounts', amounts: [{ district: 'D01', amount: 5_000_000 }], actId: await act('DD', 'G03000', '2024-03-01') });
    await region.send('PUT', '/api/funds/FNPS/annualities/2024/gating', { rule: { kind: 'none' }, actId: await act('DGR', '900', '2024-03-01') });
    const paid = await region.send('POST', '/api/funds/FNPS/annualities/2024/disbursements', { district: 'D01', amount: 5_000_000, paidOn: '2024-03-05', actId: await act('DD', 'G03100', '2024-03-05') });
    assert.equal(paid.statusCode, 200, paid.body);
    const [tranche] = rowsOf<{ id: number }>(await t.database.db.execute(sql`select id from disbursements where annuality = 2024 and district_code = 'D01'`));
    const tooMuch = await region.send('POST', `/api/receivables/${r.receivableId}/offsets`, { disbursementId: tranche!.id, amount: 5_000_001 });
    assert.equal(tooMuch.statusCode, 409);
    assert.match(detail(tooMuch), /€ 50\.000,01 supera la tranche: € 50\.000,00/);
    assert.equal((await district.send('POST', `/api/receivables/${r.receivableId}/offsets`, {})).statusCode, 403);
    const offset = await region.send('POST', `/api/receivables/${r.receivableId}/offsets`, {});
    assert.equal(offset.statusCode, 200, offset.body);
    assert.deepEqual(offset.json(), { receivableId: r.receivableId, recovered: 4_000_000, outstanding: 0 });

    // DOMAIN.md worked example: disbursed(D01, 2023) € 60.000,00, residual 0; disbursed(D01, 2024) € 50.000,00
    const after2023 = row(await compliance(), 'D01');
    assert.deepEqual([after2023.disbursed, after2023.residual], [6_000_000, 0]);
    assert.equal(row(await compliance(2024), 'D01').disbursed, 5_000_000);
    const ledger = (await district.get('/api/districts/D01/ledger')).json() as { owed: number; outstanding: number; receivables: { recoveries: { kind: string; amount: number; tranche: { id: number; annuality: number } | null }[] }[] };
    assert.deepEqual([ledger.owed, ledger.outstanding], [4_000_000, 0]);
    assert.deepEqual(ledger.receivables[0]!.recoveries.map((x) => [x.kind, x.amount, x.tranche?.id, x.tranche?.annuality]), [['offset', 4_000_000, tranche!.id, 2024]]);
  });

  it('records repayments of a receivable with date and reference; a district officer sees only its own ledger', async () => {
    // D02 received € 30.000 more; pay it all, recognise nothing, then give € 20.000 back by receivable
    await region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D02', amount: 8_000_000, paidOn: '2023-12-01', actId: await act('DD', 'G00300', '2023-12-01') });
    const res = await region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', { from: 'D02', amount: 2_000_000, to: [{ district: 'D03', amount: 2_000_000 }], settlement: 'receivable', act: { number: 'G02100', date: '2024-03-10' } });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as { excess: number; receivableId: number };
    assert.equal(r.excess, 2_000_000);
    const over = await region.send('POST', `/api/receivables/${r.receivableId}/repayments`, { amount: 2_000_001, paidOn: '2024-03-09', reference: 'reversale 12' });
    assert.equal(over.statusCode, 409);
    assert.match(detail(over), /€ 20\.000,01 supera il debito residuo del distretto, € 20\.000,00/);
    const paid = await region.send('POST', `/api/receivables/${r.receivableId}/repayments`, { amount: 500_000, paidOn: '2024-03-09', reference: 'reversale 12' });
    assert.deepEqual(paid.json(), { receivableId: r.receivableId, recovered: 500_000, outstanding: 1_500_000 });
    assert.equal((await district.send('POST', `/api/receivables/${r.receivableId}/repayments`, { amount: 1, paidOn: '2024-03-09', reference: 'x' })).statusCode, 403);
    assert.equal((await district.get('/api/districts/D02/ledger')).statusCode, 403);
    const ledger = (await region.get('/api/districts/D02/ledger')).json() as { owed: number; outstanding: number; receivables: { recoveries: { paidOn: string; reference: string }[] }[] };
    assert.deepEqual([ledger.owed, ledger.outstanding, ledger.receivables[0]!.recoveries[0]!.reference, ledger.receivables[0]!.recoveries[0]!.paidOn], [2_000_000, 1_500_000, 'reversale 12', '2024-03-09']);
    assert.equal(row(await compliance(), 'D02').disbursed, 8_000_000 - 500_000, 'disbursed net of the repayment');
  });
});
