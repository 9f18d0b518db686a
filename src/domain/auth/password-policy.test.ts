import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guessableForms, passwordRefusal } from './password-policy.ts';

/** A few entries of the shipped list, enough for the rule (the real list is tested in test/integration/passwords-sessions.test.ts). */
const common = new Set(['password', 'qwertyuiopasdf', 'iloveyou']);
const code = (password: string, username?: string) => passwordRefusal(password, common, username)?.code ?? null;

describe('password policy', () => {
  it('refuses twelve spaces, and any password of spaces only', () => {
    assert.equal(code(' '.repeat(12)), 'password.blank');
    assert.equal(code('\t \n'.repeat(5)), 'password.blank');
  });

  it('refuses fewer than twelve characters, saying how many there are', () => {
    assert.equal(code('k7#Vq2!mZp9'), 'password.too_short');
    assert.equal(passwordRefusal('k7#Vq2!', common)?.message, 'La password deve avere almeno 12 caratteri (ne ha 7)');
    assert.equal(code('k7#Vq2!mZp9x'), null);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(code('😀ab😀cd😀ef😀gh'), null, 'twelve characters');
    assert.equal(code('😀😀😀😀😀😀'), 'password.too_short', 'six characters in twelve units');
  });

  it('refuses a repetition of a few characters', () => {
    assert.equal(code('aaaaaaaaaaab'), 'password.few_characters');
    assert.equal(code('abcdabcdabcd'), 'password.few_characters');
    assert.equal(code('abcdeabcdeab'), null);
  });

  it('refuses a common password, whatever its case, and dressed with trailing digits or symbols', () => {
    assert.equal(code('password1234'), 'password.common');
    assert.equal(code('Password1234!'), 'password.common');
    assert.equal(code('PASSWORD!!!!2026'), 'password.common');
    assert.equal(code('QwertyuiopAsdf'), 'password.common');
    assert.equal(code('iloveyou2026'), 'password.common');
  });

  it('accepts a common word inside a longer password, or with something after it that is not a year', () => {
    assert.equal(code('password-del-comune-di-roma'), null);
    assert.equal(code('passwordxyz1234'), null);
  });

  it('does not read a stem of one letter as a common password', () => {
    assert.deepEqual(guessableForms('a12345678901'), ['a12345678901']);
    assert.deepEqual(guessableForms('Password1234!'), ['password1234!', 'password']);
  });

  it('refuses the user name as password', () => {
    assert.equal(code('mario.rossi.roma', 'mario.rossi.roma'), 'password.username');
    assert.equal(code('Mario.Rossi.Roma2026', 'mario.rossi.roma'), 'password.username');
  });

  it('says in Italian why a common password is refused', () => {
    assert.match(passwordRefusal('password1234', common)!.message, /tra le più usate/);
  });
});
