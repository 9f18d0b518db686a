/**
 * What a password must be (ASVS 4 V2.1): long enough, more than a few distinct characters, and
 * not one of the passwords people use most. The list of those is data shipped with Regia
 * (reference-data/common-passwords/, read by src/services/common-passwords.ts); the rule takes
 * it as a set of lower-case entries.
 *
 * A common password dressed with a capital and a trailing year or "!" is still that password to a
 * guesser, so the check also looks at the password without its trailing digits and symbols:
 * "Password1234!" is "password".
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
/** Fewer distinct characters than this ("aaaaaaaaaaab", "abababababab") is a pattern, not a password. */
export const MIN_DISTINCT_CHARACTERS = 5;
/** A stem shorter than this ("a" of "a12345678901") says nothing about the password. */
const MIN_STEM_LENGTH = 4;

export interface PasswordRefusal {
  readonly code: 'password.too_short' | 'password.too_long' | 'password.blank' | 'password.few_characters' | 'password.common' | 'password.username';
  readonly message: string;
}

/** The forms a guesser would try: the whole password in lower case, and its stem without trailing digits and symbols. */
export const guessableForms = (password: string): string[] => {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^\p{L}]+$/u, '');
  return stem !== lower && [...stem].length >= MIN_STEM_LENGTH ? [lower, stem] : [lower];
};

/** Why the password is refused, or null when it is accepted. */
export const passwordRefusal = (password: string, common: ReadonlySet<string>, username?: string): PasswordRefusal | null => {
  const length = [...password].length;
  if (password.trim() === '') return { code: 'password.blank', message: 'La password non può essere vuota o fatta solo di spazi' };
  if (length < MIN_PASSWORD_LENGTH) return { code: 'password.too_short', message: `La password deve avere almeno ${MIN_PASSWORD_LENGTH} caratteri (ne ha ${length})` };
  if (length > MAX_PASSWORD_LENGTH) return { code: 'password.too_long', message: `La password può avere al massimo ${MAX_PASSWORD_LENGTH} caratteri` };
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS)
    return { code: 'password.few_characters', message: `La password deve contenere almeno ${MIN_DISTINCT_CHARACTERS} caratteri diversi: una ripetizione si indovina subito` };
  const forms = guessableForms(password);
  const name = username?.trim().toLowerCase();
  if (name && forms.includes(name)) return { code: 'password.username', message: 'La password non può essere il nome utente' };
  if (forms.some((f) => common.has(f)))
    return { code: 'password.common', message: 'La password è tra le più usate, le prime che un attaccante prova (elenco NCSC delle 100.000 password più comuni): sceglierne un’altra' };
  return null;
};
