/**
 * Domain errors are values with a stable code. The code is also the key of the
 * Italian/English message in `src/domain/messages.ts`; adapters map codes to
 * HTTP status (src/http/problem.ts) or to CLI exit code 1.
 */
export type ErrorKind =
  | 'invalid' // input breaks a rule: 422
  | 'not_found' // 404
  | 'conflict' // a state or limit forbids it now: 409
  | 'forbidden' // role or district may not: 403
  | 'unauthenticated'; // 401

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(kind: ErrorKind, code: string, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.params = params;
  }
}

export const invalid = (code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError('invalid', code, message, params);
export const notFound = (code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError('not_found', code, message, params);
export const conflict = (code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError('conflict', code, message, params);
export const forbidden = (code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError('forbidden', code, message, params);
