/**
 * The shipped list of common passwords (reference-data/common-passwords/README.md), read once,
 * on the first password checked, into a set of lower-case entries: 100,000 entries are about
 * 1 MB on disk and a few MB in memory, not worth holding by processes that never set a password.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordRefusal } from '../domain/auth/password-policy.ts';
import { invalid } from '../domain/errors.ts';

export const COMMON_PASSWORDS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../reference-data/common-passwords/ncsc-100k.txt');

let loaded: ReadonlySet<string> | null = null;

export const commonPasswords = (): ReadonlySet<string> => {
  if (!loaded) {
    const entries = readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.replace(/\r$/, '').toLowerCase())
      .filter((line) => line !== '');
    loaded = new Set(entries);
  }
  return loaded;
};

/** Throws the policy's refusal (422, with its Italian reason) when the password may not be used. */
export const requireAcceptablePassword = (password: string, username?: string): void => {
  const refusal = passwordRefusal(password, commonPasswords(), username);
  if (refusal) throw invalid(refusal.code, refusal.message);
};
