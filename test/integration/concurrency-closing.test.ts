/**
 * Redeterminations arriving at the same moment against one residual: on PostgreSQL the
 * transactions overlap, and exactly those that fit the unspent assignment may pass; the rest are
 * refused with a 409 naming the sums, never a 500, and the running totals equal a recount.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { aDistrict } from '../support/fixtures.ts';
import { atOnce, recountMismatches, statusCounts, unexpected } from '../support/parallel.ts';
import { rowsOf } from '../../src/db/client.ts';

describe(`redeterminations under concurrent requests (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  const act = async (type: string, number: string, date: string) => ((await region.send('POST', '/api/acts', { type, number, date, subject: `${type} ${number}` })).json() as { id: number }).id;

  before(async () => {
    t = await testApp({ now: () => new Date('2024-03-10T10:00:00Z') });
    for (const d of ['D01', 'D02', 'D03']) await aDistrict(t.database, d);
    region = await t.signIn('region_officer');
    const district = await t.signIn('district_officer', ['D01']);
    await region.send('POST', '/api/funds', { code: 'FNPS', name: 'FNPS', source: 'national', rule75: true });
    await region.send('POST', '/api/funds/FNPS/annualities', { annuality: 2023, allocated: 100_000_000, actId: await act('DM', '1', '2023-01-10') });
    await region.send('POST', '/api/funds/FNPS/annualities/2023/lines', { code: 'L1', description: 'x', amount: 100_000_000, actId: await act('DGR', '2', '2023-01-20') });
    await region.send('POST', '/api/funds/FNPS/annualities/2023/lines/L1/assignments', { criterion: 'amounts', amounts: [{ district: 'D01', amount: 10_000_000 }], actId: await act('DD', '3', '2023-02-01') });
    await region.send('POST', '/api/funds/FNPS/annualities/2023/disbursements', { district: 'D01', amount: 10_000_000, paidOn: '2023-03-01', actId: await act('DD', '4', '2023-03-01') });
    await district.send('POST', '/api/districts/D01/reports/2023/lines', { document: 'FT-1', fund: 'FNPS', annuality: 2023, area: 'A1', description: 'x', amount: 7_000_000, paidOn: '2023-11-02' });
    await district.send('POST', '/api/districts/D01/reports/2023/submit');
    const [line] = rowsOf<{ id: number }>(await t.database.db.execute(sql`select id from expense_lines where document = 'FT-1'`));
    const v = await region.send('POST', `/api/expense-lines/${line!.id}/verification`, { action: 'recognise_part', recognised: 6_000_000, reason: 'parziale' });
    assert.equal(v.statusCode, 200, v.body);
  });
  after(() => t.close());

  it('6 redeterminations of € 15.000,00 at once against € 40.000,00 unspent: exactly two pass', async () => {
    const answers = await atOnce(6, (i) =>
      region.send('POST', '/api/funds/FNPS/annualities/2023/redeterminations', {
        from: 'D01',
        amount: 1_500_000,
        to: [{ district: i % 2 ? 'D02' : 'D03', amount: 1_500_000 }],
        settlement: 'receivable',
        act: { number: `G05${i}`, date: '2024-03-10' },
      }),
    );
    assert.deepEqual(unexpected(answers, [200, 409]), []);
    assert.deepEqual(statusCounts(answers), { 200: 2, 409: 4 });
    for (const r of answers.filter((a) => a.statusCode === 409)) assert.match((r.json() as { detail: string }).detail, /€ 15\.000,00.*non spesa.*€ 10\.000,00/, r.body);
    assert.deepEqual(await recountMismatches(t.database), []);
    const [sums] = rowsOf<{ assigned: string; receivables: string; moved: string }>(
      await t.database.db.execute(sql`select
        (select assigned from district_fund_totals where district_code = 'D01') as assigned,
        (select sum(amount) from receivables) as receivables,
        (select sum(assigned) from district_fund_totals where district_code in ('D02', 'D03')) as moved`),
    );
    assert.deepEqual([Number(sums!.assigned), Number(sums!.receivables), Number(sums!.moved)], [7_000_000, 3_000_000, 3_000_000]);
  });
});
