/**
 * The database's own word that two writers met: a unique key taken by another transaction
 * meanwhile (23505), a serialization failure (40001), a deadlock (40P01), a lock not available
 * (55P03). Each is a conflict with a concurrent change, not a fault: the request may simply be
 * sent again, so the adapters answer 409 (HTTP) or exit 1 (CLI) with an Italian message instead
 * of an internal error.
 *
 * Drizzle wraps the driver's error (`DrizzleQueryError`, the pg or PGlite error as `cause`), and
 * a service may wrap it again: the SQLSTATE is looked for along the chain of causes.
 */
import { conflict, type DomainError } from '../domain/errors.ts';

export type ConflictKind = 'unique' | 'serialization' | 'deadlock' | 'lock';

const KINDS: Readonly<Record<string, ConflictKind>> = {
  '23505': 'unique',
  '40001': 'serialization',
  '40P01': 'deadlock',
  '55P03': 'lock',
};

/** How deep to follow `cause`: a cycle must not hang the error handler. */
const MAX_DEPTH = 8;

/** The kind of conflict an error (or one of its causes) reports, or null for anything else. */
export const conflictKind = (error: unknown): ConflictKind | null => {
  let e: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(KINDS, code)) return KINDS[code]!;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
};

/** What to do next, for a user of the web pages or the API (HTTP) or of the command line (CLI). */
const ADVICE = { http: 'ricaricare la pagina e riprovare', cli: 'ripetere il comando' } as const;

/** The DomainError (conflict: 409, exit 1) a database conflict becomes; null for any other error. */
export const conflictError = (error: unknown, adapter: keyof typeof ADVICE = 'http'): DomainError | null => {
  const kind = conflictKind(error);
  return kind === null ? null : conflict(`db.conflict.${kind}`, `Operazione in conflitto con un'altra modifica contemporanea: ${ADVICE[adapter]}`);
};
