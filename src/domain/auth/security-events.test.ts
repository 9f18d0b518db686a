import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundedText, isSecurityEventKind, securityEventKinds } from './security-events.ts';

describe('security event fields', () => {
  it('turns control characters into spaces, so a typed name cannot forge a line of a log', () => {
    assert.equal(boundedText('mario\r\n2026-03-02 sign_in admin\u0000\u2028', 64), 'mario  2026-03-02 sign_in admin  ');
  });

  it('cuts a text to its bound in characters, never inside one', () => {
    assert.equal(boundedText('x'.repeat(100), 64), 'x'.repeat(64));
    assert.equal(boundedText('€😀'.repeat(40), 3), '€😀€');
  });

  it('knows the closed list of kinds and nothing else', () => {
    assert.equal(securityEventKinds.length, 11);
    assert.ok(isSecurityEventKind('csrf_refused'));
    assert.ok(isSecurityEventKind('account_locked') && isSecurityEventKind('address_locked'));
    assert.ok(!isSecurityEventKind('sign_in '));
  });
});
