import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, keyedHash, unkeyedHash, type AuditContent, type ChainedEntry } from './chain.ts';
import { makeCheckpoint, readCheckpoints, checkpointLine } from './checkpoint.ts';
import { auditKey, markerContent, type AuditKey } from './keying.ts';
import { verifyAuditChain, type VerifyInput } from './verification.ts';

const key = auditKey(new Uint8Array(32).fill(1));
const wrongKey = auditKey(new Uint8Array(32).fill(2));

const contentOf = (seq: number): AuditContent => ({ seq, at: `2026-01-01T10:00:${String(seq).padStart(2, '0')}.000Z`, actor: 'admin', action: 'act.create', entityType: 'act', entityId: String(seq), before: null, after: { n: seq }, actId: null });

/** Entries `from`…`to` after `prev`, hashed with `hash` (keyed by default). */
const extend = (chain: ChainedEntry[], to: number, hash: (c: AuditContent, prev: string) => string = (c, p) => keyedHash(key, c, p), content = contentOf) => {
  for (let seq = chain.length + 1; seq <= to; seq++) {
    const prevHash = chain.at(-1)?.hash ?? GENESIS_HASH;
    const c = content(seq);
    chain.push({ ...c, prevHash, hash: hash(c, prevHash) });
  }
  return chain;
};
const headOf = (c: ChainedEntry[]) => ({ lastSeq: c.at(-1)?.seq ?? 0, lastHash: c.at(-1)?.hash ?? GENESIS_HASH });
const checkpointOf = (c: ChainedEntry[], keyedFrom = 1, k: AuditKey = key) =>
  readCheckpoints(key, [checkpointLine(makeCheckpoint(k, { seq: headOf(c).lastSeq, hash: headOf(c).lastHash, at: '2026-01-02T00:00:00.000Z', keyedFrom }))]);
const input = (over: Partial<VerifyInput> = {}): VerifyInput => ({ key, checkpoints: null, markerSeq: null, ...over });
/** Re-hashes every entry from index i on, as someone rewriting the chain would. */
const rehashFrom = (c: ChainedEntry[], i: number, hash: (c: AuditContent, prev: string) => string) => {
  for (let j = i; j < c.length; j++) {
    const prevHash = j === 0 ? GENESIS_HASH : c[j - 1]!.hash;
    c[j] = { ...c[j]!, prevHash, hash: hash(c[j]!, prevHash) };
  }
};

