import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canReport } from './permissions.ts';
import type { User } from '../types.ts';

const user = (role: User['role'], body: string | null = null, centres: string[] = []): User => ({ username: 'u', role, districts: [], centres, body, displayName: 'U' });
const plan = { status: 'draft' as const, body: 'Consorzio IN.RE.TE.' };

describe('canReport', () => {
  const area = user('area_manager', 'Consorzio IN.RE.TE.', ['Area Amministrativa']);

  it('offers an area manager the objectives of its own centres of its own body only', () => {
    assert.equal(canReport(area, plan, ['Area Finanziaria', 'area amministrativa']), true);
    assert.equal(canReport(area, plan, ['Area Finanziaria']), false);
    assert.equal(canReport(area, { ...plan, body: 'Altro consorzio' }, ['Area Amministrativa']), false);
    assert.equal(canReport(user('area_manager', null, ['Area Amministrativa']), plan, ['Area Amministrativa']), false);
  });

  it('offers the manager every objective, nobody a validated plan, and the evaluator none', () => {
    assert.equal(canReport(user('consortium_manager'), plan, ['Area Finanziaria']), true);
    assert.equal(canReport(user('consortium_manager'), { ...plan, status: 'validated' }, ['Area Finanziaria']), false);
    assert.equal(canReport(area, { ...plan, status: 'validated' }, ['Area Amministrativa']), false);
    assert.equal(canReport(user('evaluator'), plan, ['Area Amministrativa']), false);
    assert.equal(canReport(null, plan, ['Area Amministrativa']), false);
  });
});
