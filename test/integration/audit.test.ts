import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';

describe(`audit trail (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('records who, when, what, before and after, and the act cited', async () => {
    const officer = await t.signIn('region_officer', [], 'funzionario');
    const created = (await officer.send('POST', '/api/acts', { type: 'DD', number: 'G04014', date: '2022-04-04', issuingOffice: 'Direzione Inclusione sociale', subject: 'Modalità di rendicontazione' })).json() as { id: number };
    const auditor = await t.signIn('auditor');
    const log = (await auditor.get('/api/audit?actor=funzionario')).json() as { items: { actor: string; action: string; after: { number: string }; actId: number; at: string }[] };
    const entry = log.items.find((e) => e.action === 'act.create');
    assert.ok(entry);
    assert.equal(entry.actor, 'funzionario');
    assert.equal(entry.after.number, 'G04014');
    assert.equal(entry.actId, created.id);
    assert.ok(Date.parse(entry.at) > 0);
  });

  it('is readable by auditors and administrators only', async () => {
    for (const role of ['region_officer', 'consortium_manager', 'area_manager', 'evaluator'] as const) {
      const s = await t.signIn(role, [], undefined, role === 'area_manager' ? { body: 'Consorzio di prova', centres: ['Area di prova'] } : undefined);
      assert.equal((await s.get('/api/audit')).statusCode, 403, role);
    }
    assert.equal((await (await t.signIn('admin')).get('/api/audit')).statusCode, 200);
  });

  it('verifies an intact chain, then names an altered entry and a deleted one', async () => {
    const auditor = await t.signIn('auditor');
    const ok = (await auditor.get('/api/audit/verify')).json() as { intact: boolean; entries: number };
    assert.equal(ok.intact, true);
    assert.ok(ok.entries >= 3);

    await t.database.db.execute(sql`UPDATE audit_entries SET actor = 'qualcun-altro' WHERE seq = 2`);
    const altered = (await auditor.get('/api/audit/verify')).json() as { intact: boolean; firstBroken: number; message: string };
    assert.equal(altered.intact, false);
    assert.equal(altered.firstBroken, 2);
    assert.match(altered.message, /alterata/);

    await t.database.db.execute(sql`DELETE FROM audit_entries WHERE seq = 2`);
    const missing = (await auditor.get('/api/audit/verify')).json() as { intact: boolean; firstBroken: number; message: string };
    assert.equal(missing.intact, false);
    assert.equal(missing.firstBroken, 2);
    assert.match(missing.message, /mancante/);
  });
});