describe('audit verification', () => {
  it('accepts an intact keyed chain and names the checkpoint it agrees with', () => {
    const c = extend([], 5);
    assert.deepEqual(verifyAuditChain(input({ checkpoints: checkpointOf(c) }), c, headOf(c)), { intact: true, entries: 5, checkpoint: { seq: 5, at: '2026-01-02T00:00:00.000Z' } });
  });
  it('accepts an empty log', () => assert.deepEqual(verifyAuditChain(input(), [], headOf([])), { intact: true, entries: 0, checkpoint: null }));

  it('names an altered entry', () => {
    const c = extend([], 5);
    const head = headOf(c);
    c[2] = { ...c[2]!, after: { n: 999 } };
    assert.deepEqual(verifyAuditChain(input(), c, head), { intact: false, entries: 3, firstBroken: 3, reason: 'altered' });
  });
  it('names a deleted entry in the middle', () => {
    const c = extend([], 5);
    const head = headOf(c);
    c.splice(1, 1);
    const r = verifyAuditChain(input(), c, head);
    assert.ok(!r.intact && r.firstBroken === 2 && r.reason === 'missing', JSON.stringify(r));
  });
  it('names entries deleted at the end when the head was left as it was', () => {
    const c = extend([], 5);
    const r = verifyAuditChain(input(), c.slice(0, 4), headOf(c));
    assert.ok(!r.intact && r.reason === 'head' && r.firstBroken === 5);
  });
  it('names entries deleted at the end with the head rewound, through the checkpoint', () => {
    const c = extend([], 5);
    const kept = c.slice(0, 3);
    const r = verifyAuditChain(input({ checkpoints: checkpointOf(c) }), kept, headOf(kept));
    assert.deepEqual(r, { intact: false, entries: 3, firstBroken: 4, reason: 'rewound', checkpoint: { seq: 5, at: '2026-01-02T00:00:00.000Z' } });
  });
  it('names an entry forged and every later one re-hashed with plain SHA-256', () => {
    const c = extend([], 6);
    const cps = checkpointOf(c);
    c[2] = { ...c[2]!, after: { n: 42 } };
    rehashFrom(c, 2, unkeyedHash);
    const r = verifyAuditChain(input({ checkpoints: cps }), c, headOf(c));
    assert.ok(!r.intact && r.firstBroken === 3 && r.reason === 'unkeyed', JSON.stringify(r));
  });
  it('names an entry forged and every later one re-hashed with a wrong key', () => {
    const c = extend([], 6);
    const cps = checkpointOf(c);
    c[2] = { ...c[2]!, after: { n: 42 } };
    rehashFrom(c, 2, (x, p) => keyedHash(wrongKey, x, p));
    assert.deepEqual(verifyAuditChain(input({ checkpoints: cps }), c, headOf(c)), { intact: false, entries: 3, firstBroken: 3, reason: 'altered' });
  });
  it('names the checkpoint when the chain after it was rewritten by the key holder (a restored older copy)', () => {
    const c = extend([], 4);
    const cps = checkpointOf(c);
    const other = extend(c.slice(0, 2), 5, undefined, (seq) => ({ ...contentOf(seq), actor: 'altro' }));
    const r = verifyAuditChain(input({ checkpoints: cps }), other, headOf(other));
    assert.ok(!r.intact && r.reason === 'checkpoint' && r.firstBroken === 4, JSON.stringify(r));
  });
  it('says the key is missing', () => {
    const c = extend([], 2);
    assert.deepEqual(verifyAuditChain(input({ key: null }), c, headOf(c)), { intact: false, entries: 0, firstBroken: null, reason: 'key-missing' });
  });
  it('says the key is another one, from the checkpoints or from the entries themselves', () => {
    const c = extend([], 5);
    const fromCheckpoints = verifyAuditChain(input({ key: wrongKey, checkpoints: readCheckpoints(wrongKey, [checkpointLine(makeCheckpoint(key, { seq: 5, hash: headOf(c).lastHash, at: 'x', keyedFrom: 1 }))]) }), c, headOf(c));
    assert.equal(!fromCheckpoints.intact && fromCheckpoints.reason, 'key-different');
    const fromEntries = verifyAuditChain(input({ key: wrongKey }), c, headOf(c));
    assert.equal(!fromEntries.intact && fromEntries.reason, 'key-different');
  });
  it('names an edited line of the checkpoint file', () => {
    const c = extend([], 2);
    const edited = { ...makeCheckpoint(key, { seq: 2, hash: headOf(c).lastHash, at: 'x', keyedFrom: 1 }), seq: 1 };
    const r = verifyAuditChain(input({ checkpoints: readCheckpoints(key, [checkpointLine(edited)]) }), c, headOf(c));
    assert.deepEqual(r, { intact: false, entries: 0, firstBroken: null, reason: 'checkpoint-file', line: 1 });
  });

  describe('an older, unkeyed chain', () => {
    const legacy = () => {
      const c = extend([], 3, unkeyedHash);
      const prevHash = c[2]!.hash;
      const m = markerContent(4, '2026-01-01T11:00:00.000Z', key);
      c.push({ ...m, prevHash, hash: keyedHash(key, m, prevHash) });
      return extend(c, 6);
    };
    it('verifies its unkeyed entries as before, then keyed ones from the marker', () => {
      const c = legacy();
      assert.equal(verifyAuditChain(input({ markerSeq: 4 }), c, headOf(c)).intact, true);
      assert.equal(verifyAuditChain(input({ checkpoints: checkpointOf(c, 4) }), c, headOf(c)).intact, true);
    });
    it('still names an altered unkeyed entry', () => {
      const c = legacy();
      c[1] = { ...c[1]!, actor: 'altro' };
      assert.deepEqual(verifyAuditChain(input({ markerSeq: 4 }), c, headOf(c)), { intact: false, entries: 2, firstBroken: 2, reason: 'altered' });
    });
    it('refuses to drop back to unkeyed hashing: the marker removed and the rest re-hashed plainly', () => {
      const c = legacy();
      const cps = checkpointOf(c, 4);
      const stripped = c.filter((e) => e.seq !== 4).map((e) => (e.seq > 4 ? { ...e, seq: e.seq - 1 } : e));
      rehashFrom(stripped, 3, unkeyedHash);
      // Without a checkpoint the chain is then entirely plain: entry 1 is due keyed.
      const alone = verifyAuditChain(input(), stripped, headOf(stripped));
      assert.ok(!alone.intact && alone.reason === 'unkeyed' && alone.firstBroken === 1, JSON.stringify(alone));
      const anchored = verifyAuditChain(input({ checkpoints: cps }), stripped, headOf(stripped));
      assert.ok(!anchored.intact && anchored.reason === 'unkeyed' && anchored.firstBroken === 4, JSON.stringify(anchored));
    });
  });
});
