import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCKOUT, lockedMessage, lockedUntil, retryAfterSeconds, waitAfter } from './sign-in-lockout.ts';

const minute = 60_000;
const at = (iso: string) => new Date(iso);

describe('progressive sign-in lockout', () => {
  it('lets the first five failures cost nothing', () => {
    for (let n = 0; n < 5; n++) assert.equal(waitAfter(n), 0, `${n} failures`);
  });

  it('doubles the wait from one minute with each further failure, up to thirty minutes', () => {
    assert.deepEqual([5, 6, 7, 8, 9, 10, 11, 500].map((n) => waitAfter(n) / minute), [1, 2, 4, 8, 16, 30, 30, 30]);
    assert.equal(waitAfter(Number.MAX_SAFE_INTEGER), 30 * minute, 'never more than the cap, however many failures');
  });

  it('gives an address twenty free failures: the staff of an office often shares one', () => {
    for (let n = 0; n < 20; n++) assert.equal(waitAfter(n, DEFAULT_LOCKOUT, 'address'), 0, `${n} failures`);
    assert.deepEqual([20, 21, 25, 100].map((n) => waitAfter(n, DEFAULT_LOCKOUT, 'address') / minute), [1, 2, 30, 30]);
    const last = at('2026-03-02T09:00:00Z');
    assert.equal(lockedUntil({ count: 6, last }, last, DEFAULT_LOCKOUT, 'address'), null, 'six failures lock an account, not an address');
    assert.deepEqual(lockedUntil({ count: 6, last }, last), at('2026-03-02T09:02:00Z'));
  });

  it('remembers failures for a day', () => {
    assert.equal(DEFAULT_LOCKOUT.memoryMs, 24 * 60 * minute);
  });

  it('makes the next attempt wait from the last failure', () => {
    const last = at('2026-03-02T09:00:00Z');
    assert.deepEqual(lockedUntil({ count: 6, last }, at('2026-03-02T09:01:00Z')), at('2026-03-02T09:02:00Z'));
    assert.equal(lockedUntil({ count: 6, last }, at('2026-03-02T09:02:00Z')), null, 'the wait is over');
    assert.equal(lockedUntil({ count: 4, last }, last), null, 'still free');
    assert.equal(lockedUntil({ count: 0, last: null }, last), null);
  });

  it('never locks for good: after the cap, the next attempt always comes', () => {
    const last = at('2026-03-02T09:00:00Z');
    assert.equal(lockedUntil({ count: 10_000, last }, new Date(last.getTime() + 30 * minute)), null);
  });

  it('says in seconds, rounded up, how long to wait', () => {
    const now = at('2026-03-02T09:00:00Z');
    assert.equal(retryAfterSeconds(new Date(now.getTime() + 1500), now), 2);
    assert.equal(retryAfterSeconds(new Date(now.getTime() + 10), now), 1);
    assert.equal(retryAfterSeconds(new Date(now.getTime() + 4 * minute), now), 240);
  });

  it('tells the user in Italian when to retry', () => {
    assert.equal(lockedMessage(1), 'Troppi tentativi di accesso non riusciti: riprovare tra 1 secondo');
    assert.equal(lockedMessage(45), 'Troppi tentativi di accesso non riusciti: riprovare tra 45 secondi');
    assert.equal(lockedMessage(60), 'Troppi tentativi di accesso non riusciti: riprovare tra 1 minuto');
    assert.equal(lockedMessage(61), 'Troppi tentativi di accesso non riusciti: riprovare tra 2 minuti');
  });
});
