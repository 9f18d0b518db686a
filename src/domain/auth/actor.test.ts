import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actsForBody, actsForDistrict, requireBody, requireCentre, type Actor } from './actor.ts';

const user = (role: Extract<Actor, { kind: 'user' }>['role'], body: string | null, centres: string[]): Actor => ({ kind: 'user', userId: 1, username: 'u', role, districts: [], body, centres });
const refused = (fn: () => void) => assert.throws(fn, (e: { kind?: string; code?: string }) => e.kind === 'forbidden' && e.code === 'auth.centre_forbidden');

describe('requireCentre', () => {
  const area = user('area_manager', 'Consorzio IN.RE.TE.', ['Area Amministrativa']);

  it('lets an area manager report on an objective of its centre, names compared case and spacing aside', () => {
    requireCentre(area, 'Consorzio IN.RE.TE.', ['Area Amministrativa']);
    requireCentre(area, ' consorzio in.re.te. ', ['Area Finanziaria', 'area  amministrativa']);
  });

  it('refuses an objective of another centre, another body, or any when no centre is assigned', () => {
    refused(() => requireCentre(area, 'Consorzio IN.RE.TE.', ['Area Finanziaria']));
    refused(() => requireCentre(area, 'Consorzio Sociale Valle', ['Area Amministrativa']));
    refused(() => requireCentre(area, 'Consorzio IN.RE.TE.', []));
    refused(() => requireCentre(user('area_manager', null, ['Area Amministrativa']), 'Consorzio IN.RE.TE.', ['Area Amministrativa']));
    refused(() => requireCentre(user('area_manager', 'Consorzio IN.RE.TE.', []), 'Consorzio IN.RE.TE.', ['Area Amministrativa']));
  });

  it('leaves the manager, the administrator and the command line unscoped', () => {
    requireCentre(user('consortium_manager', null, []), 'Consorzio IN.RE.TE.', ['Area Finanziaria']);
    requireCentre(user('admin', null, []), 'Altro', []);
    requireCentre({ kind: 'system', name: 'cli' }, 'Altro', []);
  });
});

describe('actsForBody and requireBody', () => {
  const bodyRefused = (fn: () => void, detail: RegExp) => assert.throws(fn, (e: { kind?: string; code?: string; message?: string }) => e.kind === 'forbidden' && e.code === 'auth.body_forbidden' && detail.test(e.message ?? ''));

  it('keeps the manager, the evaluator and the area manager to their own body, names compared case and spacing aside', () => {
    for (const role of ['consortium_manager', 'evaluator', 'area_manager'] as const) {
      const mine = user(role, 'Consorzio IN.RE.TE.', []);
      assert.equal(actsForBody(mine, ' consorzio  in.re.te. '), true, role);
      assert.equal(actsForBody(mine, 'Consorzio Valle del Sacco'), false, role);
      requireBody(mine, 'CONSORZIO IN.RE.TE.');
      bodyRefused(() => requireBody(mine, 'Consorzio Valle del Sacco'), /^Operazione non consentita: si lavora per Consorzio IN\.RE\.TE\., non per Consorzio Valle del Sacco$/);
    }
  });

  it('gives a body-bound user with no body no plan at all, and says to ask the administrator', () => {
    const none = user('consortium_manager', null, []);
    assert.equal(actsForBody(none, 'Consorzio IN.RE.TE.'), false);
    bodyRefused(() => requireBody(none, 'Consorzio IN.RE.TE.'), /non è assegnato un ente/);
  });

  it('leaves the administrator, the auditor, the Region and the command line unbound', () => {
    for (const role of ['admin', 'auditor', 'region_officer'] as const) {
      assert.equal(actsForBody(user(role, null, []), 'Altro ente'), true, role);
      requireBody(user(role, 'Consorzio IN.RE.TE.', []), 'Altro ente');
    }
    assert.equal(actsForBody({ kind: 'system', name: 'cli' }, 'Altro ente'), true);
    requireBody({ kind: 'system', name: 'cli' }, 'Altro ente');
  });
});

describe('actsForDistrict', () => {
  it('answers for a district officer’s own districts only, and for everyone else always', () => {
    const officer: Actor = { kind: 'user', userId: 2, username: 'd', role: 'district_officer', districts: ['D01', 'D03'], body: null, centres: [] };
    assert.deepEqual(['D01', 'D02', 'D03'].map((d) => actsForDistrict(officer, d)), [true, false, true]);
    assert.equal(actsForDistrict(user('region_officer', null, []), 'D02'), true);
    assert.equal(actsForDistrict({ kind: 'system', name: 'cli' }, 'D02'), true);
  });
});
