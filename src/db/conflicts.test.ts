import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { conflictError, conflictKind } from './conflicts.ts';
import { DomainError } from '../domain/errors.ts';

/** The fields of a driver's error that matter here (pg and PGlite both set `code` to the SQLSTATE). */
const driverError = (code: string, message = 'errore del server') => Object.assign(new Error(message), { code, severity: 'ERROR' });

test('the four SQLSTATEs of a concurrent change are conflicts, each of its kind', () => {
  assert.equal(conflictKind(driverError('23505', 'duplicate key value violates unique constraint "expense_reports_key"')), 'unique');
  assert.equal(conflictKind(driverError('40001', 'could not serialize access due to concurrent update')), 'serialization');
  assert.equal(conflictKind(driverError('40P01', 'deadlock detected')), 'deadlock');
  assert.equal(conflictKind(driverError('55P03', 'could not obtain lock on row in relation "acts"')), 'lock');
});

test('the SQLSTATE is read through drizzle’s wrapped error and further causes', () => {
  const wrapped = new DrizzleQueryError('insert into users …', [], driverError('23505'));
  assert.equal(conflictKind(wrapped), 'unique');
  assert.equal(conflictKind(new Error('servizio', { cause: wrapped })), 'unique');
});

test('anything else is not a conflict: other SQLSTATEs, Node and Fastify codes, values that are not errors', () => {
  for (const e of [
    driverError('23503'), // a foreign key: a fault of the caller, not a race
    driverError('23514'),
    driverError('57P01'),
    driverError('40P0'),
    Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('x'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY' }),
    Object.assign(new Error('x'), { code: 23505 }),
    new DrizzleQueryError('select 1', [], driverError('42P01')),
    new Error('no code'),
    null,
    undefined,
    '23505',
    { code: 'toString' },
  ]) {
    assert.equal(conflictKind(e), null, String((e as { code?: unknown } | null)?.code ?? e));
    assert.equal(conflictError(e), null);
  }
});

test('a cycle of causes ends', () => {
  const a = new Error('a') as Error & { cause?: unknown };
  const b = new Error('b', { cause: a });
  a.cause = b;
  assert.equal(conflictKind(a), null);
});

test('a conflict becomes a DomainError of kind conflict with the Italian message, its advice by adapter', () => {
  const http = conflictError(new DrizzleQueryError('update …', [], driverError('40P01')));
  assert.ok(http instanceof DomainError);
  assert.equal(http.kind, 'conflict');
  assert.equal(http.code, 'db.conflict.deadlock');
  assert.equal(http.message, "Operazione in conflitto con un'altra modifica contemporanea: ricaricare la pagina e riprovare");
  assert.equal(conflictError(driverError('55P03'), 'cli')?.message, "Operazione in conflitto con un'altra modifica contemporanea: ripetere il comando");
});
