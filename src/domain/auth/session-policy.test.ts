import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isIdle, parseIdleMinutes, shouldTouch } from './session-policy.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe('session lifetime', () => {
  it('reads the idle limit as whole minutes from 1 to 480, thirty when unset', () => {
    assert.deepEqual(parseIdleMinutes(undefined), { ok: true, minutes: 30 });
    assert.deepEqual(parseIdleMinutes(''), { ok: true, minutes: 30 });
    assert.deepEqual(parseIdleMinutes(' 15 '), { ok: true, minutes: 15 });
    assert.deepEqual(parseIdleMinutes('1'), { ok: true, minutes: 1 });
    assert.deepEqual(parseIdleMinutes('480'), { ok: true, minutes: 480 });
  });

  it('refuses any other value with a message naming the variable and the range', () => {
    for (const bad of ['0', '481', '-5', '10.5', '1e2', 'trenta', '30m']) {
      const r = parseIdleMinutes(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.message, /REGIA_SESSION_IDLE_MINUTES non valido: .* da 1 a 480/);
    }
  });

  it('ends a session unused for longer than the limit, not one used just within it', () => {
    assert.equal(isIdle(t0, plus(30 * 60_000), 30), false);
    assert.equal(isIdle(t0, plus(30 * 60_000 + 1), 30), true);
  });

  it('writes the last use at most once a minute', () => {
    assert.equal(shouldTouch(t0, plus(59_999)), false);
    assert.equal(shouldTouch(t0, plus(60_000)), true);
  });
});
