/**
 * AuditBatch (src/db/repositories/audit-bulk.ts) hashes a history import's audit entries ahead,
 * from the head as read when it begins. Whether the head stayed put or another entry was
 * appended meanwhile, the entries it appends are those appendAuditEntry would have written one
 * by one, and the chain verifies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/db/client.ts';
import { AuditBatch } from '../../src/db/repositories/audit-bulk.ts';
import { appendAuditEntry, auditContent, readHead, type AuditInput } from '../../src/db/repositories/audit.ts';
import { keyedHash } from '../../src/domain/audit/chain.ts';
import { verifyAudit } from '../../src/services/audit-log.ts';
import { SYSTEM } from '../../src/services/bootstrap.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';

const at = new Date('2026-12-04T10:00:00.000Z');
const input = (i: number): AuditInput => ({
  at,
  actor: 'sistema',
  action: 'assignment.import',
  entityType: 'assignment',
  entityId: `F01/2024/L1/D${i}/G1`,
  after: { amount: BigInt(i * 100), note: i % 3 === 0 ? 'con "virgolette", e virgole' : undefined },
  actId: i % 2 === 0 ? null : i,
});

/** Lets the event loop turn, so that the batch hashes ahead as it does while statements run. */
const idle = async (turns: number) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe(`audit entries hashed ahead (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const storedSince = async (seq: number) =>
    rowsOf<{ seq: number; hash: string; prev_hash: string; after: unknown }>(await t.ctx.database.db.execute(sql`select seq, hash, prev_hash, after from audit_entries where seq > ${seq} order by seq`));

  for (const moved of [false, true]) {
    it(moved ? 'the head moved after the batch began: every entry is hashed again from it' : 'the head stayed put: the entries hashed ahead are appended as they are', async () => {
      const key = t.ctx.audit.writingKey();
      const start = (await readHead(t.ctx.database.db)).lastSeq;
      const inputs = Array.from({ length: 4500 }, (_, i) => input(i + 1));
      await t.ctx.database.db.transaction(async (tx) => {
        const batch = new AuditBatch();
        await batch.begin(tx, key);
        for (const i of inputs) batch.push(i);
        await idle(5); // 2,000 entries per turn: all of them hashed ahead
        if (moved) await appendAuditEntry(tx, key, { at, actor: 'altro', action: 'user.create', entityType: 'user', entityId: 'x' });
        assert.equal(await batch.append(t.ctx.database, tx, key), inputs.length);
      });
      const rows = await storedSince(start + (moved ? 1 : 0));
      assert.equal(rows.length, inputs.length);
      // each entry is the one appendAuditEntry would have written at its place in the chain
      let prev = moved ? (await storedSince(start))[0]!.hash : (await rowsOf<{ h: string }>(await t.ctx.database.db.execute(sql`select coalesce((select hash from audit_entries where seq = ${start}), ${'0'.repeat(64)}) as h`)))[0]!.h;
      for (const [i, row] of rows.entries()) {
        const expected = keyedHash(key, auditContent(Number(row.seq), inputs[i]!), prev);
        assert.equal(row.prev_hash, prev);
        assert.equal(row.hash, expected, `entry ${row.seq}`);
        prev = row.hash;
      }
      const check = await verifyAudit(t.ctx, SYSTEM);
      assert.equal(check.intact, true);
    });
  }
});
