import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditKey, isMarker, markerContent, markerKeyId, parseAuditKey } from './keying.ts';

describe('audit key', () => {
  it('reads a key written in hex or in base64, the same bytes either way', () => {
    const bytes = Buffer.alloc(32, 0xab);
    const hex = parseAuditKey(`${bytes.toString('hex')}\n`);
    const b64 = parseAuditKey(bytes.toString('base64'));
    const url = parseAuditKey(bytes.toString('base64url'));
    assert.ok(!('error' in hex) && !('error' in b64) && !('error' in url));
    assert.equal(hex.id, b64.id);
    assert.equal(hex.id, url.id);
  });
  it('refuses a key shorter than 32 bytes, and text that is no key', () => {
    const short = parseAuditKey(Buffer.alloc(16, 1).toString('hex'));
    assert.ok('error' in short && /almeno 32 byte/.test(short.error));
    assert.ok('error' in parseAuditKey('una password qualsiasi!'));
    assert.throws(() => auditKey(new Uint8Array(31)));
  });
  it('names a key by a fingerprint that is not the key', () => {
    const secret = new Uint8Array(32).fill(3);
    const key = auditKey(secret);
    assert.match(key.id, /^[0-9a-f]{16}$/);
    assert.ok(!Buffer.from(secret).toString('hex').includes(key.id));
  });
  it('writes the marker "keyed from entry N" with its own number and the key id', () => {
    const key = auditKey(new Uint8Array(32).fill(4));
    const m = markerContent(41, '2026-01-01T00:00:00.000Z', key);
    assert.ok(isMarker(m));
    assert.deepEqual(m.after, { keyedFrom: 41, keyId: key.id });
    assert.equal(markerKeyId(m), key.id);
    assert.equal(markerKeyId({ ...m, action: 'act.create' }), null);
  });
});
