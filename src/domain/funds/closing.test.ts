import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { euro, type Cents } from '../money.ts';
import { DomainError } from '../errors.ts';
import { districtTotals } from './types.ts';
import { acknowledgedSums, requireVerifiedReport } from './acknowledgement.ts';
import { checkRepayment, consumeOffsets, offsetAgainstTranche, outstandingOf } from './receivables.ts';
import { lineMoves } from './redetermination-lines.ts';

const refuses = (fn: () => unknown, code: string, message?: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === code && (!message || message.test(e.message)));

describe('acknowledgement act', () => {
  it('is refused while lines are pending, naming how many', () => {
    refuses(() => requireVerifiedReport({ district: 'D01', fund: 'FNPS', annuality: 2023, lines: 12, pending: 3 }), 'funds.acknowledgement.pending_lines', /3 spese su 12 sono ancora da verificare/);
    refuses(() => requireVerifiedReport({ district: 'D01', fund: 'FNPS', annuality: 2023, lines: 12, pending: 1 }), 'funds.acknowledgement.pending_lines', /1 spesa su 12 è ancora/);
    refuses(() => requireVerifiedReport({ district: 'D01', fund: 'FNPS', annuality: 2023, lines: 0, pending: 0 }), 'funds.acknowledgement.no_lines');
    requireVerifiedReport({ district: 'D01', fund: 'FNPS', annuality: 2023, lines: 12, pending: 0 });
  });
  it('states reported, recognised, residual and unspent', () => {
    // assigned 100.000, disbursed 100.000, reported 70.000, recognised 60.000 (DOMAIN.md worked example)
    const s = acknowledgedSums(districtTotals({ assigned: euro('100.000'), disbursed: euro('100.000'), reported: euro('70.000'), recognised: euro('60.000') }));
    assert.deepEqual([s.reported, s.recognised, s.residual, s.unspent], [euro('70.000'), euro('60.000'), euro('40.000'), euro('40.000')]);
    // more recognised than disbursed: no negative residual
    const t = acknowledgedSums(districtTotals({ assigned: euro('100.000'), disbursed: euro('50.000'), reported: euro('80.000'), recognised: euro('80.000') }));
    assert.deepEqual([t.residual, t.unspent], [0n, euro('20.000')]);
  });
});

describe('receivables and their settlement', () => {
  it('offsets the worked example: € 40.000 withheld from a € 50.000 tranche, € 10.000 paid in cash', () => {
    const { offsets, outstanding } = consumeOffsets(euro('40.000'), [{ id: 1, amount: euro('50.000'), withheld: 0n as Cents }]);
    assert.deepEqual(offsets.map((o) => [o.tranche.id, o.withheld, o.paidInCash]), [[1, euro('40.000'), euro('10.000')]]);
    assert.equal(outstanding, 0n);
  });
  it('consumes offsets across tranches, skipping a tranche already fully withheld', () => {
    const tranches = [
      { id: 1, amount: euro('15.000'), withheld: euro('15.000') },
      { id: 2, amount: euro('25.000'), withheld: euro('5.000') },
      { id: 3, amount: euro('30.000'), withheld: 0n as Cents },
      { id: 4, amount: euro('30.000'), withheld: 0n as Cents },
    ];
    const { offsets, outstanding } = consumeOffsets(euro('45.000'), tranches);
    assert.deepEqual(offsets.map((o) => [o.tranche.id, o.withheld]), [[2, euro('20.000')], [3, euro('25.000')]]);
    assert.equal(outstanding, 0n);
    const short = consumeOffsets(euro('100.000'), tranches);
    assert.equal(short.outstanding, euro('100.000') - euro('20.000') - euro('60.000'));
  });
  it('refuses an offset larger than the tranche and a repayment beyond the debt, naming the sums', () => {
    refuses(() => offsetAgainstTranche(euro('40.000'), { amount: euro('30.000'), withheld: euro('5.000') }, euro('25.000,01')), 'funds.receivable.offset_over_tranche', /€ 25\.000,01.*€ 30\.000,00.*€ 5\.000,00/);
    refuses(() => offsetAgainstTranche(euro('10.000'), { amount: euro('30.000'), withheld: 0n as Cents }, euro('10.000,01')), 'funds.receivable.over_outstanding');
    assert.equal(offsetAgainstTranche(euro('40.000'), { amount: euro('30.000'), withheld: euro('5.000') }), euro('25.000'));
    refuses(() => checkRepayment(euro('1.000'), euro('1.000,01')), 'funds.receivable.over_outstanding', /€ 1\.000,01.*€ 1\.000,00/);
    assert.equal(outstandingOf(euro('40.000'), [{ amount: euro('25.000') }, { amount: euro('15.000') }]), 0n);
  });
});

describe('redetermination across intervention lines', () => {
  it('takes from the lines in code order and gives each destination its amount there, every line conserved', () => {
    const m = lineMoves(euro('50.000'), [{ line: 'L2', amount: euro('40.000') }, { line: 'L1', amount: euro('30.000') }], [{ to: 'D02', amount: euro('35.000') }, { to: 'regional', amount: euro('15.000') }]);
    assert.deepEqual(m.taken, [{ line: 'L1', amount: euro('30.000') }, { line: 'L2', amount: euro('20.000') }]);
    assert.deepEqual(m.given, [
      { to: 'D02', line: 'L1', amount: euro('30.000') },
      { to: 'D02', line: 'L2', amount: euro('5.000') },
      { to: 'regional', line: 'L2', amount: euro('15.000') },
    ]);
    refuses(() => lineMoves(euro('80.000'), [{ line: 'L1', amount: euro('30.000') }], []), 'funds.redetermination.over_lines');
  });
});
