import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planIdOf } from './plan-id.ts';

describe('planIdOf', () => {
  it('reads the id of /performance/12', () => {
    assert.equal(planIdOf('12'), 12);
    assert.equal(planIdOf('1'), 1);
  });

  it('takes anything else for a plan that does not exist, without asking the server', () => {
    for (const text of ['', '0', '012', '-3', '1.5', '12abc', 'abc', '1e3', '9999999999']) assert.equal(planIdOf(text), null, text);
  });
});
