import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asStoredJson, canonicalJson, chainedTextOfParts, keyedHash, keyedHashOfText, unkeyedHash, type AuditContent } from './chain.ts';
import { auditKey } from './keying.ts';

const content: AuditContent = { seq: 1, at: '2026-01-01T10:00:00.000Z', actor: 'admin', action: 'act.create', entityType: 'act', entityId: '1', before: null, after: { n: 1 }, actId: null };
const key = auditKey(new Uint8Array(32).fill(7));

describe('audit chain hashes', () => {
  it('hashes key order independently', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3n }] }), '{"a":[1,{"c":"3","d":2}],"b":1}');
  });
  it('keeps the plain SHA-256 of older entries as it was', () => {
    // The hash an unkeyed installation stored for this very entry: older chains must still verify.
    assert.equal(unkeyedHash(content, '0'.repeat(64)), '7931a994e71923b0264a14171b212e82bbf756d17aa4d1a07900734dad46b00b');
  });
  it('keys the hash: another key, or none, gives another hash', () => {
    const other = auditKey(new Uint8Array(32).fill(8));
    const h = keyedHash(key, content, '0'.repeat(64));
    assert.notEqual(h, keyedHash(other, content, '0'.repeat(64)));
    assert.notEqual(h, unkeyedHash(content, '0'.repeat(64)));
    assert.equal(h, keyedHash(key, { ...content }, '0'.repeat(64)));
  });
  it('covers every field and the previous hash', () => {
    const h = keyedHash(key, content, '0'.repeat(64));
    assert.notEqual(h, keyedHash(key, { ...content, actor: 'altro' }, '0'.repeat(64)));
    assert.notEqual(h, keyedHash(key, { ...content, after: { n: 2 } }, '0'.repeat(64)));
    assert.notEqual(h, keyedHash(key, content, '1'.repeat(64)));
  });
  it('hashes an entry from its before and after in canonical JSON exactly as keyedHash hashes it', () => {
    // what a record's before and after can hold: bigints (cents), dates, nested objects, gaps
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.constant(undefined),
        fc.boolean(),
        fc.integer(),
        fc.double(),
        fc.bigInt(),
        fc.string({ unit: 'binary' }),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, value, fc.nat(), fc.string(), fc.option(fc.nat()), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), (before, after, seq, text, actId, prev) => {
        const head = { seq, at: '2026-12-04T10:00:00.000Z', actor: text, action: 'assignment.import', entityType: 'assignment', entityId: `F01/${text}`, actId };
        // auditContent stores before and after as asStoredJson gives them
        const whole: AuditContent = { ...head, before: asStoredJson(before), after: asStoredJson(after) };
        const json = (v: unknown) => (v === undefined || v === null ? 'null' : canonicalJson(v));
        assert.equal(keyedHashOfText(key, chainedTextOfParts(head, json(before), json(after), prev)), keyedHash(key, whole, prev));
      }),
      { numRuns: 2000 },
    );
  });
});
