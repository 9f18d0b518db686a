import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { euro, cents, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import {
  PENDING,
  acknowledgeLine,
  recogniseAll,
  recognisePart,
  recognisedAmount,
  rejectLine,
  reopenLine,
  storedVerification,
  verificationFromReport,
  verifyLine,
  type VerifiableLine,
  type VerificationAction,
} from './verification.ts';

/** An expense line of € 12.500,00 reported by D01 on FNPS 2022, with its document reference. */
const line = (): VerifiableLine & { document: string } => ({ document: 'FT-12/2023', amount: euro('12.500'), verification: PENDING, acknowledged: false });

const ok = <L extends VerifiableLine>(r: { ok: true; line: L } | { ok: false; error: DomainError }): L => {
  if (!r.ok) assert.fail(r.error.message);
  return r.line;
};
const refused = (r: { ok: boolean; error?: DomainError }, code: string) => {
  assert.equal(r.ok, false);
  assert.equal(r.error?.code, code);
  assert.match(r.error!.message, /[a-z]/);
};

describe('verifying an expense line', () => {
  it('recognises all of it', () => {
    const l = ok(recogniseAll(line()));
    assert.deepEqual(l.verification, { status: 'recognised', recognised: euro('12.500') });
    assert.equal(l.document, 'FT-12/2023');
  });
  it('recognises part of it, with an optional reason', () => {
    const l = ok(recognisePart(line(), euro('10.000'), ' IVA non ammissibile '));
    assert.deepEqual(l.verification, { status: 'partially_recognised', recognised: euro('10.000'), reason: 'IVA non ammissibile' });
    assert.equal(recognisedAmount(l.verification), euro('10.000'));
  });
  it('a part equal to the whole line is a full recognition', () =>
    assert.equal(ok(recognisePart(line(), euro('12.500'))).verification.status, 'recognised'));
  it('refuses to recognise more than the line or a negative amount', () => {
    refused(recognisePart(line(), euro('12.500,01')), 'funds.limit.recognised_over_reported');
    refused(recognisePart(line(), cents(-1)), 'funds.limit.recognised_negative');
  });
  it('rejects with a reason: recognised 0', () => {
    const l = ok(rejectLine(line(), 'Spesa fuori annualità'));
    assert.deepEqual(l.verification, { status: 'rejected', recognised: 0n, reason: 'Spesa fuori annualità' });
  });
  it('refuses a rejection without a reason', () => refused(rejectLine(line(), '   '), 'funds.verification.reason_required'));
  it('can be verified again and reopened until the acknowledgement act', () => {
    const once = ok(rejectLine(line(), 'Documento mancante'));
    const again = ok(recogniseAll(once));
    assert.equal(again.verification.status, 'recognised');
    assert.deepEqual(ok(reopenLine(again)).verification, PENDING);
    refused(reopenLine(line()), 'funds.verification.not_verified');
  });
  it('the acknowledgement closes a verified line and refuses an unverified one', () => {
    refused(acknowledgeLine(line()), 'funds.verification.not_verified');
    const closed = ok(acknowledgeLine(ok(recognisePart(line(), euro('10.000')))));
    assert.equal(closed.acknowledged, true);
    refused(recogniseAll(closed), 'funds.verification.acknowledged');
    refused(acknowledgeLine(closed), 'funds.verification.acknowledged');
  });
  it('a reopened acknowledged line loses its acknowledgement: the report needs a new act', () => {
    const closed = ok(acknowledgeLine(ok(recognisePart(line(), euro('10.000')))));
    const reopened = ok(reopenLine(closed));
    assert.deepEqual([reopened.verification, reopened.acknowledged], [PENDING, false]);
    refused(acknowledgeLine(reopened), 'funds.verification.not_verified');
    assert.equal(ok(acknowledgeLine(ok(recogniseAll(reopened)))).acknowledged, true);
  });
  it('refuses a line with a non-positive amount', () =>
    refused(recogniseAll({ ...line(), amount: cents(0) }), 'funds.amount.not_positive'));
  it('any sequence of actions keeps 0 ≤ recognised ≤ amount and rejected lines at 0', () => {
    const actionArb: fc.Arbitrary<VerificationAction> = fc.oneof(
      fc.constant({ kind: 'recognise_all' as const }),
      fc.bigInt({ min: -10n, max: 1_300_000n }).map((r) => ({ kind: 'recognise_part' as const, recognised: r as Cents })),
      fc.string({ maxLength: 3 }).map((reason) => ({ kind: 'reject' as const, reason })),
      fc.constant({ kind: 'reopen' as const }),
      fc.constant({ kind: 'acknowledge' as const }),
    );
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 20 }), (actions) => {
        let l: VerifiableLine = line();
        for (const a of actions) {
          const r = verifyLine(l, a);
          if (r.ok) l = r.line;
          const rec = recognisedAmount(l.verification);
          assert.ok(rec >= 0n && rec <= l.amount);
          if (l.verification.status === 'rejected') assert.ok(rec === 0n && l.verification.reason.length > 0);
          if (l.acknowledged) assert.notEqual(l.verification.status, 'pending');
        }
      }),
    );
  });
});

describe('lines imported from spese.csv', () => {
  it('an empty importo_riconosciuto is not yet verified', () => assert.deepEqual(verificationFromReport(euro('100'), null), PENDING));
  it('0 is recognised as nothing, without a reason', () =>
    assert.deepEqual(verificationFromReport(euro('100'), cents(0)), { status: 'partially_recognised', recognised: 0n }));
  it('refuses more than the amount', () => assert.throws(() => verificationFromReport(euro('100'), euro('100,01')), DomainError));
});

describe('a line as stored (recognised amount and reason columns)', () => {
  const amount = euro('100');
  it('nothing recognised yet is pending', () => assert.deepEqual(storedVerification({ amount, recognised: null, rejectionReason: null }), PENDING));
  it('the whole amount is recognised', () => assert.equal(storedVerification({ amount, recognised: amount, rejectionReason: null }).status, 'recognised'));
  it('part of it, with or without a reason, is partially recognised', () => {
    assert.deepEqual(storedVerification({ amount, recognised: euro('40'), rejectionReason: 'fattura parziale' }), { status: 'partially_recognised', recognised: euro('40'), reason: 'fattura parziale' });
    assert.equal(storedVerification({ amount, recognised: cents(0), rejectionReason: null }).status, 'partially_recognised');
  });
  it('nothing recognised with a reason is a rejection', () =>
    assert.deepEqual(storedVerification({ amount, recognised: cents(0), rejectionReason: 'fuori periodo' }), { status: 'rejected', recognised: 0n, reason: 'fuori periodo' }));
  it('reads back what each verification stores', () => {
    const stored = (v: ReturnType<typeof storedVerification>) => ({ amount, recognised: v.status === 'pending' ? null : v.recognised, rejectionReason: 'reason' in v && v.reason !== undefined ? v.reason : null });
    for (const v of [PENDING, { status: 'recognised' as const, recognised: amount }, { status: 'partially_recognised' as const, recognised: euro('1') }, { status: 'rejected' as const, recognised: cents(0), reason: 'no' }]) {
      assert.deepEqual(storedVerification(stored(v)), v);
    }
  });
});
