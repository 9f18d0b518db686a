/**
 * A history import and HTTP tranches on the same limit at the same moment: the import locks each
 * key it adds to (a few keys) or whole fund annualities (more than BULK_LOCK_KEYS), an HTTP
 * write its own key with its fund annuality shared, so either way one excludes the other and
 * disbursed ≤ assigned holds, with totals equal to a recount. Meaningful on PostgreSQL, where the
 * transactions truly overlap. Without any limit lock it fails (the tranches overpay); with only
 * the import's locks removed it was not seen to fail in repeated runs, because the import also
 * reads the disbursement limit from totals rows it locks and recounts: this test guards the
 * combination, not that one lock alone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { brokenLimits, recountMismatches, statusCounts, unexpected } from '../support/parallel.ts';
import { importExchange } from '../../src/services/imports.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { BULK_LOCK_KEYS } from '../../src/db/locks.ts';

const STAGGER_MS = [0, 5, 15, 30, 60, 100, 150, 250, 400];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-import-http-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

describe(`a history import and HTTP tranches on one limit at once (${testEngine})`, () => {
  let t: TestApp;
  let region: Session;
  let acts = 0;
  before(async () => {
    t = await testApp();
    region = await t.signIn('region_officer');
  });
  after(() => t.close());

  const race = async (districts: number) => {
    const fund = `FN${districts}`;
    const codes = Array.from({ length: districts }, (_, i) => `H${districts}-${String(i + 1).padStart(4, '0')}`);
    const setup = await importExchange(t.ctx, SYSTEM, {
      kind: 'path',
      path: folder({
        'distretti.csv': 'codice;nome;ente_capofila;forma_gestione\n' + codes.map((c) => `${c};Distretto ${c};Comune ${c};`).join('\n') + '\n',
        'fondi.csv': `codice;nome;fonte;regola_75\n${fund};Fondo nazionale di prova;nazionale;no\n`,
        'annualita.csv': `fondo;annualita;importo;atto_tipo;atto_numero;atto_data\n${fund};2023;${districts * 10000};DM;${fund}-1;2023-01-10\n`,
        'linee.csv': `fondo;annualita;linea;descrizione;importo;atto_tipo;atto_numero;atto_data\n${fund};2023;L1;Linea;${districts * 10000};DGR;${fund}-2;2023-02-01\n`,
        'assegnazioni.csv': 'fondo;annualita;linea;distretto;atto_numero;importo;atto_tipo;atto_data\n' + codes.map((c) => `${fund};2023;L1;${c};${fund}-3;10000;DD;2023-03-01`).join('\n') + '\n',
      }),
    });
    assert.ok(setup.ok, JSON.stringify(setup).slice(0, 500));
    const target = codes[0]!;
    const tranches: number[] = [];
    for (let i = 0; i < STAGGER_MS.length; i++) {
      const res = await region.send('POST', '/api/acts', { type: 'DD', number: `HTTP-${++acts}`, date: '2023-09-01', subject: 'Liquidazione di prova' });
      assert.equal(res.statusCode, 201, res.body);
      tranches.push((res.json() as { id: number }).id);
    }
    // the import pays every district € 6.000 of its € 10.000; so does each tranche to the first one
    const payments = folder({
      'liquidazioni.csv': 'fondo;annualita;distretto;atto_numero;importo;data;atto_tipo;atto_data\n' + codes.map((c) => `${fund};2023;${c};${fund}-P;6000;2023-09-05;DD;2023-09-01`).join('\n') + '\n',
    });
    const [imported, ...answers] = await Promise.all([
      importExchange(t.ctx, SYSTEM, { kind: 'path', path: payments }),
      // sent while the import runs, at moments spread over its length, so one of them overlaps it
      ...tranches.map(async (actId, i) => {
        await sleep(STAGGER_MS[i]!);
        return region.send('POST', `/api/funds/${fund}/annualities/2023/disbursements`, { district: target, amount: 600_000, paidOn: '2023-09-05', actId });
      }),
    ]);
    const httpAnswers = answers as Awaited<ReturnType<Session['send']>>[];
    assert.deepEqual(unexpected(httpAnswers, [200, 409, 422]), []);
    const paidOverHttp = statusCounts(httpAnswers)[200] ?? 0;
    const importOk = (imported as Awaited<ReturnType<typeof importExchange>>).ok;
    // € 6.000 twice does not fit in € 10.000: exactly one payment to the first district went through
    assert.equal(paidOverHttp + (importOk ? 1 : 0), 1, JSON.stringify({ importOk, http: statusCounts(httpAnswers) }));
    if (!importOk) {
      const errors = (imported as { errors: string[] }).errors;
      assert.match(errors[0]!, /^liquidazioni\.csv:2: importo: .*supera l'importo assegnato al distretto/);
    }
    assert.deepEqual(await brokenLimits(t.database), []);
    assert.deepEqual(await recountMismatches(t.database), []);
  };

  it('a few keys, each locked on its own', () => race(2));
  it(`more than ${BULK_LOCK_KEYS} keys, whole fund annualities locked`, () => race(BULK_LOCK_KEYS + 1));
});
