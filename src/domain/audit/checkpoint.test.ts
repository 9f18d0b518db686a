import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointLine, makeCheckpoint, readCheckpoints } from './checkpoint.ts';
import { auditKey } from './keying.ts';

const key = auditKey(new Uint8Array(32).fill(5));
const cp = (seq: number) => makeCheckpoint(key, { seq, hash: String(seq).padStart(64, 'a'), at: `2026-01-0${seq}T10:00:00.000Z`, keyedFrom: 1 });

describe('audit checkpoints', () => {
  it('takes the furthest head as the latest, whatever the order of the lines', () => {
    const series = readCheckpoints(key, [cp(3), cp(5), cp(4)].map(checkpointLine));
    assert.equal(series.latest?.seq, 5);
    assert.equal(series.alteredLine, null);
  });
  it('names the first line edited by hand', () => {
    const edited = checkpointLine({ ...cp(4), seq: 2 });
    const series = readCheckpoints(key, [checkpointLine(cp(1)), edited, 'not json', checkpointLine(cp(3))]);
    assert.equal(series.alteredLine, 2);
    assert.equal(series.latest?.seq, 3);
  });
  it('tells a line made with another key', () => {
    const other = auditKey(new Uint8Array(32).fill(6));
    const series = readCheckpoints(key, [checkpointLine(makeCheckpoint(other, { seq: 1, hash: 'a'.repeat(64), at: '2026-01-01T00:00:00.000Z', keyedFrom: 1 }))]);
    assert.equal(series.otherKey, true);
    assert.equal(series.latest, null);
  });
  it('skips blank lines', () => assert.equal(readCheckpoints(key, ['', checkpointLine(cp(2)), '\n']).latest?.seq, 2));
});
