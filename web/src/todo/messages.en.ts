import type { todoIt } from './messages.it.ts';

export const todoEn: Record<keyof typeof todoIt, string> = {
  'todo.title': 'What needs you now',
  'todo.empty': 'Nothing waiting: no deadlines, verifications or open requests for you.',
  'todo.urgency.late': 'Overdue',
  'todo.urgency.soon': 'Due soon',
  'todo.urgency.open': 'To do',
  'todo.reportsToVerify': '{reports, plural, one {# submitted report} other {# submitted reports}} with {lines, plural, one {# expense} other {# expenses}} to verify',
  'todo.correctionsToDecide': '{requests, plural, one {# correction request} other {# correction requests}} to decide',
  'todo.correctionsMine': '{requests, plural, one {# correction request of yours is} other {# correction requests of yours are}} waiting for the Region',
  'todo.trancheBlocked': '{fund}: the {year} tranche cannot be requested yet; annuality {gating} needs {missing} more recognised expenditure to reach 75%',
  'todo.tranchePayable': '{fund}: the {year} tranche can be requested; annuality {gating} has reached 75% recognised expenditure',
  'todo.reportsLate': 'Expense report {year} not submitted by 31 March: {count, plural, one {# district} other {# districts}} ({districts})',
  'todo.reportDue': 'Expense report {year} of district {district}: due by {deadline} ({days, plural, =0 {due today} one {# day left} other {# days left}})',
  'todo.reportLate': 'Expense report {year} of district {district}: overdue since {deadline} ({days, plural, one {# day} other {# days}} late)',
  'todo.objectivesToReport': '{year} plan of {body}: {objectives, plural, one {# objective} other {# objectives}} without actual values or year-end report',
  'todo.planToValidate': '{year} plan of {body}: to validate',
  'todo.open': 'Open',
};
