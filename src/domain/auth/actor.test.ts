import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireCentre, type Actor } from './actor.ts';

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
