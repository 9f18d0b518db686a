import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarDate } from './dates.ts';
import { orderTodo, owedExpenseYear, planYearEnded, reportItem, urgencyOf, type TodoItem } from './todo.ts';

test('a district owes last year’s report by 31 March: days left until then, days late after', () => {
  assert.equal(owedExpenseYear(calendarDate('2026-12-04')), 2025);
  assert.deepEqual(reportItem('LT2', calendarDate('2026-03-01'), false), { kind: 'report_due', district: 'LT2', expenseYear: 2025, deadline: '2026-03-31', daysLeft: 30 });
  assert.deepEqual(reportItem('LT2', calendarDate('2026-03-31'), false), { kind: 'report_due', district: 'LT2', expenseYear: 2025, deadline: '2026-03-31', daysLeft: 0 });
  assert.deepEqual(reportItem('LT2', calendarDate('2026-04-01'), false), { kind: 'report_late', district: 'LT2', expenseYear: 2025, deadline: '2026-03-31', daysLate: 1 });
  assert.equal(reportItem('LT2', calendarDate('2026-04-01'), true), null, 'submitted: nothing to do');
});

test('late first, then what is near (30 days) or blocked, then the rest, keeping the gathered order', () => {
  const due = (daysLeft: number): TodoItem => ({ kind: 'report_due', district: 'D', expenseYear: 2025, deadline: calendarDate('2026-03-31'), daysLeft });
  assert.equal(urgencyOf(due(30)), 'soon');
  assert.equal(urgencyOf(due(31)), 'open');
  const blocked: TodoItem = { kind: 'tranche', fund: 'FNPS', year: 2026, gatingAnnuality: 2024, eligible: false, missingToThreshold: 100 };
  const payable: TodoItem = { ...blocked, fund: 'FNA', eligible: true, missingToThreshold: 0 };
  const verify: TodoItem = { kind: 'reports_to_verify', reports: 2, lines: 40 };
  const late: TodoItem = { kind: 'reports_late', expenseYear: 2025, districts: ['RM1'] };
  assert.deepEqual(orderTodo([verify, payable, blocked, late, due(200)]), [late, blocked, verify, payable, due(200)]);
});

test('an evaluator validates a plan once its year has ended', () => {
  assert.equal(planYearEnded(2025, calendarDate('2026-01-01')), true);
  assert.equal(planYearEnded(2026, calendarDate('2026-12-31')), false);
});
