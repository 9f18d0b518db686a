import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, entryHash, verifyChain, canonicalJson, type ChainedEntry } from './chain.ts';

const chain = (n: number): ChainedEntry[] => {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { seq, at: `2026-01-0${seq}T10:00:00.000Z`, actor: 'admin', action: 'act.create', entityType: 'act', entityId: String(seq), before: null, after: { n: seq }, actId: null };
    const hash = entryHash(content, prev);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
};
const headOf = (c: ChainedEntry[]) => ({ lastSeq: c.length, lastHash: c.at(-1)?.hash ?? GENESIS_HASH });

describe('audit chain', () => {
  it('accepts an intact chain and counts its entries', () => {
    const c = chain(5);
    assert.deepEqual(verifyChain(c, headOf(c)), { intact: true, entries: 5 });
  });
  it('accepts an empty log', () => assert.deepEqual(verifyChain([], { lastSeq: 0, lastHash: GENESIS_HASH }), { intact: true, entries: 0 }));
  it('names an altered entry', () => {
    const c = chain(5);
    const head = headOf(c);
    c[2] = { ...c[2]!, after: { n: 999 } };
    assert.deepEqual(verifyChain(c, head), { intact: false, entries: 3, firstBroken: 3, reason: 'altered' });
  });
  it('names a deleted entry in the middle', () => {
    const c = chain(5);
    const head = headOf(c);
    c.splice(1, 1);
    const r = verifyChain(c, head);
    assert.equal(r.intact, false);
    assert.ok(!r.intact && r.firstBroken === 2 && r.reason === 'missing');
  });
  it('detects entries removed at the end through the head', () => {
    const c = chain(5);
    const head = headOf(c);
    const r = verifyChain(c.slice(0, 4), head);
    assert.ok(!r.intact && r.reason === 'head' && r.firstBroken === 5);
  });
  it('detects an entry re-hashed in place as a broken link for its successor', () => {
    const c = chain(4);
    const head = headOf(c);
    const forged = { ...c[1]!, after: { n: 42 } };
    forged.hash = entryHash(forged, forged.prevHash);
    c[1] = forged;
    const r = verifyChain(c, head);
    assert.ok(!r.intact && r.firstBroken === 3 && r.reason === 'inserted');
  });
  it('hashes key order independently', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3n }] }), '{"a":[1,{"c":"3","d":2}],"b":1}');
  });
});
